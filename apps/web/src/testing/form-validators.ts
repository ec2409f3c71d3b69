import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/compileSchemaValidators';
import { allFormSchemas } from '../decision/form-schemas';

// Component tests' stand-in for the build's `virtual:form-validators`: the same ajv standalone code
// (vite.form-validators.ts), compiled and loaded here (Node allows generating code; the browser's CSP does not).
const validators: Record<string, ValidatorFunctions> = {};
for (const [form, schema] of Object.entries(allFormSchemas())) {
  const module = { exports: {} as ValidatorFunctions };
  new Function('module', 'exports', 'require', compileSchemaValidatorsCode(schema as never, { ajvOptionsOverrides: { strict: false } }))(module, module.exports, require);
  validators[form] = module.exports;
}

export default validators;
