import { Alert, Button, Card, Descriptions, Slider, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Decision, MachineStructure, ReplayReport, TrailEvent } from '../api/types';
import { StepsProgress } from '../decision/StepsProgress';
import { useDecision } from '../decision/use-decision';
import { fmt, t, words } from '../i18n';
import { download, downloadCsv } from '../shared/csv';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime, shortHash } from '../shared/format';
import { StatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { Statechart } from './Statechart';
import { stateInWords, visitsUpTo } from './state-paths';
import { approvals, trailCsv } from './trail-csv';
import { UnitName } from '../shared/use-units';

function ReplayResult({ report, events }: { report: ReplayReport; events: TrailEvent[] }) {
  const first = report.mismatches[0];
  // the full decision view at that event, where the API gives it (`decision`), with its five steps
  const then = report.decision as Decision | undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t.decision.status}>{report.status ? <StatusTag status={report.status} /> : t.app.none}</Descriptions.Item>
        <Descriptions.Item label={t.audit.replayState}><span data-testid="replay-state">{stateInWords(report.stateValue)}</span></Descriptions.Item>
      </Descriptions>
      <Alert data-testid="replay-verified" type={report.verified ? 'success' : 'error'} showIcon
        title={report.verified ? t.audit.verified : `${fmt(t.audit.broken, { seq: first?.seq ?? '?' })}${first?.reason ?? ''}`} />
      {then?.steps && <StepsProgress decision={then} events={events.filter((e) => e.seq <= (report.toSeq ?? events.length))} />}
    </Space>
  );
}

/** The auditor's view of one decision: the whole record, replay to any event with the statechart, verification, dossier, CSV. */
export function AuditPage() {
  const { id = '' } = useParams();
  const loaded = useDecision(id);
  const [toSeq, setToSeq] = useState<number | null>(null);
  const [replay, setReplay] = useState<ReplayReport>();
  const [replayError, setReplayError] = useState<unknown>();
  const decision = loaded.data?.decision;
  const events: TrailEvent[] = loaded.data?.events ?? [];
  const machine = useLoad(async () => (decision ? unwrap(await api.GET('/api/procedure/machines/{id}/{version}', { params: { path: { id: decision.machine.id, version: decision.machine.version } } })) as MachineStructure : null), [decision?.machine.id, decision?.machine.version]);
  const seq = toSeq ?? events.length;

  useEffect(() => {
    if (!decision || !seq) return;
    let stale = false;
    api.GET('/api/decisions/{id}/replay', { params: { path: { id }, query: { toSeq: seq } } }).then(unwrap)
      .then((r) => { if (!stale) { setReplay(r as ReplayReport); setReplayError(undefined); } })
      .catch((e) => { if (!stale) setReplayError(e); });
    return () => { stale = true; };
  }, [id, seq, decision]);

  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || !decision) return <Spin />;
  const { visits, current } = visitsUpTo(events, seq);

  async function dossier() {
    const { data, response } = await api.GET('/api/decisions/{id}/dossier', { params: { path: { id } }, parseAs: 'blob' });
    if (!response.ok || !data) return setReplayError(new Error(`HTTP ${response.status}`));
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `dossier-${id}.zip`;
    download(name, data as Blob, 'application/zip');
  }
  const exportTrail = () => { const { header, rows } = trailCsv(events); downloadCsv(`${t.csv.trailFile}-${decision.title}.csv`, header, rows); };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>{t.audit.title}：<Link to={`/decisions/${id}`}>{decision.title}</Link><StatusTag status={decision.status} /></Space>}
        extra={<Space><Button onClick={() => setToSeq(events.length)} data-testid="verify-decision">{t.audit.verify}</Button><Button onClick={dossier}>{t.audit.dossier}</Button><Button onClick={exportTrail}>{t.audit.exportTrail}</Button></Space>}>
        <Typography.Title level={5}>{t.audit.approvedWhat}</Typography.Title>
        <Table rowKey="seq" size="small" pagination={false} dataSource={approvals(events)} data-testid="approvals"
          columns={[
            { title: t.audit.seq, dataIndex: 'seq', width: 64 },
            { title: t.audit.event, dataIndex: 'what' },
            { title: t.audit.actor, render: (_, a) => <>{a.who}（<UnitName id={a.unit} />）</> },
            { title: t.audit.time, dataIndex: 'at', render: (v: string) => beijingTime(v) },
            { title: t.decision.draftHash, dataIndex: 'draftHash', render: (h: string | null) => <span className="hash">{h ?? t.app.none}</span> },
          ]} />
      </Card>
      <Card title={t.audit.replay}>
        <Typography.Text strong data-testid="replay-seq">{fmt(t.audit.replayTo, { n: seq })}</Typography.Text>
        <Slider min={1} max={Math.max(1, events.length)} value={seq} onChange={(v) => setToSeq(v)} data-testid="replay-slider"
          tooltip={{ formatter: (v) => (v ? words(t.events, events[v - 1]?.type) : '') }} />
        {replayError !== undefined && <ErrorNotice error={replayError} />}
        {replay && replay.toSeq === seq && <ReplayResult report={replay} events={events} />}
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t.audit.statechart}</Typography.Title>
        {machine.data ? <Statechart root={machine.data.root} visits={visits} current={current} /> : machine.error !== undefined ? <ErrorNotice error={machine.error} /> : <Spin />}
      </Card>
      <Card title={t.audit.timeline}>
        <Table<TrailEvent> rowKey="seq" size="small" dataSource={events} pagination={{ pageSize: 50 }} data-testid="timeline"
          rowClassName={(e) => (e.seq === seq ? 'ant-table-row-selected' : '')}
          onRow={(e) => ({ onClick: () => setToSeq(e.seq) })}
          columns={[
            { title: t.audit.seq, dataIndex: 'seq', width: 64 },
            { title: t.audit.time, dataIndex: 'occurredAt', render: (v: string) => beijingTime(v) },
            { title: t.audit.event, dataIndex: 'type', render: (type: string) => words(t.events, type) },
            { title: t.audit.actor, render: (_, e) => e.actor.name },
            { title: t.audit.role, render: (_, e) => e.actor.roles.map((r) => words(t.roles, r)).join('、') },
            { title: t.audit.unit, render: (_, e) => <UnitName id={e.actor.unit} /> },
            { title: t.audit.stateBefore, render: (_, e) => stateInWords(e.stateBefore) },
            { title: t.audit.stateAfter, render: (_, e) => stateInWords(e.stateAfter) },
            { title: t.audit.hash, dataIndex: 'hash', render: (h: string) => <span className="hash" title={h}>{shortHash(h)}</span> },
          ]} />
      </Card>
    </Space>
  );
}
