import { estimateWorkingDays } from './estimate-working-days';

describe(estimateWorkingDays.name, () => {
  it('counts Monday to Friday only, on Shanghai dates, keeping the time of day', () => {
    // Friday 2027-01-01 10:00 Shanghai; 3 weekdays later is Wednesday 2027-01-06
    expect(estimateWorkingDays('2027-01-01T02:00:00.000Z', 3)).toBe('2027-01-06T02:00:00.000Z');
    // 23:30 UTC on Friday is already Saturday in Shanghai: the next weekday is Monday
    expect(estimateWorkingDays('2027-01-08T23:30:00.000Z', 1)).toBe('2027-01-10T23:30:00.000Z');
  });
});
