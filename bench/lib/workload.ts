import { lawful } from '../../test/utils/decision-flow';
import type { RoleName } from './actors';
import type { Job } from './driver';
import { expectStatus } from './http';

/**
 * The workload: what a county's drafting offices do all day (revise drafts,
 * record expert opinions, re-appoint panels, register new matters) on many
 * decisions, plus a few decisions walked along the whole lawful path
 * (register → … → published), all through the public API.
 */

const CLAUSES = [
  '坚持最严格的耕地保护制度，严守耕地红线，确保高标准农田建设任务按期完成。',
  '县农业农村局负责统筹推进，财政、自然资源、水利等部门按职责分工协同配合。',
  '建设资金实行专账管理，严禁挤占挪用，审计部门依法开展跟踪审计。',
  '项目建成后由乡镇人民政府组织管护，落实管护主体和管护责任。',
  '对群众反映集中的灌溉排水问题，优先安排项目，及时公开建设进度。',
];

/** A draft revision of realistic size (~110 Chinese characters, ~330 bytes of UTF-8), distinct per `n`. */
export function draftText(n: number): string {
  const a = CLAUSES[n % CLAUSES.length];
  const b = CLAUSES[(n >> 3) % CLAUSES.length];
  return `关于推进高标准农田建设的实施意见（草案）第${n}稿：${a}${b}`;
}

export const EXPERTS = lawful.experts.experts.map((e) => e.name);

export const revise = (n: number) => ({ type: 'REVISE_DRAFT', text: draftText(n), changeSummary: `根据征求意见修改第${n % 97}条` });
export const expertOpinion = (n: number) => lawful.expertOpinion(EXPERTS[n % EXPERTS.length]);
export const appointExperts = () => lawful.experts;
export const newDecision = (n: number) => ({ title: `高标准农田建设实施意见 ${n}`, category: 'PUBLIC_POLICY', summary: '提升耕地质量，保障粮食安全' });

/** One step of a full path: who sends what (the first step registers the decision). */
export interface PathStep {
  as: RoleName;
  body: Record<string, unknown>;
  create?: boolean;
  /** the deadline worker may have done this already (422 COMMENT_PERIOD_ALREADY_CLOSED then means "done") */
  timerMayPreempt?: boolean;
}

/** register → drafting → consultations → legality review → meeting → adopted → reported → published: 23 transitions. */
export function fullPath(n: number): PathStep[] {
  const steps: PathStep[] = [
    { as: 'drafter', body: newDecision(n), create: true },
    { as: 'secretary', body: lawful.accept },
    { as: 'drafter', body: revise(n) },
    // an urgent period of a second, over as the path starts (begun within the clock tolerance, so no notice is
    // owed), so the PUBLIC_COMMENT_END deadline fires at once: the worker's PUBLIC_COMMENT_ELAPSED races the
    // drafter's CLOSE_PUBLIC_COMMENT
    { as: 'drafter', body: lawful.urgentComment(Date.now() - 1_000, Date.now() - 2_000) },
    { as: 'drafter', body: lawful.closeComment, timerMayPreempt: true },
    { as: 'drafter', body: lawful.opinionReport },
    { as: 'drafter', body: lawful.experts },
    ...EXPERTS.map((name): PathStep => ({ as: 'drafter', body: lawful.expertOpinion(name) })),
    { as: 'drafter', body: lawful.expertReport },
    { as: 'drafter', body: lawful.riskReport },
    { as: 'drafter', body: lawful.submitReview },
    { as: 'reviewer', body: lawful.lawfulOpinion },
    { as: 'drafter', body: lawful.toDiscussion },
    { as: 'secretary', body: lawful.meeting },
    ...lawful.opinions().map((body): PathStep => ({ as: 'secretary', body })),
    { as: 'head', body: lawful.adopt },
    { as: 'secretary', body: lawful.partyCommittee },
    { as: 'secretary', body: lawful.publish },
  ];
  return steps;
}

/** The HTTP job of a path step (`id` is the decision, unknown for the create step). */
export function pathJob(step: PathStep, id: string | null, tokens: Record<RoleName, string>): Job {
  return step.create
    ? { method: 'POST', path: '/api/decisions', token: tokens[step.as], body: step.body, kind: 'PATH' }
    : { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens[step.as], body: step.body, kind: 'PATH' };
}

/**
 * Prepares `count` decisions for the cheap mix (drafting, one draft, an expert
 * panel appointed): 4 transitions each, `concurrency` decisions at a time.
 */
export async function prepareDecisions(baseUrl: string, tokens: Record<RoleName, string>, count: number, concurrency = 8, first = 0): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = first + next++;
      const created = await expectStatus(baseUrl, { method: 'POST', path: '/api/decisions', token: tokens.drafter, body: newDecision(n) }, 201);
      const id: string = created.body.id;
      const send = (as: RoleName, body: unknown) => expectStatus(baseUrl, { method: 'POST', path: `/api/decisions/${id}/events`, token: tokens[as], body }, 200);
      await send('secretary', lawful.accept);
      await send('drafter', revise(n));
      await send('drafter', lawful.experts);
      ids.push(id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return ids;
}
