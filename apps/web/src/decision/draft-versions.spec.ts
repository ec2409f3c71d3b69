import type { TrailEvent } from '../api/types';
import { draftDiff, draftVersions } from './draft-versions';

const event = (seq: number, type: string, payload: object) => ({ seq, type, payload, actor: { name: '起草人' }, occurredAt: '2026-11-01T00:00:00Z' }) as unknown as TrailEvent;

describe(draftVersions.name, () => {
  it('numbers the drafts in the order they were recorded, with their hashes', () => {
    const versions = draftVersions([
      event(1, 'CREATE_DECISION', {}),
      event(3, 'REVISE_DRAFT', { text: '第一稿', changeSummary: '初稿', contentHash: 'h1' }),
      event(4, 'OPEN_PUBLIC_COMMENT', {}),
      event(7, 'REVISE_DRAFT', { text: '第二稿', changeSummary: '修改', contentHash: 'h2' }),
    ]);
    expect(versions.map((v) => [v.version, v.seq, v.contentHash])).toEqual([[1, 3, 'h1'], [2, 7, 'h2']]);
  });
});

describe(draftDiff.name, () => {
  it('shows removed and added lines and keeps the unchanged ones', () => {
    expect(draftDiff('第一条\n第二条\n', '第一条\n第二条（修改）\n')).toEqual([
      { kind: 'same', text: '第一条\n' },
      { kind: 'removed', text: '第二条\n' },
      { kind: 'added', text: '第二条（修改）\n' },
    ]);
  });
});
