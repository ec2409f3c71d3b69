import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Decision } from '../api/types';
import { EventActions } from './EventActions';

const decision = (extra: Partial<Decision>) => ({ id: '7c1f0b7e-0000-4000-8000-000000000001', version: 3, machine: { id: 'decision', version: 2 }, allowedEvents: [], blockedEvents: [], ...extra }) as unknown as Decision;
const fetchMock = jest.fn();

describe(EventActions.name, () => {
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  it('offers the events the API allows as buttons named in words, and blocked ones disabled with their rule explained', () => {
    render(<EventActions onDone={() => {}} decision={decision({
      allowedEvents: ['ACCEPT_PROPOSAL', 'DECLINE_PROPOSAL'],
      blockedEvents: [{ type: 'SUBMIT_FOR_COLLECTIVE_DISCUSSION', reasons: [{ code: 'LEGALITY_REVIEW_REQUIRED', message: 'LEGALITY_REVIEW_REQUIRED' }] }],
    } as Partial<Decision>)} />);
    const disabled = (name: string) => (screen.getByRole('button', { name }) as HTMLButtonElement).disabled;
    expect([disabled('立 项'), disabled('不予立项'), disabled('提请集体讨论')]).toEqual([false, false, true]);
    expect(document.body.textContent).toContain('草案未经合法性审查或经审查不合法，不得提请集体讨论');
  });

  it('opens the form of the event, labelled in Chinese, and refuses an empty required field before sending', async () => {
    render(<EventActions onDone={() => {}} decision={decision({ allowedEvents: ['DECLINE_PROPOSAL'] })} />);
    fireEvent.click(screen.getByRole('button', { name: '不予立项' }));
    await screen.findByText('理由');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '提 交' })));
    await waitFor(() => expect(document.querySelector('.ant-modal-body')!.textContent).toMatch(/必须|必需|应当/));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the event at the version shown, and shows a refusal of the procedure in words', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ statusCode: 422, code: 'DEVIATION_REASON_REQUIRED', message: 'DEVIATION_REASON_REQUIRED', reasons: [{ code: 'DEVIATION_REASON_REQUIRED', message: 'DEVIATION_REASON_REQUIRED' }] }), { status: 422, headers: { 'content-type': 'application/json' } }));
    render(<EventActions onDone={() => {}} decision={decision({ allowedEvents: ['DECLINE_PROPOSAL'] })} />);
    fireEvent.click(screen.getByRole('button', { name: '不予立项' }));
    fireEvent.change(await screen.findByLabelText('理由'), { target: { value: '不属于重大行政决策事项' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '提 交' })));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await waitFor(() => expect(document.querySelector('.ant-modal-body .ant-alert')?.textContent).toContain('决定与多数意见不一致的，须说明理由'));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.headers.get('If-Match')).toBe('"3"');
    await expect(request.json()).resolves.toEqual({ type: 'DECLINE_PROPOSAL', reason: '不属于重大行政决策事项' });
  });
});
