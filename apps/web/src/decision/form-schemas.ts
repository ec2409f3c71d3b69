import { bodyFormSchema, eventFormSchema, eventTypes, withObjectEntries, withValueTitles, type SchemaNode } from './event-schema';

/** Request bodies besides events that the console fills in with forms. */
export const BODY_FORMS = ['CreateDecisionDto', 'CreateCatalogueDto', 'CatalogueConsentDto', 'PublishCatalogueDto', 'AdjustCatalogueDto'] as const;

/**
 * Every form of the console, by key (an event type or a body schema name), exactly as the form shows it.
 * The build compiles a validator for each (no code is generated in the browser: the CSP forbids eval).
 */
export function allFormSchemas(): Record<string, SchemaNode> {
  const forms: Record<string, SchemaNode> = {};
  for (const type of eventTypes()) forms[type] = withValueTitles(withObjectEntries(eventFormSchema(type)!));
  for (const name of BODY_FORMS) forms[name] = withValueTitles(bodyFormSchema(name));
  return forms;
}
