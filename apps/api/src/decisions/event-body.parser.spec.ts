import { CLIENT_EVENT_TYPES } from '@app/procedure';
import { EVENT_DTOS } from './dto/event.dtos';
import { EVENT_EXAMPLES } from './dto/event-examples';
import { parseEventBody, parseIfMatch } from './event-body.parser';

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

describe(parseIfMatch.name, () => {
  it('reads "3", W/"3" and 3, and refuses anything else', () => {
    expect([parseIfMatch('"3"'), parseIfMatch('W/"3"'), parseIfMatch('3'), parseIfMatch(undefined)]).toEqual([3, 3, 3, undefined]);
    expect(() => parseIfMatch('"abc"')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
