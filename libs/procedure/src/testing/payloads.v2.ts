/**
 * Lawful payloads under machine v2, where they differ from v1's: an explanation
 * with the comment period, a method actually used before the opinion report,
 * advisers' opinions, meeting members as persons (the head is the head user),
 * participation in the post-evaluation, a trigger for a change round.
 */
import type { DecisionContext } from '../decision-context';
import type { EventType, MeetingPerson } from '../events';
import { scoped, type DecisionContextV2, type MeetingV2 } from '../v2/context.v2';
import { actor, MEMBERS, validPayloads, type PayloadBuilder } from './fixtures';

/** The head of the organ as a meeting member: the user who sends RECORD_DECISION. */
export const HEAD_PERSON: MeetingPerson = { name: actor('head').name, sub: actor('head').sub };
/** The other members, users of the system too. */
export const MEMBER_PERSONS: MeetingPerson[] = MEMBERS.map((name, i) => ({ name, sub: `member-${i + 1}` }));

const participationHeld = (ctx: DecisionContext) => ctx.publicParticipation.comment !== null || ctx.publicParticipation.hearings.length > 0;

export const validPayloadsV2: { [T in EventType]: PayloadBuilder<T> } = {
  ...validPayloads,
  OPEN_PUBLIC_COMMENT: (s) => ({ ...validPayloads.OPEN_PUBLIC_COMMENT(s), explanation: '关于《城区停车收费标准调整方案（征求意见稿）》的起草说明' }),
  SUBMIT_PUBLIC_OPINION_REPORT: (s) => ({
    ...validPayloads.SUBMIT_PUBLIC_OPINION_REPORT(s),
    ...(participationHeld(s.context) ? {} : { otherMethods: [{ method: 'FORUM', heldAt: s.now, summary: '召开商户、市民座谈会', materialId: 'material-forum-record' }] }),
  }),
  ISSUE_LEGALITY_OPINION: (s) => ({
    ...validPayloads.ISSUE_LEGALITY_OPINION(s),
    advisers: [{ name: '法律顾问王某', kind: 'LEGAL_ADVISER', opinion: '制定主体、程序、内容均合法' }],
  }),
  HOLD_MEETING: (s) => ({ ...validPayloads.HOLD_MEETING(s), attendees: [...MEMBER_PERSONS, HEAD_PERSON] as never }),
  RECORD_OPINION: ({ context }) => {
    const meeting = context.meeting as MeetingV2 | null;
    const spoke = (p: MeetingPerson) => meeting?.opinions.some((o) => o.memberSub === p.sub) ?? false;
    const next = MEMBER_PERSONS.find((p) => !spoke(p));
    return next
      ? { member: next.name, memberSub: next.sub, isHead: false, position: 'FOR', text: '同意' }
      : { member: HEAD_PERSON.name, memberSub: HEAD_PERSON.sub, isHead: true, position: 'FOR', text: '同意，按程序办理' };
  },
  SUBMIT_POST_EVALUATION: (s) => ({
    ...validPayloads.SUBMIT_POST_EVALUATION(s),
    publicParticipation: { methods: ['QUESTIONNAIRE', 'FORUM'], summary: '问卷调查 312 份，人大代表、政协委员座谈 1 次' },
  }),
  START_ADJUSTMENT: () => ({ reason: '上位法修改，收费标准须相应调整', trigger: 'OTHER', triggerDescription: '《价格法》配套规定修订' }),
};

/** Events of execution, beside a change round: their payloads read the decision's own records. */
const EXECUTION_EVENTS: readonly EventType[] = [
  'ASSIGN_EXECUTION',
  'REPORT_EXECUTION',
  'START_POST_EVALUATION',
  'SUBMIT_POST_EVALUATION',
  'SUSPEND_EXECUTION',
  'RESUME_EXECUTION',
  'START_ADJUSTMENT',
  'STOP_EXECUTION',
  'COMPLETE_EXECUTION',
];

/** The records an event's payload is built from: a v2 change round's while one runs (except for execution events), else the decision's. */
export function payloadContext(ctx: DecisionContext, type: EventType): DecisionContext {
  const v2 = ctx as DecisionContextV2;
  return v2.change && !EXECUTION_EVENTS.includes(type) ? scoped(v2, 'change') : ctx;
}
