// Targets for result rows: every row says its target, whether it is met and, when it is not,
// by how much it is missed (relative to the target, in the target's own terms).

const fmt = (x) => String(Number(x.toPrecision(3)));
/** A relative miss as a percentage; tiny misses (a figure that rounds to the target) stay visible. */
export const percent = (off) => (off < 0.001 ? '< 0.1%' : `${(off * 100).toFixed(1)}%`);

/**
 * `{ target, met, missedBy? }` for a figure checked against `op limit` (`<=` an upper bound,
 * `>=` a lower bound); `unit` is appended to the numbers (e.g. 'x', ' ms', ' KB').
 */
export function checkTarget(value, op, limit, unit = '') {
  const target = `${op} ${fmt(limit)}${unit}`;
  if (!Number.isFinite(value)) return { target, met: false, missedBy: 'no figure' };
  const met = op === '<=' ? value <= limit : value >= limit;
  if (met) return { target, met };
  const off = op === '<=' ? value / limit - 1 : 1 - value / limit;
  return {
    target,
    met,
    missedBy: `${Number(value.toPrecision(4))}${unit} vs ${target}: ${percent(off)} ${op === '<=' ? 'over' : 'under'}`,
  };
}

/** Several checks that must all hold, as one target. */
export function checkAll(...checks) {
  return {
    target: checks.map((c) => c.target).join(' and '),
    met: checks.every((c) => c.met),
    ...(checks.some((c) => !c.met)
      ? {
          missedBy: checks
            .filter((c) => !c.met)
            .map((c) => c.missedBy)
            .join('; '),
        }
      : {}),
  };
}

/**
 * Issue 7's targets for rows of suites that report a figure without checking it themselves
 * (or without saying by how much they miss). The harness applies them to the summarized row
 * unless the suite already gave `missedBy` (then the suite's own check stands).
 */
const ISSUE_TARGETS = [
  {
    suite: 'store',
    metric: /^durable create p95/,
    check: (row) => checkTarget(row.figure, '<=', 30, ' ms'),
  },
  {
    suite: 'store',
    metric: /^audit append rate/,
    check: (row) =>
      checkAll(
        checkTarget(row.figure, '>=', 10_000, '/s'),
        checkTarget(row.extra?.time_ratio ?? 1 / row.ratio, '<=', 1.3, 'x time'),
      ),
  },
  {
    suite: 'store',
    metric: /^audit verify/,
    check: (row) => checkTarget(row.ratio, '<=', 2, 'x'),
  },
];

/** The row with issue 7's target applied where one exists and the suite did not check it. */
export function applyIssueTargets(row) {
  if (row.missedBy !== undefined || row.met === true) return row;
  const rule = ISSUE_TARGETS.find((r) => r.suite === row.suite && r.metric.test(row.metric));
  return rule ? { ...row, ...rule.check(row) } : row;
}
