import { CALENDAR_YEAR_LIMITS } from './calendar-overrides';
import { formatIsoDate, parseIsoDate, tryParseIsoDate, weekdayOf } from './shanghai-time';
import { STATUTORY_RULE_YEARS, statutoryFestivals } from './statutory-holidays';

/** Where an uploaded arrangement comes from: the State Council notice (国务院办公厅关于…部分节假日安排的通知). */
export interface HolidayNoticeReference {
  title: string;
  /** e.g. 国办发明电〔2024〕12号 */
  documentNumber?: string;
  /** YYYY-MM-DD */
  publishedAt?: string;
  url?: string;
}

/** The official arrangement of one year, as an administrator enters it from the notice. */
export interface HolidayNotice {
  year: number;
  /** every day off the notice lists, weekends within its blocks included (YYYY-MM-DD, ascending) */
  holidays: string[];
  /** the make-up working days (调休上班), all Saturdays or Sundays (YYYY-MM-DD, ascending) */
  workdays: string[];
  notice: HolidayNoticeReference;
}

/** One thing wrong with an upload: the field and what to fix, in Chinese. */
export interface HolidayNoticeIssue {
  field: string;
  message: string;
}

/** An upload failed validation; `issues` lists every problem found. */
export class HolidayNoticeError extends Error {
  readonly code = 'CALENDAR_NOTICE_INVALID';

  constructor(readonly issues: HolidayNoticeIssue[]) {
    super(`放假安排不符合要求：${issues.map((i) => `${i.field}：${i.message}`).join('；')}`);
    this.name = 'HolidayNoticeError';
  }
}

const KEYS = ['year', 'holidays', 'workdays', 'notice'];
const NOTICE_KEYS = ['title', 'documentNumber', 'publishedAt', 'url'];
const MAX_TEXT = { title: 200, documentNumber: 100, url: 500 } as const;

/**
 * Strictly validates the upload `{year, holidays[], workdays[], notice: {title, documentNumber?, publishedAt?, url?}}`.
 * Dates must lie in `year`, or in the December before it (a 元旦 arrangement may start there);
 * make-up days must be weekends; every statutory day of the year (2025 on) must be a day off.
 */
export function parseHolidayNotice(json: unknown): HolidayNotice {
  const issues: HolidayNoticeIssue[] = [];
  const fail = (field: string, message: string) => void issues.push({ field, message });
  if (!isObject(json)) throw new HolidayNoticeError([{ field: '（根）', message: '应为 JSON 对象' }]);
  unknownKeys(json, KEYS, '', fail);
  const year = json.year;
  const yearOk = Number.isInteger(year) && (year as number) >= CALENDAR_YEAR_LIMITS.from && (year as number) <= CALENDAR_YEAR_LIMITS.to;
  if (!yearOk) fail('year', `应为 ${CALENDAR_YEAR_LIMITS.from}-${CALENDAR_YEAR_LIMITS.to} 之间的年份，实为 ${JSON.stringify(year)}`);
  const inRange = yearOk ? allowedDays(year as number) : undefined;
  const holidays = dates(json.holidays, 'holidays', inRange, fail);
  const workdays = dates(json.workdays, 'workdays', inRange, fail);
  if (Array.isArray(json.holidays) && json.holidays.length === 0) fail('holidays', '不能为空：放假通知至少列出法定节假日');
  for (const date of workdays) {
    const weekday = weekdayOf(parseIsoDate(date));
    if (weekday !== 0 && weekday !== 6) fail('workdays', `${date} 不是星期六或星期日：调休上班日总在周末`);
    if (holidays.includes(date)) fail('workdays', `${date} 同时列为放假日和调休上班日`);
  }
  if (yearOk && (year as number) >= STATUTORY_RULE_YEARS.from && (year as number) <= STATUTORY_RULE_YEARS.to) {
    for (const festival of statutoryFestivals(year as number)) {
      const missing = festival.days.map(formatIsoDate).filter((d) => !holidays.includes(d));
      if (missing.length) fail('holidays', `缺少${festival.name}的法定假日 ${missing.join('、')}（《全国年节及纪念日放假办法》第二条）`);
    }
  }
  const notice = reference(json.notice, fail);
  if (issues.length) throw new HolidayNoticeError(issues);
  return { year: year as number, holidays, workdays, notice: notice! };
}

/** The epoch days a notice for `year` may name: the year itself and the December before it. */
function allowedDays(year: number): { from: number; to: number; label: string } {
  return { from: parseIsoDate(`${year - 1}-12-01`), to: parseIsoDate(`${year}-12-31`), label: `${year} 年（或 ${year - 1} 年 12 月）` };
}

function dates(list: unknown, field: string, range: ReturnType<typeof allowedDays> | undefined, fail: (f: string, m: string) => void): string[] {
  if (!Array.isArray(list)) {
    fail(field, '应为 YYYY-MM-DD 日期数组');
    return [];
  }
  const seen = new Set<string>();
  list.forEach((value, i) => {
    const day = typeof value === 'string' ? tryParseIsoDate(value) : undefined;
    if (day === undefined) return fail(`${field}[${i}]`, `${JSON.stringify(value)} 不是有效的 YYYY-MM-DD 日期`);
    if (range && (day < range.from || day > range.to)) return fail(`${field}[${i}]`, `${value} 不在 ${range.label} 内`);
    if (seen.has(value)) return fail(`${field}[${i}]`, `${value} 重复列出`);
    seen.add(value);
  });
  return [...seen].sort();
}

function reference(json: unknown, fail: (f: string, m: string) => void): HolidayNoticeReference | undefined {
  if (!isObject(json)) {
    fail('notice', '应为对象，至少包含通知标题 title');
    return undefined;
  }
  unknownKeys(json, NOTICE_KEYS, 'notice.', fail);
  const out: HolidayNoticeReference = { title: '' };
  const text = (key: 'title' | 'documentNumber' | 'url', required: boolean) => {
    const value = json[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !value.trim() || value.length > MAX_TEXT[key]) {
      return fail(`notice.${key}`, `应为不超过 ${MAX_TEXT[key]} 字的非空文本`);
    }
    out[key] = value.trim();
  };
  text('title', true);
  text('documentNumber', false);
  text('url', false);
  if (out.url !== undefined && !/^https?:\/\/\S+$/.test(out.url)) fail('notice.url', '应为 http:// 或 https:// 开头的网址');
  if (json.publishedAt !== undefined) {
    if (typeof json.publishedAt !== 'string' || tryParseIsoDate(json.publishedAt) === undefined) fail('notice.publishedAt', '应为 YYYY-MM-DD 日期');
    else out.publishedAt = json.publishedAt;
  }
  return out;
}

function unknownKeys(obj: Record<string, unknown>, allowed: string[], prefix: string, fail: (f: string, m: string) => void): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(`${prefix}${key}`, `未知字段（允许：${allowed.join('、')}）`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
