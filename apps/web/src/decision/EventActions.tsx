import { Alert, Button, Modal, Space, Tooltip, Typography, message } from 'antd';
import { useState } from 'react';
import { explainReason } from '../api/api-error';
import type { BlockedEvent, Decision } from '../api/types';
import { t, words } from '../i18n';
import { SchemaForm } from './EventForm';
import { sendEvent } from './use-send-event';

export interface EventPreset {
  initial?: Record<string, unknown>;
  uiOverrides?: Record<string, Record<string, unknown>>;
  /** what the form's data becomes before it is sent (e.g. a member chosen by name also sent by user id) */
  transform?: (fields: Record<string, unknown>) => Record<string, unknown>;
}

export interface EventActionsProps {
  decision: Decision;
  /** only these event types (a page about one step); all of the decision's otherwise */
  only?: string[];
  /** prefilled values and widgets per event type */
  presets?: Record<string, EventPreset>;
  /** widgets for fields of every form (unit fields as choices of registered units) */
  shared?: Record<string, Record<string, unknown>>;
  onDone: (decision: Decision) => void;
}

/** The events the API says this user may send now, as buttons opening their forms; blocked ones with their reasons. */
export function EventActions({ decision, only, presets = {}, shared = {}, onDone }: EventActionsProps) {
  const [open, setOpen] = useState<string | null>(null);
  const keep = (type: string) => !only || only.includes(type);
  const allowed = decision.allowedEvents.filter(keep);
  const blocked = ((decision.blockedEvents ?? []) as BlockedEvent[]).filter((b) => keep(b.type));
  return (
    <div className="event-actions">
      {allowed.length === 0 && blocked.length === 0 && <Typography.Text type="secondary">{t.decision.noActions}</Typography.Text>}
      <Space wrap>
        {allowed.map((type) => (
          <Button key={type} type="primary" onClick={() => setOpen(type)} data-event={type}>
            {words(t.events, type)}
          </Button>
        ))}
        {blocked.map((b) => (
          <Tooltip key={b.type} title={b.reasons.map(explainReason).join(' ')}>
            <Button disabled data-event={b.type}>{words(t.events, b.type)}</Button>
          </Tooltip>
        ))}
      </Space>
      {blocked.length > 0 && (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          title={t.decision.blocked}
          description={<ul className="reasons">{blocked.map((b) => <li key={b.type}><b>{words(t.events, b.type)}</b>：{b.reasons.map(explainReason).join(' ')}</li>)}</ul>}
        />
      )}
      <Modal open={open !== null} title={open ? words(t.events, open) : ''} footer={null} onCancel={() => setOpen(null)} destroyOnHidden width={720}>
        {open && (
          <SchemaForm
            form={open}
            initial={presets[open]?.initial}
            uiOverrides={{ ...shared, ...presets[open]?.uiOverrides }}
            onSubmit={async (fields) => {
              const next = await sendEvent(decision, open, presets[open]?.transform?.(fields) ?? fields);
              void message.success(`${t.decision.done}${words(t.events, open)}`);
              setOpen(null);
              onDone(next);
            }}
          />
        )}
      </Modal>
    </div>
  );
}
