import type { TrailEvent } from '../api/types';
import { meetingsOf, notYetSpoken } from './meeting-record';

const e = (seq: number, type: string, payload: object) => ({ seq, type, payload, actor: { name: '秘书' }, occurredAt: '2026-11-01T00:00:00Z' }) as unknown as TrailEvent;

describe(meetingsOf.name, () => {
  const events = [
    e(10, 'HOLD_MEETING', { meetingType: 'EXECUTIVE', heldAt: 'x', membersTotal: 7, attendees: ['甲', '乙', '县长'] }),
    e(11, 'RECORD_OPINION', { member: '乙', isHead: false, position: 'AGAINST', text: '反对' }),
    e(12, 'RECORD_OPINION', { member: '甲', isHead: false, position: 'FOR', text: '同意' }),
  ];

  it('keeps opinions in the order they were spoken and names who has not spoken', () => {
    const [meeting] = meetingsOf(events);
    expect(meeting.opinions.map((o) => [o.member, o.position])).toEqual([['乙', 'AGAINST'], ['甲', 'FOR']]);
    expect(notYetSpoken(meeting)).toEqual([{ name: '县长' }]);
  });

  it('reads v2 attendance as persons, with the user id of those who are users', () => {
    const [meeting] = meetingsOf([
      e(20, 'HOLD_MEETING', { meetingType: 'EXECUTIVE', heldAt: 'x', membersTotal: 3, attendees: [{ name: '甲' }, { name: '县长', sub: 'head-1' }] }),
      e(21, 'RECORD_OPINION', { member: '甲', isHead: false, position: 'FOR', text: '同意' }),
    ]);
    expect(meeting.attendees).toEqual([{ name: '甲' }, { name: '县长', sub: 'head-1' }]);
    expect(notYetSpoken(meeting)).toEqual([{ name: '县长', sub: 'head-1' }]);
  });

  it('starts a new record when the meeting is reconvened, the earlier one kept', () => {
    const meetings = meetingsOf([...events, e(13, 'HOLD_MEETING', { meetingType: 'EXECUTIVE', heldAt: 'y', membersTotal: 7, attendees: ['甲', '县长'] })]);
    expect(meetings.map((m) => [m.seq, m.opinions.length])).toEqual([[10, 2], [13, 0]]);
  });
});
