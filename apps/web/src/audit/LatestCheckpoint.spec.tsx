import { render, screen } from '@testing-library/react';
import { LatestCheckpoint } from './LatestCheckpoint';

const fetchMock = jest.fn();
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const NOTE = 'major-decision-engine/county-a\n4\nq0G1b8l3W3hS2kqV3o2rQpYJgD5G1Z8wqQf0Xw3dZkM=\nhash sha256\ntime 2027-06-15T08:00:00.000Z\n\n— major-decision-engine AbCdEf==\n';

describe(LatestCheckpoint.name, () => {
  beforeEach(() => {
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  it('shows the latest signed checkpoint with its note to keep', async () => {
    fetchMock.mockResolvedValue(json({
      items: [{ origin: 'major-decision-engine/county-a', treeSize: 4, root: 'q0G1b8l3W3hS2kqV3o2rQpYJgD5G1Z8wqQf0Xw3dZkM=', hash: 'sha256', time: '2027-06-15T08:00:00.000Z', keyId: '0a1b2c3d', signatures: [{ name: 'major-decision-engine', keyId: '0a1b2c3d', signature: 'x' }], note: NOTE }],
      total: 1, page: 1, pageSize: 1,
    }));
    render(<LatestCheckpoint />);
    const box = await screen.findByTestId('latest-checkpoint');
    expect(box.textContent).toContain('最新已签名检查点');
    expect(box.textContent).toContain('major-decision-engine/county-a');
    expect(box.textContent).toContain('0a1b2c3d');
    expect(box.querySelector('pre')!.textContent).toBe(NOTE);
    expect(String((fetchMock.mock.calls[0][0] as Request).url ?? fetchMock.mock.calls[0][0])).toContain('/api/audit/checkpoints?page=1&pageSize=1');
  });

  it('says when none is signed yet', async () => {
    fetchMock.mockResolvedValue(json({ items: [], total: 0, page: 1, pageSize: 1 }));
    render(<LatestCheckpoint />);
    expect((await screen.findByTestId('latest-checkpoint')).textContent).toContain('尚无已签名的检查点');
  });
});
