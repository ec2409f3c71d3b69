import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderMachineDiagramV2 } from './machine-diagram.v2';

describe(renderMachineDiagramV2.name, () => {
  const markdown = renderMachineDiagramV2();

  it('documents machine v2: the change rounds beside execution, with scoped guards', () => {
    expect(markdown).toContain('# Decision machine `major-decision` v2');
    expect(markdown).toContain('START_ADJUSTMENT [changeStartLawful(purpose=STOP)]');
    expect(markdown).toContain('STOP_EXECUTION [collectiveStopDecision]');
    expect(markdown).toContain('[reviewSubmissionLawful(scope=change)]');
  });

  it('docs/decision-machine-v2.md is the freshly rendered diagram (run `npm run docs:machine` after changing the machine)', () => {
    expect(readFileSync(resolve(__dirname, '../../../../docs/decision-machine-v2.md'), 'utf8')).toBe(markdown);
  });
});
