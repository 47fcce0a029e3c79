import type { Capability, Relation } from '@veil/schema';
import { createContext, useContext } from 'react';
import type { Me } from '../api/types.js';

export interface Session {
  me: Me;
  /**
   * Whether the user holds a capability (for a record capability: on `relation`), for what to
   * offer; the server decides what is allowed.
   */
  can: (capability: Capability, relation?: Relation) => boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
