import { performance } from 'node:perf_hooks';
import http from 'node:http';

export interface HttpResponse<T = any> {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: T;
  ms: number;
}

export interface HttpRequest {
  method?: string;
  path: string;
  token?: string;
  /** JSON-encoded unless a string or Buffer (sent as is) */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One HTTP request over a keep-alive agent, with a hard timeout (default 30 s).
 * Network errors reject; any HTTP status resolves. No fetch: its 300 s header
 * timeout would cut the long whole-jurisdiction verification.
 */
export function request<T = any>(baseUrl: string, req: HttpRequest): Promise<HttpResponse<T>> {
  const url = new URL(req.path, baseUrl);
  const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let payload: Buffer | undefined;
  if (req.body !== undefined) {
    payload = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: req.method ?? (payload ? 'POST' : 'GET'), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any = text;
        if ((res.headers['content-type'] ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, ms: performance.now() - started });
      });
    });
    r.setTimeout(req.timeoutMs ?? 30_000, () => r.destroy(new Error(`timeout after ${req.timeoutMs ?? 30_000} ms: ${req.method ?? 'GET'} ${req.path}`)));
    r.on('error', reject);
    if (payload) r.write(payload);
    r.end();
  });
}

/** Like `request`, but a status other than `expected` throws with the body. */
export async function expectStatus<T = any>(baseUrl: string, req: HttpRequest, expected: number | number[]): Promise<HttpResponse<T>> {
  const res = await request<T>(baseUrl, req);
  const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
  if (!ok) throw new Error(`${req.method ?? 'GET'} ${req.path} → ${res.status} ${res.text.slice(0, 400)}`);
  return res;
}

/** Closes idle keep-alive sockets (so a process can exit promptly). */
export const closeIdleSockets = () => agent.destroy();
