import { Button, Card, Descriptions, Empty, List, Result, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Decision } from '../api/types';
import { useSession } from '../auth/use-session';
import { eventRoles } from '../decision/event-schema';
import { fmt, t, words } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { DeadlineTag, StatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { buildWorklist, mapLimited, type WorkItem } from './worklist';
import { VerifyStatus } from '../audit/VerifyStatus';

async function loadDecisions(): Promise<Decision[]> {
  const list = unwrap(await api.GET('/api/decisions', { params: { query: { pageSize: 100 } } }));
  return mapLimited(list.items, 6, async (d) => unwrap(await api.GET('/api/decisions/{id}', { params: { path: { id: d.id } } })));
}

function WorkRow({ item, now }: { item: WorkItem; now: number }) {
  const { decision } = item;
  const review = decision.steps.legalityReview as { submittedAt?: string; opinionNeededBy?: string };
  return (
    <List.Item>
      <List.Item.Meta
        title={<Space><Link to={`/decisions/${decision.id}`}>{decision.title}</Link><StatusTag status={decision.status} /></Space>}
        description={
          <Space orientation="vertical" size={4}>
            <Space wrap>{t.worklist.canDo}：{item.actions.map((a) => <Tag key={a} color="red">{words(t.events, a)}</Tag>)}</Space>
            {decision.status === 'legalityReview' && review.submittedAt && (
              <Typography.Text type="secondary">
                {t.worklist.submittedAt}：{beijingTime(review.submittedAt)}
                {review.opinionNeededBy ? `　${t.worklist.opinionNeededBy}：${beijingTime(review.opinionNeededBy)}` : ''}
              </Typography.Text>
            )}
            {item.deadlines.length > 0 && <Space wrap>{item.deadlines.map((d) => <DeadlineTag key={d.id} deadline={d} now={now} />)}</Space>}
          </Space>
        }
      />
    </List.Item>
  );
}

/** My work: what waits for me now, by my roles, most urgent first, with red/yellow deadline warnings. */
export function WorklistPage() {
  const user = useSession()!;
  const decisions = useLoad(loadDecisions, []);
  const now = Date.now();
  if (decisions.error) return <ErrorNotice error={decisions.error} onRetry={decisions.reload} />;
  if (!decisions.data) return <Spin />;
  const { items, byRole } = buildWorklist(decisions.data, user.roles, eventRoles);
  const recent = [...decisions.data].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 8);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t.worklist.title} extra={<Button onClick={decisions.reload}>{t.app.refresh}</Button>}>
        <Typography.Paragraph type="secondary">{t.worklist.intro} {fmt(t.worklist.scanned, { n: decisions.data.length })}</Typography.Paragraph>
        {items.length === 0 && !user.roles.includes('auditor') && <Result status="success" title={t.worklist.empty} />}
      </Card>
      {user.roles.filter((role) => byRole[role]?.length).map((role) => (
        <Card key={role} title={t.worklist.roleSections[role] ?? words(t.roles, role)} data-role-section={role}>
          <List dataSource={byRole[role]} renderItem={(item) => <WorkRow item={item} now={now} />} />
        </Card>
      ))}
      {user.roles.includes('auditor') && (
        <Card title={t.worklist.roleSections.auditor}>
          <VerifyStatus />
          <Descriptions title={t.worklist.recent} column={1} size="small" style={{ marginTop: 16 }} />
          {recent.length ? (
            <List dataSource={recent} renderItem={(d) => (
              <List.Item actions={[<Link key="audit" to={`/decisions/${d.id}/audit`}>{t.decision.openAudit}</Link>]}>
                <Space><Link to={`/decisions/${d.id}`}>{d.title}</Link><StatusTag status={d.status} /><Typography.Text type="secondary">{beijingTime(d.updatedAt)}</Typography.Text></Space>
              </List.Item>
            )} />
          ) : <Empty />}
        </Card>
      )}
    </Space>
  );
}
