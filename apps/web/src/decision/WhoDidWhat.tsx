import { Table, Tag } from 'antd';
import type { TrailEvent } from '../api/types';
import { t, words } from '../i18n';
import { beijingTime, shortHash } from '../shared/format';
import { EVENT_STEPS } from './event-steps';
import { UnitName } from '../shared/use-units';

/** Every recorded action: what, by whom (role, unit), when, in which step, with its hash. */
export function WhoDidWhat({ events }: { events: TrailEvent[] }) {
  return (
    <Table<TrailEvent>
      data-testid="record"
      rowKey="seq"
      size="small"
      pagination={false}
      dataSource={[...events].reverse()}
      columns={[
        { title: t.audit.seq, dataIndex: 'seq', width: 64 },
        { title: t.audit.event, dataIndex: 'type', render: (type: string) => <>{words(t.events, type)}{EVENT_STEPS[type] && <Tag style={{ marginLeft: 8 }}>{words(t.steps, EVENT_STEPS[type])}</Tag>}</> },
        { title: t.audit.actor, render: (_, e) => e.actor.name },
        { title: t.audit.role, render: (_, e) => e.actor.roles.map((r) => words(t.roles, r)).join('、') },
        { title: t.audit.unit, render: (_, e) => <UnitName id={e.actor.unit} /> },
        { title: t.audit.time, dataIndex: 'occurredAt', render: (v: string) => beijingTime(v) },
        { title: t.audit.hash, dataIndex: 'hash', render: (h: string) => <span className="hash" title={h}>{shortHash(h)}</span> },
      ]}
    />
  );
}
