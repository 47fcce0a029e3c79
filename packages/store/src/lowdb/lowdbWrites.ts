import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import { hashReadSet } from '../records/hashReadSet.js';
import type { QueryRow } from '../records/queryRow.js';
import type { RetiredField } from '../records/recordCodec.js';
import { storageOf } from '../records/templateStorage.js';
import {
  type LoginAttemptDoc,
  type LoginFailureInput,
  type ReadSetDoc,
  StoreError,
  type TemplateStorage,
  type WriteStep,
} from '../store.js';
import { quarantinedError, quarantineKey } from './decodeTemplate.js';
import type { LowdbCore } from './lowdbCore.js';
import {
  clone,
  type Op,
  type Prepared,
  type Shard,
  type StoredRecord,
  type StoredVersion,
  serialized,
  type TemplateState,
  type Undo,
} from './lowdbTypes.js';

/** Counts a failed login (inside the commit loop: atomic), with its audit entry. */
export function prepareLoginFailure(core: LowdbCore, input: LoginFailureInput): Prepared<LoginAttemptDoc> {
  const docs = core.state.collection('loginAttempts');
  const existing = docs.get(input.id) as LoginAttemptDoc | undefined;
  const at = Date.parse(input.at);
  const stale = existing !== undefined && Date.parse(existing.lastFailureAt) + input.windowMs < at;
  const failures = existing && !stale ? existing.failures + 1 : 1;
  const locked = failures >= input.lockAfter;
  const doc: LoginAttemptDoc = {
    id: input.id,
    failures,
    firstFailureAt: existing && !stale ? existing.firstFailureAt : input.at,
    lastFailureAt: input.at,
    ...(locked ? { lockedUntil: new Date(at + input.lockMs).toISOString() } : {}),
  };
  docs.set(doc.id, doc);
  const audit = serialized({
    actor: input.audit.actor,
    action: locked ? input.audit.lockedAction : input.audit.action,
    target: input.audit.target,
    details: { failures },
  });
  return { ops: [{ t: 'doc-put', coll: 'loginAttempts', doc }], audits: [audit], result: () => clone(doc) };
}

/**
 * Keeps a template version's storage rules; existing records are re-stored when encrypted or
 * indexed paths change, and values of removed fields leave `data` (kept sealed, decision 170).
 */
export function prepareRegisterTemplate(
  core: LowdbCore,
  template: SanitizedTemplate,
): Prepared<TemplateStorage> {
  const before = core.state.storage(template.id);
  const storage = storageOf(template, before);
  core.state.collection('storage').set(storage.id, storage);
  const ops: Op[] = [{ t: 'doc-put', coll: 'storage', doc: storage }];
  const removed = Object.keys(before?.fields ?? {}).filter((path) => !(path in (storage.fields ?? {})));
  const changed =
    removed.length > 0 ||
    before === undefined ||
    JSON.stringify([before.everEncrypted ?? before.encrypted, before.exact, before.recordKeys === true]) !==
      JSON.stringify([storage.everEncrypted, storage.exact, storage.recordKeys === true]);
  const state = core.state.templates.get(template.id);
  if (changed && state) {
    const retire = removed.map((path) => ({ path, key: `${path}@${before?.fields?.[path] ?? 1}` }));
    for (const shard of state.shards) if (shard) ops.push(reencodeShard(core, state, shard, retire));
  }
  const { id: _id, ...result } = storage;
  return { ops, result: () => clone(result) };
}

/** An erasure leaves no copy of what it erased in the WAL: it is cut once the unit commits (decision 290). */
export async function cutWalAfterErasure<T>(
  core: LowdbCore,
  steps: WriteStep[],
  result: Promise<T>,
): Promise<T> {
  const done = await result;
  if (steps.some((step) => 'erase' in step && step.erase === true))
    await core.loop.exclusive(() => core.loop.cutWal());
  return done;
}

/** Checks a step's shape before it joins a batch. */
export function checkStep(core: LowdbCore, step: WriteStep): void {
  if (step.kind === 'putDoc' || step.kind === 'insertDoc') {
    if (typeof step.doc?.id !== 'string' || step.doc.id === '')
      throw new StoreError('INVALID', 'A document needs an id.');
    core.state.collection(step.name);
  }
}

