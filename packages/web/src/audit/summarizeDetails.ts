import { showsInFull } from '@veil/policy';
import type { Translate } from '../app/i18n.js';
import { en, type MessageKey } from '../app/messages.js';

/** The `kind` of a reveal's audit details (an audit entry kind, not an access level). */
const REVEAL_ENTRY = 'reveal';

interface ReadRecord {
  fields?: { path?: unknown; access?: unknown }[];
}

function shorten(value: unknown, t: Translate): string {
  if (value === true) return t('common.yes');
  if (value === false) return t('common.no');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => shorten(v, t)).join(', ');
  if (typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  }
  return String(value);
}

/** A detail key in the reader's language (`auditKey.<key>`); an unknown key as it is. */
function keyLabel(key: string, t: Translate): string {
  const id = `auditKey.${key}`;
  return Object.hasOwn(en, id) ? t(id as MessageKey) : key;
}

function fieldPaths(records: ReadRecord[]): string[] {
  return [...new Set(records.flatMap((r) => (r.fields ?? []).map((f) => String(f.path ?? ''))))].filter(
    (p) => p !== '',
  );
}

/**
 * An audit entry's details in a line a person reads, in their language: reads as counts of records
 * and of fields by access level (not the field list of every record), writes as the fields they
 * touched, anything else as `key: value` pairs with the keys translated.
 */
export function summarizeDetails(details: Record<string, unknown>, t: Translate): string {
  const records = Array.isArray(details.records) ? (details.records as ReadRecord[]) : undefined;
  if (details.kind === 'read' && records) {
    const counts = { full: 0, masked: 0 };
    for (const record of records)
      for (const field of record.fields ?? []) {
        if (showsInFull(field.access)) counts.full += 1;
        else counts.masked += 1;
      }
    return t('auditDetails.read', { n: records.length, full: counts.full, masked: counts.masked });
  }
  if (records && (details.kind === 'write' || details.kind === 'create' || details.kind === 'delete')) {
    const paths = fieldPaths(records);
    return t('auditDetails.fields', { n: paths.length, fields: paths.slice(0, 6).join(', ') });
  }
  if (records && details.kind === REVEAL_ENTRY) {
    const reveal = details.reveal as { path?: unknown } | undefined;
    return t('auditDetails.reveal', { field: String(reveal?.path ?? '—') });
  }
  const text = Object.entries(details)
    .filter(([key]) => key !== 'records')
    .map(([key, value]) => `${keyLabel(key, t)}: ${shorten(value, t)}`)
    .join(' · ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}
