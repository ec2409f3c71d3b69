import type { OfficialYear } from './calendar-data';
import type { EstimatedYear } from './holiday-estimate';
import { firstDayOfYear, formatIsoDate, weekdayOf } from './shanghai-time';

/** How a year estimated from the rules compares with the official arrangement of that year. */
export interface EstimateComparison {
  year: number;
  /** days off of the year: officially; by the rules alone (statutory days and weekends, no 调休); in both */
  daysOff: { official: number; ruleBased: number; matching: number };
  /** weekdays the notice gave off beyond the statutory days (调休 or 补假), and whether the estimate left each uncertain */
  bridged: { date: string; foreseen: boolean }[];
  /** Saturdays and Sundays the notice made working days (调休上班), and whether the estimate left each uncertain */
  madeUp: { date: string; foreseen: boolean }[];
  /** days the estimate called certain that the notice decided otherwise: an optimistic estimate, must be empty */
  contradicted: string[];
  /** days of the year the estimate left uncertain */
  uncertain: number;
}

/** Compares, day by day, an estimate of `official.year` with the official arrangement of that year. */
export function compareWithOfficial(estimate: EstimatedYear, official: OfficialYear): EstimateComparison {
  const statutory = new Set(estimate.holidays);
  const uncertain = new Set(estimate.uncertain);
  const listedOff = new Set(official.holidays);
  const listedWork = new Set(official.workdays);
  const out: EstimateComparison = { year: official.year, daysOff: { official: 0, ruleBased: 0, matching: 0 }, bridged: [], madeUp: [], contradicted: [], uncertain: 0 };
  for (let day = firstDayOfYear(official.year); day < firstDayOfYear(official.year + 1); day++) {
    const date = formatIsoDate(day);
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    const officiallyOff = listedOff.has(date) || (weekend && !listedWork.has(date));
    const ruleBasedOff = statutory.has(date) || weekend;
    const foreseen = uncertain.has(date);
    if (foreseen) out.uncertain++;
    if (officiallyOff) out.daysOff.official++;
    if (ruleBasedOff) out.daysOff.ruleBased++;
    if (officiallyOff && ruleBasedOff) out.daysOff.matching++;
    if (officiallyOff && !ruleBasedOff) out.bridged.push({ date, foreseen });
    if (!officiallyOff && ruleBasedOff) {
      if (statutory.has(date)) out.contradicted.push(date);
      else out.madeUp.push({ date, foreseen });
    }
    if (officiallyOff !== ruleBasedOff && !foreseen && !statutory.has(date)) out.contradicted.push(date);
  }
  return out;
}
