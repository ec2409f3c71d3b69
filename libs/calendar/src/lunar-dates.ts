import { getSolarTermDate, getYearLeapMonth, monthDays } from 'chinese-days';
import { parseIsoDate } from './shanghai-time';

/**
 * Lunar and solar-term dates from the `chinese-days` tables, as Asia/Shanghai
 * epoch days whatever the process time zone.
 *
 * The lunar side uses only the package's numeric functions (`monthDays`,
 * `getYearLeapMonth`: lengths of months, no dates), so no time zone is involved.
 * `getSolarTermDate` formats a UTC midnight with local-time getters, which west of
 * UTC names the previous day; its answers are calibrated against a known term
 * instead of assuming that behaviour, so a package that fixes it stays right.
 */

/** Lunar years the package's table describes (its LUNAR_INFO spans 1900-2100). */
export const LUNAR_TABLE_YEARS = { from: 1900, to: 2100 } as const;

/** 正月初一 of lunar year 1900, the origin of the package's table. */
const LUNAR_EPOCH_DAY = parseIsoDate('1900-01-31');
/** 清明 2000 fell on 4 April (Asia/Shanghai): the calibration point of `getSolarTermDate`. */
const CALIBRATION = { year: 2000, date: '2000-04-04' } as const;

const newYearDays: number[] = [LUNAR_EPOCH_DAY];
let solarTermShift: number | undefined;

/** Epoch day of 正月初一 of lunar year `year` (the Spring Festival). */
export function lunarNewYear(year: number): number {
  checkLunarYear(year);
  for (let y = 1900 + newYearDays.length - 1; y < year; y++) newYearDays.push(newYearDays[y - 1900] + lunarYearLength(y));
  return newYearDays[year - 1900];
}

/** Epoch day of day `day` of the ordinary (not leap) lunar month `month` of lunar year `year`: a festival falls in the first of two same-named months. */
export function lunarDate(year: number, month: number, day: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`lunar month ${month} is not 1-12`);
  if (!Number.isInteger(day) || day < 1 || day > monthDays(year, month)) throw new RangeError(`lunar day ${day} is not in month ${month} of ${year}`);
  const leap = getYearLeapMonth(year);
  let epochDay = lunarNewYear(year);
  for (let m = 1; m < month; m++) epochDay += monthDays(year, m) + (leap.leapMonth === m ? leap.days : 0);
  return epochDay + day - 1;
}

/** Epoch day of 清明 (the solar term) in Gregorian `year`, 2000-2099. */
export function qingmingDay(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new RangeError(`solar terms are computed for 2000-2099 only, not ${year}`);
  return parseIsoDate(getSolarTermDate(year, 4, 'pure_brightness')) + calibratedShift();
}

function calibratedShift(): number {
  solarTermShift ??= parseIsoDate(CALIBRATION.date) - parseIsoDate(getSolarTermDate(CALIBRATION.year, 4, 'pure_brightness'));
  return solarTermShift;
}

function lunarYearLength(year: number): number {
  let days = getYearLeapMonth(year).days;
  for (let m = 1; m <= 12; m++) days += monthDays(year, m);
  return days;
}

function checkLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_TABLE_YEARS.from || year > LUNAR_TABLE_YEARS.to) {
    throw new RangeError(`lunar year ${year} is outside the table (${LUNAR_TABLE_YEARS.from}-${LUNAR_TABLE_YEARS.to})`);
  }
}
