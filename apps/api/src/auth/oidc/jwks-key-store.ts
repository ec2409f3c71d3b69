import type { JWK } from 'jose';
import { localizedError } from '../../http/localized-error';

/** Where the provider's keys are and how long they are trusted without asking again. */
export interface JwksSource {
  issuer: string;
  /** absent: read from `${issuer}/.well-known/openid-configuration` */
  jwksUri?: string;
  /** keys are fetched again after this long (rotation) */
  maxAgeMs?: number;
  /** an unknown kid fetches the keys again at most this often (a flood of made-up kids must not flood the provider) */
  cooldownMs?: number;
  timeoutMs?: number;
}

const unavailable = () => localizedError('SERVICE_UNAVAILABLE', 'IDENTITY_PROVIDER_UNAVAILABLE');
const MAX_DOCUMENT_BYTES = 512 * 1024;
const RETRY_AFTER_FAILURE_MS = 5_000;

async function getJson(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  } catch {
    throw unavailable();
  }
  const text = response.ok ? await response.text().catch(() => '') : '';
  if (!response.ok || text.length > MAX_DOCUMENT_BYTES) throw unavailable();
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw unavailable();
}

/**
 * The signing keys of an OpenID provider, from its JWKS (found through its discovery document),
 * kept for `maxAgeMs` and fetched again when a token names a key id not seen yet (key rotation).
 * A provider that cannot be reached answers 503 SERVICE_UNAVAILABLE, not 401: the token may be fine.
 */
export class JwksKeyStore {
  private keys: JWK[] = [];
  private fetchedAt = -Infinity;
  private failedAt = -Infinity;
  private pending?: Promise<void>;

  constructor(
    private readonly source: JwksSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key `kid` names (or, without a kid, the only key usable with `alg`); undefined when the provider has none. */
  async key(kid: string | undefined, alg: string): Promise<JWK | undefined> {
    const { maxAgeMs = 600_000, cooldownMs = 30_000 } = this.source;
    if (this.now() - this.fetchedAt > maxAgeMs) await this.refresh();
    let found = this.find(kid, alg);
    if (!found && this.now() - this.fetchedAt > cooldownMs) {
      await this.refresh();
      found = this.find(kid, alg);
    }
    return found;
  }

  private find(kid: string | undefined, alg: string): JWK | undefined {
    const usable = this.keys.filter((k) => (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === alg));
    if (kid !== undefined) return usable.find((k) => k.kid === kid);
    return usable.length === 1 ? usable[0] : undefined;
  }

  // One fetch at a time, shared by the requests that wait for it.
  // A provider that failed is not asked again for a few seconds: requests meanwhile fail fast.
  private refresh(): Promise<void> {
    if (this.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) return Promise.reject(unavailable());
    this.pending ??= this.fetchKeys()
      .catch((error: unknown) => {
        this.failedAt = this.now();
        throw error;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeys(): Promise<void> {
    const timeoutMs = this.source.timeoutMs ?? 5_000;
    let jwksUri = this.source.jwksUri;
    if (!jwksUri) {
      const discovery = await getJson(`${this.source.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, timeoutMs);
      // A discovery document of another issuer would hand us another provider's keys (OpenID Discovery §4.3).
      if (discovery.issuer !== this.source.issuer || typeof discovery.jwks_uri !== 'string') throw unavailable();
      jwksUri = discovery.jwks_uri;
    }
    const jwks = await getJson(jwksUri, timeoutMs);
    if (!Array.isArray(jwks.keys)) throw unavailable();
    this.keys = jwks.keys.filter((k): k is JWK => typeof k === 'object' && k !== null && typeof (k as JWK).kty === 'string');
    this.fetchedAt = this.now();
  }
}
