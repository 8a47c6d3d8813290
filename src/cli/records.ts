/**
 * Splits an input stream into records without holding it all: NDJSON (one JSON value per line) or one JSON array
 * whose elements are split as they arrive. Each record keeps the line it starts on, for error messages. NDJSON is
 * split in one place (ndjson.ts), as blocks of whole lines that worker threads split the same way.
 */
import type { TextEncodingName } from '../node/text.js';
import { arrayRecords } from './json-array.js';
import { ndjsonRecords } from './ndjson.js';
import type { RawRecord } from './raw-record.js';

export { MAX_RECORD_CHARS, recordOf, type RawRecord } from './raw-record.js';

/** The records of an input: the elements of a JSON array, or the lines of NDJSON. */
export async function* readRecords(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName = 'utf-8',
): AsyncGenerator<RawRecord> {
  const input = await sniffInput(chunks, encoding);
  yield* input.array ? arrayRecords(input.chunks, encoding) : ndjsonRecords(input.chunks, encoding);
}

/**
 * Reads the start of the input to tell NDJSON from a JSON array (as {@link readRecords} does: the first character
 * that is not white space or a byte order mark is `[`), and gives back the whole input, the chunks read so far first.
 */
export async function sniffInput(
  source: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName = 'utf-8',
): Promise<{ array: boolean; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  const decoder = new TextDecoder(encoding);
  let text = '';
  let array = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    text += decoder.decode(next.value, { stream: true });
    const first = text.replace(/^\uFEFF/, '').trimStart();
    if (first !== '') {
      array = first.startsWith('[');
      break;
    }
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      seen.length = 0;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // Left early (an error, a reader that went away): the source is closed, as a for-await loop would close it.
      await iterator.return?.();
    }
  }
  return { array, chunks: replay() };
}
