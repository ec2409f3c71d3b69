import { claimsFor, signActorToken } from '../../apps/api/src/auth/actor-token';
import type { DemoPerson } from './demo-people';

/** Talks to a running server as the demo's people (tokens minted with the server's secret). */
export class DemoClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    readonly jurisdiction: string,
  ) {}

  /** A token of `person` for the console link and the API (8 hours). */
  token(person: DemoPerson): string {
    return signActorToken(claimsFor({ sub: person.sub, name: person.name, roles: [person.role], unit: person.unit, jurisdiction: this.jurisdiction }), this.secret, '8h');
  }

  /** One request as `person` (or anonymously); throws with the API's answer unless the status is one of `ok`. */
  async call(person: DemoPerson | null, method: string, path: string, body?: unknown, ok: number[] = [200, 201]): Promise<any> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(person ? { authorization: `Bearer ${this.token(person)}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!ok.includes(res.status)) throw new Error(`${method} ${path} as ${person?.name ?? 'public'}: ${res.status} ${text}`);
    return data;
  }

  /** Registers a decision and returns its id. */
  async register(person: DemoPerson, body: Record<string, unknown>): Promise<string> {
    return (await this.call(person, 'POST', '/api/decisions', body)).id;
  }

  /** Sends events to a decision in order, each as its person. */
  async send(id: string, steps: [DemoPerson, Record<string, unknown>][]): Promise<void> {
    for (const [person, event] of steps) await this.call(person, 'POST', `/api/decisions/${id}/events`, event);
  }
}