/** Applies one step to memory (undoable) and adds its ops. */
export function runStep(core: LowdbCore, step: WriteStep, ops: Op[], undo: Undo): void {
  switch (step.kind) {
    case 'putDoc':
    case 'insertDoc': {
      const docs = core.state.collection(step.name);
      core.state.docChanged(step.name);
      const before = docs.get(step.doc.id);
      if (step.kind === 'insertDoc' && before !== undefined)
        throw new StoreError('CONFLICT', `Document ${step.doc.id} of ${step.name} already exists.`);
      docs.set(step.doc.id, step.doc);
      undo.push(() => (before === undefined ? docs.delete(step.doc.id) : docs.set(step.doc.id, before)));
      ops.push({ t: 'doc-put', coll: step.name, doc: step.doc });
      return;
    }
    case 'deleteDoc': {
      const docs = core.state.collection(step.name);
      core.state.docChanged(step.name);
      const before = docs.get(step.id);
      if (before === undefined) return;
      docs.delete(step.id);
      undo.push(() => docs.set(step.id, before));
      ops.push({ t: 'doc-del', coll: step.name, id: step.id });
      return;
    }
    case 'putReadSet': {
      const doc: ReadSetDoc = { ...step.readSet, hash: hashReadSet(step.readSet) };
      const log = core.state.readSets;
      if (log.has(doc.id)) throw new StoreError('CONFLICT', `Read set ${doc.id} already exists.`);
      log.add(doc);
      undo.push(() => log.remove(doc.id));
      ops.push({ t: 'rs-put', doc });
      return;
    }
    case 'createRecord':
      createRecordStep(core, step.record, ops, undo);
      return;
    case 'updateRecord':
      updateRecordStep(core, step, ops, undo);
      return;
    case 'deleteRecord':
      deleteRecordStep(core, step, ops, undo);
      return;
  }
}

function createRecordStep(core: LowdbCore, record: VeilRecord, ops: Op[], undo: Undo): void {
  if (record.version !== 1)
    throw new StoreError('INVALID', `A new record starts at version 1 (record ${record.id}).`);
  const state = core.state.templateState(record.templateId);
  // A quarantined record keeps its id (and its place in its shard).
  if (state.plain.has(record.id) || state.shardOf.has(record.id))
    throw new StoreError('CONFLICT', `Record ${record.id} already exists.`);
  let last = state.shards.length - 1;
  if (last < 0 || (state.shards[last]?.stored.size ?? 0) >= core.shardSize) last += 1;
  const shard = core.state.shard(state, last);
  const stored = core.codec.encode(record);
  shard.stored.set(record.id, stored);
  state.shardOf.set(record.id, shard.no);
  state.plain.set(record.id, { record, blind: stored.blind ?? {} });
  undo.push(() => {
    shard.stored.delete(record.id);
    state.shardOf.delete(record.id);
    state.plain.delete(record.id);
  });
  ops.push({ t: 'rec-put', tpl: state.id, shard: shard.no, record: stored });
}

function currentRow(core: LowdbCore, templateId: string, id: string, expectedVersion: number | undefined) {
  const state = core.state.templateState(templateId);
  const quarantined = quarantinedError(core, templateId, id);
  if (quarantined) throw quarantined;
  const row = state.plain.get(id);
  const no = state.shardOf.get(id);
  if (row === undefined || no === undefined)
    throw new StoreError('NOT_FOUND', `Record ${id} does not exist.`);
  if (expectedVersion !== undefined && row.record.version !== expectedVersion) {
    throw new StoreError(
      'VERSION_CONFLICT',
      `Record ${id} is at version ${row.record.version}, not ${expectedVersion}.`,
    );
  }
  return { state, row, shard: core.state.shard(state, no) };
}

function updateRecordStep(
  core: LowdbCore,
  step: Extract<WriteStep, { kind: 'updateRecord' }>,
  ops: Op[],
  undo: Undo,
): void {
  const { record, expectedVersion } = step;
  const { state, row, shard } = currentRow(core, record.templateId, record.id, expectedVersion);
  if (record.version !== expectedVersion + 1) {
    throw new StoreError('INVALID', `The new version of record ${record.id} must be ${expectedVersion + 1}.`);
  }
  const previous = shard.stored.get(record.id) as StoredRecord;
  if (step.erase === true) {
    eraseRecordUpdate(core, { state, row, shard, previous, record }, ops, undo);
    return;
  }
  const version: StoredVersion = {
    recordId: record.id,
    templateId: record.templateId,
    version: previous.version,
    templateVersion: previous.templateVersion,
    updatedAt: previous.updatedAt,
    supersededAt: record.updatedAt,
    supersededBy: step.supersededBy,
    data: previous.data,
    ...(previous.retired ? { retired: previous.retired } : {}),
  };
  core.codec.sealMac(version);
  const stored = core.codec.encode(record, previous.retired);
  const versionsBefore = shard.versions;
  shard.stored.set(record.id, stored);
  shard.versions = [...shard.versions, version];
  state.plain.set(record.id, { record, blind: stored.blind ?? {} });
  undo.push(() => {
    shard.stored.set(record.id, previous);
    shard.versions = versionsBefore;
    state.plain.set(record.id, row);
  });
  ops.push({ t: 'rec-put', tpl: state.id, shard: shard.no, record: stored, version });
}

