// The CSV file on the browser's side: read in the encoding the user chose and sent as UTF-8, its
// header row replaced by the chosen fields, and the failed rows written back as a CSV to fix.
import type { ImportError } from '@crmkit/core';

/** The encodings offered: UTF-8 first (tried strictly), then the usual Chinese spreadsheet exports. */
export const ENCODINGS = ['utf-8', 'big5', 'gb18030'] as const;
export type CsvEncoding = (typeof ENCODINGS)[number];

/**
 * The file's text in an encoding, or undefined when its bytes are not that encoding (decoding is
 * strict, so a Big5 file is never read as UTF-8 with replacement characters). A byte-order mark goes.
 */
export async function fileText(file: Blob, encoding: CsvEncoding): Promise<string | undefined> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The most of a file's start the preview sends: the header and sample rows fit in far less. */
const HEAD_CHARS = 64 * 1024;

/** The start of a text, cut after a line break so that no row but perhaps one in a quoted cell is cut. */
export function headOf(text: string): string {
  if (text.length <= HEAD_CHARS) return text;
  const end = text.lastIndexOf('\n', HEAD_CHARS);
  return text.slice(0, end > 0 ? end + 1 : HEAD_CHARS);
}

/** Where the header row ends: the first line break outside quotes (a header cell may hold one). */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) return i + 1;
  }
  return text.length;
}

/**
 * The file with its header row replaced by the fields chosen for its columns, and the `map` that
 * skips the rest: headers are the user's text (commas, colons), which `map` could not name safely.
 */
export function mappedFile(text: string, fields: (string | null)[]): { body: string; map: string } {
  const names = fields.map((field, i) => field ?? `skip-${i + 1}`);
  const map = names.filter((_, i) => fields[i] === null).map((name) => `${name}:`);
  const header = names.join(',') + '\r\n';
  return { body: header + text.slice(headerEnd(text)), map: map.join(',') };
}

/** A spreadsheet runs a cell that starts so as a formula: it gets a `'` first, as the kit's export does. */
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The failed rows as a CSV to fix and import again: the file's columns (its own headers), then the
 * row's line in the file and the reasons. A UTF-8 byte-order mark first, so spreadsheets read it as UTF-8.
 */
export function failuresCsv(
  headers: string[],
  failures: ImportError[],
  labels: { row: string; reason: string },
  reasons: (failure: ImportError) => string,
): string {
  const lines = [[...headers, labels.row, labels.reason]];
  for (const failure of failures) {
    // By header: the kit's stored report need not keep the order of a row's cells.
    const cells = Object.values(failure.cells);
    const cellOf = (header: string, i: number) =>
      (Object.hasOwn(failure.cells, header) ? failure.cells[header] : cells[i]) ?? '';
    lines.push([...headers.map(cellOf), String(failure.row), reasons(failure)]);
  }
  return '\uFEFF' + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves a text as a file through a link the browser downloads. */
export function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
