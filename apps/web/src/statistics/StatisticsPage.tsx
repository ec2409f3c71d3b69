import { Button, Card, Drawer, InputNumber, List, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import writeXlsxFile from 'write-excel-file/browser';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import { mapLimited } from '../worklist/worklist';
import { t } from '../i18n';
import { download, downloadCsv } from '../shared/csv';
import { ErrorNotice } from '../shared/ErrorNotice';
import { beijingTime } from '../shared/format';
import { StatusTag } from '../shared/tags';
import { useLoad } from '../shared/use-load';
import { unitName, useUnits } from '../shared/use-units';
import { useSession } from '../auth/use-session';
import { BarChart } from './BarChart';
import { statisticsRows, type StatisticsRow } from './statistics-rows';
import type { AnnualStatistics } from './statistics.types';

const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

async function loadStatistics(year: number): Promise<AnnualStatistics> {
  return unwrap(await api.GET('/api/statistics', { params: { query: { year: String(year) } } })) as AnnualStatistics;
}

function DecisionsBehind({ row, onClose }: { row: StatisticsRow | null; onClose: () => void }) {
  const decisions = useLoad(async () => (row ? mapLimited(row.decisionIds, 6, async (id) => unwrap(await api.GET('/api/decisions/{id}', { params: { path: { id } } }))) : []), [row?.key]);
  return (
    <Drawer open={row !== null} onClose={onClose} title={row ? `${row.label}：${row.count}` : ''} size="large">
      <Typography.Paragraph type="secondary">{t.statistics.decisionsBehind}</Typography.Paragraph>
      {decisions.loading ? <Spin /> : <List dataSource={decisions.data ?? []} renderItem={(d) => <List.Item><Space><Link to={`/decisions/${d.id}`}>{d.title}</Link><StatusTag status={d.status} /></Space></List.Item>} />}
    </Drawer>
  );
}

/** The year's figures for the annual rule-of-law report, with charts, exports, and the decisions behind every figure. */
export function StatisticsPage() {
  // the year is in the address (?year=2026), so that a figure's page can be linked and bookmarked
  const [params, setParams] = useSearchParams();
  const year = /^[0-9]{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : thisYear;
  const setYear = (next: number) => setParams({ year: String(next) });
  const [picked, setPicked] = useState<StatisticsRow | null>(null);
  const stats = useLoad(() => loadStatistics(year), [year]);
  const user = useSession();
  const units = useUnits(user?.jurisdiction);
  const rows = stats.data ? statisticsRows(stats.data, (id) => unitName(units.data ?? [], id)) : [];
  const header = [t.statistics.section, t.statistics.figure, t.statistics.value, t.statistics.decisionsBehind];
  const table = rows.map((r) => [r.section, r.label, r.count, r.decisionIds.join(' ')]);
  const file = `${t.csv.statisticsFile}-${year}`;
  async function exportXlsx() {
    const sheet = [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...table.map((r) => r.map((value) => ({ value })))];
    download(`${file}.xlsx`, await writeXlsxFile(sheet as never).toBlob(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }
  const sections = [...new Set(rows.map((r) => r.section))];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t.statistics.title} extra={<Space>
        {t.statistics.year}<InputNumber min={2000} max={2100} value={year} data-testid="statistics-year" onChange={(v) => v && setYear(v)} />
        <Button disabled={!rows.length} onClick={() => downloadCsv(`${file}.csv`, header, table)}>{t.statistics.exportCsv}</Button>
        <Button disabled={!rows.length} onClick={() => void exportXlsx()}>{t.statistics.exportXlsx}</Button>
      </Space>}>
        <Typography.Paragraph type="secondary">{t.statistics.intro}{stats.data ? `（${beijingTime(stats.data.computedAt)}）` : ''}</Typography.Paragraph>
        {stats.error !== undefined && <ErrorNotice error={stats.error} onRetry={stats.reload} />}
        {stats.loading && <Spin />}
      </Card>
      {sections.map((section) => {
        const mine = rows.filter((r) => r.section === section);
        return (
          <Card key={section} title={section}>
            <BarChart rows={mine} onPick={(key) => setPicked(mine.find((r) => r.key === key) ?? null)} />
            <Table<StatisticsRow> rowKey="key" size="small" pagination={false} dataSource={mine} columns={[
              { title: t.statistics.figure, dataIndex: 'label' },
              { title: t.statistics.value, dataIndex: 'count', render: (n: number, r) => <Button type="link" onClick={() => setPicked(r)}>{n}</Button> },
            ]} />
          </Card>
        );
      })}
      <DecisionsBehind row={picked} onClose={() => setPicked(null)} />
    </Space>
  );
}
