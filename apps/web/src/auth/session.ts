/** What the console knows of its user: the token's claims, shown, never used to decide what is allowed. */
export interface SessionUser {
  sub: string;
  name: string;
  roles: string[];
  unit: string;
  jurisdiction: string;
  expiresAt: number | null;
}

const KEY = 'mde.console.token';
const listeners = new Set<() => void>();

function decodeClaims(token: string): SessionUser | null {
  try {
    const part = token.split('.')[1];
    const json = decodeURIComponent(
      Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const claims = JSON.parse(json) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      sub: text(claims.sub),
      name: text(claims.name) || text(claims.preferred_username) || text(claims.sub),
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
      unit: text(claims.unit),
      jurisdiction: text(claims.jurisdiction),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

/** The token of this browser tab (sessionStorage: closing the tab logs out), or null. */
export function currentToken(): string | null {
  return sessionStorage.getItem(KEY);
}

/** The user of the current token, or null when there is none, it cannot be read, or it has expired at `now`. */
export function currentUser(now: number = Date.now()): SessionUser | null {
  const token = currentToken();
  const user = token ? decodeClaims(token) : null;
  return user && (user.expiresAt === null || user.expiresAt > now) ? user : null;
}

/** Starts a session with a token; false when it is not a readable JWT. */
export function startSession(token: string): boolean {
  const trimmed = token.trim();
  if (!decodeClaims(trimmed)) return false;
  sessionStorage.setItem(KEY, trimmed);
  listeners.forEach((l) => l());
  return true;
}

/** Ends the session (logout). */
export function endSession(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

/** The API refused the token (401): end the session and say why on the login page. */
export function expireSession(): void {
  sessionStorage.setItem(`${KEY}.expired`, '1');
  endSession();
}

/** Whether the last session ended because the API refused its token (read once). */
export function takeExpiredFlag(): boolean {
  const flag = sessionStorage.getItem(`${KEY}.expired`) === '1';
  sessionStorage.removeItem(`${KEY}.expired`);
  return flag;
}

/** Calls `listener` whenever the session starts or ends. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
