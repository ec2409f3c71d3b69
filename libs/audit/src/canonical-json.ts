/**
 * Canonical JSON (the JSON Canonicalization Scheme of RFC 8785 for the values
 * this system stores): object keys sorted by UTF-16 code units, no whitespace,
 * strings and numbers as ECMAScript `JSON.stringify` writes them, `undefined`
 * members omitted. Any JSON library that sorts keys and writes compact output
 * reproduces it, so an outside auditor can recompute every hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const keys = Object.keys(value).sort();
  const members: string[] = [];
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${members.join(',')}}`;
}
