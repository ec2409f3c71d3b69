/**
 * Procedure profiles: the numbers and policies the law leaves to local rules,
 * as versioned data. A decision is pinned to the profile id+version it started
 * with; a changed profile is a new version, never an edit of an old one.
 */
export interface ProcedureProfile {
  id: string;
  version: number;
  name: string;
  publicComment: {
    /** open public comment normally lasts at least this many days */
    minDays: number;
    /** a shorter period is lawful when an urgency reason is stated at opening */
    urgencyShortening: boolean;
    /** local rules that make open public comment mandatory for every decision */
    required: boolean;
  };
  hearing: {
    /** materials reach the participants at least this many days before the hearing */
    minNoticeDays: number;
    /** hearings mandatory for matters of public interest */
    requiredForPublicInterest: boolean;
  };
  experts: { minPanel: number; oddPanel: boolean };
  legalityReview: {
    /** working days the submitter must leave the reviewer (a floor owed to the reviewer) */
    workingDaysOwed: number;
    /** review time limit in working days after which the review is overdue; null: none */
    timeLimitWorkingDays: number | null;
  };
  collectiveDiscussion: {
    /** share of the members that must attend, e.g. 0.5 = at least half */
    quorumRatio: number;
  };
  /** steps 1-3 may be waived on their statutory grounds */
  waiversAllowed: boolean;
  reports: { peoplesCongress: boolean };
  /** days before a deadline that its reminder fires */
  reminderLeadDays: number;
}

/** Freeze a profile and every nested part: a profile version is immutable data. */
export function deepFreeze<T extends object>(value: T): T {
  for (const part of Object.values(value)) if (part && typeof part === 'object') deepFreeze(part);
  return Object.freeze(value);
}

/** 国家《重大行政决策程序暂行条例》as the default. */
export const NATIONAL_V1: ProcedureProfile = deepFreeze({
  id: 'national',
  version: 1,
  name: '国家暂行条例（默认）',
  publicComment: { minDays: 30, urgencyShortening: true, required: false },
  hearing: { minNoticeDays: 7, requiredForPublicInterest: false },
  experts: { minPanel: 3, oddPanel: false },
  legalityReview: { workingDaysOwed: 7, timeLimitWorkingDays: 15 },
  collectiveDiscussion: { quorumRatio: 0.5 },
  waiversAllowed: true,
  reports: { peoplesCongress: false },
  reminderLeadDays: 1,
}) as ProcedureProfile;

/** Local rules under which every major decision passes all five steps. */
export const STRICT_V1: ProcedureProfile = deepFreeze({
  id: 'strict',
  version: 1,
  name: '五项法定程序全部履行（地方从严）',
  publicComment: { minDays: 30, urgencyShortening: true, required: true },
  hearing: { minNoticeDays: 7, requiredForPublicInterest: true },
  experts: { minPanel: 5, oddPanel: true },
  legalityReview: { workingDaysOwed: 7, timeLimitWorkingDays: 15 },
  collectiveDiscussion: { quorumRatio: 0.5 },
  waiversAllowed: false,
  reports: { peoplesCongress: true },
  reminderLeadDays: 1,
}) as ProcedureProfile;

export const DEFAULT_PROFILE_ID = 'national';
