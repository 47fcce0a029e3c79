import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/api.js';
import type { People } from '../table/ownerColumns.js';
import { useSession } from './session.js';

// One users list per page session for admins; the users screen forgets it after a change.
let namesOnce: Promise<ReadonlyMap<string, string>> | null = null;

/** Call after creating, changing or deactivating users, so owner columns show the new names. */
export function forgetPeople(): void {
  namesOnce = null;
}

/**
 * Whom the viewer can name. Everyone knows themself (`auth.me`); only user managers may list
 * users, so only for them are colleagues named — no one else ever calls that procedure.
 */
export function usePeople(): People {
  const { me, can } = useSession();
  const admin = can('users.manage');
  const [names, setNames] = useState<ReadonlyMap<string, string> | undefined>(undefined);
  useEffect(() => {
    if (!admin) return;
    let live = true;
    namesOnce ??= api.users().then((users) => new Map(users.map((u) => [u.id, u.name])));
    namesOnce.then(
      (map) => live && setNames(map),
      () => {
        namesOnce = null;
      },
    );
    return () => {
      live = false;
    };
  }, [admin]);
  return useMemo(
    () => (names ? { meId: me.id, meName: me.name, names } : { meId: me.id, meName: me.name }),
    [me.id, me.name, names],
  );
}
