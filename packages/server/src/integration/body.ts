import { JSONParser } from '@streamparser/json';
import { ProblemError } from '../http/problem.js';

/**
 * A request body as UTF-8 text, chunk by chunk as it arrives, so a large upload is never held
 * whole. More than `maxBytes` bytes is a 413; bytes that are not UTF-8 are a 400.
 */
export async function* textChunks(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  if (!body) return;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        throw new ProblemError(413, `The request body is larger than this server accepts (${maxBytes} bytes).`);
      }
      onBytes?.(total);
      yield decode(decoder, value, true);
    }
    yield decode(decoder, undefined, false);
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}

function decode(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new ProblemError(400, 'The body is not UTF-8 text. Save the file as UTF-8 and send it again.');
  }
}

/** One value of a stream of JSON values, or why its line could not be read. */
export type JsonItem = { value: unknown } | { error: string };

/** The longest line of NDJSON: a longer one would have to be held whole before it could be parsed. */
const MAX_LINE_CHARS = 1024 * 1024;

/**
 * The values of an NDJSON body, one a line (blank lines skipped). A line that is not JSON is an
 * error of its own record; the lines after it are still read.
 */
export async function* ndjsonValues(chunks: AsyncIterable<string>): AsyncGenerator<JsonItem> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line.trim()) yield parseLine(line);
    }
    if (buffer.length > MAX_LINE_CHARS) {
      throw new ProblemError(413, `A line is longer than ${MAX_LINE_CHARS} characters.`);
    }
  }
  if (buffer.trim()) yield parseLine(buffer);
}

function parseLine(line: string): JsonItem {
  try {
    return { value: JSON.parse(line) as unknown };
  } catch {
    return { error: 'Not a JSON value' };
  }
}

/**
 * The items of a body holding one JSON array, each as soon as it is complete, through an
 * established streaming parser. Anything but an array, or JSON broken anywhere, is a 400.
 */
export async function* jsonArrayValues(chunks: AsyncIterable<string>): AsyncGenerator<JsonItem> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  const ready: unknown[] = [];
  let started = false;
  parser.onValue = ({ value }) => void ready.push(value);
  const feed = (text: string | undefined) => {
    try {
      // The parser ends by itself after the array's closing bracket.
      if (text === undefined) {
        if (!parser.isEnded) parser.end();
      } else parser.write(text);
    } catch {
      throw new ProblemError(400, 'The body is not a valid JSON array.');
    }
  };
  for await (const chunk of chunks) {
    if (!started && chunk.trim()) {
      if (!chunk.trimStart().startsWith('[')) throw new ProblemError(400, 'Send a JSON array of records, or NDJSON.');
      started = true;
    }
    feed(chunk);
    yield* ready.splice(0).map((value) => ({ value }));
  }
  if (!started) throw new ProblemError(400, 'The body is empty: send a JSON array of records, or NDJSON.');
  feed(undefined);
  yield* ready.splice(0).map((value) => ({ value }));
}

/** The JSON values of a bulk body, by its media type; another type is a 415. */
export function jsonValues(contentType: string | undefined, chunks: AsyncIterable<string>): AsyncGenerator<JsonItem> {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/ndjson') {
    return ndjsonValues(chunks);
  }
  if (type === 'application/json') return jsonArrayValues(chunks);
  throw new ProblemError(415, 'Send records as application/json (an array) or application/x-ndjson (one a line).');
}
