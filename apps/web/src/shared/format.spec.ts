import { beijingTime, fromBeijingInput, toBeijingInput } from './format';

describe(toBeijingInput.name, () => {
  it('shows an instant in Beijing time whatever offset it was written with', () => {
    expect(toBeijingInput('2026-12-01T01:00:00Z')).toBe('2026-12-01T09:00');
    expect(toBeijingInput('2026-12-01T09:00:00+08:00')).toBe('2026-12-01T09:00');
    expect(toBeijingInput('2026-11-30T20:30:00-05:00')).toBe('2026-12-01T09:30');
    expect(toBeijingInput(undefined)).toBe('');
  });
});

describe(fromBeijingInput.name, () => {
  it('reads what a person typed as Beijing time, and round-trips', () => {
    expect(fromBeijingInput('2026-12-01T09:00')).toBe('2026-12-01T09:00:00+08:00');
    expect(toBeijingInput(fromBeijingInput('2027-02-01T23:59'))).toBe('2027-02-01T23:59');
    expect(fromBeijingInput('')).toBeUndefined();
  });
});

describe(beijingTime.name, () => {
  it('writes instants in Beijing time', () => {
    expect(beijingTime('2026-12-31T16:30:00Z')).toBe('2027/01/01 00:30');
  });
});
