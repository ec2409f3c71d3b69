import type { LoggerOptions } from 'pino';

/**
 * What may reach a log line. Logs go to people and systems that must not see what citizens and
 * staff typed (request bodies, event payloads, public commenters' contact data), credentials
 * (tokens, cookies, URL passwords) or stored files, at any level. So request logs carry method,
 * path and status only, errors carry their type, code and the text before any quoted value, and
 * every free-text message is cut the same way.
 */

// Where values are quoted in error texts: `invalid input syntax for type uuid: "zzz"`, V8's JSON
// errors (`"{"title": "…" is not valid JSON`), `Cannot read properties of undefined (reading 'x')`.
const QUOTE = /["'`\u201c\u2018\u300c]/;
const URL_CREDENTIALS = /(\/\/[^/\s:@]*):[^@\s/]*@/g;
const URL_QUERY = /(\bhttps?:\/\/[^\s?#]*)[?#]\S*/g;
const MAX_TEXT = 500;
// a quote, or what URL_CREDENTIALS (@) and URL_QUERY (? or #) need to match
const MAY_NEED_CUTTING = /["'`\u201c\u2018\u300c@?#]/;

/** A text safe to log: cut before its first quoted value, without URL passwords or query strings, at most 500 characters. */
export function scrubText(text: string): string {
  // most texts (every request line's path) hold none of what is cut: one search instead of three
  if (!MAY_NEED_CUTTING.test(text)) return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}[…]` : text;
  const quote = QUOTE.exec(text);
  let safe = quote ? `${text.slice(0, quote.index)}[…]` : text;
  safe = safe.replace(URL_CREDENTIALS, '$1:***@').replace(URL_QUERY, '$1?[…]');
  return safe.length > MAX_TEXT ? `${safe.slice(0, MAX_TEXT)}[…]` : safe;
}

// Fields of database errors (pg, TypeORM) that name the schema, never a value: `detail`, `where`,
// `parameters`, `query` and the driver's message may all carry what was written.
const SAFE_FIELDS = ['code', 'errno', 'syscall', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType', 'status', 'statusCode'] as const;

/** An error as a log may show it: type, safe fields, scrubbed message and stack, and its cause (two levels). */
export function safeError(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  const error = ((value as { raw?: unknown }).raw ?? value) as Record<string, unknown> & Partial<Error>;
  if (typeof error !== 'object') return { type: typeof error, message: scrubText(String(error)) };
  const out: Record<string, unknown> = { type: error.constructor?.name ?? 'Object' };
  for (const field of SAFE_FIELDS) {
    const v = error[field];
    if (typeof v === 'string' || typeof v === 'number') out[field] = typeof v === 'string' ? scrubText(v) : v;
  }
  const driverCode = (error.driverError as { code?: unknown } | undefined)?.code;
  if (out.code === undefined && typeof driverCode === 'string') out.code = driverCode;
  if (typeof error.message === 'string') out.message = scrubText(error.message);
  if (typeof error.stack === 'string') {
    // The first line of a stack repeats the message; the frames are code locations.
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${out.type}: ${out.message ?? ''}`, ...frames.map(scrubText)].join('\n');
  }
  if (depth < 2 && error.cause !== undefined) out.cause = safeError(error.cause, depth + 1);
  return out;
}

// Belt and braces for objects logged by hand: these keys are censored wherever they appear, two levels deep.
const SECRET_KEYS = ['authorization', 'cookie', 'token', 'password', 'secret', 'body', 'payload', 'contact', 'content', 'parameters', 'buffer'];
const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS);
const SECRET_KEY_IN_LINE = new RegExp(`"(?:${SECRET_KEYS.join('|')})":`);
const CENSOR = '[redacted]';

/**
 * `value` with every SECRET_KEYS key censored at its top level and two levels below (the paths
 * `key`, `*.key` and `*.*.key`, arrays' items included): a copy where something is censored, the
 * value itself otherwise (the caller's object is never changed).
 */
export function censorSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const child = source[key];
    const next = SECRET_KEY_SET.has(key) ? (child === undefined ? child : CENSOR) : depth < 2 ? censorSecrets(child, depth + 1) : child;
    if (next !== child) (copy ??= (Array.isArray(source) ? [...source] : { ...source }) as Record<string, unknown>)[key] = next;
  }
  return (copy ?? value) as T;
}

/**
 * A log line as written, with censorSecrets applied to it: what was logged (the object and the
 * logger's bindings, serialized) is its top level. Most lines name no secret key at all (the line
 * of every request carries its request and response, serialized to a few fields), and pass after
 * one text search; pino's `redact`, which this replaces, walked its wildcard paths through every
 * line's objects, at more cost than the rest of a request's line.
 */
export function censorLine(line: string): string {
  if (!SECRET_KEY_IN_LINE.test(line)) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `${JSON.stringify({ msg: 'a log line that could not be checked for secrets was withheld' })}\n`;
  }
  const censored = censorSecrets(parsed);
  return censored === parsed ? line : `${JSON.stringify(censored)}\n`;
}

/** The pino options of every logger of the process (HTTP, Nest, the boot logger of main.ts): level, serializers, redaction. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { err: safeError, error: safeError },
    hooks: {
      // Free-text messages and string arguments are cut like error texts: they often embed one;
      // objects interpolated into the message (%j, %o) are censored like logged ones.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg, i) => (typeof arg === 'string' ? scrubText(arg) : i > 0 ? censorSecrets(arg) : arg)) as Parameters<typeof method>,
        );
      },
      streamWrite: censorLine,
    },
  };
}

/**
 * A request as its log line shows it: id, method and path (a query string may carry what was
 * typed). Takes the request itself (Express keeps the path as received in `originalUrl` while its
 * routers rewrite `url`) or pino's serialized form of it.
 */
export function safeRequest(req: { id?: unknown; method?: string; url?: string; originalUrl?: string }): Record<string, unknown> {
  const url = req.originalUrl || req.url;
  return { id: req.id, method: req.method, path: typeof url === 'string' ? scrubText(url.split('?')[0]) : undefined };
}

/** A response as its log line shows it: the status, null while no headers were sent (an aborted request), as pino's own serializer shows it. */
export function safeResponse(res: { statusCode?: number; headersSent?: boolean }): Record<string, unknown> {
  return { statusCode: res.headersSent === false ? null : res.statusCode };
}
