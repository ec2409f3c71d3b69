import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

// Small builders for the documented response shapes: JSON Schema is verbose, the shapes are not.

/** A string, optionally of a format or one of some values. */
export const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description && { description }), ...extra });
/** An ISO-8601 instant. */
export const instant = (description?: string): SchemaObject => str(description, { format: 'date-time' });
/** One of the listed strings. */
export const oneOfValues = (values: readonly string[], description?: string): SchemaObject => str(description, { enum: [...values] });
export const int = (description?: string): SchemaObject => ({ type: 'integer', ...(description && { description }) });
export const bool = (description?: string): SchemaObject => ({ type: 'boolean', ...(description && { description }) });
/** A value of any JSON type (payloads, state values). */
export const anyJson = (description?: string): SchemaObject => ({ ...(description && { description }) });
export const arr = (items: SchemaObject, description?: string): SchemaObject => ({ type: 'array', items, ...(description && { description }) });
export const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
/** A reference to a named schema of the document. */
export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` }) as SchemaObject;

/**
 * An object whose listed properties are all present unless named in `optional`. Further properties are
 * allowed: the API adds fields (API.md), and a client must ignore those it does not know.
 */
export function obj(properties: Record<string, SchemaObject>, optional: string[] = [], description?: string): SchemaObject {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', properties, ...(required.length && { required }), ...(description && { description }) };
}
