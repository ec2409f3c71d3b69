import { Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { DecisionSummary } from '../api/types';
import { t, words } from '../i18n';
import { downloadCsv } from '../shared/csv';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { StatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { UnitName, unitName, useUnits } from '../shared/use-units';
import { useSession } from '../auth/use-session';

type Filter = { status?: string; category?: string };
const PAGE = 20;

async function allMatching(filter: Filter): Promise<DecisionSummary[]> {
  const out: DecisionSummary[] = [];
  for (let page = 1; ; page++) {
    const list = unwrap(await api.GET('/api/decisions', { params: { query: { ...filter, page, pageSize: 100 } as never } }));
    out.push(...list.items);
    if (out.length >= list.total || list.items.length === 0) return out;
  }
}

/** The decisions this user may see, filtered by status and category, exported as CSV for people without access. */
export function DecisionListPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter: Filter = { status: params.get('status') ?? undefined, category: params.get('category') ?? undefined };
  const page = Number(params.get('page') ?? 1);
  const list = useLoad(async () => unwrap(await api.GET('/api/decisions', { params: { query: { ...filter, page, pageSize: PAGE } as never } })), [filter.status, filter.category, page]);
  const [exporting, setExporting] = useState(false);
  const units = useUnits(useSession()?.jurisdiction);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  async function exportCsv() {
    setExporting(true);
    try {
      const rows = await allMatching(filter);
      const c = t.decisions.columns;
      downloadCsv(`${t.csv.decisionsFile}.csv`, ['id', c.title, c.category, c.status, c.unit, c.version, t.decision.draftVersion, t.decision.draftHash, c.updatedAt], rows.map((d) => [
        d.id, d.title, words(t.categories, d.category), words(t.statuses, d.status), unitName(units.data ?? [], d.undertakingUnit), d.version, d.draft.version, d.draft.hash ?? '', beijingTime(d.updatedAt),
      ]));
    } finally {
      setExporting(false);
    }
  }
  return (
    <Card title={t.decisions.title} extra={<Space><Button onClick={exportCsv} loading={exporting}>{t.decisions.exportCsv}</Button><Button type="primary" onClick={() => navigate('/decisions/new')}>{t.decisions.create}</Button></Space>}>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select allowClear placeholder={t.decisions.filterStatus} style={{ width: 200 }} value={filter.status} onChange={(v) => set('status', v)}
          options={Object.entries(t.statuses).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder={t.decisions.filterCategory} style={{ width: 280 }} value={filter.category} onChange={(v) => set('category', v)}
          options={Object.entries(t.categories).map(([value, label]) => ({ value, label }))} />
      </Space>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <Table<DecisionSummary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: (p) => { const next = new URLSearchParams(params); next.set('page', String(p)); setParams(next); } }}
        columns={[
          { title: t.decisions.columns.title, dataIndex: 'title', render: (title: string, d) => <Link to={`/decisions/${d.id}`}>{title}</Link> },
          { title: t.decisions.columns.category, dataIndex: 'category', render: (c: string) => words(t.categories, c) },
          { title: t.decisions.columns.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t.decisions.columns.unit, dataIndex: 'undertakingUnit', render: (unit: string | null) => <UnitName id={unit} /> },
          { title: t.decisions.columns.version, dataIndex: 'version' },
          { title: t.decisions.columns.updatedAt, dataIndex: 'updatedAt', render: (v: string) => beijingTime(v) },
        ]}
      />
    </Card>
  );
}
