import type { Relation } from '@veil/schema';
import { detectPii } from '../pii/detectPii.js';
import { maskText } from '../pii/maskText.js';
import { FULL } from './accessRank.js';
import type { FieldNode } from './fieldTree.js';
import type { RoleSetTables } from './roleSetTables.js';

/**
 * Whether PII found inside a scanned free-text field is masked for this role set and relation.
 * Found numbers show in full only to a reader who may also write the text (the author side:
 * `edit` holds for one of the roles on this relation); everyone else who reads it gets each
 * found span masked. The one definition of "may read scanned text in full": projection masks
 * found PII where this holds, and the query guard refuses the field where it holds.
 */
export function masksFoundPii(tables: RoleSetTables, node: FieldNode, relation: Relation): boolean {
  return node.container === null && node.field.privacy.scan && tables.editable[relation][node.index] !== 1;
}

/**
 * Read in full on this relation, as a query needs it: access `full` and, for scanned free text,
 * no found PII masked (answering a filter, sort, search or group on the raw text would be an
 * oracle on the masked numbers).
 */
export function readsInFull(tables: RoleSetTables, node: FieldNode, relation: Relation): boolean {
  return tables.access[relation][node.index] === FULL && !masksFoundPii(tables, node, relation);
}

/** A string with every PII span `detectPii` finds masked by `maskText`; anything else unchanged. */
export function maskFoundPii(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const spans = detectPii(value);
  return spans.length === 0 ? value : maskText(value, spans);
}
