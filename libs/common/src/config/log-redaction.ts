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

/** A text safe to log: cut before its first quoted value, without URL passwords or query strings, at most 500 characters. */
export function scrubText(text: string): string {
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
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** The pino options of every logger of the process (HTTP, Nest, the boot logger of main.ts): level, serializers, redaction. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: safeError, error: safeError },
    hooks: {
      // Free-text messages and string arguments are cut like error texts: they often embed one.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
}

/** A request as its log line shows it: id, method and path (a query string may carry what was typed). */
export function safeRequest(req: { id?: unknown; method?: string; url?: string }): Record<string, unknown> {
  return { id: req.id, method: req.method, path: typeof req.url === 'string' ? scrubText(req.url.split('?')[0]) : undefined };
}

/** A response as its log line shows it: the status. */
export function safeResponse(res: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: res.statusCode };
}
