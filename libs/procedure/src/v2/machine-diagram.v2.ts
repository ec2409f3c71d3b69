import { renderMachineDiagram } from '../machine-diagram';
import { createDecisionMachineV2, DECISION_MACHINE_V2 } from './machine.v2';

/** Machine v2 as documentation (docs/decision-machine-v2.md); guards are named, never evaluated. */
export function renderMachineDiagramV2(): string {
  const machine = createDecisionMachineV2({
    calendar: {
      addWorkingDays: () => {
        throw new Error('the diagram never evaluates guards');
      },
    },
  });
  return renderMachineDiagram({ machine: machine as never, version: DECISION_MACHINE_V2.version, source: 'libs/procedure/src/v2/machine.v2.ts' });
}
