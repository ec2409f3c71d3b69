import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/compileSchemaValidators';
import type { Plugin } from 'vite';
import { allFormSchemas } from './src/decision/form-schemas';

const INDEX = 'virtual:form-validators';
const RESOLVED = '\0form-validators';
const ONE = '\0form-validator:';

/**
 * `virtual:form-validators`: the JSON Schema validators of every form, compiled by ajv at build time
 * (ajv's standalone code), so that the browser never generates code: the console's CSP has no 'unsafe-eval'.
 */
export function formValidators(): Plugin {
  const forms = allFormSchemas();
  const keys = Object.keys(forms);
  return {
    name: 'form-validators',
    resolveId: (id) => (id === INDEX ? RESOLVED : id.startsWith(ONE) ? id : undefined),
    load(id) {
      if (id === RESOLVED) {
        const imports = keys.map((key, i) => `import * as v${i} from ${JSON.stringify(ONE + key)};`).join('\n');
        return `${imports}\nexport default {${keys.map((key, i) => `${JSON.stringify(key)}: v${i}`).join(', ')}};\n`;
      }
      if (id.startsWith(ONE)) return compileSchemaValidatorsCode(forms[id.slice(ONE.length)] as never, { ajvOptionsOverrides: { strict: false } });
      return undefined;
    },
  };
}
