import { HTTP_MESSAGES } from './http-messages';

/**
 * English texts of the codes whose Chinese texts live with the rules (libs/procedure RULES,
 * libs/catalogue CATALOGUE_RULES) or with the services that raise them. Served with
 * `Accept-Language: en`; a code missing here falls back to its Chinese text plus the code.
 */
export const CODE_MESSAGES_EN: Readonly<Record<string, string>> = {
  // libs/procedure RULES
  EVENT_NOT_ALLOWED: 'The current stage of the procedure does not accept this event',
  DRAFT_MISSING: 'There is no draft yet: submit one first (REVISE_DRAFT)',
  COMMENT_PERIOD_TOO_SHORT: 'The public comment period is shorter than the required days; a shorter period needs an urgency reason stated when it opens',
  COMMENT_PERIOD_INVALID: 'The comment period must end after it starts',
  COMMENT_PERIOD_NOT_ELAPSED: 'The comment period has not elapsed and may not be closed early',
  COMMENT_PERIOD_CLOSED: 'The comment period has ended or has not started',
  CONFIDENTIAL_NO_PUBLIC_COMMENT: 'A decision not to be disclosed by law may not be put to public comment',
  PUBLIC_COMMENT_REQUIRED: 'The procedure profile requires a public comment period',
  COMMENTS_NOT_ACCOUNTED: 'The opinion report must state for every public comment received whether it was adopted, and why not',
  HEARING_REQUIRED: 'For a matter of public interest the procedure profile requires a hearing',
  HEARING_NOTICE_TOO_SHORT: 'Hearing materials must reach the participants the required number of days before the hearing',
  EXPERT_PANEL_TOO_SMALL: 'Fewer experts than the procedure profile requires',
  EXPERT_PANEL_NOT_ODD: 'The procedure profile requires an odd number of experts',
  EXPERT_CONFLICT_OF_INTEREST: 'An expert with a direct interest in the matter may not take part',
  EXPERT_NOT_ON_PANEL: 'This expert is not on the appointed panel',
  EXPERT_OPINION_UNSIGNED: 'An expert opinion must be signed (or sealed) by the expert',
  EXPERT_OPINIONS_MISSING: 'Some appointed experts have not submitted a signed written opinion',
  RISK_UNCONTROLLABLE: 'The risk assessment found the risk uncontrollable: adjust the draft and assess again',
  RISK_DRAFT_NOT_ADJUSTED: 'With an uncontrollable risk, the draft must be adjusted before a new assessment',
  WAIVER_NOT_ALLOWED: 'The procedure profile does not allow waiving this step',
  WAIVER_GROUND_NOT_MET: 'The ground named for the waiver does not apply',
  WAIVER_REFERENCE_REQUIRED: 'A step already assessed under other rules needs the reference of that assessment',
  STEPS_NOT_SETTLED: 'Public participation, expert argumentation and risk assessment are not all completed or lawfully waived',
  REVIEW_TIME_TOO_SHORT: 'The legality reviewer must be given the required number of working days',
  REVIEW_TIME_PROVISIONAL: 'The opinion date gives the reviewer the required working days only if the make-up days of a year without its official holiday notice fall favourably; the risk is recorded',
  LAWFUL_WITH_RISKS_NOT_ALLOWED: '"Lawful with risks" applies only to exploratory reform matters where the law is silent',
  LEGAL_RISKS_REQUIRED: 'A "lawful with risks" conclusion must state the legal risks',
  LEGALITY_REVIEW_REQUIRED: 'A draft without a lawful legality opinion may not go to collective discussion',
  DRAFT_CHANGED_SINCE_REVIEW: 'The draft changed after the legality review: it must be reviewed again',
  DRAFT_UNDER_REVIEW: 'The draft may not change while its legality review runs',
  QUORUM_NOT_MET: 'Fewer members attend than the required share',
  ATTENDEES_EXCEED_MEMBERS: 'There are more attendees than members',
  MEMBER_NOT_PRESENT: 'The member giving an opinion is not on the attendance list',
  OPINION_ALREADY_RECORDED: "This member's opinion is already recorded",
  HEAD_MUST_SPEAK_LAST: 'The head speaks last, after every other member has given an opinion',
  HEAD_OPINION_MISSING: 'The head must give an opinion, last, before the decision',
  DEVIATION_REASON_REQUIRED: "A decision that departs from the majority of members' opinions needs the head's reason, given at the meeting",
  PARTY_COMMITTEE_REPORT_REQUIRED: 'The decision must be reported to the party committee at the same level before it is issued',
  PEOPLES_CONGRESS_REPORT_REQUIRED: "The procedure profile requires a report to the people's congress standing committee before the decision is issued",
  PUBLICATION_REQUIRED: 'A decision that may be disclosed must be published promptly',
  CONFIDENTIAL_NOT_PUBLISHED: 'A decision not to be disclosed by law may not be published',
  INTERPRETATION_REQUIRED: 'Publishing a consulted decision needs an explanation of how public and expert opinions were adopted',
  EXECUTION_NOT_ASSIGNED: 'This unit is not assigned to implement the decision',
  EVALUATOR_NOT_INDEPENDENT: 'The post-evaluation may not be done by a unit that did the main argumentation or assessment',
  FORBIDDEN_ROLE: "The caller's role may not send this event",
  SEPARATION_OF_DUTIES: 'The legality opinion must come from a review office outside the undertaking unit, and nobody reviews a draft they submitted',
  // API.md codes of the next machine version
  PARTICIPATION_NOT_HELD: 'No method of public participation was actually used',
  COMMENT_PERIOD_BACKDATED: 'A comment period that began before it was recorded needs evidence (the published notice)',
  COMMENT_ON_OLD_DRAFT: 'The draft changed during the comment period: the public must be consulted on the new draft',
  ATTENDEE_POSITION_MISSING: "Every attendee's position must be recorded before the decision",
  HEAD_NOT_PRESIDING: 'Only the member recorded as head may record the decision',
  ADVISER_OPINION_REQUIRED: "The legality opinion must record the legal advisers' opinions",
  COLLECTIVE_DECISION_REQUIRED: 'Stopping execution needs a collective decision',
  COMMENT_PERIOD_ALREADY_OPEN: 'A public comment period is already open',
  COMMENT_EXPLANATION_REQUIRED: 'Opening a public comment period needs an explanation of the draft',
  POST_EVALUATION_PARTICIPATION_REQUIRED: 'The post-decision evaluation must record how the public took part',
  REPORT_ALREADY_FILED: 'This report has already been filed',
  DATE_IN_FUTURE: 'A date of something that has happened cannot lie in the future',
  ADJUSTMENT_TRIGGER_REQUIRED: 'An adjustment needs a reason and the evaluation or other trigger it rests on',
  ADJUSTMENT_IN_PROGRESS: 'An adjustment or stop round is already under way',
  NOT_UNDERTAKING_UNIT: "Only drafters of the decision's undertaking unit may do this",
  UNIT_NOT_REGISTERED: 'The unit named is not registered in the jurisdiction',
  COMMENT_PERIOD_ALREADY_CLOSED: 'The comment period is already closed',
  // libs/catalogue CATALOGUE_RULES
  CATALOGUE_EXISTS: "This year's decision catalogue exists already: change it by an adjustment",
  PARTY_COMMITTEE_CONSENT_REQUIRED: 'The catalogue may be published only after the party committee at the same level agreed to it',
  CATALOGUE_ALREADY_CONSENTED: 'The party committee has already agreed to this catalogue',
  CATALOGUE_ALREADY_PUBLISHED: 'The catalogue is published; a change during the year is an adjustment with its reason',
  ADJUSTMENT_REASON_REQUIRED: 'An adjustment of the catalogue needs a reason',
  ADJUSTMENT_EMPTY: 'An adjustment must add, remove or change at least one item',
  CATALOGUE_ITEM_NOT_FOUND: "The item is not in the jurisdiction's decision catalogue",
  // codes raised by the services (libs/decisions)
  VERSION_CONFLICT: 'The decision has changed since the version the request was based on (If-Match)',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used for another request',
  MATERIAL_NOT_FOUND: 'A material named does not exist',
  CALENDAR_YEAR_NOT_COVERED: "The working-day calendar does not cover that year yet: an administrator must upload that year's State Council holiday notice or provide an override file for it",
  NO_CHECKPOINT: 'No signed checkpoint of that tree size (or none yet) in this jurisdiction',
  CHECKPOINT_PENDING: 'The entry is not yet in a signed checkpoint: try again after the next one (every CHECKPOINT_INTERVAL_MS)',
  // libs/materials, libs/archive
  MATERIALS_QUOTA_EXCEEDED: "The jurisdiction's storage quota for materials would be exceeded by this file",
  AUDIT_VERIFY_BUSY: 'A whole-jurisdiction verification is already running; retry after the time given in Retry-After',
  EXPORT_BUSY: 'Too many dossier or history exports are running in this process; retry after the time given in Retry-After',
  PROFILE_NOT_FOUND: 'Unknown procedure profile',
  CALENDAR_NOTICE_INVALID: "The holiday notice's arrangement is invalid: dates must be real, unique and within the year, make-up working days on weekends, no day both off and worked, and every statutory holiday a day off",
  WEBHOOK_DESTINATION_FORBIDDEN: 'The webhook URL is not allowed: only http(s) to public addresses; private, loopback and link-local destinations must be allow-listed in WEBHOOK_ALLOW_HOSTS',
  WEBHOOK_NOT_SET: 'The jurisdiction has no webhook, so there is no secret to rotate',
  // libs/units
  UNIT_NAME_TAKEN: 'Another unit of the jurisdiction already has this name',
};

/** Han characters: a text containing them is Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/;

// HTTP-level codes raised below the edge with a Chinese text (TOO_MANY_REQUESTS…) share the edge's own English.
function httpEnglish(code: string): string | undefined {
  const text = (HTTP_MESSAGES as Record<string, { en: string } | undefined>)[code]?.en;
  return text && !text.includes('{') ? text : undefined;
}

/** The English text of a code raised with a Chinese text; the Chinese text plus the code when the catalogues have none. */
export function englishFor(code: string, message: string, details?: Record<string, unknown>): string {
  if (!CHINESE.test(message)) return message;
  const english = CODE_MESSAGES_EN[code] ?? httpEnglish(code);
  if (!english) return `${message} (${code})`;
  return code === 'VERSION_CONFLICT' && details?.currentVersion !== undefined ? `${english}: it is at version ${details.currentVersion}` : english;
}
