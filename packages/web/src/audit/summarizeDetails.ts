import { showsInFull } from '@veil/policy';
import type { Translate } from '../app/i18n.js';

interface ReadRecord {
  fields?: { access?: unknown }[];
}

function shorten(value: unknown): string {
  if (Array.isArray(value)) return value.map(shorten).join(', ');
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  }
  return String(value);
}

/**
 * An audit entry's details in a line a person reads: reads as counts of records and of fields
 * by access level (not the field list of every record), anything else as `key: value` pairs.
 */
export function summarizeDetails(details: Record<string, unknown>, t: Translate): string {
  const records = details.records;
  if (details.kind === 'read' && Array.isArray(records)) {
    const counts = { full: 0, masked: 0 };
    for (const record of records as ReadRecord[])
      for (const field of record.fields ?? []) {
        if (showsInFull(field.access)) counts.full += 1;
        else counts.masked += 1;
      }
    return t('auditDetails.read', { n: records.length, full: counts.full, masked: counts.masked });
  }
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${shorten(value)}`)
    .join(' · ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}
