import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyStateNode } from 'xstate';
import { createRuleChecks } from './decision.guards';
import { createDecisionMachine } from './decision.machine';
import { EVENT_ROLES } from './event-roles';
import { EVENT_TYPES } from './events';
import { guardLabel, renderMachineDiagram } from './machine-diagram';
import { createCalendar } from './testing/factories';

const DOC = resolve(__dirname, '../../../docs/decision-machine.md');
const machine = createDecisionMachine({ calendar: createCalendar() });

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...nodesOf(child)]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe(renderMachineDiagram.name, () => {
  const markdown = renderMachineDiagram();
  const mermaid = markdown.split('```mermaid\n')[1].split('\n```')[0];

  it('is a Mermaid stateDiagram-v2 with balanced composite blocks', () => {
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    expect((mermaid.match(/\{/g) ?? []).length).toBe((mermaid.match(/\}/g) ?? []).length);
    expect(mermaid).toContain('[*] --> proposed');
  });

  it('shows every state node of the machine', () => {
    for (const node of nodesOf(machine.root as AnyStateNode)) {
      const id = node.path.join('_');
      const pattern = node.type === 'history' ? new RegExp(`state "H\\*" as ${escape(id)}\\b`) : new RegExp(`(^|\\s)(${escape(node.key)}|${escape(id)})(\\s|$)`, 'm');
      expect({ node: node.id, shown: pattern.test(mermaid) }).toEqual({ node: node.id, shown: true });
    }
  });

  it('draws parallel regions as concurrent sections, and final states as ends', () => {
    const drafting = mermaid.slice(mermaid.indexOf('state drafting {'));
    expect(drafting.indexOf('state publicParticipation {')).toBeLessThan(drafting.indexOf('--\n'));
    expect((drafting.split('\n    }')[0].match(/^\s+--$/gm) ?? []).length).toBe(3);
    for (const final of ['closed', 'stopped', 'declined', 'notAdopted', 'withdrawn']) expect(mermaid).toContain(`${final} --> [*]`);
  });

  it('labels every transition with its event, and its guard where it has one', () => {
    for (const type of EVENT_TYPES.filter((t) => t !== 'CREATE_DECISION')) expect(mermaid).toMatch(new RegExp(`: ${type}\\b`));
    for (const guard of Object.keys(createRuleChecks({ calendar: createCalendar() }))) expect(mermaid).toContain(`[${guard}`);
    expect(mermaid).toContain('drafting --> collectiveDiscussion : SUBMIT_FOR_COLLECTIVE_DISCUSSION [readyForCollectiveDiscussion]');
    expect(mermaid).toContain('collectiveDiscussion --> drafting : RECORD_DECISION [decisionLawful(outcomes=DEFERRED)] from inMeeting → H*');
    expect(mermaid).toContain('suspended --> implementing : RESUME_EXECUTION → H*');
  });

  it('tabulates every event with the roles of EVENT_ROLES and its guards', () => {
    for (const type of EVENT_TYPES) {
      const row = markdown.split('\n').find((l) => l.startsWith(`| \`${type}\` |`));
      expect(row).toBeDefined();
      expect(row!.split(' | ')[1]).toBe(EVENT_ROLES[type].join(', '));
    }
    expect(markdown).toContain('| `SUBMIT_FOR_COLLECTIVE_DISCUSSION` | drafter, secretary | `drafting` | `readyForCollectiveDiscussion` |');
  });

  it('names guards with their parameters', () => {
    expect(guardLabel(undefined)).toBeNull();
    expect(guardLabel('plain')).toBe('plain');
    expect(guardLabel({ type: 'g', params: { outcomes: ['A', 'B'], n: 1 } })).toBe('g(outcomes=A/B, n=1)');
  });

  it('is deterministic', () => {
    expect(renderMachineDiagram()).toBe(markdown);
  });

  it('docs/decision-machine.md is the freshly rendered diagram (run `npm run docs:machine` after changing the machine)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(markdown);
  });
});
