import { Card, Space, Spin, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { DecisionComments, DecisionSummary } from '../api/types';
import { t, words } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { StepStatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { mapLimited } from '../worklist/worklist';

interface Row {
  decision: DecisionSummary;
  comments: DecisionComments;
}

/** Public participation for the general office: decisions in drafting with their comment period and the comments received. */
export function ConsultationsPage() {
  const rows = useLoad(async () => {
    const list = unwrap(await api.GET('/api/decisions', { params: { query: { status: 'drafting', pageSize: 100 } as never } }));
    return mapLimited(list.items, 6, async (decision): Promise<Row> => ({
      decision,
      comments: unwrap(await api.GET('/api/decisions/{id}/comments', { params: { path: { id: decision.id } } })) as DecisionComments,
    }));
  }, []);
  if (rows.error) return <ErrorNotice error={rows.error} onRetry={rows.reload} />;
  if (!rows.data) return <Spin />;
  return (
    <Card title={t.consultations.title}>
      <Typography.Paragraph type="secondary">{t.consultations.intro}</Typography.Paragraph>
      <Table<Row> rowKey={(r) => r.decision.id} dataSource={rows.data} pagination={false}
        expandable={{ rowExpandable: (r) => r.comments.items.length > 0, expandedRowRender: (r) => (
          <Space orientation="vertical">{r.comments.items.map((c) => <div key={c.id}><b>{c.name ?? t.decision.anonymous}</b>（{beijingTime(c.receivedAt)}）：{c.content}</div>)}</Space>
        ) }}
        columns={[
          { title: t.decisions.columns.title, render: (_, r) => <Link to={`/decisions/${r.decision.id}`}>{r.decision.title}</Link> },
          { title: words(t.steps, 'publicParticipation'), render: (_, r) => <StepStatusTag status={(r.decision.steps.publicParticipation as { status: string }).status} /> },
          { title: t.consultations.comments, render: (_, r) => r.comments.items.length },
        ]} />
    </Card>
  );
}
