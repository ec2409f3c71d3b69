/**
 * Generates v1 golden trails: lawful paths of machine v1 (every milestone, both
 * profiles, three sets of facts, plus adjustment, deferral, rejection, return,
 * suspension and withdrawal), each event with the canonical SHA-256 of the
 * persisted snapshot after it. v1-trails.json was generated with the build of
 * commit 03dea9f (before machine v2), so replaying it on a later build proves
 * v1 decisions keep their states byte for byte:
 *
 *   node -r @swc-node/register libs/procedure/src/testing/golden/v1-trails.generator.ts > v1-trails.json
 *
 * Uses only harness methods that build already had.
 */
import { createHash } from 'node:crypto';
import { NATIONAL_V1, STRICT_V1 } from '../../profiles';
import { actor, driveTo, MILESTONES, type DecisionHarness } from '../factories';

/** JSON with sorted keys, history entries as sets (XState enters them in document order whatever their order). */
export function canonical(value: unknown): string {
  // as stored: JSON drops undefined members
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical SHA-256 of a persisted snapshot (history entries sorted by state id). */
export function snapshotDigest(state: unknown): string {
  const s = state as { historyValue?: Record<string, { id: string }[]> };
  const history = Object.fromEntries(Object.entries(s.historyValue ?? {}).map(([k, v]) => [k, v.map((n) => n.id).sort()]));
  return createHash('sha256').update(canonical({ ...s, historyValue: history })).digest('hex');
}

type Script = (h: DecisionHarness) => void;
const head = actor('head');
const SCRIPTS: Record<string, [string, Script]> = {
  adjustedThenWithdrawn: ['implementing', (h) => h.must('START_ADJUSTMENT', {}, { by: head }).must('REVISE_DRAFT').must('WITHDRAW')],
  deferred: ['opinionsRecorded', (h) => h.must('RECORD_DECISION', { outcome: 'DEFERRED', deviationReason: '需进一步研究' }).must('REVISE_DRAFT')],
  notAdopted: ['opinionsRecorded', (h) => h.must('RECORD_DECISION', { outcome: 'NOT_ADOPTED', deviationReason: '财力不足' })],
  rejectedOpinion: ['underReview', (h) => h.must('ISSUE_LEGALITY_OPINION', { conclusion: 'REVISE' }).must('REVISE_DRAFT').must('SUBMIT_FOR_LEGALITY_REVIEW')],
  returned: ['underReview', (h) => h.must('RETURN_FOR_MATERIALS').must('SUBMIT_FOR_LEGALITY_REVIEW')],
  suspendedResumedStopped: ['suspended', (h) => h.must('RESUME_EXECUTION').must('STOP_EXECUTION')],
  evaluatedCompleted: ['postEvaluation', (h) => h.must('SUBMIT_POST_EVALUATION').must('REPORT_EXECUTION').must('COMPLETE_EXECUTION')],
  declined: ['proposed', (h) => h.must('DECLINE_PROPOSAL')],
};

export interface GoldenTrail {
  name: string;
  profile: { id: string; version: number };
  facts: Record<string, boolean | undefined>;
  start: string;
  events: { type: string; payload: unknown; occurredAt: string; actor: unknown; digest: string; stateValue: unknown }[];
}

/** Every golden trail, recorded through the harness of the build that runs this. */
export function goldenTrails(): GoldenTrail[] {
  const out: GoldenTrail[] = [];
  const record = (name: string, h: DecisionHarness, facts: Record<string, boolean | undefined>, start: string) => {
    // re-apply the accepted events one by one on a fresh start to take each snapshot's digest
    const fresh = driveTo('proposed', { profile: h.profile, facts });
    const events = h.accepted.map((e) => {
      const outcome = fresh.apply(e);
      if (!outcome.accepted) throw new Error(`${name}: ${e.type} refused on re-application`);
      return { type: e.type, payload: e.payload, occurredAt: e.occurredAt, actor: e.actor, digest: snapshotDigest(fresh.snapshot.state), stateValue: fresh.stateValue };
    });
    out.push({ name, profile: { id: h.profile.id, version: h.profile.version }, facts, start, events });
  };
  for (const profile of [NATIONAL_V1, STRICT_V1]) {
    for (const facts of [{}, { confidential: true }, { publicInterest: true, exploratoryReform: true }]) {
      record(`${profile.id}:${JSON.stringify(facts)}:suspended`, driveTo('suspended', { profile, facts }), facts, 'suspended');
      record(`${profile.id}:${JSON.stringify(facts)}:postEvaluation`, driveTo('postEvaluation', { profile, facts }), facts, 'postEvaluation');
      for (const [name, [from, script]] of Object.entries(SCRIPTS)) {
        const h = driveTo(from as (typeof MILESTONES)[number], { profile, facts });
        script(h);
        record(`${profile.id}:${JSON.stringify(facts)}:${name}`, h, facts, from);
      }
    }
  }
  return out;
}

if (require.main === module) process.stdout.write(`${JSON.stringify(goldenTrails())}\n`);
