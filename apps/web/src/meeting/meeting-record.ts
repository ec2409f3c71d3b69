import type { TrailEvent } from '../api/types';

export interface MeetingOpinion {
  seq: number;
  member: string;
  isHead: boolean;
  position: string;
  text: string;
  recordedBy: string;
}

/** A member of the organ present at a meeting: v1 recorded names, v2 persons `{name, sub?}` (sub: the user id). */
export interface Attendee {
  name: string;
  sub?: string;
}

/** An attendance entry as the trail holds it (a name, or a person), as a person. */
export const attendeeOf = (entry: unknown): Attendee =>
  typeof entry === 'string' ? { name: entry } : { name: String((entry as Attendee)?.name ?? ''), ...((entry as Attendee)?.sub ? { sub: (entry as Attendee).sub } : {}) };

export interface MeetingRecord {
  seq: number;
  meetingType: string;
  heldAt: string;
  membersTotal: number;
  attendees: Attendee[];
  opinions: MeetingOpinion[];
  decision: { seq: number; outcome: string; deviationReason?: string; by: string; at: string } | null;
}

/** Every meeting in the record, oldest first: attendance, opinions in speaking order, and the decision taken at it. */
export function meetingsOf(events: TrailEvent[]): MeetingRecord[] {
  const meetings: MeetingRecord[] = [];
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    const current = meetings[meetings.length - 1];
    if (e.type === 'HOLD_MEETING') {
      meetings.push({ seq: e.seq, meetingType: String(p.meetingType), heldAt: String(p.heldAt), membersTotal: Number(p.membersTotal), attendees: ((p.attendees as unknown[]) ?? []).map(attendeeOf), opinions: [], decision: null });
    } else if (e.type === 'RECORD_OPINION' && current && !current.decision) {
      current.opinions.push({ seq: e.seq, member: String(p.member), isHead: Boolean(p.isHead), position: String(p.position), text: String(p.text ?? ''), recordedBy: e.actor.name });
    } else if (e.type === 'RECORD_DECISION' && current && !current.decision) {
      current.decision = { seq: e.seq, outcome: String(p.outcome), deviationReason: p.deviationReason as string | undefined, by: e.actor.name, at: e.occurredAt };
    }
  }
  return meetings;
}

/** Attendees who have not spoken yet at a meeting, in the order of the attendance list. */
export const notYetSpoken = (m: MeetingRecord): Attendee[] => m.attendees.filter((a) => !m.opinions.some((o) => o.member === a.name));

/** Names, as a list reads them. */
export const namesOf = (people: Attendee[]) => people.map((p) => p.name).join('、');
