/**
 * Splits an input stream into records without holding it all: NDJSON (one
 * JSON value per line) or one JSON array whose elements are split as they
 * arrive. Each record keeps the line it starts on, for error messages.
 *
 * For worker threads, NDJSON is also cut into blocks of whole lines as bytes
 * (ndjson-blocks.ts), which a worker splits into the same records: the main
 * thread then neither decodes nor copies the text line by line.
 */

import { invalidTextMessage, replacementAt, type TextEncodingName } from '../node/text.js';

export interface RawRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly text: string;
  /** Longer than {@link MAX_RECORD_CHARS}: not parsed, reported as too long (`text` is then empty). */
  readonly tooLong?: true;
  /**
   * What makes it no record, at this line and column: bytes that are not text in the input's encoding, an empty
   * element of an array, text after the array. Not parsed (`text` is then empty).
   */
  readonly problem?: { readonly line: number; readonly column: number; readonly message: string };
}

/** Largest single record accepted, in characters. */
export const MAX_RECORD_CHARS = 1_000_000;

export const tooLong = (line: number): RawRecord => ({ line, text: '', tooLong: true });

/**
 * A record's text, or the record that reports its undecodable bytes. A decoder writes U+FFFD for bytes that are not
 * text in its encoding; one already in the input is the mark of text mis-decoded upstream (会计 read as U+FFFD
 * would silently stop matching a rule), so either way the record is refused, at the first one's line and column.
 */
export function recordOf(line: number, text: string, encoding: TextEncodingName): RawRecord {
  const bad = replacementAt(text);
  if (bad === undefined) return { line, text };
  const at = bad.index;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lines++;
  return { line, text: '', problem: { line: line + lines, column: at - lineStart + 1, message: invalidTextMessage(encoding) } };
}

/** A line as a record: `undefined` for a blank line. */
export const lineRecord = (line: number, text: string, encoding: TextEncodingName): RawRecord | undefined =>
  text.length > MAX_RECORD_CHARS ? tooLong(line) : text.trim() === '' ? undefined : recordOf(line, text, encoding);

