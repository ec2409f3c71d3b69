/**
 * PROPOSED response of GET /api/statistics?year= (secretary, head, auditor, admin): the year's figures for the
 * annual rule-of-law report (法治政府建设情况报告), computed from the trail. Each figure carries the decisions
 * behind it, so that every number in the report can be traced. Not yet served by the API: the console shows
 * "not available" until it is.
 */
export interface Figure {
  /** the number reported (events, comments, meetings… as the figure says) */
  count: number;
  /** the decisions behind the figure (each at most once) */
  decisionIds: string[];
}

/** Figures by a key (category, conclusion, level, ground, unit…). */
export type Breakdown = Record<string, Figure>;

export interface AnnualStatistics {
  year: number;
  jurisdiction: string;
  /** when the figures were computed (the trail up to then) */
  computedAt: string;
  decisions: {
    /** CREATE_DECISION in the year */
    registered: Figure;
    byCategory: Breakdown;
    /** RECORD_DECISION outcomes: ADOPTED, ADOPTED_WITH_CHANGES, NOT_ADOPTED, DEFERRED */
    byOutcome: Breakdown;
  };
  meetings: {
    /** HOLD_MEETING events */
    held: Figure;
    /** decisions with at least one meeting */
    decisionsDiscussed: Figure;
  };
  legalityReviews: {
    /** SUBMIT_FOR_LEGALITY_REVIEW events */
    submitted: Figure;
    /** ISSUE_LEGALITY_OPINION by conclusion: LAWFUL, LAWFUL_WITH_RISKS, REVISE, UNLAWFUL */
    opinionsByConclusion: Breakdown;
    returnsForMaterials: Figure;
  };
  participation: {
    /** OPEN_PUBLIC_COMMENT events */
    commentRounds: Figure;
    /** public comments received */
    commentsReceived: Figure;
    /** comments disposed of as adopted in opinion reports */
    commentsAdopted: Figure;
    /** RECORD_HEARING events */
    hearings: Figure;
  };
  /** APPOINT_EXPERTS (first panel of a round) */
  expertPanels: Figure;
  /** SUBMIT_RISK_REPORT by level: LOW, MEDIUM, HIGH */
  riskAssessments: Breakdown;
  /** WAIVE_* by ground: CONFIDENTIAL, NOT_PROFESSIONAL_OR_TECHNICAL, NO_SIGNIFICANT_RISK, ALREADY_ASSESSED */
  waivers: Breakdown;
  reports: { partyCommittee: Figure; peoplesCongress: Figure; publications: Figure };
  /** SUBMIT_POST_EVALUATION events */
  postEvaluations: Figure;
  deadlines: {
    met: Figure;
    overdue: Figure;
    /** by the unit that owed the deadline (unit id) */
    byUnit: Record<string, { met: Figure; overdue: Figure }>;
  };
}
