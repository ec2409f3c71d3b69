/**
 * Canonical JSON (the JSON Canonicalization Scheme of RFC 8785 for the values
 * this system stores): object keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers as ECMAScript `JSON.stringify` writes them, `undefined`
 * members omitted. Any JSON library that sorts keys and writes compact output
 * reproduces it, so an outside auditor can recompute every hash.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // undefined, functions, symbols: as JSON.stringify writes them in arrays
      return 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Default sort compares UTF-16 code units, as RFC 8785 requires.
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + quoteKey(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

// Keys come from a finite schema (DTOs whitelist them): quoting each once saves most of the cost.
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Do two JSON values say the same thing (key order aside)? Cheaper than comparing canonical encodings. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson((a as any)[k], (b as any)[k]));
}

// Canonical texts of values made by JsonInterner: deep-frozen, so the text can never go stale.
const internedTexts = new WeakMap<object, string>();

/** canonicalJson, computed once for a value that JsonInterner made. */
export function canonicalJsonOf(value: unknown): string {
  return (typeof value === 'object' && value !== null && internedTexts.get(value)) || canonicalJson(value);
}

/**
 * Parses JSON texts that repeat (the actor of a trail entry, its states): one
 * deep-frozen value per distinct text, whose canonical JSON is written once.
 * Long trails repeat a handful of them thousands of times.
 */
export class JsonInterner {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly maxDistinct = 10_000) {}

  parse(text: string): unknown {
    let value = this.values.get(text);
    if (value === undefined) {
      value = this.intern(deepFreeze(JSON.parse(text)));
      if (this.values.size < this.maxDistinct) this.values.set(text, value);
    }
    return value;
  }

  /** Intern a value built rather than parsed (it is deep-frozen). */
  intern<T>(value: T): T {
    if (typeof value === 'object' && value !== null && !internedTexts.has(value)) internedTexts.set(deepFreeze(value), canonicalJson(value));
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
