import { zhCN, type Messages } from './zh-CN';

/** The messages of the console's language (zh-CN; an English file of the same shape can be chosen here). */
export const t: Messages = zhCN;

/** Fills `{name}` placeholders of a message. */
export function fmt(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The words for a code from one of the message maps; the code itself only when the file has no words for it yet. */
export function words(map: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return t.app.none;
  return map[code] ?? code;
}
