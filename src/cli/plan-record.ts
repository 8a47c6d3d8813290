/**
 * Planning records into output: one record (parse, default asOf, plan, format), or a batch of them joined and
 * UTF-8 encoded into a reusable buffer, ready to write or to hand from a worker to the main thread.
 */
import { RxFollowupError } from '../errors.js';
import type { Locale } from '../i18n/explanation.js';
import { describeJsonError } from '../_lib/json-text.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';
import { sayText } from '../i18n/text-issues.js';
import type { Planner } from '../planner.js';
import type { PlanInput } from '../schema/input.js';
import { formatPlan, framing, type Format } from './formats.js';
import { MAX_RECORD_CHARS, type RawRecord } from './records.js';

/** A record that could not be planned, as the error line on stderr says it. */
export interface RecordError {
  line: number;
  column?: number;
  error: string;
  issues?: { path: string; code: string; message: string }[];
}

/** What planning one record gives: the formatted chunk and its touchpoints, or the error line for stderr. */
export interface RecordResult {
  readonly line: number;
  readonly out?: string;
  readonly touchpoints?: number;
  readonly error?: RecordError;
}

/**
 * A record's JSON, or the error that says where it is not JSON (line and column in the input, what was found, in
 * `locale`). `JSON.parse` first (the usual case); jsonc-parser only to describe a failure.
 */
export function parseRecord(
  record: RawRecord,
  locale: Locale = 'en',
): { ok: true; json: unknown } | { ok: false; error: RecordError; problem: TextCoded } {
  const failed = (
    line: number,
    column: number | undefined,
    problem: TextCoded,
  ): { ok: false; error: RecordError; problem: TextCoded } => ({
    ok: false,
    error: { line, ...(column === undefined ? {} : { column }), error: sayText(problem, locale) },
    problem: { code: problem.code, params: problem.params } as TextCoded,
  });
  if (record.tooLong)
    return failed(record.line, undefined, { code: 'record-too-long', params: { max: MAX_RECORD_CHARS } });
  if (record.problem) return failed(record.problem.line, record.problem.column, record.problem);
  try {
    return { ok: true, json: JSON.parse(record.text) };
  } catch {
    const problem = describeJsonError(record.text);
    return failed(record.line + problem.line - 1, problem.column, problem);
  }
}

/** The input with `asOf` set when it has none (null counts as none), and a default to give. */
export function withAsOf(json: unknown, asOf: string | undefined): unknown {
  if (asOf === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const own = (json as { asOf?: unknown }).asOf;
  return own === undefined || own === null ? { ...json, asOf } : json;
}

/** Plans one raw record: parse, default asOf, plan, format. Never throws. */
export async function planRecord(
  planner: Planner,
  record: RawRecord,
  format: Format,
  asOf: string | undefined,
): Promise<RecordResult> {
  const parsed = parseRecord(record, planner.locale);
  if (!parsed.ok) return { line: record.line, error: parsed.error };
  try {
    const input = withAsOf(parsed.json, asOf);
    const plan = await planner.plan(input as PlanInput);
    return { line: record.line, out: formatPlan(format, plan, planner.locale), touchpoints: plan.touchpoints.length };
  } catch (error) {
    return { line: record.line, error: recordError(record.line, error) };
  }
}

/** What a record's plan threw, as its line of the error report: our errors with each issue's path, code and message. */
export function recordError(line: number, error: unknown): RecordError {
  return error instanceof RxFollowupError
    ? { line, error: error.name, issues: error.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) }
    : { line, error: error instanceof Error ? error.message : String(error) };
}

/**
 * What planning a batch of records gives: the formatted plans already joined
 * (with the format's separator) and encoded, ready to write; the error lines
 * for stderr; and counts. A worker hands the bytes over without copying, so
 * the main thread neither builds nor encodes the output text.
 */
export interface BatchResult {
  readonly records: number;
  /** Lines of an NDJSON block; its errors' line numbers then count from the block's first line. */
  readonly lines?: number;
  /** How many plans `bytes` holds. */
  readonly plans: number;
  /** How many touchpoints those plans hold. */
  readonly touchpoints: number;
  /**
   * The output, at the start of a buffer of the batch's own. Once the bytes are written, hand the buffer back
   * with {@link recycleBuffer} (in the thread that planned the batch) and the next batch fills it again.
   */
  readonly bytes: Uint8Array;
  readonly errors: RecordError[];
}

const encoder = new TextEncoder();
/**
 * Output buffers whose bytes have been written, for the next batches. Reusing them instead of making one per
 * batch keeps gigabytes of output from passing through new ArrayBuffers: V8 counts those as external memory
 * and ran a major collection every ~16 MB of them, in the workers and on the main thread.
 */
const pool: ArrayBuffer[] = [];
const MAX_POOLED = 8;
const FIRST_BUFFER = 1 << 20;
/** A buffer grown past this (by one very large plan) is left to the collector rather than kept. */
const MAX_POOLED_BYTES = 8 << 20;

/** Gives a batch's buffer back once its bytes have been written (a buffer not handed back is simply collected). */
export function recycleBuffer(buffer: ArrayBufferLike): void {
  if (
    pool.length < MAX_POOLED &&
    buffer instanceof ArrayBuffer &&
    buffer.byteLength >= FIRST_BUFFER &&
    buffer.byteLength <= MAX_POOLED_BYTES
  )
    pool.push(buffer);
}

/**
 * How a batch's output may leave in parts: once `bytes` have been filled (at a plan's end), the part so far goes
 * to `send`, and the batch goes on in a fresh buffer once `send` resolves. A custom rule set can make plans of a
 * megabyte from records of a few hundred bytes; parts keep one batch's output from filling memory.
 */
export interface BatchParts {
  readonly bytes: number;
  readonly send: (part: BatchResult) => Promise<void>;
}

/** Plans a batch of records in order; with `parts`, sends the output in parts and returns the last. Never throws. */
export async function planBatch(
  planner: Planner,
  records: Iterable<RawRecord>,
  format: Format,
  asOf: string | undefined,
  parts?: BatchParts,
): Promise<BatchResult> {
  const { separator } = framing(format);
  let errors: RecordError[] = [];
  // The batch owns its buffers until the caller hands them back.
  const take = (): Uint8Array => {
    const reused = pool.pop();
    return reused === undefined ? new Uint8Array(FIRST_BUFFER) : new Uint8Array(reused);
  };
  let buffer = take();
  let end = 0;
  const encode = (text: string): void => {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (buffer.length - end < text.length * 3) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, end + text.length * 3));
      grown.set(buffer.subarray(0, end));
      buffer = grown;
    }
    end += encoder.encodeInto(text, buffer.subarray(end)).written;
  };
  let plans = 0;
  let count = 0;
  let touchpoints = 0;
  for (const record of records) {
    count++;
    const result = await planRecord(planner, record, format, asOf);
    if (result.error) errors.push(result.error);
    else touchpoints += result.touchpoints ?? 0;
    if (result.out !== undefined && result.out !== '') {
      if (plans > 0) encode(separator);
      encode(result.out);
      plans++;
      if (parts !== undefined && end >= parts.bytes) {
        await parts.send({ records: count, plans, touchpoints, bytes: buffer.subarray(0, end), errors });
        buffer = take();
        end = 0;
        count = 0;
        plans = 0;
        touchpoints = 0;
        errors = [];
      }
    }
  }
  return { records: count, plans, touchpoints, bytes: buffer.subarray(0, end), errors };
}
