// Aggregation and formatting for bench/run.mjs.
import { applyIssueTargets, percent } from './target.mjs';

const KNOWN = new Set([
  'figure',
  'unit',
  'baseline',
  'baseline_ms',
  'baselineLabel',
  'ratio',
  'target',
  'met',
  'missedBy',
  'metric',
  'size',
  'suite',
  'ms',
  'extra',
]);

const finite = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** The median of finite numbers (lower middle for an even count), or undefined. */
function median(values) {
  const xs = values.filter((x) => finite(x) !== undefined).sort((a, b) => a - b);
  return xs.length === 0 ? undefined : xs[Math.floor((xs.length - 1) / 2)];
}

/** One suite result in the harness's shape; tolerates `{ ms, baseline_ms }` rows too. */
function normalize(raw, index, count, suite, input) {
  const figure = finite(raw.figure) ?? finite(raw.ms);
  const baseline = finite(raw.baseline) ?? finite(raw.baseline_ms);
  const extra = { ...(raw.extra ?? {}) };
  for (const [key, value] of Object.entries(raw)) if (!KNOWN.has(key)) extra[key] = value;
  const baselineLabel = typeof raw.baseline === 'string' ? raw.baseline : raw.baselineLabel;
  if (baselineLabel !== undefined) extra.baseline = baselineLabel;
  return {
    metric: String(raw.metric ?? (count > 1 ? `#${index + 1}` : suite)),
    size: raw.size ?? input.size,
    figure,
    unit: raw.unit ?? (raw.ms !== undefined ? 'ms' : ''),
    baseline,
    ratio: finite(raw.ratio) ?? (figure !== undefined && baseline ? figure / baseline : undefined),
    ...targetOf(raw, finite(raw.ratio) ?? (figure !== undefined && baseline ? figure / baseline : undefined)),
    extra,
  };
}

/**
 * Target, met and missed-by of a raw row. A bare numeric target is a bound on the ratio
 * (`ratio <= target`, as the projection suite reports it); a row without one is "reported".
 */
function targetOf(raw, ratio) {
  const met = typeof raw.met === 'boolean' ? raw.met : undefined;
  if (raw.target === undefined || raw.target === null)
    return { target: 'reported', met, missedBy: raw.missedBy };
  if (typeof raw.target !== 'number') return { target: raw.target, met, missedBy: raw.missedBy };
  const target = `<= ${raw.target}x`;
  const missedBy =
    raw.missedBy ??
    (met === false && ratio !== undefined
      ? `${Number(ratio.toPrecision(4))}x vs ${target}: ${percent(ratio / raw.target - 1)} over`
      : undefined);
  return { target, met, missedBy };
}

/**
 * Collapses the repetitions of one suite into one row per metric: medians of figure,
 * baseline and ratio, the spread of the figure, and target/met/extra of the median run.
 */
export function summarize(suite, runs, input) {
  const count = Math.max(...runs.map((rows) => rows.length));
  const out = [];
  for (let i = 0; i < count; i++) {
    const samples = runs
      .map((rows) => rows[i])
      .filter((raw) => raw && typeof raw === 'object')
      .map((raw) => normalize(raw, i, count, suite, input));
    if (samples.length === 0) continue;
    const figures = samples.map((s) => s.figure).filter((x) => x !== undefined);
    const figure = median(figures);
    const byRatio = [...samples].sort((a, b) => (a.ratio ?? a.figure ?? 0) - (b.ratio ?? b.figure ?? 0));
    const middle = byRatio[Math.floor((byRatio.length - 1) / 2)];
    const spread =
      figures.length > 1 && figure ? (Math.max(...figures) - Math.min(...figures)) / figure : undefined;
    out.push(
      applyIssueTargets({
        suite,
        metric: middle.metric,
        size: middle.size,
        figure,
        unit: middle.unit,
        baseline: median(samples.map((s) => s.baseline)),
        ratio: median(samples.map((s) => s.ratio)),
        target: middle.target,
        met: middle.met,
        missedBy: middle.missedBy,
        spread,
        samples: { figure: figures, ratio: samples.map((s) => s.ratio) },
        extra: middle.extra,
      }),
    );
  }
  return out;
}

function num(x) {
  if (x === undefined || x === null) return '';
  if (typeof x !== 'number') return typeof x === 'object' ? JSON.stringify(x) : String(x);
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(abs >= 1 ? 4 : 3)));
}

const HEADERS = [
  'suite',
  'metric',
  'size',
  'figure',
  'unit',
  'baseline',
  'ratio',
  'target',
  'met',
  'missed by',
  'spread',
];

function cells(r) {
  return [
    r.suite,
    r.metric,
    num(r.size),
    num(r.figure),
    r.unit ?? '',
    num(r.baseline),
    num(r.ratio),
    num(r.target),
    r.met === undefined ? '—' : r.met ? 'yes' : 'NO',
    r.missedBy ?? '',
    r.spread === undefined ? '' : `±${(r.spread * 50).toFixed(1)}%`,
  ];
}

/** A plain-text table for the terminal. */
export function formatTable(results) {
  const rows = [HEADERS, ...results.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((row) => [...row[c]].length)));
  const line = (row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The Markdown report written next to latest.json. */
export function formatMarkdown(report) {
  const { stamp, results, errors } = report;
  const lines = [
    `# Benchmarks (${stamp.mode})`,
    '',
    `- commit: \`${stamp.commit}\`${stamp.dirty ? ' (uncommitted changes)' : ''}`,
    `- date: ${stamp.date}`,
    `- node: ${stamp.node}, ${stamp.cores} cores (${stamp.cpu}), ${stamp.platform}`,
    ...(stamp.loadavg
      ? [
          `- load average (1/5/15 min) at start ${stamp.loadavg.start.join(' / ')}, at end ${stamp.loadavg.end.join(' / ')} — the machine is shared; a load above ${stamp.cores} means the benchmarks competed for CPU`,
        ]
      : []),
    ...(stamp.durationS !== undefined ? [`- total run time: ${stamp.durationS} s (build not included)`] : []),
    ...(stamp.suites
      ? [
          `- runs per suite (warm-up + repetitions within the time budget): ${stamp.suites
            .map((s) => `${s.suite} ${s.warmup}+${s.repetitions} in ${s.seconds} s`)
            .join(', ')}`,
        ]
      : []),
    `- figure and baseline are medians over the repetitions; ratio = figure / baseline in the same run; met — = reported, no target; spread = ±half the range of the figure`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...results.map(
      (r) =>
        `| ${cells(r)
          .map((c) => c.replaceAll('|', '\\|'))
          .join(' | ')} |`,
    ),
  ];
  const withExtra = results.filter((r) => Object.keys(r.extra ?? {}).length > 0);
  if (withExtra.length > 0) {
    lines.push('', '## Details', '');
    for (const r of withExtra) lines.push(`- **${r.suite} / ${r.metric}**: \`${JSON.stringify(r.extra)}\``);
  }
  if (errors.length > 0) {
    lines.push('', '## Errors', '');
    for (const e of errors) lines.push(`- **${e.suite}**: ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}
