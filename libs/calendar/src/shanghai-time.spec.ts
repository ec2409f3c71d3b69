import { formatIsoDate, parseInstant, parseIsoDate, shanghaiDayOf, tryParseIsoDate, weekdayOf } from './shanghai-time';

describe(parseInstant.name, () => {
  it('reads Z and ±HH:MM offsets as the same instant', () => {
    expect(parseInstant('2026-09-30T10:00:00.000Z')).toBe(Date.UTC(2026, 8, 30, 10));
    expect(parseInstant('2026-09-30T18:00:00+08:00')).toBe(Date.UTC(2026, 8, 30, 10));
    expect(parseInstant('2026-09-30T05:30-04:30')).toBe(Date.UTC(2026, 8, 30, 10));
  });

  it.each(['2026-09-30', '2026-09-30T10:00:00', '2026-02-30T10:00:00Z', '2026-09-30T24:00:00Z', 'soon', ''])(
    'rejects %j, which is not an unambiguous instant',
    (input) => expect(() => parseInstant(input)).toThrow(RangeError),
  );
});

describe(shanghaiDayOf.name, () => {
  it('puts 23:30 UTC on the next Shanghai civil date', () => {
    expect(formatIsoDate(shanghaiDayOf(parseInstant('2026-09-30T23:30:00Z')))).toBe('2026-10-01');
    expect(formatIsoDate(shanghaiDayOf(parseInstant('2026-09-30T15:59:59.999Z')))).toBe('2026-09-30');
    expect(formatIsoDate(shanghaiDayOf(parseInstant('2026-09-30T16:00:00Z')))).toBe('2026-10-01');
  });
});

describe(tryParseIsoDate.name, () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(tryParseIsoDate('2024-02-29')).toBe(parseIsoDate('2024-03-01') - 1);
    for (const bad of ['2025-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00Z', ' 2026-01-01']) {
      expect(tryParseIsoDate(bad)).toBeUndefined();
    }
  });

  it('round-trips through formatIsoDate and knows the weekday', () => {
    expect(formatIsoDate(parseIsoDate('2026-10-10'))).toBe('2026-10-10');
    expect(weekdayOf(parseIsoDate('2026-10-10'))).toBe(6);
    expect(weekdayOf(parseIsoDate('1969-12-28'))).toBe(0);
  });
});
