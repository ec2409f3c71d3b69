import fc from 'fast-check';

/** The subset of JSON Schema that class-validator-jsonschema writes for the DTOs. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

// Text people type (Chinese, Latin, punctuation), now and then a character PostgreSQL cannot store.
const character = fc.oneof(
  { weight: 80, arbitrary: fc.constantFrom(...'县政府农业农村局决策草案意见公开征求ABCxyz019 ,.;:-_/（）《》〔〕') },
  { weight: 4, arbitrary: fc.constantFrom('\u200b', '"', '\\', '\n', '😀', '<', '{', "'") },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff') },
);
// Instants as clients write them: with Z or an offset, now and then without one, or a bare date.
const instant = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
    fc.oneof({ weight: 10, arbitrary: fc.constantFrom('Z', '+08:00', '-05:30') }, { weight: 1, arbitrary: fc.constantFrom('', 'date') }),
  )
  .map(([ms, zone]) => {
    const iso = new Date(ms).toISOString();
    return zone === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}${zone}`;
  });

/** Keeps generated values small: the limits themselves are probed by the mutations, not here. */
const cap = (n: number | undefined, fallback: number) => Math.min(n ?? fallback, fallback);

/**
 * Values that a schema describes, as fast-check generates them. A `$ref` the definitions do not
 * hold (class-validator-jsonschema's "Array" for nested lists it cannot name) yields any JSON.
 */
export function arbitraryOf(schema: JsonSchema, definitions: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.$ref && !schema.type) {
    const target = definitions[schema.$ref.replace('#/definitions/', '')];
    return target ? arbitraryOf(target, definitions, depth + 1) : fc.jsonValue({ maxDepth: 2 });
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((s) => arbitraryOf({ ...s, type: s.type ?? schema.type }, definitions, depth + 1)));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time' || schema.format === 'date') return instant;
      return fc.string({ unit: character, minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, cap(schema.maxLength, 12)) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ? arbitraryOf(schema.items, definitions, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, cap(schema.maxItems, 4)) });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, definitions, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A JSON value of another type than `schema` says (a number for a string, text for a list…). */
export function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = schema.type ?? (schema.$ref ? 'object' : schema.oneOf ? 'string' : undefined);
  const others: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.constant({ nested: { deeper: ['x'] } })),
    integer: fc.oneof(fc.string(), fc.double({ min: 0.1, max: 0.9 }), fc.boolean(), fc.constant([1])),
    number: fc.oneof(fc.string(), fc.boolean(), fc.constant({})),
    boolean: fc.oneof(fc.constantFrom('true', 'false', 'yes', 0, 1), fc.constant([true])),
    array: fc.oneof(fc.string(), fc.integer(), fc.constant({ 0: 'a', length: 1 })),
    object: fc.oneof(fc.string(), fc.integer(), fc.constant([[]])),
  };
  return others[type ?? ''] ?? fc.constant(Symbol.for('no wrong type'));
}
