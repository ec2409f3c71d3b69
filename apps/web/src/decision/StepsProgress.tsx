import { Steps, Typography } from 'antd';
import type { Decision, TrailEvent } from '../api/types';
import { t, words } from '../i18n';
import { beijingTime } from '../shared/format';
import { EVENT_STEPS, STEP_ORDER } from './event-steps';

const ANTD_STATUS: Record<string, 'wait' | 'process' | 'finish' | 'error'> = {
  pending: 'wait', open: 'process', closed: 'process', inProgress: 'process', completed: 'finish', waived: 'finish', rejected: 'error',
};

/** The five statutory steps as a progress view: each step's status and the last thing done in it, by whom. */
export function StepsProgress({ decision, events }: { decision: Decision; events: TrailEvent[] }) {
  const steps = decision.steps as Record<string, { status: string }>;
  return (
    <Steps
      direction="horizontal"
      size="small"
      items={STEP_ORDER.map((step) => {
        const status = steps[step]?.status ?? 'pending';
        const last = [...events].reverse().find((e) => EVENT_STEPS[e.type] === step);
        return {
          title: words(t.steps, step),
          status: ANTD_STATUS[status] ?? 'wait',
          description: (
            <div data-step={step}>
              <div>{words(t.stepStatuses, status)}</div>
              {last && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{words(t.events, last.type)} · {last.actor.name} · {beijingTime(last.occurredAt)}</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}
