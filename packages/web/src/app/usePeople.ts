import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/api.js';
import { trpc } from '../api/trpc.js';
import type { People } from '../table/ownerColumns.js';
import { useSession } from './session.js';

// One users list per page session for admins; the users screen forgets it after a change.
let namesOnce: Promise<ReadonlyMap<string, string>> | null = null;

/** Call after creating, changing or deactivating users, so owner columns show the new names. */
export function forgetPeople(): void {
  namesOnce = null;
}

/**
 * Whom the viewer can name. Everyone knows themself (`auth.me`); user managers list users, and
 * those who hand customers over (`records.reassign`) or may see colleagues' names
 * (`people.names`, staff by default) get their team's names (`team.names`) — no one else ever
 * calls either procedure.
 */
export function usePeople(): People {
  const { me, can } = useSession();
  const admin = can('users.manage');
  const nameable = admin || can('records.reassign') || can('people.names');
  const [names, setNames] = useState<ReadonlyMap<string, string> | undefined>(undefined);
  useEffect(() => {
    if (!nameable) return;
    let live = true;
    namesOnce ??= admin
      ? api.users().then((users) => new Map(users.map((u) => [u.id, u.name])))
      : trpc.team.names.query().then(({ people }) => new Map(people.map((p) => [p.id, p.name])));
    namesOnce.then(
      (map) => live && setNames(map),
      () => {
        namesOnce = null;
      },
    );
    return () => {
      live = false;
    };
  }, [admin, nameable]);
  return useMemo(
    () => (names ? { meId: me.id, meName: me.name, names } : { meId: me.id, meName: me.name }),
    [me.id, me.name, names],
  );
}
