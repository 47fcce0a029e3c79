import { diffWorkspacePolicy, type WorkspacePolicy, type WorkspacePolicyChange } from '@veil/schema';
import { useState } from 'react';
import { trpc } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { type Refusal, refusalOf } from '../builder/builderApi.js';
import { describePolicyChange } from './describePolicyChange.js';
import { usePolicyEditorText } from './policyEditorText.js';

type Editable = Omit<WorkspacePolicy, 'version'>;
type UpdateInput = Parameters<typeof trpc.workspace.update.mutate>[0];

/**
 * Edits the workspace policy as JSON. Before saving it diffs the edit against the current
 * version with `diffWorkspacePolicy` (the function the server uses) and, when privacy weakens,
 * lists each weakening change for an explicit confirmation; the server checks again and refuses
 * an unconfirmed weakening, a broken template, a role in use or a workspace nobody can manage.
 */
export function PolicyEditor({ policy, onSaved }: { policy: WorkspacePolicy; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const tx = usePolicyEditorText();
  const [text, setText] = useState<string | null>(null);
  const [pending, setPending] = useState<{ edited: Editable; weakening: WorkspacePolicyChange[] } | null>(
    null,
  );
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { version: _version, ...current } = policy;

  const save = async (edited: Editable, confirm: boolean) => {
    setBusy(true);
    setRefusal(null);
    try {
      // Parsed from the user's JSON: the server validates its shape and refuses what does not fit.
      const input = edited as unknown as UpdateInput['policy'];
      const result = await trpc.workspace.update.mutate(
        confirm ? { policy: input, confirm: true } : { policy: input },
      );
      setPending(null);
      setText(null);
      setNote(tx('saved', { v: result.version }));
      onSaved();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    setNote('');
    setRefusal(null);
    let edited: Editable;
    try {
      edited = JSON.parse(text ?? '') as Editable;
    } catch {
      setNote(tx('badJson'));
      return;
    }
    const diff = diffWorkspacePolicy(policy, { ...edited, version: policy.version + 1 });
    if (diff.changes.length === 0) {
      setNote(tx('nothing'));
      return;
    }
    const weakening = diff.changes.filter((c) => c.privacy === 'weakens');
    if (weakening.length > 0) setPending({ edited, weakening });
    else void save(edited, false);
  };

  if (text === null)
    return (
      <div className="policy-editor">
        <button type="button" onClick={() => setText(JSON.stringify(current, null, 2))}>
          {tx('edit')}
        </button>
        {note && <p className="muted small">{note}</p>}
      </div>
    );
  return (
    <div className="policy-editor">
      <p className="muted small">{tx('editHint')}</p>
      <textarea
        name="policy"
        aria-label={tx('edit')}
        rows={20}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={submit}>
          {busy ? tx('saving') : tx('save')}
        </button>
        <button type="button" disabled={busy} onClick={() => setText(null)}>
          {tx('cancel')}
        </button>
      </div>
      {note && <p className="muted small">{note}</p>}
      {pending && (
        <div className="dialog" role="alertdialog" data-testid="policy-confirmation">
          <strong>{tx('confirmTitle')}</strong>
          <p>{tx('confirmBody')}</p>
          <ul>
            {pending.weakening.map((change) => (
              <li
                key={`${change.path}|${change.kind}|${change.role}|${change.relation}|${change.capability}`}
              >
                {describePolicyChange(change, {
                  t,
                  tx,
                  locale,
                  roles: [...policy.roles, ...pending.edited.roles],
                })}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void save(pending.edited, true)}>
              {tx('confirmDo')}
            </button>
            <button type="button" disabled={busy} onClick={() => setPending(null)}>
              {tx('cancel')}
            </button>
          </div>
        </div>
      )}
      {refusal && (
        <div className="error" role="alert">
          {tx('refused')}{' '}
          {refusal.issues.length > 0 ? refusal.issues.map((i) => i.message).join(' ') : refusal.message}
        </div>
      )}
    </div>
  );
}
