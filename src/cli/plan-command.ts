/**
 * `rx-followup plan`: streams PlanInput records (NDJSON or a JSON array) into
 * plans (NDJSON, JSON, CSV or iCalendar), in input order, with constant memory
 * and back-pressure, on the main thread or on worker threads.
 */
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { Worker, type MessagePort } from 'node:worker_threads';
import { RxFollowupError } from '../errors.js';
import { describeJsonError } from '../node/json-text.js';
import type { TextEncodingName } from '../node/text.js';
import type { PlanInput } from '../schema/input.js';
import { createPlanner, type Planner } from '../plan/planner.js';
import type { RuleSet } from '../schema/ruleset.js';
import { formatPlan, framing, type Format } from './formats.js';
import { linesOfBlock, MAX_RECORD_CHARS, ndjsonBlocks, readRecords, recordsOfBlock, sniffInput, type NdjsonBlock, type RawRecord } from './records.js';
import { warmUpBatches } from './warm-up.js';

export interface PlanCommandOptions {
  readonly ruleSet: RuleSet;
  readonly input: string; // a path, or '-' for stdin
  readonly format: Format;
  /** Applied to records without their own asOf; `undefined`: each record's purchase time (the library's default). */
  readonly asOf: string | undefined;
  /** The input's encoding. */
  readonly encoding?: TextEncodingName;
  readonly workers: number; // 0 = plan on the main thread
  readonly bom: boolean;
  /** Progress on stderr (a terminal). */
  readonly progress: boolean;
  /** The closing summary line and the empty-input warning on stderr. */
  readonly summary?: boolean;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** A record that could not be planned, as the error line on stderr says it. */
export interface RecordError {
  line: number;
  column?: number;
  error: string;
  issues?: { path: string; message: string }[];
}

/** What planning one record gives: the formatted chunk and its touchpoints, or the error line for stderr. */
export interface RecordResult {
  readonly line: number;
  readonly out?: string;
  readonly touchpoints?: number;
  readonly error?: RecordError;
}

/**
 * A record's JSON, or the error that says where it is not JSON (line and column in the input, what was found).
 * `JSON.parse` first (the usual case); jsonc-parser only to describe a failure.
 */
export function parseRecord(record: RawRecord): { ok: true; json: unknown } | { ok: false; error: RecordError } {
  if (record.tooLong) return { ok: false, error: { line: record.line, error: `record too long: more than ${MAX_RECORD_CHARS} characters` } };
  if (record.problem) return { ok: false, error: { line: record.problem.line, column: record.problem.column, error: record.problem.message } };
  try {
    return { ok: true, json: JSON.parse(record.text) };
  } catch {
    const problem = describeJsonError(record.text);
    return { ok: false, error: { line: record.line + problem.line - 1, column: problem.column, error: `invalid JSON: ${problem.message}` } };
  }
}

/** The input with `asOf` set when it has none (null counts as none), and a default to give. */
export function withAsOf(json: unknown, asOf: string | undefined): unknown {
  if (asOf === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const own = (json as { asOf?: unknown }).asOf;
  return own === undefined || own === null ? { ...json, asOf } : json;
}

/** Plans one raw record: parse, default asOf, plan, format. Never throws. */
export async function planRecord(planner: Planner, record: RawRecord, format: Format, asOf: string | undefined): Promise<RecordResult> {
  const parsed = parseRecord(record);
  if (!parsed.ok) return { line: record.line, error: parsed.error };
  try {
    const input = withAsOf(parsed.json, asOf);
    const plan = await planner.plan(input as PlanInput);
    return { line: record.line, out: formatPlan(format, plan), touchpoints: plan.touchpoints.length };
  } catch (error) {
    if (error instanceof RxFollowupError) {
      return { line: record.line, error: { line: record.line, error: error.name, issues: error.issues.map((i) => ({ path: i.path, message: i.message })) } };
    }
    return { line: record.line, error: { line: record.line, error: error instanceof Error ? error.message : String(error) } };
  }
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
  if (pool.length < MAX_POOLED && buffer instanceof ArrayBuffer && buffer.byteLength >= FIRST_BUFFER && buffer.byteLength <= MAX_POOLED_BYTES) pool.push(buffer);
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
export async function planBatch(planner: Planner, records: Iterable<RawRecord>, format: Format, asOf: string | undefined, parts?: BatchParts): Promise<BatchResult> {
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

/** Writes `bytes` and resolves once the stream is done with them (its callback), so their buffer can be reused. */
function writeBytes(stream: Writable, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) return Promise.resolve();
  // A failed write is the stream's 'error' event to report (the CLI ends quietly on EPIPE), not this promise's.
  return new Promise<void>((resolve) => stream.write(bytes, () => resolve()));
}

/** Writes `text`, waiting for 'drain' when the stream asks for it. */
async function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/** Batches of `size` records. */
async function* batchesOf(records: AsyncIterable<RawRecord>, size: number): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** What a worker is sent: a batch of records (JSON array input), or a block of NDJSON lines as bytes. */
type Job = { readonly batch: number; readonly records: RawRecord[] } | { readonly batch: number; readonly block: NdjsonBlock };

/** What a worker answers: a part of a batch's output; `last` on the batch's final part. */
interface Answer {
  readonly batch: number;
  readonly result: BatchResult;
  readonly last: boolean;
}

/** A part of a batch's output on the main thread, with how to hand its buffer back once written. */
type Planned = BatchResult & { readonly release: () => void };

/** A worker's output leaves in parts of about this many bytes (a batch of the default rules makes one). */
const PART_BYTES = 1 << 20;
/**
 * Parts a worker may have sent and not had back (written, then returned): with PART_BYTES, what bounds the
 * output in memory whatever the rules make of a record. Enough that the default rules never wait on it.
 */
const CREDITS = 16;

/**
 * The input in, batch results out (a batch in one or more parts), in input order, with a bounded number of
 * batches in flight. NDJSON goes to the workers as blocks of bytes (the main thread does not decode it or clone
 * strings), a JSON array as batches of records; error lines come out numbered from the start of the input either way.
 */
async function* planInOrder(source: AsyncIterable<string | Uint8Array>, options: PlanCommandOptions, workerUrl: URL): AsyncGenerator<Planned> {
  if (options.workers <= 0) {
    const planner = createPlanner({ ruleSet: options.ruleSet });
    for await (const record of readRecords(source, options.encoding)) {
      const result = await planBatch(planner, [record], options.format, options.asOf);
      yield { ...result, release: () => recycleBuffer(result.bytes.buffer) };
    }
    return;
  }
  const input = await sniffInput(source, options.encoding);
  const jobs: AsyncIterable<RawRecord[] | NdjsonBlock> = input.array ? batchesOf(readRecords(input.chunks, options.encoding), 64) : ndjsonBlocks(input.chunks);
  const workers = Array.from(
    { length: options.workers },
    () =>
      new Worker(workerUrl, {
        workerData: { role: 'rx-followup-plan-worker', ruleSet: options.ruleSet, format: options.format, asOf: options.asOf, encoding: options.encoding ?? 'utf-8' } satisfies PlanWorkerData & { role: string },
        // A planner needs little heap; small limits keep V8 from growing each worker to hundreds of MB.
        resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 96 },
      }),
  );
  /**
   * Each batch sent and not yet wholly yielded: whether it is an NDJSON block (its error lines count from the
   * block's first line, and it has `lines`), the parts come back and not yet yielded, and whether the last has come.
   */
  const pending = new Map<number, { block: boolean; parts: Planned[]; done: boolean; lines: number }>();
  /** Batches each worker has been sent and not yet answered in full. */
  const outstanding = workers.map(() => 0);
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const changed = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // A worker that dies (an uncaught error, its heap limit) fails the run instead of leaving it waiting forever.
  const fail = (error: Error): void => {
    failure ??= error;
    notify();
  };
  workers.forEach((worker, w) => {
    worker.on('message', ({ batch, result, last }: Answer) => {
      const entry = pending.get(batch);
      if (entry === undefined || entry.done) return;
      const { bytes } = result;
      // The buffer goes back to the worker that filled it (transferred, not copied).
      const release = (): void => worker.postMessage({ recycle: bytes.buffer }, [bytes.buffer as ArrayBuffer]);
      entry.parts.push({ ...result, release });
      if (last) {
        entry.done = true;
        entry.lines = result.lines ?? 0;
        outstanding[w] = (outstanding[w] as number) - 1;
      }
      notify();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a planning worker stopped (exit code ${code})`));
    });
  });
  // Each batch goes to the worker with the fewest batches outstanding, and the next is read only when some worker
  // has fewer than PER_WORKER: one slowed down (by its garbage collector, or the machine) gets less, and the others
  // do not sit idle behind it. Up to WINDOW batches may be unyielded (answers that came back early wait, as bytes).
  const PER_WORKER = 2;
  const WINDOW = options.workers * 8;
  let sent = 0;
  let yielded = 0;
  /** Lines of the NDJSON blocks yielded so far. */
  let linesBefore = 0;
  const leastBusy = (): number => {
    let w = 0;
    for (let i = 1; i < workers.length; i++) if ((outstanding[i] as number) < (outstanding[w] as number)) w = i;
    return w;
  };
  const send = (job: RawRecord[] | NdjsonBlock): void => {
    const w = leastBusy();
    outstanding[w] = (outstanding[w] as number) + 1;
    const block = !Array.isArray(job);
    pending.set(sent, { block, parts: [], done: false, lines: 0 });
    if (!block) (workers[w] as Worker).postMessage({ batch: sent, records: job } satisfies Job);
    else (workers[w] as Worker).postMessage({ batch: sent, block: job } satisfies Job, [job.bytes.buffer as ArrayBuffer]);
    sent++;
  };
  /** The parts that are next in order and have come back; a batch is done with once its last part is yielded. */
  function* ready(): Generator<Planned> {
    for (let entry = pending.get(yielded); entry !== undefined; entry = pending.get(yielded)) {
      for (let part = entry.parts.shift(); part !== undefined; part = entry.parts.shift()) {
        if (entry.block) for (const error of part.errors) error.line += linesBefore;
        yield part;
      }
      if (!entry.done) return;
      pending.delete(yielded);
      yielded++;
      linesBefore += entry.lines;
    }
  }
  const busy = (): boolean => sent - yielded >= WINDOW || (outstanding[leastBusy()] as number) >= PER_WORKER;
  try {
    for await (const job of jobs) {
      for (;;) {
        if (failure) throw failure;
        yield* ready();
        if (!busy()) break;
        await changed();
      }
      send(job);
    }
    for (;;) {
      if (failure) throw failure;
      yield* ready();
      if (yielded === sent) break;
      await changed();
    }
  } finally {
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** What a planning worker is started with; `partBytes` and `credits` are for tests (PART_BYTES and CREDITS). */
export interface PlanWorkerData {
  readonly ruleSet: RuleSet;
  readonly format: Format;
  readonly asOf: string | undefined;
  readonly encoding?: TextEncodingName;
  readonly partBytes?: number;
  readonly credits?: number;
}

/**
 * A worker's loop: batches in, one after another; joined and encoded output out in parts (the bytes transferred,
 * not copied); buffers back. Once it has `credits` parts out, it waits for one to come back before going on.
 */
export async function servePlanWorker(port: MessagePort, data: PlanWorkerData): Promise<void> {
  const planner = createPlanner({ ruleSet: data.ruleSet });
  const credits = data.credits ?? CREDITS;
  let out = 0;
  let returned: (() => void) | undefined;
  const answer = async (batch: number, result: BatchResult, last: boolean): Promise<void> => {
    port.postMessage({ batch, result, last } satisfies Answer, [result.bytes.buffer as ArrayBuffer]);
    out++;
    while (out >= credits) await new Promise<void>((resolve) => (returned = resolve));
  };
  const planJob = async (job: Job): Promise<void> => {
    const parts: BatchParts = { bytes: data.partBytes ?? PART_BYTES, send: (part) => answer(job.batch, part, false) };
    let result: BatchResult;
    if ('block' in job) {
      // Decoded line by line as planned: a batch's text is never all on the heap at once.
      result = { ...(await planBatch(planner, recordsOfBlock(job.block, data.encoding), data.format, data.asOf, parts)), lines: linesOfBlock(job.block) };
    } else result = await planBatch(planner, job.records, data.format, data.asOf, parts);
    await answer(job.batch, result, true);
  };
  // Batches sent meanwhile wait in the port until the listener below is added.
  for (const batch of warmUpBatches()) recycleBuffer((await planBatch(planner, batch, data.format, data.asOf)).bytes.buffer);
  // One batch at a time: a batch waiting for credits must not let a later one take them (the main thread writes
  // in batch order, so that could wait forever).
  let queue = Promise.resolve();
  port.on('message', (message: Job | { recycle: ArrayBuffer }) => {
    if ('recycle' in message) {
      recycleBuffer(message.recycle);
      out--;
      const resolve = returned;
      returned = undefined;
      resolve?.();
      return;
    }
    queue = queue.then(() => planJob(message));
  });
}

/** Counts the bytes of a stream's chunks as they pass. */
export function counting(source: AsyncIterable<string | Uint8Array>, counter: { bytes: number }): AsyncIterable<string | Uint8Array> {
  return (async function* () {
    for await (const chunk of source) {
      counter.bytes += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      yield chunk;
    }
  })();
}

/** `12.3 MB`. */
const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * A progress line: records so far and their rate; with the input's size known, how much of it is read and the
 * time left at the rate so far.
 */
export function progressLine(records: number, seconds: number, read: number, total: number | undefined, failed: number): string {
  const rate = records / Math.max(seconds, 0.001);
  let line = `${records} records, ${rate.toFixed(0)}/s, ${seconds.toFixed(1)} s`;
  if (total !== undefined && total > 0) {
    const share = Math.min(read / total, 1);
    const eta = share > 0 ? (seconds * (1 - share)) / share : Number.NaN;
    line += `, ${(share * 100).toFixed(0)}% of ${megabytes(total)}${Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)} s` : ''}`;
  }
  return failed > 0 ? `${line}, ${failed} failed` : line;
}

/** The closing line of a batch. */
export function summaryLine(planned: number, failed: number, touchpoints: number, seconds: number): string {
  return `rx-followup: ${planned} planned, ${failed} failed, ${touchpoints} touchpoints, ${seconds.toFixed(1)} s`;
}

/** Runs the command; resolves to the exit code (0: every record planned, 1: some failed). */
export async function runPlanCommand(options: PlanCommandOptions, workerUrl: URL, inputSize?: number): Promise<number> {
  const counter = { bytes: 0 };
  const source = counting(options.input === '-' ? process.stdin : createReadStream(options.input), counter);
  const frame = framing(options.format, { bom: options.bom });
  const started = performance.now();
  let count = 0;
  let failed = 0;
  let written = 0;
  let touchpoints = 0;
  let lastProgress = 0;
  const seconds = (): number => (performance.now() - started) / 1000;
  const progress = (final: boolean): void => {
    if (!options.progress) return;
    const now = performance.now();
    if (!final && now - lastProgress < 500) return;
    lastProgress = now;
    options.stderr.write(`\r${progressLine(count, seconds(), counter.bytes, inputSize, failed)}${final ? '\n' : ''}`);
  };
  await write(options.stdout, frame.header);
  for await (const result of planInOrder(source, options, workerUrl)) {
    count += result.records;
    failed += result.errors.length;
    touchpoints += result.touchpoints;
    for (const error of result.errors) options.stderr.write(`${JSON.stringify(error)}\n`);
    if (result.plans > 0) {
      if (written > 0) await write(options.stdout, frame.separator);
      written += result.plans;
      await writeBytes(options.stdout, result.bytes);
    }
    result.release();
    progress(false);
  }
  await write(options.stdout, frame.footer);
  progress(true);
  if (count === 0) options.stderr.write('rx-followup: warning: the input holds no records\n');
  else if (options.summary !== false) options.stderr.write(`${summaryLine(count - failed, failed, touchpoints, seconds())}\n`);
  return failed === 0 ? 0 : 1;
}

export const defaultWorkers = (): number => availableParallelism();
