import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { checkWebhookUrl, resolveDestination, type ResolveAll, type WebhookDestinationPolicy } from '@app/common';

export interface WebhookPostOptions {
  policy: WebhookDestinationPolicy;
  /** name resolution (the system resolver when absent) */
  resolveAll?: ResolveAll;
  /** from the start of the TCP connect to its end */
  connectTimeoutMs: number;
  /** from resolution to the end of the answer */
  totalTimeoutMs: number;
}

/** What a receiver answered is not read beyond this many bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` to a webhook under the destination policy: the URL is checked, the name resolved and every
 * address checked, then the connection goes to the checked address (the socket never resolves again, so a
 * rebinding DNS answer cannot swap it). Redirects are not followed: only a 2xx is a delivery.
 * Resolves with the status; rejects with a one-line reason.
 */
export async function postWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: WebhookPostOptions): Promise<number> {
  const controller = new AbortController();
  const total = setTimeout(() => controller.abort(new Error(`no answer within ${options.totalTimeoutMs} ms`)), options.totalTimeoutMs);
  try {
    const checked = checkWebhookUrl(rawUrl, options.policy);
    const addresses = await abortable(resolveDestination(checked, options.policy, options.resolveAll), controller.signal);
    const status = await request(checked.url, checked.host, addresses[0], body, headers, options.connectTimeoutMs, controller.signal);
    if (status >= 300 && status < 400) throw new Error(`HTTP ${status} (redirects are not followed)`);
    if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
    return status;
  } finally {
    clearTimeout(total);
  }
}

function request(url: URL, host: string, target: LookupAddress, body: string, headers: Record<string, string>, connectTimeoutMs: number, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request({
      method: 'POST',
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
      // the only address this socket may reach: the one checked
      lookup: ((_name: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
        opts?.all ? cb(null, [target]) : cb(null, target.address, target.family)) as never,
      signal,
    });
    const connectTimer = setTimeout(() => req.destroy(new Error(`no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (err) => {
      clearTimeout(connectTimer);
      reject(signal.aborted && signal.reason instanceof Error ? signal.reason : err);
    });
    req.on('response', (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      res.on('close', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.end(body);
  });
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
