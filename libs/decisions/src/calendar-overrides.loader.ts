import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarOverrideError, parseCalendarOverrideJson, type CalendarOverride } from '@app/calendar';

/** Reads and validates (host side: libs/calendar does no I/O) every `*.json` override in `dir`, keyed by jurisdiction; throws on the first bad file. */
export function loadCalendarOverrides(dir: string): ReadonlyMap<string, CalendarOverride> {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(dir, entry.name))
    .sort();
  const byJurisdiction = new Map<string, CalendarOverride>();
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const override = parseCalendarOverrideJson(readFileSync(file, 'utf8'), file);
    const previous = fileOf.get(override.jurisdiction);
    if (previous) {
      throw new CalendarOverrideError(
        file,
        `jurisdiction "${override.jurisdiction}" is already defined in ${previous}`,
        override.jurisdiction,
      );
    }
    byJurisdiction.set(override.jurisdiction, override);
    fileOf.set(override.jurisdiction, file);
  }
  return byJurisdiction;
}
