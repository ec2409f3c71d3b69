import type { ApplyOutcome } from './procedure-engine';
import { findProfile, latestProfile, listProfiles } from './profile-registry';
import { NATIONAL_V1, STRICT_V1, type ProcedureProfile } from './profiles';
import { driveTo, expertPanel, roundTrip } from './testing/factories';

const codes = (o: ApplyOutcome) => (o.accepted ? [] : o.reasons.map((r) => r.code));

const WAIVERS = [
  ['WAIVE_PUBLIC_PARTICIPATION', 'publicParticipation'],
  ['WAIVE_EXPERT_ARGUMENTATION', 'expertArgumentation'],
  ['WAIVE_RISK_ASSESSMENT', 'riskAssessment'],
] as const;

function deepFrozen(value: unknown, path = 'profile'): string[] {
  if (!value || typeof value !== 'object') return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => deepFrozen(v, `${path}.${k}`))];
}

describe('ProcedureProfile', () => {
  describe(`strict (${STRICT_V1.id} v${STRICT_V1.version})`, () => {
    it.each(WAIVERS)('refuses %s with WAIVER_NOT_ALLOWED, even where the statutory ground is met', (type) => {
      const h = driveTo('drafted', { profile: STRICT_V1, facts: { confidential: true } });
      expect(codes(h.send(type))).toEqual(['WAIVER_NOT_ALLOWED']);
    });

    it('asks for more than the national rules: panel of at least 5 and odd, public comment, hearings on public-interest matters, people\'s congress report', () => {
      expect(STRICT_V1).toMatchObject({
        experts: { minPanel: 5, oddPanel: true },
        publicComment: { required: true },
        hearing: { requiredForPublicInterest: true },
        reports: { peoplesCongress: true },
        waiversAllowed: false,
      });
    });
  });

  describe(`national (${NATIONAL_V1.id} v${NATIONAL_V1.version})`, () => {
    it('has the statutory numbers: 30-day comment, 7-day hearing notice, 7 working days owed to the reviewer, half the members present', () => {
      expect(NATIONAL_V1).toMatchObject({
        publicComment: { minDays: 30, urgencyShortening: true, required: false },
        hearing: { minNoticeDays: 7 },
        experts: { minPanel: 3 },
        legalityReview: { workingDaysOwed: 7, timeLimitWorkingDays: 15 },
        collectiveDiscussion: { quorumRatio: 0.5 },
        waiversAllowed: true,
      });
    });

    it('accepts waiving public participation on its ground (confidential matter) and refuses it without', () => {
      expect(codes(driveTo('drafted', { facts: { confidential: true } }).send('WAIVE_PUBLIC_PARTICIPATION'))).toEqual([]);
      expect(codes(driveTo('drafted').send('WAIVE_PUBLIC_PARTICIPATION'))).toEqual(['WAIVER_GROUND_NOT_MET']);
    });

    it('accepts waiving expert argumentation on its ground (not professional or technical) and refuses it without', () => {
      const h = driveTo('drafted');
      expect(codes(h.send('WAIVE_EXPERT_ARGUMENTATION', { ground: undefined }))).toEqual(['WAIVER_GROUND_NOT_MET']);
      expect(codes(h.send('WAIVE_EXPERT_ARGUMENTATION', { ground: 'NOT_PROFESSIONAL_OR_TECHNICAL' }))).toEqual([]);
      expect(h.view.steps.expertArgumentation.status).toBe('waived');
    });

    it.each([
      [{ ground: 'NO_SIGNIFICANT_RISK' as const }, []],
      [{ ground: 'ALREADY_ASSESSED' as const, reference: '稳评〔2025〕3号' }, []],
      [{ ground: 'ALREADY_ASSESSED' as const }, ['WAIVER_REFERENCE_REQUIRED']],
      [{ ground: 'CONFIDENTIAL' as never }, ['WAIVER_GROUND_NOT_MET']],
    ])('waiving risk assessment with %o → %o', (payload, expected) => {
      expect(codes(driveTo('drafted').send('WAIVE_RISK_ASSESSMENT', payload))).toEqual(expected);
    });

    it('does not let a waived or performed step be waived again', () => {
      const h = driveTo('drafted').must('WAIVE_EXPERT_ARGUMENTATION').must('SUBMIT_RISK_REPORT');
      expect(codes(h.send('WAIVE_EXPERT_ARGUMENTATION'))).toEqual(['EVENT_NOT_ALLOWED']);
      expect(codes(h.send('WAIVE_RISK_ASSESSMENT'))).toEqual(['EVENT_NOT_ALLOWED']);
    });
  });

  describe('versions', () => {
    // a later version of the national profile under machine v1 (not a published one)
    const NATIONAL_LATER: ProcedureProfile = { ...NATIONAL_V1, version: 7, experts: { minPanel: 1, oddPanel: false }, publicComment: { ...NATIONAL_V1.publicComment, minDays: 15 } };

    it('a decision keeps the profile version it started with (context.profile), through persistence', () => {
      const h = driveTo('reviewedLawful');
      expect(h.context.profile).toEqual(NATIONAL_V1);
      expect(roundTrip(h.snapshot).state).toMatchObject({ context: { profile: { id: 'national', version: 1 } } });
      const later = driveTo('drafted', { profile: NATIONAL_LATER });
      expect(later.context.profile).toMatchObject({ id: 'national', version: 7 });
      expect(h.context.profile.version).toBe(1);
    });

    it('the rules applied are those of the pinned version', () => {
      const v1 = driveTo('drafted');
      const v2 = driveTo('drafted', { profile: NATIONAL_LATER });
      expect(codes(v1.send('APPOINT_EXPERTS', { experts: expertPanel(1) }))).toEqual(['EXPERT_PANEL_TOO_SMALL']);
      expect(codes(v2.send('APPOINT_EXPERTS', { experts: expertPanel(1) }))).toEqual([]);
      const twentyDays = (h: typeof v1) => ({ endsAt: new Date(Date.parse(h.now) + 20 * 86_400_000).toISOString() });
      expect(codes(v1.send('OPEN_PUBLIC_COMMENT', twentyDays(v1)))).toEqual(['COMMENT_PERIOD_TOO_SHORT']);
      expect(codes(v2.send('OPEN_PUBLIC_COMMENT', twentyDays(v2)))).toEqual([]);
    });

    it('finds profiles by id and exact version; the newest version of machine v1 is v1', () => {
      expect(latestProfile('national', 1)).toBe(NATIONAL_V1);
      expect(latestProfile('strict', 1)).toBe(STRICT_V1);
      expect(latestProfile('nowhere', 1)).toBeUndefined();
      expect(findProfile('strict', 1)).toBe(STRICT_V1);
      expect(findProfile('strict', 99)).toBeUndefined();
      expect(listProfiles().map((p) => `${p.id}@${p.version}`)).toEqual(expect.arrayContaining(['national@1', 'strict@1']));
    });
  });

  describe('immutability', () => {
    it.each([NATIONAL_V1, STRICT_V1])('profile $id v$version is frozen, nested parts included', (profile) => {
      expect(Object.isFrozen(profile)).toBe(true);
      expect(deepFrozen(profile)).toEqual([]);
    });

    it('an attempt to edit a published profile changes nothing', () => {
      expect(() => {
        (NATIONAL_V1.publicComment as { minDays: number }).minDays = 1;
      }).toThrow(TypeError);
      expect(NATIONAL_V1.publicComment.minDays).toBe(30);
    });
  });
});