export async function* readRecords(chunks: AsyncIterable<string | Uint8Array>, encoding: TextEncodingName = 'utf-8'): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder(encoding);
  let mode: 'unknown' | 'ndjson' | 'array' | 'done' = 'unknown';
  let buffer = '';
  let line = 1;
  // Array mode state.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let recordStart = -1;
  let recordLine = 0;
  let pos = 0;
  let skipLine = false;
  /** In an array: the last thing at its own level was a comma (an element must follow). */
  let afterComma = false;
  let trailingReported = false;
  /** Where the array's ']' stood on its line, for the column of text right after it. */
  let columnAfterClose = 0;
  const problemAt = (l: number, c: number, message: string): RawRecord => ({ line: l, text: '', problem: { line: l, column: c, message } });
  /** Characters of the array dropped from the buffer's start so far, and where the current line starts, in the same count. */
  let consumed = 0;
  let lineStart = 0;
  /** The column of `at` in the buffer. */
  const column = (at: number): number => consumed + at - lineStart + 1;
  /**
   * After the array: white space only. The first other character is reported once, at its line and column; nothing
   * after the array is held, however much of it comes.
   */
  function* trailing(): Generator<RawRecord> {
    if (!trailingReported) {
      const at = buffer.search(/\S/);
      const end = at < 0 ? buffer.length : at;
      let lastFeed = -1;
      for (let i = buffer.indexOf('\n'); i >= 0 && i < end; i = buffer.indexOf('\n', i + 1)) {
        line++;
        lastFeed = i;
      }
      if (at >= 0) {
        trailingReported = true;
        const col = lastFeed < 0 ? columnAfterClose + at + 1 : at - lastFeed;
        yield problemAt(line, col, 'more text after the end of the JSON array: an input holds one array (or NDJSON, one record per line)');
      } else if (lastFeed >= 0) columnAfterClose = buffer.length - lastFeed - 1;
      else columnAfterClose += buffer.length;
    }
    buffer = '';
  }

  const text = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  /** NDJSON: the records of the lines the buffer holds whole. */
  function* wholeLines(): Generator<RawRecord> {
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const raw = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (skipLine) skipLine = false;
      else {
        const record = lineRecord(line, raw, encoding);
        if (record) yield record;
      }
      line++;
    }
  }

  for await (const chunk of chunks) {
    buffer += text(chunk);
    if (mode === 'unknown') {
      const first = buffer.replace(/^\uFEFF/, '').trimStart();
      if (first === '') continue;
      mode = first.startsWith('[') ? 'array' : 'ndjson';
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    if (mode === 'ndjson') {
      yield* wholeLines();
      if (buffer.length > MAX_RECORD_CHARS && !skipLine) {
        yield tooLong(line);
        skipLine = true;
      }
      if (skipLine) buffer = '';
      continue;
    }
    if (mode === 'done') {
      yield* trailing();
      continue;
    }
    if (mode === 'array') {
      for (; pos < buffer.length; pos++) {
        const c = buffer[pos];
        if (c === '\n') {
          line++;
          lineStart = consumed + pos + 1;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') {
          inString = true;
          if (depth === 1 && recordStart < 0) {
            recordStart = pos;
            recordLine = line;
          }
          continue;
        }
        if (c === '[' || c === '{') {
          depth++;
          if (depth === 2 && recordStart < 0) {
            recordStart = pos;
            recordLine = line;
          }
          continue;
        }
        if (depth > 1 && (c === ']' || c === '}')) {
          depth--;
          continue;
        }
        if (depth === 1 && c === ']') {
          // The end of the array.
          if (recordStart >= 0) yield recordOf(recordLine, buffer.slice(recordStart, pos), encoding);
          else if (afterComma) yield problemAt(line, column(pos), "a comma before ']': an array ends with its last record");
          recordStart = -1;
          mode = 'done';
          columnAfterClose = column(pos);
          consumed += pos + 1;
          buffer = buffer.slice(pos + 1);
          pos = 0;
          break;
        }
        if (depth === 1) {
          if (c === ',') {
            if (recordStart >= 0) yield recordOf(recordLine, buffer.slice(recordStart, pos), encoding);
            else
              yield problemAt(line, column(pos), afterComma ? 'an empty element: two commas in a row' : "an empty element: a comma right after '['");
            recordStart = -1;
            afterComma = true;
          } else if (recordStart < 0 && c !== undefined && !/\s/.test(c)) {
            // A record, or (a stray '}' among them) text that makes this one fail as JSON, at its own line.
            recordStart = pos;
            recordLine = line;
            afterComma = false;
          }
        }
      }
      if (mode === 'done') {
        yield* trailing();
        continue;
      }
      // Keep only what the current record still needs.
      const keepFrom = recordStart >= 0 ? recordStart : pos;
      consumed += keepFrom;
      buffer = buffer.slice(keepFrom);
      pos -= keepFrom;
      if (recordStart >= 0) recordStart = 0;
      if (buffer.length > MAX_RECORD_CHARS) {
        yield tooLong(recordLine);
        consumed += buffer.length;
        buffer = '';
        pos = 0;
        recordStart = -1;
      }
    }
  }
  buffer += decoder.decode();
  // Only white space until the decoder's last word (a replacement character for bytes cut short): NDJSON.
  if (mode === 'unknown' && buffer.replace(/^\uFEFF/, '').trimStart() !== '') {
    mode = 'ndjson';
    if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    yield* wholeLines();
  }
  if (mode === 'ndjson' && !skipLine) {
    const record = lineRecord(line, buffer.replace(/\r$/, ''), encoding);
    if (record) yield record;
  }
  if (mode === 'array' && (depth !== 0 || recordStart >= 0)) yield { line: recordLine || line, text: buffer.trim() || '[' };
}

/**
 * Reads the start of the input to tell NDJSON from a JSON array (as {@link readRecords} does: the first character
 * that is not white space or a byte order mark is `[`), and gives back the whole input, the chunks read so far first.
 */
export async function sniffInput(
  source: AsyncIterable<string | Uint8Array>,
  encoding: TextEncodingName = 'utf-8',
): Promise<{ array: boolean; chunks: AsyncIterable<string | Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: (string | Uint8Array)[] = [];
  const decoder = new TextDecoder(encoding);
  let text = '';
  let array = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    text += typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
    const first = text.replace(/^\uFEFF/, '').trimStart();
    if (first !== '') {
      array = first.startsWith('[');
      break;
    }
  }
  async function* replay(): AsyncGenerator<string | Uint8Array> {
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
