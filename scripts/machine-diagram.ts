/**
 * Writes docs/decision-machine.md: the Mermaid statechart and the event → roles → guards
 * table, rendered from the machine definition itself. Run with `npm run docs:machine`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderMachineDiagram } from '../libs/procedure/src/machine-diagram';
import { renderMachineDiagramV2 } from '../libs/procedure/src/v2/machine-diagram.v2';

export const DIAGRAM_PATH = resolve(__dirname, '..', 'docs', 'decision-machine.md');
export const DIAGRAM_V2_PATH = resolve(__dirname, '..', 'docs', 'decision-machine-v2.md');

function main() {
  for (const [path, markdown] of [
    [DIAGRAM_PATH, renderMachineDiagram()],
    [DIAGRAM_V2_PATH, renderMachineDiagramV2()],
  ]) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, markdown, 'utf8');
    process.stdout.write(`wrote ${path} (${markdown.length} characters)\n`);
  }
}

if (require.main === module) main();
