/**
 * NDJSON, split in one place: the input cut into blocks of whole lines as bytes ({@link ndjsonBlocks}), each split
 * into records ({@link recordsOfBlock}). Read in order ({@link ndjsonRecords}), or a block per job on worker threads,
 * so the main thread neither decodes nor copies the text line by line.
 */
import type { TextEncodingName } from '../node/text.js';
import { lineRecord, MAX_RECORD_CHARS, tooLong, type RawRecord } from './raw-record.js';

/** One block of NDJSON for a worker: whole lines, as bytes. */
export interface NdjsonBlock {
  readonly bytes: Uint8Array;
  /** Lines of the block (1-based) that were longer than {@link MAX_RECORD_CHARS} allows: sent as empty lines. */
  readonly tooLong: readonly number[];
}

/** A line longer than this many bytes is longer than {@link MAX_RECORD_CHARS} characters whatever it holds. */
const MAX_RECORD_BYTES = 3 * MAX_RECORD_CHARS;
const LF = 10;

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function countLines(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const part of parts) for (let i = part.indexOf(LF); i >= 0; i = part.indexOf(LF, i + 1)) n++;
  return n;
}

/** Without the byte order marks at the start (one a decoder drops, then one more that an export may have added). */
function withoutBoms(bytes: Uint8Array): Uint8Array {
  let from = 0;
  for (let k = 0; k < 2 && bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf; k++) from += 3;
  return from === 0 ? bytes : bytes.subarray(from);
}

/**
 * Cuts NDJSON into blocks of whole lines of about `blockBytes` each, as bytes, in order. Splitting each block with
 * {@link recordsOfBlock}, its lines numbered on from the previous blocks', gives the input's records. A line longer than {@link MAX_RECORD_BYTES} is not held: it is sent as an empty line and named in the
 * block's `tooLong` (a shorter line longer than {@link MAX_RECORD_CHARS} characters is found by the worker).
 */
export async function* ndjsonBlocks(
  chunks: AsyncIterable<Uint8Array>,
  blockBytes = 64 * 1024,
): AsyncGenerator<NdjsonBlock> {
  /** Whole lines for the next block. */
  let lines: Uint8Array[] = [];
  let linesSize = 0;
  let tooLong: number[] = [];
  /** The line not ended yet. */
  let rest: Uint8Array[] = [];
  let restSize = 0;
  let skipping = false;
  let atStart = true;

  const take = (chunk: Uint8Array): NdjsonBlock | undefined => {
    let from = 0;
    if (skipping) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) return undefined;
      from = nl + 1;
      skipping = false;
    }
    const nl = chunk.lastIndexOf(LF);
    if (nl >= from) {
      for (const part of rest) lines.push(part);
      linesSize += restSize;
      lines.push(chunk.subarray(from, nl + 1));
      linesSize += nl + 1 - from;
      rest = [];
      restSize = 0;
      from = nl + 1;
    }
    if (from < chunk.length) {
      rest.push(chunk.subarray(from));
      restSize += chunk.length - from;
      if (restSize > MAX_RECORD_BYTES) {
        // Too long to be a record: an empty line stands in for it, and the rest of it is dropped as it arrives.
        tooLong.push(countLines(lines) + 1);
        lines.push(new Uint8Array([LF]));
        linesSize += 1;
        rest = [];
        restSize = 0;
        skipping = true;
      }
    }
    return linesSize >= blockBytes ? cut() : undefined;
  };
  const cut = (): NdjsonBlock => {
    // A copy: the stream may reuse its chunks' memory, and the block's buffer is handed to a worker whole.
    const block = { bytes: concat(lines, linesSize), tooLong };
    lines = [];
    linesSize = 0;
    tooLong = [];
    return block;
  };

  for await (let chunk of chunks) {
    if (atStart) {
      // Held until there are enough bytes to see byte order marks at the start.
      rest.push(chunk);
      restSize += chunk.length;
      if (restSize < 6) continue;
      chunk = withoutBoms(concat(rest, restSize));
      rest = [];
      restSize = 0;
      atStart = false;
    }
    const block = take(chunk);
    if (block) yield block;
  }
  if (atStart) {
    const chunk = withoutBoms(concat(rest, restSize));
    rest = [];
    restSize = 0;
    const block = take(chunk);
    if (block) yield block;
  }
  if (!skipping && restSize > 0) {
    for (const part of rest) lines.push(part);
    linesSize += restSize;
  }
  if (linesSize > 0) yield cut();
}

/**
 * The records of one {@link NdjsonBlock}, decoded one at a time as they are asked for; its first line is numbered
 * `firstLine`.
 */
export function* recordsOfBlock(
  block: NdjsonBlock,
  encoding: TextEncodingName = 'utf-8',
  firstLine = 1,
): Generator<RawRecord, void, undefined> {
  const lineDecoder = new TextDecoder(encoding, { ignoreBOM: true });
  const { bytes } = block;
  let line = firstLine;
  let start = 0;
  let next = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(LF, start);
    if (nl < 0) nl = bytes.length;
    if (next < block.tooLong.length && block.tooLong[next] === line - firstLine + 1) {
      yield tooLong(line);
      next++;
    } else {
      const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
      const record = lineRecord(line, lineDecoder.decode(bytes.subarray(start, end)), encoding);
      if (record) yield record;
    }
    line++;
    start = nl + 1;
  }
}

/** How many lines an {@link NdjsonBlock} holds (the last one may lack its line feed). */
export function linesOfBlock(block: NdjsonBlock): number {
  const { bytes } = block;
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== LF ? n + 1 : n;
}

/** The records of NDJSON in order, numbered from 1. */
export async function* ndjsonRecords(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName = 'utf-8',
): AsyncGenerator<RawRecord> {
  let before = 0;
  for await (const block of ndjsonBlocks(chunks)) {
    yield* recordsOfBlock(block, encoding, before + 1);
    before += linesOfBlock(block);
  }
}
