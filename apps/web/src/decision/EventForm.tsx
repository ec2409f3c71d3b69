import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeZh from 'ajv-i18n/localize/zh';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, explainError } from '../api/api-error';
import { t, words } from '../i18n';
import { uiSchemaFor, type SchemaNode } from './event-schema';

// ajv with its messages in Chinese; formats the API documents but ajv does not know are left to the server.
const validator = customizeValidator({ ajvOptionsOverrides: { strict: false } }, localizeZh as never);

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
  schema: SchemaNode;
  initial?: Record<string, unknown>;
  uiOverrides?: Record<string, Record<string, unknown>>;
  submitText?: string;
  /** sends the form's data; a thrown ApiError is shown (field errors beside the fields, rules in words) */
  onSubmit: (data: Record<string, unknown>) => Promise<void>;
}

/** A form generated from a JSON schema of the API, labelled from the message file, with Chinese validation messages. */
export function SchemaForm({ schema, initial, uiOverrides, submitText, onSubmit }: SchemaFormProps) {
  const [data, setData] = useState<Record<string, unknown>>(initial ?? {});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const uiSchema = useMemo(
    () => ({ ...uiSchemaFor(schema, uiOverrides), 'ui:submitButtonOptions': { submitText: submitText ?? t.decision.submit, props: { disabled: busy } } }),
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
