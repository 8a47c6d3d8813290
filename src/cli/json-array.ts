/**
 * One JSON array as records: its elements split as the text arrives, without holding the whole input, each with the
 * line it starts on. Empty elements and text after the array are reported at their line and column.
 */
import type { TextCoded } from '../i18n/text-issue-codes.js';
import type { TextEncodingName } from '../node/text.js';
import { recordOf, MAX_RECORD_CHARS, tooLong, type RawRecord } from './raw-record.js';

// The splitter is one loop over characters (strings, depth, commas, the end) whose state carries across chunks: a state
// machine reads, and runs, best as one; each branch is a line or two.
// eslint-disable-next-line complexity -- the one function over the limit, on purpose (see above)
export async function* arrayRecords(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName = 'utf-8',
): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder(encoding);
  let mode: 'array' | 'done' = 'array';
  let buffer = '';
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let recordStart = -1;
  let recordLine = 0;
  let pos = 0;
  /** In an array: the last thing at its own level was a comma (an element must follow). */
  let afterComma = false;
  /** The rest of a record reported as too long is being passed over: it is no element of its own. */
  let skipping = false;
  let trailingReported = false;
  /** Where the array's ']' stood on its line, for the column of text right after it. */
  let columnAfterClose = 0;
  const problemAt = (l: number, c: number, problem: TextCoded): RawRecord => ({
    line: l,
    text: '',
    problem: { line: l, column: c, ...problem },
  });
  /** The element from `start` to `end` of the buffer: a record, or too long (however the input came in chunks). */
  const element = (start: number, end: number): RawRecord =>
    end - start > MAX_RECORD_CHARS ? tooLong(recordLine) : recordOf(recordLine, buffer.slice(start, end), encoding);
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
        yield problemAt(line, col, { code: 'array-after-end', params: {} });
      } else if (lastFeed >= 0) columnAfterClose = buffer.length - lastFeed - 1;
      else columnAfterClose += buffer.length;
    }
    buffer = '';
  }

  let atStart = true;
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    if (atStart) {
      // A second byte order mark (the decoder drops the first), as NDJSON drops it.
      if (buffer.length === 0) continue;
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      atStart = false;
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
          if (depth === 1 && recordStart < 0 && !skipping) {
            recordStart = pos;
            recordLine = line;
          }
          continue;
        }
        if (c === '[' || c === '{') {
          depth++;
          if (depth === 2 && recordStart < 0 && !skipping) {
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
          if (recordStart >= 0) yield element(recordStart, pos);
          else if (afterComma && !skipping)
            yield problemAt(line, column(pos), { code: 'array-trailing-comma', params: {} });
          skipping = false;
          recordStart = -1;
          mode = 'done';
          columnAfterClose = column(pos);
          consumed += pos + 1;
          buffer = buffer.slice(pos + 1);
          pos = 0;
          break;
        }
        if (depth === 1 && c === ',') {
          if (recordStart >= 0) yield element(recordStart, pos);
          else if (!skipping)
            yield problemAt(line, column(pos), {
              code: 'array-empty-element',
              params: { after: afterComma ? 'comma' : 'bracket' },
            });
          recordStart = -1;
          afterComma = true;
          skipping = false;
        } else if (depth === 1 && recordStart < 0 && !skipping && c !== undefined && !/\s/.test(c)) {
          // A record, or (a stray '}' among them) text that makes this one fail as JSON, at its own line.
          recordStart = pos;
          recordLine = line;
          afterComma = false;
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
        skipping = true;
      }
    }
  }
  buffer += decoder.decode();
  if (mode === 'array' && (depth !== 0 || recordStart >= 0))
    yield { line: recordLine || line, text: buffer.trim() || '[' };
}
