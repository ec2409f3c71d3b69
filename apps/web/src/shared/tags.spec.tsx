import { render } from '@testing-library/react';
import { DeadlineTag } from './tags';

describe(DeadlineTag.name, () => {
  const now = Date.parse('2026-12-30T02:00:00Z');
  const due = { kind: 'LEGALITY_REVIEW_DUE', dueAt: '2027-02-26T02:00:00.000Z', overdue: false };

  it('says 暂定 on a date computed before the year\'s holiday notice', () => {
    const { container } = render(<DeadlineTag deadline={{ ...due, provisional: true }} now={now} />);
    expect(container.textContent).toContain('合法性审查期限');
    expect(container.textContent).toContain('（暂定）');
    expect(container.querySelector('[data-provisional="true"]')).not.toBeNull();
  });

  it('shows an exact date without the mark', () => {
    const { container } = render(<DeadlineTag deadline={due} now={now} />);
    expect(container.textContent).not.toContain('暂定');
  });
});
