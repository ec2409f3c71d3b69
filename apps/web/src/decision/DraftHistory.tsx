import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TrailEvent } from '../api/types';
import { fmt, t } from '../i18n';
import { beijingTime } from '../shared/format';
import { draftDiff, draftVersions } from './draft-versions';

/** The draft with its version history, and the difference between any version and the one before it. */
export function DraftHistory({ events }: { events: TrailEvent[] }) {
  const versions = draftVersions(events);
  const [compare, setCompare] = useState<number | null>(null);
  if (!versions.length) return <Empty description={t.decision.noDraft} />;
  const current = versions[versions.length - 1];
  const shown = compare !== null ? versions.find((v) => v.version === compare) : undefined;
  const previous = shown ? versions.find((v) => v.version === shown.version - 1) : undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t.decision.draftVersion} {current.version} · {t.decision.draftHash}：<span className="hash">{current.contentHash}</span></Typography.Text>
      {current.text !== null ? <div className="draft-text" data-testid="draft-text">{current.text}</div> : <Typography.Text>{t.decision.draftFile}{current.materialId}</Typography.Text>}
      <List
        header={t.decision.versions}
        dataSource={[...versions].reverse()}
        renderItem={(v) => (
          <List.Item actions={v.version > 1 ? [<Button key="diff" size="small" onClick={() => setCompare(v.version)}>{t.decision.compare}</Button>] : []}>
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{t.decision.draftVersion} {v.version}：{v.changeSummary}</Typography.Text>
              <Typography.Text type="secondary">{v.by} · {beijingTime(v.at)} · <span className="hash" title={v.contentHash}>{v.contentHash.slice(0, 16)}</span></Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {shown && previous && (
        <Card size="small" title={fmt(t.decision.diffTitle, { a: previous.version, b: shown.version })}>
          <div className="draft-text" data-testid="draft-diff">
            {draftDiff(previous.text ?? '', shown.text ?? '').map((part, i) => (
              <span key={i} className={part.kind === 'same' ? undefined : `diff-${part.kind}`}>{part.text}</span>
            ))}
          </div>
        </Card>
      )}
    </Space>
  );
}
