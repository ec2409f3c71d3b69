import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { t, words } from '../i18n';
import { DraftHistory } from '../decision/DraftHistory';
import { EventActions } from '../decision/EventActions';
import { useDecision } from '../decision/use-decision';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { StatusTag } from '../shared/tags';
import { currentSubmission, reviewOutcomes } from './review-record';
import { UnitName } from '../shared/use-units';

const REVIEW_EVENTS = ['ISSUE_LEGALITY_OPINION', 'RETURN_FOR_MATERIALS'];

/** Legality review: the submission, the draft and its materials beside the opinion form, and the hash the opinion binds to. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const loaded = useDecision(id);
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Spin />;
  const { decision, events } = loaded.data;
  const submission = currentSubmission(events);
  const outcomes = reviewOutcomes(events);
  const review = decision.steps.legalityReview as { submittedAt?: string; opinionNeededBy?: string; reviewTimeRisk?: { message: string } };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>{t.review.title}：<Link to={`/decisions/${id}`}>{decision.title}</Link><StatusTag status={decision.status} /></Space>}>
        {decision.status !== 'legalityReview' && <Alert type="info" showIcon title={t.review.notInReview} style={{ marginBottom: 16 }} />}
        {review.reviewTimeRisk && <Alert type="warning" showIcon data-testid="review-time-risk" title={`${t.review.reviewTimeProvisional}：${review.reviewTimeRisk.message}`} style={{ marginBottom: 16 }} />}
        <Alert type="warning" showIcon title={<>{t.review.boundHash}：<span className="hash" data-testid="bound-hash">{decision.draft.hash ?? t.app.none}</span>（{t.decision.draftVersion} {decision.draft.version}）</>} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t.review.submission} style={{ marginBottom: 16 }}>
            {submission ? (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t.review.submittedBy}>{submission.by.name}（<UnitName id={submission.by.unit} />）</Descriptions.Item>
                <Descriptions.Item label={t.review.submittedAt}>{beijingTime(submission.at)}</Descriptions.Item>
                <Descriptions.Item label={t.review.opinionNeededBy}>{beijingTime(review.opinionNeededBy ?? submission.opinionNeededBy) || t.app.none}</Descriptions.Item>
                <Descriptions.Item label={t.review.legalBasis}>{submission.legalBasis.join('；')}</Descriptions.Item>
                <Descriptions.Item label={t.review.procedureStatement}>{submission.procedureStatement}</Descriptions.Item>
                <Descriptions.Item label={t.review.materials}>
                  {submission.materials.length ? submission.materials.map((m) => <div key={m.id}>{m.filename} <span className="hash">{m.sha256}</span></div>) : t.app.none}
                </Descriptions.Item>
              </Descriptions>
            ) : <Empty />}
          </Card>
          <Card title={t.review.draftText}><DraftHistory events={events} /></Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t.review.opinionForm} style={{ marginBottom: 16 }} data-testid="actions">
            <EventActions decision={decision} only={REVIEW_EVENTS} onDone={() => void loaded.reload()} />
          </Card>
          <Card title={t.review.previousOpinions}>
            <List
              dataSource={[...outcomes].reverse()}
              locale={{ emptyText: t.app.none }}
              renderItem={(o) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <Space>
                      <Typography.Text strong>{words(t.events, o.type)}</Typography.Text>
                      {o.conclusion && <Tag color={o.conclusion.startsWith('LAWFUL') ? 'green' : 'red'}>{words(t.values, o.conclusion)}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">{o.by.name}（<UnitName id={o.by.unit} />）· {beijingTime(o.at)}</Typography.Text>
                    <Typography.Text>{t.decision.draftHash}：<span className="hash">{o.draftHash ?? t.app.none}</span></Typography.Text>
                    {typeof o.payload.opinion === 'string' && <Typography.Text>{o.payload.opinion}</Typography.Text>}
                    {Array.isArray(o.payload.advisers) && (o.payload.advisers as unknown[]).map((a, i) => (
                      <Typography.Text key={i} data-testid="adviser-opinion">{typeof a === 'string' ? a : `${words(t.values, String((a as { kind?: string }).kind))}${(a as { name?: string }).name}：${(a as { opinion?: string }).opinion}`}</Typography.Text>
                    ))}
                    {Array.isArray(o.payload.missing) && <Typography.Text>{t.fields.missing}：{(o.payload.missing as string[]).join('、')}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
