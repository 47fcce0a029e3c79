import { randomBytes } from 'node:crypto';
import type { LowdbCore } from './lowdbCore.js';
import type { NoteDoc } from './lowdbTypes.js';

/** Stores free text beside the audit log (a reveal's reason …), encrypted; returns its id. */
export function putNote(core: LowdbCore, text: string): Promise<string> {
  const id = `note_${randomBytes(12).toString('base64url')}`;
  return core.loop.submit(() => {
    const doc: NoteDoc = { id, env: core.codec.seal('notes', `note\n${id}`, text) };
    core.state.collection('notes').set(id, doc);
    return { ops: [{ t: 'doc-put', coll: 'notes', doc }], result: () => id };
  });
}

export function getNote(core: LowdbCore, id: string): string | undefined {
  const doc = core.state.collection('notes').get(id) as NoteDoc | undefined;
  if (doc === undefined) return undefined;
  return core.codec.open(doc.env, `note\n${id}`, core.state.collectionPath('notes')) as string;
}

export function eraseNote(core: LowdbCore, id: string): Promise<boolean> {
  return core.loop.submit(() => {
    const existed = core.state.collection('notes').delete(id);
    return { ops: existed ? [{ t: 'doc-del', coll: 'notes', id }] : [], result: () => existed };
  });
}
