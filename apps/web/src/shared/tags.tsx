import { Tag, Tooltip } from 'antd';
import { t, words } from '../i18n';
import { deadlineWarning } from './deadline-warning';
import { beijingTime } from './format';

const STATUS_COLORS: Record<string, string> = {
  proposed: 'default',
  drafting: 'processing',
  legalityReview: 'purple',
  collectiveDiscussion: 'geekblue',
  decided: 'cyan',
  implementing: 'green',
  suspended: 'orange',
  closed: 'default',
  stopped: 'red',
  declined: 'default',
  notAdopted: 'red',
  withdrawn: 'default',
};

/** A decision's status in words. */
export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{words(t.statuses, status)}</Tag>;
}

const STEP_COLORS: Record<string, string> = { completed: 'success', waived: 'default', rejected: 'error', open: 'processing', inProgress: 'processing', closed: 'warning', pending: 'default' };

/** A statutory step's status in words. */
export function StepStatusTag({ status }: { status: string }) {
  return <Tag color={STEP_COLORS[status] ?? 'default'}>{words(t.stepStatuses, status)}</Tag>;
}

/** A deadline with its red (overdue) or yellow (due soon) warning; a date that unpublished holidays may still move says 暂定. */
export function DeadlineTag({ deadline, now }: { deadline: { kind: string; dueAt: string; overdue: boolean; provisional?: boolean }; now: number }) {
  const warning = deadlineWarning(deadline, now);
  const color = warning === 'overdue' ? 'red' : warning === 'dueSoon' ? 'gold' : 'default';
  const label = `${words(t.deadlineKinds, deadline.kind)}：${beijingTime(deadline.dueAt)}${deadline.provisional ? `（${t.deadline.provisionalTag}）` : ''}`;
  return (
    <Tooltip title={`${t.deadline[warning]}${deadline.provisional ? t.deadline.provisional : ''}`}>
      <Tag color={color} data-warning={warning} data-provisional={deadline.provisional ? 'true' : undefined}>
        {warning === 'onTime' ? label : `${t.deadline[warning]} · ${label}`}
      </Tag>
    </Tooltip>
  );
}
