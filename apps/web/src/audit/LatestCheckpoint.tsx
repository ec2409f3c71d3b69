import { Descriptions, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Checkpoint } from '../api/types';
import { t } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';

/** The jurisdiction's last signed checkpoint (GET /api/audit/checkpoints), and its note to keep outside. */
export function LatestCheckpoint() {
  const [checkpoint, setCheckpoint] = useState<Checkpoint | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    // The list, not /latest: an empty jurisdiction answers 200 with no item rather than 404.
    api.GET('/api/audit/checkpoints', { params: { query: { page: 1, pageSize: 1 } } }).then(
      (result) => {
        try {
          setCheckpoint(unwrap(result).items[0] ?? null);
        } catch (e) {
          setError(e);
        }
      },
      (e: unknown) => setError(e),
    );
  }, []);
  if (error !== undefined) return <ErrorNotice error={error} />;
  if (checkpoint === undefined) return null;
  if (checkpoint === null) return <Typography.Paragraph data-testid="latest-checkpoint">{t.audit.noCheckpoint}</Typography.Paragraph>;
  return (
    <div data-testid="latest-checkpoint">
      <Descriptions size="small" column={1} title={t.audit.latestCheckpoint}>
        <Descriptions.Item label={t.audit.checkpointOrigin}>{checkpoint.origin}</Descriptions.Item>
        <Descriptions.Item label={t.audit.checkpointSize}>{checkpoint.treeSize}</Descriptions.Item>
        <Descriptions.Item label={t.audit.checkpointRoot}><Typography.Text code copyable>{checkpoint.root}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t.audit.checkpointTime}>{new Date(checkpoint.time).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label={t.audit.checkpointKey}>{checkpoint.signatures.map((s) => `${s.name} ${s.keyId}`).join('；')}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t.audit.checkpointKeep}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: checkpoint.note }}>
        <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{checkpoint.note}</pre>
      </Typography.Paragraph>
    </div>
  );
}
