import { applyDecorators } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsString, MaxLength, validateSync, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * Length caps for every free-text field and list (the body limit, BODY_LIMIT, is the outer bound):
 * `short` names and references, `text` ordinary text, `long` documents, `items` list entries.
 */
export const LIMITS = { short: 200, text: 5_000, long: 200_000, items: 200 } as const;

// PostgreSQL jsonb cannot hold U+0000 nor lone UTF-16 surrogates; refusing them here keeps a 5xx out of reach.
const WELL_FORMED = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const WITH_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Text without NUL characters or lone surrogates (constraint `wellFormedText`). */
const WellFormedText = (options?: ValidationOptions) =>
  ValidateBy({ name: 'wellFormedText', validator: { validate: (v) => typeof v === 'string' && WELL_FORMED.test(v) } }, options);

/** Absent is allowed; a value that is present, null included, must pass the rules of the field. */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

/** Refused beside any of `others` (constraint `excludes`): "give this or those, not both". */
export const Excludes = (...others: string[]) =>
  ValidateBy({
    name: 'excludes',
    constraints: [others],
    validator: { validate: (_value, args) => others.every((other) => (args!.object as Record<string, unknown>)[other] === undefined) },
  });

/**
 * Exactly one of this field and `other` is given: this one is required unless `other` is, and
 * refused beside it. Put `ExactlyOneOf('b')` on `a` and `Optional()` on `b`.
 */
export const ExactlyOneOf = (other: string) =>
  applyDecorators(
    ValidateIf((object, value) => value !== undefined || object[other] === undefined),
    ValidateBy({ name: 'requiredOr', constraints: [other], validator: { validate: (value) => value !== undefined } }),
    Excludes(other),
  );

/** A required, non-empty string of at most `max` characters. */
export const Text = (max: number = LIMITS.text) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(max), WellFormedText());

/** An optional string of at most `max` characters (null is refused: absent means absent). */
export const OptionalText = (max: number = LIMITS.text) => applyDecorators(Optional(), Text(max));

/** A required list of at most `items` non-empty strings of at most `max` characters each. */
export const TextList = (max: number = LIMITS.short, items: number = LIMITS.items) =>
  applyDecorators(IsArray(), ArrayMaxSize(items), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(max, { each: true }), WellFormedText({ each: true }));

/** An ISO-8601 instant with its offset, e.g. 2026-12-01T09:00:00+08:00 (constraint `instant`). */
export const Instant = () =>
  applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    ValidateBy({ name: 'instant', validator: { validate: (v) => typeof v === 'string' && WITH_ZONE.test(v) } }),
  );

/** Is `item` an object satisfying `shape`'s rules exactly (no other keys)? */
function isShape(shape: new () => object, item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  return validateSync(plainToInstance(shape, item), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false }).length === 0;
}

/**
 * A required list of at most `items` entries, each a name (non-empty text of at most `max` characters) or an
 * object of `shape` described by `schema` (constraint `textOrObject`): v1 clients send names, v2 clients persons.
 */
export const TextOrObjectList = (shape: new () => object, schema: { properties: Record<string, object>; required: string[] }, max: number = LIMITS.short, items: number = LIMITS.items) =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(items),
    ValidateBy({
      name: 'textOrObject',
      constraints: [`{${Object.keys(schema.properties).join(', ')}}`],
      validator: {
        validate: (value) =>
          Array.isArray(value) && value.every((item) => (typeof item === 'string' ? item.trim() !== '' && item.length <= max && WELL_FORMED.test(item) : isShape(shape, item))),
      },
    }),
    JSONSchema({ items: { oneOf: [{ type: 'string', minLength: 1, maxLength: max }, { type: 'object', additionalProperties: false, ...schema }] } } as never),
  );
