/** A figure of the annual report: the number, and the decisions behind it (each at most once). */
export interface Figure {
  count: number;
  decisionIds: string[];
}

/** Figures by a key (category, outcome, conclusion, level, ground, unit…). */
export type Breakdown = Record<string, Figure>;

/**
 * GET /api/statistics?year=: the year's figures for the annual rule-of-law report (法治政府建设情况报告),
 * computed from the trail of the decisions the caller may see; the year is the calendar year in Beijing time.
 */
export interface AnnualStatistics {
  year: number;
  jurisdiction: string;
  /** when the figures were computed (the trail up to then) */
  computedAt: string;
  decisions: {
    /** CREATE_DECISION in the year */
    registered: Figure;
    byCategory: Breakdown;
    /** RECORD_DECISION by outcome */
    byOutcome: Breakdown;
  };
  meetings: {
    /** HOLD_MEETING entries */
    held: Figure;
    /** decisions with at least one meeting in the year (count = decisions) */
    decisionsDiscussed: Figure;
  };
  legalityReviews: {
    /** SUBMIT_FOR_LEGALITY_REVIEW entries */
    submitted: Figure;
    /** ISSUE_LEGALITY_OPINION by conclusion */
    opinionsByConclusion: Breakdown;
    /** RETURN_FOR_MATERIALS entries */
    returnsForMaterials: Figure;
  };
  participation: {
    /** OPEN_PUBLIC_COMMENT entries */
    commentRounds: Figure;
    /** public comments received in the year, those marked as spam left out */
    commentsReceived: Figure;
    /** opinions adopted as the opinion reports record them (per-comment and grouped dispositions, else the list of adopted opinions) */
    commentsAdopted: Figure;
    /** RECORD_HEARING entries */
    hearings: Figure;
  };
  /** expert argumentations concluded: SUBMIT_EXPERT_REPORT entries */
  expertPanels: Figure;
  /** SUBMIT_RISK_REPORT by level */
  riskAssessments: Breakdown;
  /** WAIVE_* entries by ground */
  waivers: Breakdown;
  reports: { partyCommittee: Figure; peoplesCongress: Figure; publications: Figure };
  /** SUBMIT_POST_EVALUATION entries */
  postEvaluations: Figure;
  deadlines: {
    met: Figure;
    overdue: Figure;
    /** by the unit that owed the deadline (unit id) */
    byUnit: Record<string, { met: Figure; overdue: Figure }>;
  };
}
