declare module 'virtual:form-validators' {
  import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
  /** The precompiled validators of every form, by form key (see vite.form-validators.ts). */
  const validators: Record<string, ValidatorFunctions>;
  export default validators;
}
