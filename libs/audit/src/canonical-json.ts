/**
 * Canonical JSON: the JSON Canonicalization Scheme of RFC 8785 (JCS). Object
 * keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * ECMAScript `JSON.stringify` writes them (numbers per ECMAScript
 * Number::toString: `1e-7`, `1e+21`, `-0` as `0`), `undefined` members
 * omitted. Strings with lone surrogates, NaN and ±Infinity are refused
 * (TypeError): RFC 8785 accepts only I-JSON, and any other JCS implementation
 * (Go, Java, Python `jcs`) reproduces the same bytes, so an outside auditor can
 * recompute every hash.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonical JSON has no BigInt (I-JSON numbers are IEEE 754 doubles)');
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

declare global {
  interface String {
    /** ES2024 (Node ≥ 20): false when the string holds a lone surrogate. */
    isWellFormed(): boolean;
  }
}

// JSON.stringify would write a lone surrogate as an escape that no UTF-8 text can carry: RFC 8785 refuses it.
function quoteString(s: string): string {
  if (!s.isWellFormed()) throw new TypeError('canonical JSON has no lone surrogates (RFC 8785: I-JSON strings only)');
  return JSON.stringify(s);
}

// Keys come from a finite schema (DTOs whitelist them): quoting each once saves most of the cost.
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quoteString(key);
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
