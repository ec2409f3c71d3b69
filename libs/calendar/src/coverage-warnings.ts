import { formatIsoDate, parseInstant, shanghaiDayOf } from './shanghai-time';
import type { WorkingDayCalendar } from './working-day-calendar';

/** A year whose working days are only estimated: for the health check and the administrators' notice. */
export interface CoverageWarning {
  code: 'CALENDAR_YEAR_ESTIMATED';
  year: number;
  message: string;
}

/** The notice for a year is published in November or December of the year before: warn from 1 November. */
const WARN_FROM_MONTH_DAY = '11-01';

/**
 * Years without official data that matter at `now` (ISO instant): the current year
 * always, the next year from 1 November (Asia/Shanghai). Empty when both are official.
 */
export function coverageWarnings(calendar: Pick<WorkingDayCalendar, 'officialYears'>, now: string): CoverageWarning[] {
  const today = formatIsoDate(shanghaiDayOf(parseInstant(now)));
  const year = Number(today.slice(0, 4));
  const official = new Set(calendar.officialYears());
  const out: CoverageWarning[] = [];
  if (!official.has(year)) {
    out.push({
      code: 'CALENDAR_YEAR_ESTIMATED',
      year,
      message: `${year} 年尚无国务院节假日安排数据：工作日按《全国年节及纪念日放假办法》推算，调休日未知，相关期限均为暂定。请升级 chinese-days 或上传该年度的国务院放假通知。`,
    });
  }
  if (today.slice(5) >= WARN_FROM_MONTH_DAY && !official.has(year + 1)) {
    out.push({
      code: 'CALENDAR_YEAR_ESTIMATED',
      year: year + 1,
      message: `${year + 1} 年的国务院节假日安排尚未录入：跨入该年的期限将按规则推算并标为暂定。通知发布后请上传或升级 chinese-days。`,
    });
  }
  return out;
}
