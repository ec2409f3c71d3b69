import { Empty, Table } from 'antd';
import type { DecisionComments } from '../api/types';
import { t } from '../i18n';
import { beijingTime, shortHash } from '../shared/format';

/** The public's comments on the decision (contact data only where the API shows it: the undertaking unit's drafters). */
export function Comments({ comments }: { comments: DecisionComments | undefined }) {
  if (!comments?.items.length) return <Empty description={t.decision.noComments} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={comments.items}
      columns={[
        { title: t.decision.commentContent, dataIndex: 'content' },
        { title: t.decision.commentFrom, render: (_, c) => `${c.name ?? t.decision.anonymous}${c.contact ? `（${c.contact}）` : ''}` },
        { title: t.decision.receivedAt, dataIndex: 'receivedAt', render: (v: string) => beijingTime(v) },
        { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <span className="hash" title={h}>{shortHash(h)}</span> },
      ]}
    />
  );
}
