/**
 * Writes docs/decision-machine.md: the Mermaid statechart and the event → roles → guards
 * table, rendered from the machine definition itself. Run with `npm run docs:machine`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderMachineDiagram } from '../libs/procedure/src/machine-diagram';

export const DIAGRAM_PATH = resolve(__dirname, '..', 'docs', 'decision-machine.md');

function main() {
  const markdown = renderMachineDiagram();
  mkdirSync(dirname(DIAGRAM_PATH), { recursive: true });
  writeFileSync(DIAGRAM_PATH, markdown, 'utf8');
  process.stdout.write(`wrote ${DIAGRAM_PATH} (${markdown.length} characters)\n`);
}

if (require.main === module) main();
