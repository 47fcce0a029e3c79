import type { AuditEntry, AuditInput } from '../store.js';
import type { Prepared } from './lowdbTypes.js';

/** What waits in the commit loop's queue: prepared writes, pure audit appends, exclusive tasks. */
export type QueueItem = PrepareItem | AuditItem | ExclusiveItem;
export interface PrepareItem {
  kind: 'prepare';
  prepare: () => Prepared<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Set in the commit loop. */
  prepared?: Prepared<unknown> | undefined;
  entries?: AuditEntry[];
}
/** A pure audit append: no closure, no ops, just the serialized body. */
export interface AuditItem {
  kind: 'audit';
  input: AuditInput;
  body: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  entry?: AuditEntry | undefined;
}
interface ExclusiveItem {
  kind: 'exclusive';
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
