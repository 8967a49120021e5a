import Papa from 'papaparse';
import { ProblemError } from '../http/problem.js';

/**
 * Papa Parse's own low-level parser, the one its streaming readers drive chunk by chunk. The kit
 * drives it the same way over a Web stream, which Papa's readers do not take (they read Node
 * streams and browser Files), so the kit stays runtime-agnostic.
 */
interface ChunkParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}
const { Parser } = Papa as unknown as { Parser: new (config: Papa.ParseConfig) => ChunkParser };

/** The most columns a row may have: more is a hostile or a broken file. */
export const MAX_COLUMNS = 500;
/** The longest a row may be while it is incomplete (an unclosed quote swallows the rest of a file). */
const MAX_ROW_CHARS = 1024 * 1024;

/**
 * The rows of a CSV text stream, each as its cells, as the chunks arrive. Quoted cells may hold
 * commas, quotes and line breaks, also across chunks. A row wider than {@link MAX_COLUMNS}, or
 * an unterminated quote, is a 400 naming its line.
 */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let parser: ChunkParser | undefined;
  let pending = '';
  let line = 0;
  const take = (final: boolean): string[][] => {
    parser ??= new Parser({ delimiter: ',', newline: pending.includes('\r\n') ? '\r\n' : '\n' });
    const { data, errors, meta } = parser.parse(pending, 0, !final);
    if (errors.length) {
      throw new ProblemError(
        400,
        `The CSV is malformed near line ${line + (errors[0]!.row ?? 0) + 1}: ${errors[0]!.message}.`,
      );
    }
    pending = final ? '' : pending.slice(meta.cursor);
    if (pending.length > MAX_ROW_CHARS) {
      throw new ProblemError(
        400,
        `A row near line ${line + data.length + 1} is longer than ${MAX_ROW_CHARS} characters.`,
      );
    }
    return data;
  };
  const rows = function* (data: string[][]) {
    for (const row of data) {
      line++;
      if (row.length > MAX_COLUMNS) throw new ProblemError(400, `Line ${line} has more than ${MAX_COLUMNS} columns.`);
      // A blank line is no row.
      if (row.length === 1 && row[0] === '') continue;
      yield row;
    }
  };
  for await (const chunk of chunks) {
    pending += chunk;
    yield* rows(take(false));
  }
  if (pending) yield* rows(take(true));
}

/**
 * Rows as CSV text, with a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a
 * tab or a carriage return first) prefixed with `'`, so an export never runs code when opened.
 */
export function csvLines(rows: unknown[][]): string {
  return Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
}
