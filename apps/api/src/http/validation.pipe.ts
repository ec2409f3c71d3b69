import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { Message, MessageKey, MessageParams } from './http-messages';
import { LocalizedError } from './localized-error';

type Rule = (constraints: unknown[]) => { key: MessageKey; params?: MessageParams };
const plain = (key: MessageKey): Rule => () => ({ key });
const list = (values: unknown) => (Array.isArray(values) ? values.join(', ') : String(values));

// class-validator constraint names (and those of field-rules.ts) → catalogue messages. Listed in
// the order a field's problems are told: the first that applies is the one shown for the field.
const RULES: [string, Rule][] = [
  ['whitelistValidation', plain('FIELD_UNKNOWN')],
  ['excludes', (c) => ({ key: 'FIELD_EXCLUDES', params: { other: list(c[0]) } })],
  ['nestedValidation', plain('FIELD_OBJECT')],
  ['isObject', plain('FIELD_OBJECT')],
  ['isString', plain('FIELD_STRING')],
  ['isArray', plain('FIELD_ARRAY')],
  ['isBoolean', plain('FIELD_BOOLEAN')],
  ['isInt', plain('FIELD_INTEGER')],
  ['isNumber', plain('FIELD_NUMBER')],
  ['isUuid', plain('FIELD_UUID')],
  ['isIn', (c) => ({ key: 'FIELD_ONE_OF', params: { values: list(c[0]) } })],
  ['equals', (c) => ({ key: 'FIELD_EQUALS', params: { value: JSON.stringify(c[0]) } })],
  ['isIso8601', plain('FIELD_INSTANT')],
  ['instant', plain('FIELD_INSTANT')],
  ['isUrl', plain('FIELD_URL')],
  ['textOrObject', (c) => ({ key: 'FIELD_TEXT_OR_OBJECT', params: { shape: String(c[0]) } })],
  ['isNotEmpty', plain('FIELD_NOT_EMPTY')],
  ['wellFormedText', plain('FIELD_WELL_FORMED')],
  ['maxLength', (c) => ({ key: 'FIELD_MAX_LENGTH', params: { max: Number(c[0]) } })],
  ['minLength', (c) => ({ key: 'FIELD_MIN_LENGTH', params: { min: Number(c[0]) } })],
  ['arrayMinSize', (c) => ({ key: 'FIELD_ARRAY_MIN', params: { min: Number(c[0]) } })],
  ['arrayMaxSize', (c) => ({ key: 'FIELD_ARRAY_MAX', params: { max: Number(c[0]) } })],
  ['min', (c) => ({ key: 'FIELD_MIN', params: { min: Number(c[0]) } })],
  ['max', (c) => ({ key: 'FIELD_MAX', params: { max: Number(c[0]) } })],
];
const RANK = new Map(RULES.map(([name], index) => [name, index]));
const RULE = new Map(RULES);

// A response names at most this many problems (a list of 10,000 bad items must not echo 10,000 lines).
const MAX_MESSAGES = 10;
const MAX_FIELDS = 100;

function metadataOf(error: ValidationError, constraint: string): ValidationMetadata | undefined {
  const target = error.target as object | undefined;
  if (!target) return undefined;
  const all = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return all.find((m) => m.propertyName === error.property && (m.name ?? m.type) === constraint);
}

// The one message of a field: "required" when the value is absent, else its most basic broken rule.
function messageOf(error: ValidationError, field: string): Message {
  const names = Object.keys(error.constraints ?? {});
  if (error.value === undefined && !names.includes('whitelistValidation')) {
    const either = names.includes('requiredOr') ? metadataOf(error, 'requiredOr') : undefined;
    return either ? { key: 'FIELD_REQUIRED_OR', params: { field, other: list(either.constraints[0]) } } : { key: 'FIELD_REQUIRED', params: { field } };
  }
  // A rule on the value itself comes before the same kind of rule on each of its items.
  const rank = (name: string) => (RANK.get(name) ?? RULES.length) + (metadataOf(error, name)?.each ? RULES.length + 1 : 0);
  const name = [...names].sort((a, b) => rank(a) - rank(b))[0];
  const metadata = metadataOf(error, name);
  const rule = RULE.get(name);
  if (!rule) return { key: 'FIELD_INVALID', params: { field } };
  const { key, params } = rule(metadata?.constraints ?? []);
  return { key, params: { field, ...params }, ...(metadata?.each && { each: true }) };
}

function problemsOf(errors: ValidationError[], parent = ''): { field: string; message: Message }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints && Object.keys(error.constraints).length ? [{ field, message: messageOf(error, field) }] : [];
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/** LocalizedError VALIDATION_FAILED naming every bad field (one message each), with `details.fields` listing their paths. */
export function validationFailed(errors: ValidationError[]): LocalizedError {
  const problems = problemsOf(errors);
  const fields = [...new Set(problems.map((problem) => problem.field))].slice(0, MAX_FIELDS);
  const messages = problems.length ? problems.slice(0, MAX_MESSAGES).map((p) => p.message) : [{ key: 'VALIDATION_FAILED' as const }];
  return new LocalizedError('VALIDATION_FAILED', messages, { fields });
}

/** The global pipe: DTOs whitelist their fields, unknown fields are refused, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target and the value of each error tell which rule failed and whether the field was absent.
    validationError: { target: true, value: true },
    exceptionFactory: validationFailed,
  });
}
