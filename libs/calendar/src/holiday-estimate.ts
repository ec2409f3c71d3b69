import { formatIsoDate, weekdayOf } from './shanghai-time';
import { statutoryFestivals, type FestivalName } from './statutory-holidays';

/**
 * A year without a State Council notice, estimated from the rules alone.
 *
 * The statutory days (statutory-holidays.ts) are certain. What the yearly notice
 * adds cannot be known in advance: 放假调休 (办法 Art. 7, 2024: "可合理安排统一放假调休…
 * 除个别特殊情形外，法定节假日假期前后连续工作一般不超过6天") and 补假 for a festival on a
 * weekend (Art. 6: "如果适逢星期六、星期日，应当在工作日补假"). The State Council's
 * principles for them (国办发明电〔2024〕12号, 2024-11-12): 春节自农历除夕起放假调休8天,
 * 国庆节自10月1日起放假调休7天, 劳动节放假调休5天, 元旦、清明节、端午节、中秋节分别放假调休
 * 或连休3天（如逢周三则只在当日放假）, 国庆节如逢中秋节则合并放假8天 — each "除个别特殊情形外".
 *
 * So every day near a festival that a notice could change is UNCERTAIN: a weekday
 * that could be given off (bridging or 补假), a Saturday or Sunday that could be a
 * make-up working day. The reach below is wider than the principles need, never
 * narrower: a bound computed with it is never optimistic. Everything else is an
 * ordinary weekday or weekend. A one-off holiday by special decision (as on
 * 2015-09-03) cannot be foreseen by any rule; deadlines in estimated years are
 * provisional and recomputed when the notice arrives.
 */
export const ESTIMATE_RULES_VERSION = 'fangjia-2024/1';

export interface EstimatedYear {
  year: number;
  /** the statutory days off (YYYY-MM-DD): certain */
  holidays: string[];
  /** days a notice may change (YYYY-MM-DD); may reach into the last days of the previous year (元旦 arrangements do) */
  uncertain: string[];
}

interface Reach {
  /** weekdays this many days before the first statutory day may be given off */
  bridgeBefore: number;
  /** weekdays this many days after the last statutory day may be given off */
  bridgeAfter: number;
  /** Saturdays and Sundays this many days around those may be make-up working days */
  makeUp: number;
}

/**
 * The long holidays, each with one day of margin for 个别特殊情形. 春节: 8 days from 除夕
 * end on 初七 (2026 also began on 腊月二十八, a Sunday). 劳动节: a 5-day block holding
 * 1-2 May starts 28 April at the earliest and ends 5 May at the latest. 国庆节: 1-7
 * October, 1-8 with 中秋 (a 中秋 just before 1 October: MERGEABLE_GAP_DAYS).
 * Make-up days of 2008-2026 fell at most 5 days outside those spans (劳动节 2023 on
 * 23 April, 2024 on 11 May; 春节 2017, 2020, 2024 five days before 除夕); a week leaves
 * a margin. The one further out, 国庆节 2026 on 20 September, came before a 中秋
 * weekend: see NEIGHBOUR_GAP_DAYS.
 */
const LONG_HOLIDAYS: Partial<Record<FestivalName, Reach>> = {
  春节: { bridgeBefore: 1, bridgeAfter: 5, makeUp: 7 },
  劳动节: { bridgeBefore: 4, bridgeAfter: 4, makeUp: 7 },
  国庆节: { bridgeBefore: 1, bridgeAfter: 6, makeUp: 7 },
};

/**
 * A one-day festival joins the nearest weekend into 3 days: by weekday (0 = Sunday),
 * the offsets of the weekdays that may be given off. A Monday or Friday needs
 * nothing; on a weekend, 补假 falls on the Friday before or the Monday after. A
 * Wednesday should stay alone, but has not always (劳动节 2019, then one day, ran
 * Wednesday to Saturday), so both sides of it stay open.
 */
const ONE_DAY_BRIDGES: Record<number, number[]> = { 0: [-2, 1], 1: [], 2: [-1], 3: [-2, -1, 1, 2], 4: [1], 5: [], 6: [-1, 2] };
/** Make-up days of a 3-day block fall on the weekend before or after it. */
const ONE_DAY_MAKE_UP = 7;
/**
 * Festivals this close (中秋 just before 国庆, as on 2023-09-29) may be merged into one
 * block: the days between them are uncertain.
 */
const MERGEABLE_GAP_DAYS = 3;
/**
 * Festivals this close are arranged together: the make-up days of the later one may
 * precede the earlier one (国庆节 2026 used 20 September, before 中秋 on the 25th).
 */
const NEIGHBOUR_GAP_DAYS = 10;
const NEIGHBOUR_MAKE_UP = 7;

/** The statutory and uncertain days of `year` under the 2024 rules (2025-2099). */
export function estimateYear(year: number): EstimatedYear {
  const festivals = statutoryFestivals(year);
  const statutory = new Set(festivals.flatMap((f) => f.days));
  const uncertain = new Set<number>();
  const mark = (from: number, to: number, weekend: boolean) => {
    for (let day = from; day <= to; day++) if (isWeekend(day) === weekend) uncertain.add(day);
  };
  for (const { name, days } of festivals) {
    const first = days[0];
    const last = days[days.length - 1];
    const reach = LONG_HOLIDAYS[name];
    if (reach) {
      mark(first - reach.bridgeBefore, last + reach.bridgeAfter, false);
      mark(first - reach.bridgeBefore - reach.makeUp, last + reach.bridgeAfter + reach.makeUp, true);
      continue;
    }
    const offsets = ONE_DAY_BRIDGES[weekdayOf(first)];
    if (offsets.length === 0) continue;
    for (const offset of offsets) uncertain.add(first + offset);
    mark(first + Math.min(...offsets) - ONE_DAY_MAKE_UP, first + Math.max(...offsets) + ONE_DAY_MAKE_UP, true);
  }
  const byStart = [...festivals].sort((a, b) => a.days[0] - b.days[0]);
  for (let i = 1; i < byStart.length; i++) {
    const gapFrom = byStart[i - 1].days[byStart[i - 1].days.length - 1] + 1;
    const gapTo = byStart[i].days[0] - 1;
    const gap = gapTo - gapFrom + 1;
    if (gap <= MERGEABLE_GAP_DAYS) mark(gapFrom, gapTo, false);
    if (gap <= NEIGHBOUR_GAP_DAYS) mark(byStart[i - 1].days[0] - NEIGHBOUR_MAKE_UP, gapTo, true);
  }
  const dates = (days: Iterable<number>) => [...days].sort((a, b) => a - b).map(formatIsoDate);
  return { year, holidays: dates(statutory), uncertain: dates([...uncertain].filter((day) => !statutory.has(day))) };
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}
