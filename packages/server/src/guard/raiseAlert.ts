import { exportApproversOf } from '../exports/exportApprovers.js';
import type { Services } from '../services/services.js';

/** What an alert says happened; counts and limits only. */
export type AlertKind = 'read-limit' | 'read-sustained' | 'export-limit';

/**
 * Alerts the managers of `userId` (as for an export approval: the managers above, else the
 * admins): an in-app alert per recipient and one `alert.raise` audit entry. Reads users and
 * departments only when an alert is raised, never per request.
 */
export async function raiseAlert(
  services: Services,
  userId: string,
  kind: AlertKind,
  details: Record<string, string | number>,
): Promise<string[]> {
  const { store } = services;
  const user = await store.getDoc('users', userId);
  if (!user) return [];
  const [users, departments] = await Promise.all([store.listDocs('users'), store.listDocs('departments')]);
  const recipients = exportApproversOf(user, users, departments);
  const at = services.now().toISOString();
  const ids = recipients.map(() => services.newId());
  await store.commit({
    steps: recipients.map((to, i) => ({
      kind: 'putDoc' as const,
      name: 'alerts' as const,
      doc: { id: ids[i]!, to, about: userId, kind, at, details },
    })),
    audit: [
      {
        actor: 'system',
        action: 'alert.raise',
        target: userId,
        details: { kind, ...details, notified: recipients },
      },
    ],
  });
  return recipients;
}
