import type { ExportActor } from '../exports/exportActor.js';

/** An alert as its recipient sees it: who, what, when, counts — never a value read. */
export interface AlertSummary {
  id: string;
  kind: string;
  at: string;
  about: string;
  aboutName: string;
  details: Record<string, string | number>;
}

/** The caller's alerts, newest first (the 100 newest). */
export async function listMyAlerts(actor: ExportActor): Promise<AlertSummary[]> {
  const docs = await actor.services.store.listDocs('alerts', { to: actor.userId });
  const newest = docs.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 100);
  const names = new Map<string, string>();
  for (const id of new Set(newest.map((d) => d.about)))
    names.set(id, (await actor.services.store.getDoc('users', id))?.name ?? id);
  return newest.map((d) => ({
    id: d.id,
    kind: d.kind,
    at: d.at,
    about: d.about,
    aboutName: names.get(d.about) ?? d.about,
    details: d.details,
  }));
}
