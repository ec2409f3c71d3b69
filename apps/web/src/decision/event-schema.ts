import document from '../api/openapi.json';
import { t, words } from '../i18n';

/** A JSON Schema node as found in the OpenAPI document (only what the form needs is typed). */
export interface SchemaNode {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
  [keyword: string]: unknown;
}

interface Variant extends SchemaNode {
  title: string;
  'x-roles'?: string[];
}

type OpenApiDocument = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: SchemaNode }> } }>>;
  components: { schemas: Record<string, SchemaNode> };
};
const doc = document as unknown as OpenApiDocument;
const SCHEMA_REF = '#/components/schemas/';

// Keywords of OpenAPI, not of JSON Schema, that a form validator must not see.
const OPENAPI_ONLY = new Set(['example', 'examples', 'discriminator', 'nullable', 'x-roles', 'readOnly', 'writeOnly']);
// The API refuses NUL characters and lone surrogates in text; a person typing cannot produce them, so the form skips that pattern.
const isTextHygiene = (pattern: string) => pattern.includes('\\u0000');
// An instant is documented as date or date-time plus a pattern requiring a time zone: the form asks for a date and time.
const isInstant = (node: SchemaNode) => Array.isArray(node.oneOf) && node.oneOf.some((o) => o.format === 'date-time');

/** A self-contained copy of a schema node: references resolved, OpenAPI-only keywords dropped, instants as date-time. */
export function resolveSchema(node: SchemaNode, components: Record<string, SchemaNode> = doc.components.schemas, seen: string[] = []): SchemaNode {
  if (node.$ref) {
    const name = node.$ref.slice(SCHEMA_REF.length);
    if (seen.includes(name)) throw new Error(`recursive schema ${name}`);
    return resolveSchema(components[name] ?? {}, components, [...seen, name]);
  }
  if (isInstant(node)) return { type: 'string', format: 'date-time' };
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (OPENAPI_ONLY.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string' && isTextHygiene(value)) continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, SchemaNode>).map(([k, v]) => [k, resolveSchema(v, components, seen)]));
    else if (key === 'items') out.items = resolveSchema(value as SchemaNode, components, seen);
    else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') out[key] = (value as SchemaNode[]).map((v) => resolveSchema(v, components, seen));
    else out[key] = value;
  }
  return out;
}

/** The variants of POST /api/decisions/{id}/events' body: one per event type. */
function eventVariants(): Variant[] {
  const body = doc.paths['/api/decisions/{id}/events'].post.requestBody!;
  return (body.content['application/json'].schema.oneOf ?? []) as Variant[];
}

/** Every event type the API takes through POST /api/decisions/{id}/events. */
export const eventTypes = () => eventVariants().map((v) => v.title);

/** The roles the API allows for an event type (its `x-roles`), for labels only: the API decides. */
export function eventRoles(type: string): string[] {
  return eventVariants().find((v) => v.title === type)?.['x-roles'] ?? [];
}

/** The form schema of an event's fields (without `type`), from the API's own document; null for an event the API does not take. */
export function eventFormSchema(type: string): SchemaNode | null {
  const variant = eventVariants().find((v) => v.title === type);
  if (!variant) return null;
  const fields = (variant.allOf ?? []).map((part) => resolveSchema(part)).find((part) => !part.properties?.type) ?? { type: 'object', properties: {} };
  return { ...fields, title: undefined, type: 'object' };
}

/** The form schema of a request body by its schema name (e.g. CreateDecisionDto). */
export function bodyFormSchema(name: string): SchemaNode {
  return resolveSchema({ $ref: `${SCHEMA_REF}${name}` });
}

/** The words for an enumerated value (a value name, else a category name). */
const valueWords = (value: string) => t.values[value] ?? t.categories[value] ?? value;

/**
 * The schema a form shows: each enumerated value as a choice titled in words (`oneOf` of `const` and
 * `title`, which the form library renders as the option's label), nested objects and lists alike.
 */
export function withValueTitles(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string')) {
    delete out.enum;
    out.type = 'string';
    out.oneOf = (node.enum as string[]).map((value) => ({ const: value, title: valueWords(value) }));
  }
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, withValueTitles(v)]));
  if (node.items) out.items = withValueTitles(node.items);
  return out;
}

/**
 * Lists the API takes in two forms (v1: names; v2: objects such as meeting attendees `{name, sub}` or advisers'
 * opinions `{name, kind, opinion}`): the console writes for new decisions, which run machine v2, so each entry is
 * the object's own fields, never a choice between a bare name and an object.
 */
export function withObjectEntries(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  const variants = node.items?.oneOf;
  const object = Array.isArray(variants) && variants.length > 1 ? variants.find((v) => v.type === 'object' && v.properties) : undefined;
  if (object) out.items = object;
  else if (node.items) out.items = withObjectEntries(node.items);
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, withObjectEntries(v)]));
  return out;
}

type UiNode = Record<string, unknown>;

/** Fields that cite an uploaded material by its id: the form offers an upload instead of a text box. */
const isMaterialField = (name: string) => /(^m|M)aterialIds?$/.test(name);

/** Labels, value names and widgets for a form schema, from the message file. */
export function uiSchemaFor(schema: SchemaNode, overrides: Record<string, UiNode> = {}): UiNode {
  const ui: UiNode = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const node: UiNode = { 'ui:title': words(t.fields, name) };
    const choices = property.enum ?? property.oneOf;
    if (property.type === 'string' && (property.maxLength as number | undefined ?? 0) > 1000 && !choices) node['ui:widget'] = 'textarea';
    if (property.type === 'array' && property.items?.type === 'object') node.items = uiSchemaFor(property.items);
    if (property.type === 'array' && property.items?.type === 'string') node.items = { 'ui:title': words(t.fields, name), ...(isMaterialField(name) && { 'ui:widget': 'material' }) };
    else if (isMaterialField(name)) node['ui:widget'] = 'material';
    ui[name] = { ...node, ...overrides[name] };
  }
  return ui;
}
