import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type { EventSourceMessage };

export interface EventStreamHandlers {
  /** A complete message: its `event` name (if any), its `data` (lines joined by `\n`) and its `id`. */
  onMessage(message: EventSourceMessage): void;
  /** The server asked for another reconnection delay (`retry:`), in milliseconds. */
  onRetry?(milliseconds: number): void;
}

/** A message's text is capped, so a broken or hostile server cannot make us buffer without end. */
const MAX_BUFFER = 1_000_000;

/**
 * Reads a `text/event-stream` body to its end, message by message. The parsing (CRLF, CR or LF line
 * ends, several `data:` lines, `id:`, `retry:`, comments) is eventsource-parser's, which follows the
 * HTML standard. Resolves when the body ends; rejects when reading fails (a dropped connection).
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, handlers: EventStreamHandlers): Promise<void> {
  let failure: Error | undefined;
  const parser = createParser({
    onEvent: (message) => handlers.onMessage(message),
    onRetry: (milliseconds) => handlers.onRetry?.(milliseconds),
    onError: (error) => {
      // Only an oversized message ends the stream; an unknown field is skipped, as the standard says.
      if (error.type === 'max-buffer-size-exceeded') failure = error;
    },
    maxBufferSize: MAX_BUFFER,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      if (failure) throw failure;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
