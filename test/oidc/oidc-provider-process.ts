import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A person as the provider knows them: a client of its own, whose tokens carry these claims. */
export interface ProviderPerson {
  clientId: string;
  secret: string;
  claims: Record<string, unknown>;
}

/** How the access tokens of a resource indicator look. */
export interface ProviderResource {
  audience: string;
  alg: 'RS256' | 'ES256';
  ttl: number;
}

/** test/oidc/provider.mjs (oidc-provider) in a child process on loopback. */
export class OidcProviderProcess {
  private child?: ChildProcess;
  issuer = '';

  constructor(
    private readonly people: ProviderPerson[],
    private readonly resources: Record<string, ProviderResource>,
  ) {}

  async start(): Promise<string> {
    const child = spawn(process.execPath, [join(__dirname, 'provider.mjs')], {
      env: { ...process.env, OIDC_TEST_PEOPLE: JSON.stringify(this.people), OIDC_TEST_RESOURCES: JSON.stringify(this.resources) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk) => resolve(String(chunk)));
      child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${stderr}`)));
    });
    this.issuer = (JSON.parse(line) as { issuer: string }).issuer;
    return this.issuer;
  }

  /** An access token of `person` for `resource` (client_credentials, the provider's own signature). */
  async token(person: ProviderPerson, resource: string): Promise<string> {
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${person.clientId}:${person.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource }).toString(),
    });
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token from the provider: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    await new Promise((resolve) => {
      this.child!.once('exit', resolve);
      this.child!.kill('SIGTERM');
    });
  }
}
