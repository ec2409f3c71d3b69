import { deepFreeze, NATIONAL_V1, STRICT_V1, type ProcedureProfile } from '../profiles';

/** The numbers machine v2 adds to a profile. */
export interface ProcedureProfileV2 extends ProcedureProfile {
  /**
   * minutes a time stated in an event may lie before (a comment period's start) or after (a meeting held,
   * a report made) the moment it is recorded here, because clocks differ; beyond that evidence is needed
   * (COMMENT_PERIOD_BACKDATED) or the time is refused (DATE_IN_FUTURE)
   */
  clockToleranceMinutes: number;
  legalityReview: ProcedureProfile['legalityReview'] & {
    /** opinions of legal advisers / public-sector lawyers a legality opinion records at least (Art. 28) */
    minAdviserOpinions: number;
  };
}

/** The v1 profile under machine v2: its numbers, and those v2 adds. A profile version belongs to one machine version. */
function onV2(v1: ProcedureProfile, version: number, extra: { clockToleranceMinutes: number; minAdviserOpinions: number }): ProcedureProfileV2 {
  return deepFreeze({
    ...structuredClone(v1),
    version,
    clockToleranceMinutes: extra.clockToleranceMinutes,
    legalityReview: { ...v1.legalityReview, minAdviserOpinions: extra.minAdviserOpinions },
  });
}

/** 国家《重大行政决策程序暂行条例》 under machine v2. */
export const NATIONAL_V2 = onV2(NATIONAL_V1, 2, { clockToleranceMinutes: 10, minAdviserOpinions: 1 });

/** Every major decision passes all five steps, under machine v2. */
export const STRICT_V2 = onV2(STRICT_V1, 2, { clockToleranceMinutes: 10, minAdviserOpinions: 1 });
