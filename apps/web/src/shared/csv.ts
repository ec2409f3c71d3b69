/** One cell of CSV: quoted when it holds a separator, a quote or a line break; formula starts neutralised for Excel. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // a cell starting with = + - @ would run as a formula in Excel (CSV injection)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document in UTF-8 with a byte order mark, so that Excel opens Chinese text correctly. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Hands a file to the browser's download. */
export function download(filename: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a CSV (UTF-8 with BOM). */
export const downloadCsv = (filename: string, header: string[], rows: unknown[][]) => download(filename, toCsv(header, rows), 'text/csv;charset=utf-8');
