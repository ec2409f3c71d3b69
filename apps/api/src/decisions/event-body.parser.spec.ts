import { CLIENT_EVENT_TYPES } from '@app/procedure';
import { EVENT_DTOS } from './dto/event.dtos';
import { EVENT_EXAMPLES } from './dto/event-examples';
import { parseEventBody, parseIfMatch } from './event-body.parser';
import type { LocalizedError } from '../http/localized-error';

describe(parseEventBody.name, () => {
  it('has a Chinese example for every client event, and every example is a valid body', () => {
    expect(Object.keys(EVENT_DTOS).sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
    expect(Object.keys(EVENT_EXAMPLES).sort()).toEqual(Object.keys(EVENT_DTOS).sort());
    for (const [type, example] of Object.entries(EVENT_EXAMPLES)) {
      expect(() => parseEventBody({ type, ...example })).not.toThrow();
    }
  });

  it('refuses an unknown type, a system event and unknown fields, naming the field', () => {
    expect(() => parseEventBody({ type: 'NOPE' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { fields: ['type'] } }));
    expect(() => parseEventBody({ type: 'PUBLIC_COMMENT_ELAPSED' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => parseEventBody({ type: 'CLOSE_PUBLIC_COMMENT', extra: 1 })).toThrow(expect.objectContaining({ details: { fields: ['extra'] } }));
  });

  it('returns plain JSON exactly as validated', () => {
    expect(parseEventBody({ type: 'ACCEPT_PROPOSAL', undertakingUnit: '县农业农村局' })).toEqual({ type: 'ACCEPT_PROPOSAL', payload: { undertakingUnit: '县农业农村局' } });
  });
});

describe('event bodies that are malformed', () => {
  const UUID = '3f2b8c1e-9a4d-4c55-8d1e-2b7a9c0d1e2f';
  /** The refusal of `body`: code, fields named, Chinese message. */
  const refusal = (body: Record<string, unknown>) => {
    try {
      parseEventBody(body);
    } catch (error) {
      const e = error as LocalizedError;
      return { code: e.code, fields: (e.details as { fields: string[] }).fields, message: e.message, en: e.messageIn('en') };
    }
    throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  };

  describe('REVISE_DRAFT: exactly one of text and materialId', () => {
    const base = { type: 'REVISE_DRAFT', changeSummary: '修改第三条' };

    it('accepts either alone', () => {
      expect(parseEventBody({ ...base, text: '草案' }).payload).toEqual({ text: '草案', changeSummary: '修改第三条' });
      expect(parseEventBody({ ...base, materialId: UUID }).payload).toEqual({ materialId: UUID, changeSummary: '修改第三条' });
    });

    it.each([
      ['both', { text: '草案', materialId: UUID }, ['text'], 'text 不得与 materialId 同时提供'],
      ['neither', {}, ['text'], 'text 与 materialId 须提供其一'],
      ['both null', { text: null, materialId: null }, ['text', 'materialId'], 'text 不得与 materialId 同时提供'],
      ['materialId not a UUID', { materialId: 'zzz' }, ['materialId'], 'materialId 须为 UUID'],
      ['text null beside a materialId', { text: null, materialId: UUID }, ['text'], 'text 不得与 materialId 同时提供'],
    ])('refuses %s with 400 naming the field', (_case, fields, named, message) => {
      expect(refusal({ ...base, ...fields })).toMatchObject({ code: 'VALIDATION_FAILED', fields: named, message: expect.stringContaining(message) });
    });
  });

  describe('PUBLISH: published (when, where) or not published (the ground), never both', () => {
    const published = { type: 'PUBLISH', publishedAt: '2027-02-01T09:00:00+08:00', channels: ['县政府公报'] };

    it('accepts either form', () => {
      expect(() => parseEventBody(published)).not.toThrow();
      expect(() => parseEventBody({ type: 'PUBLISH', notPublished: true, ground: '依法不予公开' })).not.toThrow();
    });

    it.each([
      ['a publication marked not published', { ...published, notPublished: true, ground: '依法不予公开' }, ['publishedAt', 'channels', 'ground']],
      ['not published with a bad date', { type: 'PUBLISH', notPublished: true, ground: '依法不予公开', publishedAt: 'garbage' }, ['publishedAt', 'ground']],
      ['not published without a ground', { type: 'PUBLISH', notPublished: true }, ['ground']],
      ['notPublished false', { ...published, notPublished: false }, ['publishedAt', 'channels', 'notPublished', 'ground']],
      ['notPublished null', { ...published, notPublished: null }, ['publishedAt', 'channels', 'notPublished', 'ground']],
      ['a ground beside a publication', { ...published, ground: '理由' }, ['ground']],
      ['nothing', { type: 'PUBLISH' }, ['publishedAt', 'channels']],
    ])('refuses %s', (_case, body, fields) => {
      expect(refusal(body)).toMatchObject({ code: 'VALIDATION_FAILED', fields });
    });
  });

  describe('comment dispositions: a reason when not adopted, and only text as reason', () => {
    const report = (disposition: object) => ({ type: 'SUBMIT_PUBLIC_OPINION_REPORT', summary: '汇总', adopted: [], notAdopted: [], commentDispositions: [disposition] });

    it.each([
      ['not adopted without a reason', { commentId: UUID, adopted: false }, 'commentDispositions.0.reason'],
      ['adopted with a reason that is no text', { commentId: UUID, adopted: true, reason: 42 }, 'commentDispositions.0.reason'],
      ['a comment id that is no UUID', { commentId: 'zzz', adopted: true }, 'commentDispositions.0.commentId'],
      ['adopted null', { commentId: UUID, adopted: null, reason: '理由' }, 'commentDispositions.0.adopted'],
    ])('refuses %s', (_case, disposition, field) => {
      expect(refusal(report(disposition)).fields).toEqual([field]);
    });
  });

  describe('v2 fields: persons, advisers, dispositions and change rounds', () => {
    const meeting = (attendees: unknown) => ({ type: 'HOLD_MEETING', meetingType: 'EXECUTIVE', heldAt: '2027-01-25T09:00:00+08:00', membersTotal: 5, attendees });
    const opinion = (advisers: unknown) => ({ type: 'ISSUE_LEGALITY_OPINION', conclusion: 'LAWFUL', authority: '有权', procedure: '完备', content: '合法', opinion: '同意', advisers });
    const report = (dispositions: unknown) => ({ type: 'SUBMIT_PUBLIC_OPINION_REPORT', summary: '汇总', adopted: [], notAdopted: [], dispositions });

    it('accepts attendees and advisers as names (v1) or as persons and opinions (v2), kept as sent', () => {
      expect(parseEventBody(meeting(['甲', { name: '县长', sub: 'head-1' }, { name: '乙' }])).payload.attendees).toEqual(['甲', { name: '县长', sub: 'head-1' }, { name: '乙' }]);
      const advisers = ['法律顾问赵某', { name: '钱某', kind: 'PUBLIC_SECTOR_LAWYER', opinion: '合法' }];
      expect(parseEventBody(opinion(advisers)).payload.advisers).toEqual(advisers);
    });

    it.each([
      ['an attendee without a name', meeting([{ sub: 'head-1' }]), 'attendees', 'attendees 的每一项须为名称（非空文字）或对象 {name, sub}'],
      ['an attendee with another field', meeting([{ name: '县长', role: 'head' }]), 'attendees', 'attendees 的每一项须为名称'],
      ['a blank attendee', meeting(['  ']), 'attendees', 'attendees 的每一项须为名称'],
      ['an adviser of an unknown kind', opinion([{ name: '钱某', kind: 'JUDGE', opinion: '合法' }]), 'advisers', 'advisers 的每一项须为名称（非空文字）或对象 {name, kind, opinion}'],
      ['a disposition naming a group and comments', report([{ groupId: 'g', commentIds: [UUID], count: 1, adopted: true }]), 'dispositions.0.groupId', 'groupId 不得与 commentIds 同时提供'],
      ['a disposition naming neither', report([{ count: 1, adopted: true }]), 'dispositions.0.groupId', 'groupId 与 commentIds 须提供其一'],
      ['a disposition not adopted without a reason', report([{ groupId: 'g', count: 3, adopted: false }]), 'dispositions.0.reason', 'reason 为必填项'],
      ['a change round of another purpose', { type: 'START_ADJUSTMENT', reason: '调整', purpose: 'PAUSE' }, 'purpose', 'purpose 须为以下值之一：ADJUST, STOP'],
      ['a list where the participation record belongs', { type: 'SUBMIT_POST_EVALUATION', findings: '良好', recommendation: 'CONTINUE', publicParticipation: [[]] }, 'publicParticipation', 'publicParticipation 须为对象'],
      ['a host-only field', { type: 'REVISE_DRAFT', text: '草案', changeSummary: '修改', contentHash: 'f'.repeat(64) }, 'contentHash', '不允许的字段 contentHash'],
    ])('refuses %s, naming the field', (_case, body, field, message) => {
      const r = refusal(body);
      expect(r).toMatchObject({ code: 'VALIDATION_FAILED', fields: [field] });
      expect(r.message).toContain(message);
    });
  });

  it.each([
    ['an optional text that is null', { type: 'OPEN_PUBLIC_COMMENT', startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-31T18:00:00+08:00', channels: ['网站'], explanation: '说明', urgencyReason: null }, 'urgencyReason', 'urgencyReason 须为字符串'],
    ['a comment period without its explanation', { type: 'OPEN_PUBLIC_COMMENT', startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-31T18:00:00+08:00', channels: ['网站'] }, 'explanation', 'explanation 为必填项'],
    ['an optional id that is null', { type: 'RECORD_HEARING', heldAt: '2026-12-20T09:00:00+08:00', materialsSentAt: '2026-12-10T09:00:00+08:00', participants: ['甲'], recordMaterialId: null }, 'recordMaterialId', 'recordMaterialId 须为 UUID'],
    ['a number where text belongs', { type: 'DECLINE_PROPOSAL', reason: 42 }, 'reason', 'reason 须为字符串'],
    ['an empty text', { type: 'DECLINE_PROPOSAL', reason: '' }, 'reason', 'reason 不能为空'],
    ['a text over its limit', { type: 'ACCEPT_PROPOSAL', undertakingUnit: '局'.repeat(201) }, 'undertakingUnit', 'undertakingUnit 不能超过 200 个字符'],
    ['a list over its limit', { type: 'RETURN_FOR_MATERIALS', missing: Array.from({ length: 201 }, (_, i) => `材料${i}`) }, 'missing', 'missing 最多 200 项'],
    ['a NUL character', { type: 'DECLINE_PROPOSAL', reason: 'a\u0000b' }, 'reason', 'reason 含有不允许的字符'],
    ['a date without a zone', { type: 'REPORT_TO_PARTY_COMMITTEE', reportedAt: '2027-01-26T09:00:00', reference: '1号' }, 'reportedAt', 'reportedAt 须为带时区的 ISO-8601 时间'],
    ['an object where a list of text belongs', { type: 'RETURN_FOR_MATERIALS', missing: { a: { b: { c: [] } } } }, 'missing', 'missing 须为数组'],
    ['a string where a list of objects belongs', { type: 'APPOINT_EXPERTS', experts: 'all of them' }, 'experts', 'experts 须为数组'],
    ['a number in a list of objects', { type: 'APPOINT_EXPERTS', experts: [7] }, 'experts.0', 'experts.0 须为对象'],
    ['an unknown field', { type: 'CLOSE_PUBLIC_COMMENT', extra: { deep: [1, 2] } }, 'extra', '不允许的字段 extra'],
  ])('refuses %s with a Chinese message naming the field', (_case, body, field, message) => {
    const r = refusal(body);
    expect(r).toMatchObject({ code: 'VALIDATION_FAILED', fields: [field] });
    expect(r.message).toContain(message);
  });

  it('tells the same in English', () => {
    expect(refusal({ type: 'ACCEPT_PROPOSAL', undertakingUnit: '局'.repeat(201) }).en).toBe('undertakingUnit must be at most 200 characters long');
    expect(refusal({ type: 'NOPE' }).en).toMatch(/^type must be one of: ACCEPT_PROPOSAL, /);
  });

  it('names at most ten problems in the message, however many items are bad', () => {
    const r = refusal({ type: 'APPOINT_EXPERTS', experts: Array.from({ length: 50 }, () => ({ name: 1, field: 2, affiliation: 3, hasDirectInterest: 'no' })) });
    expect(r.message.split('；')).toHaveLength(10);
    expect(r.fields).toHaveLength(100);
  });
});

describe(parseIfMatch.name, () => {
  it('reads "3", W/"3" and 3, and refuses anything else', () => {
    expect([parseIfMatch('"3"'), parseIfMatch('W/"3"'), parseIfMatch('3'), parseIfMatch(undefined)]).toEqual([3, 3, 3, undefined]);
    expect(() => parseIfMatch('"abc"')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
