import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarOverrideError, createWorkingDayCalendar } from '@app/calendar';
import { loadCalendarOverrides } from './calendar-overrides.loader';

describe(loadCalendarOverrides.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'calendar-overrides-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) =>
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  it('loads the shipped example file, keyed by jurisdiction', () => {
    const overrides = loadCalendarOverrides(join(__dirname, '..', '..', 'calendar', 'overrides'));
    const example = overrides.get('example-county');
    expect(example).toMatchObject({ holidays: ['2026-05-06'], workdays: ['2026-05-16'] });
    expect(createWorkingDayCalendar(example).dayStatus('2026-05-06').kind).toBe('off');
  });

  it('reads only *.json files', () => {
    write('county-a.json', { jurisdiction: 'county-a', holidays: [], workdays: [] });
    write('notes.txt', 'not an override');
    expect([...loadCalendarOverrides(dir).keys()]).toEqual(['county-a']);
  });

  it('rejects an invalid file, naming its path and the bad value', () => {
    write('county-b.json', { jurisdiction: 'county-b', holidays: ['2026-13-01'], workdays: [] });
    expect(() => loadCalendarOverrides(dir)).toThrow(CalendarOverrideError);
    expect(() => loadCalendarOverrides(dir)).toThrow(join(dir, 'county-b.json'));
    expect(() => loadCalendarOverrides(dir)).toThrow('2026-13-01');
  });

  it('rejects two files for the same jurisdiction', () => {
    write('a.json', { jurisdiction: 'county-a', holidays: [], workdays: [] });
    write('b.json', { jurisdiction: 'county-a', holidays: [], workdays: [] });
    expect(() => loadCalendarOverrides(dir)).toThrow(/county-a.*already defined/);
  });
});
