import { Button, Card, Descriptions, Empty, InputNumber, List, Modal, Space, Spin, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/api-error';
import type { Catalogue } from '../api/types';
import { SchemaForm } from '../decision/EventForm';
import { t, words } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { useLoad } from '../shared/use-load';

type Action = 'create' | 'consent' | 'publish' | 'adjust';
const SCHEMAS: Record<Action, string> = { create: 'CreateCatalogueDto', consent: 'CatalogueConsentDto', publish: 'PublishCatalogueDto', adjust: 'AdjustCatalogueDto' };
const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

async function send(action: Action, year: number, body: Record<string, unknown>) {
  const path = { year };
  if (action === 'create') return unwrap(await api.POST('/api/catalogues', { body: body as never }));
  if (action === 'consent') return unwrap(await api.POST('/api/catalogues/{year}/consent', { params: { path }, body: body as never }));
  if (action === 'publish') return unwrap(await api.POST('/api/catalogues/{year}/publish', { params: { path }, body: body as never }));
  return unwrap(await api.POST('/api/catalogues/{year}/adjustments', { params: { path }, body: body as never }));
}

/** The year's decision catalogue (决策事项目录): drawn up, agreed by the party committee, published, adjusted with reasons. */
export function CataloguePage() {
  const [year, setYear] = useState(thisYear);
  const [action, setAction] = useState<Action | null>(null);
  const catalogue = useLoad(async () => {
    try {
      return unwrap(await api.GET('/api/catalogues/{year}', { params: { path: { year } } })) as Catalogue;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [year]);
  const c = catalogue.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t.catalogue.title} extra={<Space>
        {t.catalogue.year}<InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        {c === null && <Button type="primary" onClick={() => setAction('create')}>{t.catalogue.create}</Button>}
        {c && <><Button onClick={() => setAction('consent')}>{t.catalogue.consent}</Button><Button onClick={() => setAction('publish')}>{t.catalogue.publish}</Button><Button onClick={() => setAction('adjust')}>{t.catalogue.adjust}</Button></>}
      </Space>}>
        {catalogue.error !== undefined && <ErrorNotice error={catalogue.error} onRetry={catalogue.reload} />}
        {catalogue.loading && <Spin />}
        {c === null && <Empty description={t.catalogue.none} />}
        {c && (
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t.catalogue.year}>{c.year}</Descriptions.Item>
            <Descriptions.Item label={t.decision.status}><Tag>{words(t.catalogue.status, c.status)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t.catalogue.consentRef}>{(c.consent as { reference?: string } | null)?.reference ?? t.app.none}</Descriptions.Item>
            <Descriptions.Item label={t.audit.hash}><span className="hash">{c.lastHash}</span></Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {c && (
        <Card title={t.catalogue.items}>
          <Table rowKey="id" size="small" pagination={false} dataSource={c.items} columns={[
            { title: t.fields.title, dataIndex: 'title' },
            { title: t.fields.category, dataIndex: 'category', render: (v: string) => words(t.categories, v) },
            { title: t.fields.undertakingUnit, dataIndex: 'undertakingUnit' },
            { title: t.catalogue.plannedQuarter, dataIndex: 'plannedQuarter' },
            { title: t.catalogue.procedureStatus, render: (_, i) => i.procedureStatus === 'notStarted' ? t.catalogue.notStarted : <>{words(t.statuses, i.procedureStatus)} {(i.decisions ?? []).map((d) => <Link key={d.id} to={`/decisions/${d.id}`}>{d.title} </Link>)}</> },
          ]} />
        </Card>
      )}
      {c && c.adjustments && (c.adjustments as { seq: number; reason: string; occurredAt: string }[]).length > 0 && (
        <Card title={t.catalogue.adjustments}>
          <List dataSource={c.adjustments as { seq: number; reason: string; occurredAt: string }[]} renderItem={(a) => <List.Item>{beijingTime(a.occurredAt)}：{a.reason}</List.Item>} />
        </Card>
      )}
      <Modal open={action !== null} footer={null} destroyOnHidden width={760} onCancel={() => setAction(null)}
        title={action ? { create: t.catalogue.create, consent: t.catalogue.consent, publish: t.catalogue.publish, adjust: t.catalogue.adjust }[action] : ''}>
        {action && <SchemaForm form={SCHEMAS[action]} initial={action === 'create' ? { year } : undefined} onSubmit={async (body) => { await send(action, year, body); void message.success(t.decision.done); setAction(null); await catalogue.reload(); }} />}
      </Modal>
    </Space>
  );
}
