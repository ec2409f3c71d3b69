import { Button, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Decision, DecisionComments } from '../api/types';
import { useSession } from '../auth/use-session';
import { t, words } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';
import { DeadlineTag, StatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { unitName, unitWidgets, useUnits } from '../shared/use-units';
import { Comments } from './Comments';
import { DraftHistory } from './DraftHistory';
import { EventActions, type EventPreset } from './EventActions';
import { Materials } from './Materials';
import { StepsProgress } from './StepsProgress';
import { WhoDidWhat } from './WhoDidWhat';
import { useDecision } from './use-decision';

/** Prefilled forms: every comment of the round listed for its disposition. */
export function eventPresets(comments: DecisionComments | undefined): Record<string, EventPreset> {
  const round = comments?.items.filter((c) => c.round === comments.round) ?? [];
  return {
    SUBMIT_PUBLIC_OPINION_REPORT: round.length ? { initial: { adopted: [], notAdopted: [], commentDispositions: round.map((c) => ({ commentId: c.id, adopted: false })) } } : { initial: { adopted: [], notAdopted: [] } },
  };
}

/** Summary facts of a decision: status, unit, draft and its hash, deadlines. */
export function DecisionHeader({ decision, units }: { decision: Decision; units: ReturnType<typeof useUnits>['data'] }) {
  const now = Date.now();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
      <Descriptions.Item label={t.decision.status}><StatusTag status={decision.status} /></Descriptions.Item>
      <Descriptions.Item label={t.decision.category}>{words(t.categories, decision.category)}</Descriptions.Item>
      <Descriptions.Item label={t.decision.undertakingUnit}>{unitName(units ?? [], decision.undertakingUnit)}</Descriptions.Item>
      <Descriptions.Item label={t.decision.draftVersion}>{decision.draft.version}</Descriptions.Item>
      <Descriptions.Item label={t.decision.draftHash}><span className="hash" data-testid="draft-hash">{decision.draft.hash ?? t.app.none}</span></Descriptions.Item>
      <Descriptions.Item label={t.decision.version}>{decision.version}</Descriptions.Item>
      <Descriptions.Item label={t.decision.deadlines} span={3}>
        {decision.deadlines.length ? <Space wrap>{decision.deadlines.map((d) => <DeadlineTag key={d.id} deadline={d} now={now} />)}</Space> : t.deadline.none}
      </Descriptions.Item>
      {reviewTimeRisk(decision) && (
        <Descriptions.Item label={t.review.reviewTimeProvisional} span={3}>
          <Tag color="gold" data-testid="review-time-risk">{t.deadline.provisionalTag}</Tag>{reviewTimeRisk(decision)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The risk recorded when the reviewer's 7 working days hold only in some arrangements of unpublished holidays. */
function reviewTimeRisk(decision: Decision): string | undefined {
  return (decision.steps.legalityReview as { reviewTimeRisk?: { message: string } }).reviewTimeRisk?.message;
}

/** One decision: the five steps, deadlines, what this user may do now, the draft, materials, comments and the record. */
export function DecisionPage() {
  const { id = '' } = useParams();
  const user = useSession();
  const loaded = useDecision(id);
  const units = useUnits(user?.jurisdiction);
  const comments = useLoad(async () => unwrap(await api.GET('/api/decisions/{id}/comments', { params: { path: { id } } })) as DecisionComments, [id, loaded.data?.decision.version]);
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Spin />;
  const { decision, events } = loaded.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space><Typography.Title level={4} style={{ margin: 0 }} data-testid="decision-title">{decision.title}</Typography.Title>{decision.confidential && <Tag color="red">{t.decision.confidential}</Tag>}</Space>}
        extra={<Space>
          <Link to={`/decisions/${id}/review`}><Button>{t.review.title}</Button></Link>
          <Link to={`/decisions/${id}/meeting`}><Button>{t.meeting.title}</Button></Link>
          <Link to={`/decisions/${id}/audit`}><Button>{t.decision.openAudit}</Button></Link>
        </Space>}
      >
        <DecisionHeader decision={decision} units={units.data} />
      </Card>
      <Card title={t.decision.actions} data-testid="actions">
        <EventActions decision={decision} presets={eventPresets(comments.data)} shared={unitWidgets(units.data ?? [])} onDone={() => void loaded.reload()} />
      </Card>
      <Card title={t.decision.steps}><StepsProgress decision={decision} events={events} /></Card>
      <Card>
        <Tabs items={[
          { key: 'record', label: t.decision.whoDid, children: <WhoDidWhat events={events} /> },
          { key: 'draft', label: t.decision.draft, children: <DraftHistory events={events} /> },
          { key: 'materials', label: t.decision.materials, children: <Materials events={events} /> },
          { key: 'comments', label: t.decision.comments, children: <Comments comments={comments.data} /> },
        ]} />
      </Card>
    </Space>
  );
}
