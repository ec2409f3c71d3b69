const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const beijingDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** An instant in Beijing time, e.g. 2026/12/01 09:00 (whatever the browser's own time zone). */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : beijing.format(date);
}

/** The Beijing calendar date of an instant, e.g. 2026/12/01. */
export function beijingDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : beijingDate.format(date);
}

/** A hash shortened for tables; the whole hash stays in the title and the copy button. */
export const shortHash = (hash: string | null | undefined) => (hash ? `${hash.slice(0, 12)}…` : '');

/** A byte count in words. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const localParts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as the value of a date-time input in Beijing time, e.g. 2026-12-01T09:00. */
export function toBeijingInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : localParts.format(date).replace(' ', 'T');
}

/** A date-time input's value read as Beijing time, as the ISO instant the API takes (with its +08:00 offset). */
export function fromBeijingInput(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : undefined;
}
