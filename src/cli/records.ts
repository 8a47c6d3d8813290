/**
 * Splits an input stream into records without holding it all: NDJSON (one
 * JSON value per line) or one JSON array whose elements are split as they
 * arrive. Each record keeps the line it starts on, for error messages.
 */

export interface RawRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly text: string;
}

/** Largest single record accepted, in characters. */
export const MAX_RECORD_CHARS = 1_000_000;

export async function* readRecords(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder();
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

  const text = (chunk: string | Uint8Array): string => (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));

  for await (const chunk of chunks) {
    buffer += text(chunk);
    if (mode === 'unknown') {
      const first = buffer.replace(/^\uFEFF/, '').trimStart();
      if (first === '') continue;
      mode = first.startsWith('[') ? 'array' : 'ndjson';
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    if (mode === 'ndjson') {
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const raw = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (skipLine) skipLine = false;
        else if (raw.trim() !== '') yield { line, text: raw };
        line++;
      }
      if (buffer.length > MAX_RECORD_CHARS && !skipLine) {
        yield { line, text: buffer.slice(0, 200) };
        skipLine = true;
      }
      if (skipLine) buffer = '';
      continue;
    }
    if (mode === 'array') {
      for (; pos < buffer.length; pos++) {
        const c = buffer[pos];
        if (c === '\n') line++;
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
        if (c === ']' || c === '}') {
          depth--;
          if (depth === 0) {
            if (recordStart >= 0) yield { line: recordLine, text: buffer.slice(recordStart, pos) };
            recordStart = -1;
            mode = 'done';
            break;
          }
          continue;
        }
        if (depth === 1) {
          if (c === ',') {
            if (recordStart >= 0) yield { line: recordLine, text: buffer.slice(recordStart, pos) };
            recordStart = -1;
          } else if (recordStart < 0 && c !== undefined && !/\s/.test(c)) {
            recordStart = pos;
            recordLine = line;
          }
        }
      }
      // Keep only what the current record still needs.
      const keepFrom = recordStart >= 0 ? recordStart : pos;
      buffer = buffer.slice(keepFrom);
      pos -= keepFrom;
      if (recordStart >= 0) recordStart = 0;
      if (buffer.length > MAX_RECORD_CHARS) {
        yield { line: recordLine, text: buffer.slice(0, 200) };
        buffer = '';
        pos = 0;
        recordStart = -1;
      }
    }
  }
  buffer += decoder.decode();
  if (mode === 'ndjson' && buffer.trim() !== '') yield { line, text: buffer.replace(/\r$/, '') };
  if (mode === 'array' && (depth !== 0 || recordStart >= 0)) yield { line: recordLine || line, text: buffer.trim() || '[' };
}
