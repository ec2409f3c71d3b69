import { buildCalendarData, buildWorkingDayCalendar, calendarData, calendarFromData } from './build-calendar';
import { CALENDAR_DATA_FORMAT, CalendarDataError, calendarVersion, canonicalJson } from './calendar-data';
import { packageOfficialYears } from './chinese-days.source';
import { ESTIMATE_RULES_VERSION } from './holiday-estimate';
import { parseHolidayNotice } from './holiday-notice';
import { formatIsoDate, parseIsoDate } from './shanghai-time';
import { hypotheticalNotice2027 } from './testing/calendars';

const through2026 = packageOfficialYears().filter((y) => y.year <= 2026);
const base = buildWorkingDayCalendar({ official: through2026 });
const every = (from: string, to: string) => {
  const out: string[] = [];
  for (let day = parseIsoDate(from); day <= parseIsoDate(to); day++) out.push(formatIsoDate(day));
  return out;
};

describe(calendarVersion.name, () => {
  it('is the SHA-256 of the canonical data: equal sources give the same version, on every build', () => {
    expect(base.version).toMatch(/^[0-9a-f]{64}$/);
    expect(buildWorkingDayCalendar({ official: through2026 }).version).toBe(base.version);
    expect(calendarVersion(buildCalendarData({ official: through2026 }))).toBe(base.version);
  });

  it('changes with any of the data: an uploaded notice, an override, another package year', () => {
    const versions = [
      base.version,
      buildWorkingDayCalendar({ official: through2026, notices: [parseHolidayNotice(hypotheticalNotice2027)] }).version,
      buildWorkingDayCalendar({ official: through2026, override: { jurisdiction: 'county-a', holidays: ['2026-05-06'], workdays: [], coversYears: [] } }).version,
      buildWorkingDayCalendar({ official: through2026.slice(0, -1) }).version,
    ];
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('does not depend on key order or absent members', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: undefined, e: 'é' })).toBe('{"b":[1,{"c":"x","d":null}],"e":"é"}');
  });
});

describe(calendarFromData.name, () => {
  const stored = JSON.parse(JSON.stringify(calendarData(base)));

  it('rebuilds the very calendar from its stored JSON: same version, same answer for every day', () => {
    const rebuilt = calendarFromData(stored, base.version);
    expect(rebuilt.version).toBe(base.version);
    const differ = every('2004-01-01', '2099-12-31').filter((d) => JSON.stringify(rebuilt.dayStatus(d)) !== JSON.stringify(base.dayStatus(d)));
    expect(differ).toEqual([]);
    expect(rebuilt.officialYears()).toEqual(base.officialYears());
  });

  it('computes with the stored estimates, not with the code of today: replay of an old version is unchanged', () => {
    // an older model, say, had left 2027-03-10 (a Wednesday far from any festival) uncertain
    const older = JSON.parse(JSON.stringify(stored));
    const y2027 = older.estimated.find((y: { year: number }) => y.year === 2027);
    y2027.uncertain = [...y2027.uncertain, '2027-03-10'].sort();
    older.rules = 'fangjia-2024/0';
    const version = calendarVersion(older);
    const rebuilt = calendarFromData(older, version);
    expect(rebuilt.dayStatus('2027-03-10').kind).toBe('uncertain');
    expect(base.dayStatus('2027-03-10').kind).toBe('working');
    expect(rebuilt.data().rules).toBe('fangjia-2024/0');
  });

  it('refuses data that does not hash to the recorded version, or is not calendar data', () => {
    const tampered = JSON.parse(JSON.stringify(stored));
    tampered.official[tampered.official.length - 1].holidays.pop();
    expect(() => calendarFromData(tampered, base.version)).toThrow(CalendarDataError);
    expect(() => calendarFromData({ ...stored, format: 'other/1' })).toThrow(/未知格式/);
    expect(() => calendarFromData({ ...stored, estimated: [stored.estimated[1], stored.estimated[0]] })).toThrow(/递增/);
    const both = { ...stored, estimated: [{ year: 2026, holidays: [], uncertain: [] }, ...stored.estimated] };
    expect(() => calendarFromData(both)).toThrow(/2026 年既有官方数据又是推算年份/);
  });

  it('describes its sources: format, estimate model, official years with their source, estimated years', () => {
    expect(stored.format).toBe(CALENDAR_DATA_FORMAT);
    expect(stored.rules).toBe(ESTIMATE_RULES_VERSION);
    expect(stored.official.map((y: { year: number }) => y.year)).toEqual(through2026.map((y) => y.year));
    expect(stored.estimated[0].year).toBe(2027);
    expect(stored.estimated[stored.estimated.length - 1].year).toBe(2099);
    expect(stored.override).toBeNull();
  });
});
