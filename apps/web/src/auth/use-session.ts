import { useSyncExternalStore } from 'react';
import { currentToken, currentUser, onSessionChange, type SessionUser } from './session';

/** The signed-in user (re-rendering on login and logout), or null. */
export function useSession(): SessionUser | null {
  const token = useSyncExternalStore(onSessionChange, currentToken);
  return token ? currentUser() : null;
}
