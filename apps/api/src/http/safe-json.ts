// Keys that would reach an object's prototype chain when a handler merges or assigns the body.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep a JSON body may nest (the deepest event body nests 3 levels). */
export const MAX_JSON_DEPTH = 32;

/** A JSON body was refused for carrying a prototype-polluting key; mapped to 400 VALIDATION_FAILED. */
export class UnsafeJsonKeyError extends SyntaxError {
  constructor(key: string) {
    super(`JSON body must not contain the key "${key}"`);
  }

  /** The key refused. Read from the message: body-parser strips every other own property of a parse error. */
  get key(): string {
    return /"(.*)"$/.exec(this.message)?.[1] ?? '';
  }
}

/** A JSON body nests deeper than MAX_JSON_DEPTH; mapped to 400 VALIDATION_FAILED. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly max = MAX_JSON_DEPTH;
}

/** JSON.parse reviver that refuses `__proto__`, `constructor` and `prototype` keys at any depth. */
export function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (PROTOTYPE_KEYS.has(key)) throw new UnsafeJsonKeyError(key);
  return value;
}

/**
 * body-parser `verify` hook: refuses a body nesting deeper than MAX_JSON_DEPTH before it is parsed
 * (the reviver and class-transformer recurse once per level: 10,000 levels overflow the stack).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeepError(`JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}