function deleteRecordStep(
  core: LowdbCore,
  step: Extract<WriteStep, { kind: 'deleteRecord' }>,
  ops: Op[],
  undo: Undo,
): void {
  const { state, row, shard } = currentRow(core, step.templateId, step.id, step.expectedVersion);
  const previous = shard.stored.get(step.id) as StoredRecord;
  const versionsBefore = shard.versions;
  if (step.erase === true) core.dataKeys.eraseRecordKey(step.templateId, step.id, undo);
  shard.stored.delete(step.id);
  shard.versions = shard.versions.filter((v) => v.recordId !== step.id);
  state.plain.delete(step.id);
  state.shardOf.delete(step.id);
  undo.push(() => {
    shard.stored.set(step.id, previous);
    shard.versions = versionsBefore;
    state.plain.set(step.id, row);
    state.shardOf.set(step.id, shard.no);
  });
  ops.push({ t: 'rec-del', tpl: state.id, shard: shard.no, id: step.id });
}

/**
 * An erasing update: the new state replaces the record with no previous state kept, earlier
 * versions are dropped, and the record's key is destroyed before the new state is sealed under
 * a new one. The shard file is rewritten from memory, so no copy of the erased values stays in it.
 */
function eraseRecordUpdate(
  core: LowdbCore,
  at: { state: TemplateState; row: QueryRow; shard: Shard; previous: StoredRecord; record: VeilRecord },
  ops: Op[],
  undo: Undo,
): void {
  const { state, row, shard, previous, record } = at;
  core.dataKeys.eraseRecordKey(record.templateId, record.id, undo);
  const stored = core.codec.encode(record);
  const versionsBefore = shard.versions;
  shard.stored.set(record.id, stored);
  shard.versions = shard.versions.filter((v) => v.recordId !== record.id);
  state.plain.set(record.id, { record, blind: stored.blind ?? {} });
  undo.push(() => {
    shard.stored.set(record.id, previous);
    shard.versions = versionsBefore;
    state.plain.set(record.id, row);
  });
  // Replayed as: the record and all its versions go, then the new state comes back alone.
  ops.push({ t: 'rec-del', tpl: state.id, shard: shard.no, id: record.id });
  ops.push({ t: 'rec-put', tpl: state.id, shard: shard.no, record: stored });
}

/** Re-stores a shard under the current storage rules (encryption, blind indexes, retired fields). */
export function reencodeShard(
  core: LowdbCore,
  state: TemplateState,
  shard: Shard,
  retire: RetiredField[] = [],
): Op {
  for (const [id, previous] of shard.stored) {
    const row = state.plain.get(id);
    // A quarantined record stays as it was found (it is not decrypted, so not re-stored either).
    if (row === undefined) continue;
    const kept = core.codec.retire(state.id, id, row.record.data, retire);
    const record = { ...row.record, data: kept.data };
    const stored = core.codec.encode(record, core.codec.resealRetired(state.id, id, previous.retired));
    if (kept.retired) {
      stored.retired = { ...stored.retired, ...kept.retired };
      delete stored.mac;
      core.codec.sealMac(stored);
    }
    shard.stored.set(id, stored);
    state.plain.set(id, { record, blind: stored.blind ?? {} });
  }
  shard.versions = shard.versions.map((version) => {
    if (core.state.quarantine.has(quarantineKey(version.templateId, version.recordId, version.version)))
      return version;
    if (core.state.quarantine.has(quarantineKey(version.templateId, version.recordId))) return version;
    const data = core.codec.decryptData(version.templateId, version.recordId, version.data);
    const kept = core.codec.retire(version.templateId, version.recordId, data, retire);
    const { mac: _mac, ...unsealed } = version;
    const next: StoredVersion = {
      ...unsealed,
      data: core.codec.encryptData(version.templateId, version.recordId, kept.data),
    };
    const retired = {
      ...core.codec.resealRetired(version.templateId, version.recordId, version.retired),
      ...kept.retired,
    };
    if (Object.keys(retired).length > 0) next.retired = retired;
    return core.codec.sealMac(next);
  });
  return {
    t: 'shard-set',
    tpl: state.id,
    shard: shard.no,
    records: [...shard.stored.values()],
    versions: shard.versions,
  };
}
