import type { ResolvedMask } from '../privacy.js';
import { PROCESSING_LABELS, type ProcessingLabels } from './processingLabels.js';
import type {
  AudienceEntry,
  ProcessingField,
  ProcessingRecord,
  ProcessingRetention,
} from './processingRecord.js';

/** Escapes what would break a Markdown table cell or start markup. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/** East Asian wide and fullwidth characters take two columns in a monospaced font. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** A table with padded columns, readable as plain text too. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - displayWidth(c))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}

function retentionText(r: ProcessingRetention | undefined, l: ProcessingLabels): string {
  if (r === undefined) return l.none;
  const anchor =
    r.after === 'createdAt'
      ? l.createdAt
      : r.after === 'updatedAt'
        ? l.updatedAt
        : (r.afterTitle ?? code(r.after));
  return l.retentionText(r.days, anchor, l.actionName[r.action]);
}

function maskText(mask: ResolvedMask, l: ProcessingLabels): string {
  switch (mask.style) {
    case 'partial':
      return l.maskPartial(mask.keepStart, mask.keepEnd);
    case 'range':
      return l.maskRange(mask.bounds.join(l.listSeparator), mask.unit ?? '');
    default:
      return l.maskName[mask.style];
  }
}

function audienceText(entries: AudienceEntry[], record: ProcessingRecord, l: ProcessingLabels): string {
  return entries
    .map((e) => {
      const title = record.roles.find((r) => r.id === e.role)?.title ?? e.role;
      return e.everywhere
        ? title
        : l.qualified(title, e.relations.map((r) => l.relation[r]).join(l.listSeparator));
    })
    .join(l.listSeparator);
}

function fieldAudience(field: ProcessingField, record: ProcessingRecord, l: ProcessingLabels): string[] {
  const lines = [`### ${cell(field.title)} ${code(field.path)}`, ''];
  const groups = [
    [l.full, field.audience.full],
    [l.reveal, field.audience.reveal],
    [l.masked, field.audience.masked],
    [l.hidden, field.audience.hidden],
    [l.edit, field.audience.edit],
  ] as const;
  for (const [label, entries] of groups) {
    if (entries.length > 0) lines.push(`- ${label}${l.colon}${audienceText(entries, record, l)}`);
  }
  if (field.audience.masked.length > 0 || field.audience.reveal.length > 0) {
    lines.push(`- ${l.maskedAs}${l.colon}${maskText(field.mask, l)}`);
  }
  const safeguards = [
    field.encrypted ? l.encryptedAtRest : undefined,
    field.search === 'exact' ? l.blindIndex : undefined,
    field.scan ? l.scanned : undefined,
  ].filter((s): s is string => s !== undefined);
  if (safeguards.length > 0) lines.push(`- ${l.protections}${l.colon}${safeguards.join(l.listSeparator)}`);
  lines.push('');
  return lines;
}

/** Renders the record as printable Markdown, deterministic for a given record. */
export function renderProcessingMarkdown(record: ProcessingRecord): string {
  const l = PROCESSING_LABELS[record.locale];
  const lines: string[] = [`# ${cell(l.heading(record.template.title))}`, ''];
  if (record.template.description !== undefined) lines.push(record.template.description, '');
  lines.push(l.intro, '', `## ${l.overview}`, '');
  lines.push(
    ...table(
      [l.item, l.value],
      [
        [l.template, l.templateVersion(record.template.id, record.template.version)],
        [l.policyVersion, String(record.policyVersion)],
        [l.subject, record.subject.length > 0 ? record.subject.map(code).join(l.listSeparator) : l.none],
        [l.defaultRetention, retentionText(record.retention, l)],
        [l.publishable, record.publishable ? l.yes : l.no],
      ],
    ),
    '',
  );

  lines.push(`## ${l.purposes}`, '');
  if (record.purposes.length === 0) lines.push(l.none, '');
  else {
    lines.push(
      ...table(
        [l.purpose, l.description, l.basis],
        record.purposes.map((p) => [
          code(p.id),
          cell(p.title),
          p.basis.map((b) => l.basisName[b]).join(l.listSeparator) || l.none,
        ]),
      ),
      '',
    );
  }

  lines.push(`## ${l.fields}`, '');
  if (record.fields.length === 0) lines.push(l.noPersonalFields, '');
  else {
    lines.push(
      ...table(
        [l.field, l.path, l.categories, l.level, l.purpose, l.basis, l.retention, l.encrypted, l.export],
        record.fields.map((f) => [
          cell(f.title),
          code(f.path),
          f.categories.map((c) => l.categoryName[c]).join(l.listSeparator) || l.none,
          l.levelName[f.level],
          f.purpose !== undefined ? code(f.purpose.id) : l.none,
          f.basis !== undefined ? l.basisName[f.basis] : l.none,
          retentionText(f.retention, l),
          f.encrypted ? l.yes : l.no,
          l.exportName[f.export],
        ]),
      ),
      '',
    );
    lines.push(`## ${l.audience}`, '');
    for (const field of record.fields) lines.push(...fieldAudience(field, record, l));
  }

  lines.push(`## ${l.exports}`, '');
  for (const rule of ['allow', 'masked', 'approval', 'deny'] as const) {
    const fields = record.fields.filter((f) => f.export === rule);
    if (fields.length > 0) {
      lines.push(
        `- ${l.exportName[rule]}${l.colon}${fields.map((f) => `${cell(f.title)} ${code(f.path)}`).join(l.listSeparator)}`,
      );
    }
  }
  lines.push('', l.exportApproval(record.exportApprovalRows), '');

  lines.push(`## ${l.acknowledged}`, '');
  if (record.acknowledgements.length === 0) lines.push(l.noAcknowledgements, '');
  else {
    lines.push(
      ...table(
        [l.code, l.path, l.finding, l.reason],
        record.acknowledgements.map((a) => [code(a.code), code(a.path), cell(a.message), cell(a.reason)]),
      ),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
