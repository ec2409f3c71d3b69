import { lunarDate, lunarNewYear, qingmingDay } from './lunar-dates';
import { parseIsoDate } from './shanghai-time';

/**
 * The days off of 《全国年节及纪念日放假办法》 as revised by 国务院关于修改《全国年节及纪念日放假办法》的决定
 * (国务院令第795号, 2024-11-10, in force 2025-01-01), Art. 2 (全体公民放假的节日):
 * 元旦 1 day (1 January); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日);
 * 劳动节 2 days (1-2 May); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日);
 * 国庆节 3 days (1-3 October). 13 days in all.
 */
export type FestivalName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

export interface StatutoryFestival {
  name: FestivalName;
  /** the statutory days off, epoch days in ascending order */
  days: number[];
}

/**
 * Years whose statutory days this module computes: the revision is in force from
 * 2025; the package's solar-term formula is the 21st century's (to 2099).
 */
export const STATUTORY_RULE_YEARS = { from: 2025, to: 2099 } as const;

/** The seven festivals of `year` with their statutory days off, in calendar order. */
export function statutoryFestivals(year: number): StatutoryFestival[] {
  if (!Number.isInteger(year) || year < STATUTORY_RULE_YEARS.from || year > STATUTORY_RULE_YEARS.to) {
    throw new RangeError(`statutory holidays are computed for ${STATUTORY_RULE_YEARS.from}-${STATUTORY_RULE_YEARS.to} only, not ${year}`);
  }
  const date = (monthDay: string) => parseIsoDate(`${year}-${monthDay}`);
  const run = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);
  // 除夕 is the last day of the previous lunar year, i.e. the eve of this year's 正月初一
  const chuxi = lunarNewYear(year) - 1;
  return [
    { name: '元旦', days: [date('01-01')] },
    { name: '春节', days: run(chuxi, 4) },
    { name: '清明节', days: [qingmingDay(year)] },
    { name: '劳动节', days: run(date('05-01'), 2) },
    { name: '端午节', days: [lunarDate(year, 5, 5)] },
    { name: '中秋节', days: [lunarDate(year, 8, 15)] },
    { name: '国庆节', days: run(date('10-01'), 3) },
  ];
}
