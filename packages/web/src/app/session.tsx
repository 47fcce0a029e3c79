import { createContext, useContext } from 'react';
import type { Me } from '../api/types.js';

export interface Session {
  me: Me;
  /** Role ids, for what to offer in the navigation (the server decides what is allowed). */
  has: (role: string) => boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
