// The project's architecture as one lint rule, on resolved paths (an import is judged by where it lands, not by how it is spelled):
//  - a library never imports an app, bench, test or scripts;
//  - an app never imports another app (apps/server composes api and worker; that is its job);
//  - a library is reached through its alias (@app/x), never by a path into its sources from outside it.
// Test files and test support (testing/ folders) may reach test utilities; the rest holds for them too.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const ALIASES = { '@app/config': 'libs/common' };
const COMPOSES = { server: ['api', 'worker'] };
/** Libraries that own something outside libs/: persistence runs the migrations. */
const OWNS = { 'libs/persistence': ['migrations'] };
const TEST = /(\.(spec|int-spec|e2e-spec)\.tsx?$)|([/\\]testing[/\\])/;

/** 'libs/decisions' | 'apps/api' | 'bench' | 'test' | 'scripts' | 'migrations' | undefined, for a repository path. */
function areaOf(path) {
  const parts = relative(ROOT, path).split(sep);
  if (parts[0] === '..' ) return undefined;
  if (parts[0] === 'libs' || parts[0] === 'apps') return parts.length > 1 ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}

function targetOf(file, spec) {
  if (spec.startsWith('.')) return resolve(dirname(file), spec);
  if (ALIASES[spec]) return resolve(ROOT, ALIASES[spec], 'src');
  const alias = /^@app\/([a-z-]+)/.exec(spec);
  return alias ? resolve(ROOT, 'libs', alias[1], 'src') : undefined;
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { boundary: '{{why}}' } },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    if (!from || !(from.startsWith('libs/') || from.startsWith('apps/'))) return {};
    const isTest = TEST.test(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      const target = targetOf(file, spec);
      if (!target) return;
      const to = areaOf(target);
      if (!to || to === from) return;
      const report = (why) => context.report({ node, messageId: 'boundary', data: { why } });
      if (from.startsWith('libs/') && !to.startsWith('libs/') && !isTest && !(OWNS[from] ?? []).includes(to)) {
        return report(`${from} imports ${to}: a library never imports an app, bench, test or scripts.`);
      }
      if (from.startsWith('apps/') && to.startsWith('apps/') && !isTest) {
        const [fromApp, toApp] = [from.slice(5), to.slice(5)];
        if (!(COMPOSES[fromApp] ?? []).includes(toApp)) {
          return report(`${from} imports ${to}: apps never import each other (share through a library; apps/server composes).`);
        }
      }
      // test code may reach a library's test support (testing/), which its index does not export
      if (to.startsWith('libs/') && spec.startsWith('.') && !(isTest && /[/\\]testing([/\\]|$)/.test(target))) {
        return report(`${spec}: reach ${to} through its alias @app/${to.slice(5)}, not a path into its sources.`);
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { boundaries: rule } };
