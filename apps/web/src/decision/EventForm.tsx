import Form from '@rjsf/antd';
import { englishStringTranslator, replaceStringParameters, type ErrorSchema, type RJSFSchema, type RJSFValidationError, type TranslatableString } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import localizeZh from 'ajv-i18n/localize/zh';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, explainError } from '../api/api-error';
import { t, words } from '../i18n';
import validators from 'virtual:form-validators';
import { uiSchemaFor, type SchemaNode } from './event-schema';
import { allFormSchemas } from './form-schemas';
import { BeijingDateTimeWidget } from './BeijingDateTimeWidget';
import { ChoiceWidget } from './ChoiceWidget';
import { MaterialWidget } from './MaterialWidget';

// every date-time field in Beijing time; material fields as uploads; choices known when the page loads
const WIDGETS = { DateTimeWidget: BeijingDateTimeWidget, material: MaterialWidget, choice: ChoiceWidget };

const FORMS = allFormSchemas();
/** ajv's validator of a form, compiled at build time (the CSP forbids generating code in the browser), with Chinese messages. */
const validatorFor = (form: string) => createPrecompiledValidator(validators[form], FORMS[form] as RJSFSchema, localizeZh as never);

/** The form library's own words in Chinese (its English where the message file has none yet). */
function translateString(source: TranslatableString, params?: string[]): string {
  const own = t.form[source];
  return own ? replaceStringParameters(own, params) : englishStringTranslator(source, params);
}

/** Field errors of a 400 (`details.fields`), as the form shows them beside each field. */
function fieldErrors(error: unknown): ErrorSchema | undefined {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.fields.length) return undefined;
  const schema: Record<string, unknown> = {};
  for (const path of error.fields) {
    let node = schema;
    for (const part of path.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    node.__errors = [error.body.message ?? t.rules.VALIDATION_FAILED];
  }
  return schema as ErrorSchema;
}

/** ajv's messages name fields by their path; a person reads the field's label. */
function labelErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((e) => {
    const field = e.property?.split('.').filter((p) => p && !/^\d+$/.test(p)).pop();
    return field ? { ...e, stack: `${words(t.fields, field)}：${e.message ?? ''}` } : e;
  });
}

export interface SchemaFormProps {
  /** the form's key: an event type or a request body's schema name (see form-schemas.ts) */
  form: string;
  initial?: Record<string, unknown>;
  uiOverrides?: Record<string, Record<string, unknown>>;
  submitText?: string;
  /** sends the form's data; a thrown ApiError is shown (field errors beside the fields, rules in words) */
  onSubmit: (data: Record<string, unknown>) => Promise<void>;
}

/** A form generated from a JSON schema of the API, labelled from the message file, with Chinese validation messages. */
export function SchemaForm({ form, initial, uiOverrides, submitText, onSubmit }: SchemaFormProps) {
  const schema: SchemaNode = FORMS[form];
  const [data, setData] = useState<Record<string, unknown>>(initial ?? {});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const validator = useMemo(() => validatorFor(form), [form]);
  const uiSchema = useMemo(
    () => ({ ...uiSchemaFor(schema, uiOverrides), 'ui:submitButtonOptions': { submitText: submitText ?? t.decision.submit, props: { type: 'primary', disabled: busy } } }),
    [schema, uiOverrides, submitText, busy],
  );
  return (
    <>
      {error !== undefined && !fieldErrors(error) && (
        <Alert type="error" showIcon title={t.errors.title} description={<ul className="reasons">{explainError(error).map((l) => <li key={l}>{l}</li>)}</ul>} style={{ marginBottom: 16 }} />
      )}
      <Form
        schema={schema as never}
        uiSchema={uiSchema}
        formData={data}
        validator={validator}
        showErrorList={false}
        transformErrors={labelErrors}
        extraErrors={fieldErrors(error)}
        noHtml5Validate
        translateString={translateString}
        widgets={WIDGETS}
        onChange={(e) => setData(e.formData as Record<string, unknown>)}
        onSubmit={async (e) => {
          setBusy(true);
          try {
            await onSubmit(e.formData as Record<string, unknown>);
            setError(undefined);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      />
    </>
  );
}
