import { Alert, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { t, words } from '../i18n';
import { choiceOf } from '../decision/ChoiceWidget';
import { EventActions, type EventPreset } from '../decision/EventActions';
import { useDecision } from '../decision/use-decision';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { StatusTag } from '../shared/tags';
import { meetingsOf, namesOf, notYetSpoken, type Attendee, type MeetingOpinion, type MeetingRecord } from './meeting-record';

const MEETING_EVENTS = ['SUBMIT_FOR_COLLECTIVE_DISCUSSION', 'HOLD_MEETING', 'RECORD_OPINION', 'RECORD_DECISION'];

function MeetingCard({ meeting }: { meeting: MeetingRecord }) {
  return (
    <Card title={`${words(t.values, meeting.meetingType)} · ${beijingTime(meeting.heldAt)}`} data-testid="meeting">
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t.meeting.members}>{meeting.membersTotal}</Descriptions.Item>
        <Descriptions.Item label={t.meeting.present}>{meeting.attendees.length}：{namesOf(meeting.attendees)}</Descriptions.Item>
      </Descriptions>
      <Table<MeetingOpinion>
        rowKey="seq"
        size="small"
        pagination={false}
        title={() => t.meeting.opinions}
        locale={{ emptyText: t.app.none }}
        dataSource={meeting.opinions}
        rowClassName={(o) => (o.position === 'AGAINST' ? 'dissent' : '')}
        columns={[
          { title: '#', render: (_, __, i) => i + 1, width: 48 },
          { title: t.fields.member, render: (_, o) => <>{o.member}{o.isHead && <Tag color="red" style={{ marginLeft: 8 }}>{t.meeting.head}</Tag>}</> },
          { title: t.fields.position, render: (_, o) => <Tag color={o.position === 'FOR' ? 'green' : o.position === 'AGAINST' ? 'red' : 'default'}>{words(t.values, o.position)}{o.position === 'AGAINST' ? `（${t.meeting.dissent}）` : ''}</Tag> },
          { title: t.fields.opinion, dataIndex: 'text' },
        ]}
      />
      {!meeting.decision && notYetSpoken(meeting).length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.meeting.remaining}{namesOf(notYetSpoken(meeting))}（{t.meeting.headLast}）</Typography.Paragraph>}
      {meeting.decision && (
        <Alert style={{ marginTop: 16 }} type={meeting.decision.outcome.startsWith('ADOPTED') ? 'success' : 'warning'} showIcon
          title={`${t.meeting.decision}：${words(t.values, meeting.decision.outcome)}（${meeting.decision.by} · ${beijingTime(meeting.decision.at)}）`}
          description={meeting.decision.deviationReason ? `${t.fields.deviationReason}：${meeting.decision.deviationReason}` : undefined} />
      )}
    </Card>
  );
}

/**
 * The next opinion: chosen among those present who have not spoken, the head preset when only the head is left;
 * a member who is a user is sent with their user id too (memberSub), as machine v2 records persons.
 */
export function opinionPreset(speakers: Attendee[]): EventPreset {
  return {
    initial: { member: speakers[0].name, isHead: false },
    uiOverrides: { member: choiceOf(speakers.map((s) => ({ value: s.name, label: s.name }))), memberSub: { 'ui:widget': 'hidden' } },
    transform: (fields) => {
      const sub = speakers.find((s) => s.name === fields.member)?.sub;
      return { ...fields, ...(sub ? { memberSub: sub } : {}) };
    },
  };
}

/** Collective discussion: attendance, opinions in speaking order with the head last, dissent visible, the decision. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const loaded = useDecision(id);
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Spin />;
  const { decision, events } = loaded.data;
  const meetings = meetingsOf(events);
  const current = meetings[meetings.length - 1];
  const speakers = current && !current.decision ? notYetSpoken(current) : [];
  const presets: Record<string, EventPreset> = speakers.length ? { RECORD_OPINION: opinionPreset(speakers) } : {};
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>{t.meeting.title}：<Link to={`/decisions/${id}`}>{decision.title}</Link><StatusTag status={decision.status} /></Space>}>
        {decision.status !== 'collectiveDiscussion' && <Alert type="info" showIcon title={t.meeting.notInDiscussion} style={{ marginBottom: 16 }} />}
        <div data-testid="actions"><EventActions decision={decision} only={MEETING_EVENTS} presets={presets} onDone={() => void loaded.reload()} /></div>
      </Card>
      {meetings.length === 0 && <Empty description={t.meeting.noMeeting} />}
      {[...meetings].reverse().map((m) => <MeetingCard key={m.seq} meeting={m} />)}
    </Space>
  );
}
