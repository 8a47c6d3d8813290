/**
 * `rx-followup plan`: streams PlanInput records (NDJSON or a JSON array) into
 * plans (NDJSON, JSON, CSV or iCalendar), in input order, with constant memory
 * and back-pressure, on the main thread or on worker threads (plan-workers.ts).
 */
import type { Locale } from '../i18n/explanation.js';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { TextEncodingName } from '../node/text.js';
import type { RuleSet } from '../schema/ruleset.js';
import { framing, type Format } from './formats.js';
import { createPlanner } from '../planner.js';
import { formatPlan } from './formats.js';
import { parseRecord, recordError, withAsOf, type RecordError } from './plan-record.js';
import { planInOrder, type Planned } from './plan-workers.js';
import { readRecords } from './records.js';
import { CustomerThreads } from './thread.js';
import { cliWords } from './cli-words.js';

export interface PlanCommandOptions {
  readonly ruleSet: RuleSet;
  /** The language of reasons, CSV headers and calendar titles. */
  readonly locale?: Locale;
  readonly input: string; // a path, or '-' for stdin
  readonly stdin: Readable;
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
  /**
   * Plan the records in time order, each with the history of the same customer's earlier records (thread.ts): on
   * the main thread, one record after another.
   */
  readonly thread?: boolean;
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

/** Counts the bytes of a stream's chunks as they pass. */
export function counting(source: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncIterable<Uint8Array> {
  return (async function* () {
    for await (const chunk of source) {
      counter.bytes += chunk.byteLength;
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
export function progressLine(
  records: number,
  seconds: number,
  read: number,
  total: number | undefined,
  failed: number,
  locale: Locale = 'en',
): string {
  const rate = records / Math.max(seconds, 0.001);
  let share: { percent: number; total: string; eta?: number } | undefined;
  if (total !== undefined && total > 0) {
    const part = Math.min(read / total, 1);
    const eta = part > 0 ? (seconds * (1 - part)) / part : Number.NaN;
    share = Number.isFinite(eta)
      ? { percent: part * 100, total: megabytes(total), eta }
      : { percent: part * 100, total: megabytes(total) };
  }
  return cliWords(locale)('progress', { records, rate, seconds, share, failed });
}

/** The closing line of a batch. */
export function summaryLine(
  planned: number,
  failed: number,
  touchpoints: number,
  seconds: number,
  locale: Locale = 'en',
): string {
  return cliWords(locale)('summary', { planned, failed, touchpoints, seconds });
}

/** Runs the command; resolves to the exit code (0: every record planned, 1: some failed). */
export async function runPlanCommand(options: PlanCommandOptions, workerUrl: URL, inputSize?: number): Promise<number> {
  const counter = { bytes: 0 };
  const source = counting(
    (options.input === '-' ? options.stdin : createReadStream(options.input)) as AsyncIterable<Uint8Array>,
    counter,
  );
  const locale = options.locale ?? 'en';
  const frame = framing(options.format, { bom: options.bom, locale });
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
    options.stderr.write(
      `\r${progressLine(count, seconds(), counter.bytes, inputSize, failed, locale)}${final ? '\n' : ''}`,
    );
  };
  await write(options.stdout, frame.header);
  const batches = options.thread === true ? planThreaded(source, options) : planInOrder(source, options, workerUrl);
  for await (const result of batches) {
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
  if (count === 0) options.stderr.write(`${cliWords(locale)('no-records')}\n`);
  else if (options.summary !== false)
    options.stderr.write(`${summaryLine(count - failed, failed, touchpoints, seconds(), locale)}\n`);
  return failed === 0 ? 0 : 1;
}

/** Inputs smaller than this are planned on the main thread by default: starting workers would cost more than they save. */
export const SMALL_INPUT_BYTES = 1024 * 1024;

/**
 * Worker threads when `--workers` is not given: one per core, or none (the main thread) for an input file under
 * {@link SMALL_INPUT_BYTES} — each worker loads the rules anew, about a second on a small machine (200 records: 4.4 s
 * with 2 workers, 3.0 s on the main thread). Standard input, whose size is not known, gets the workers.
 */
export const defaultWorkers = (inputSize?: number): number =>
  inputSize !== undefined && inputSize < SMALL_INPUT_BYTES ? 0 : availableParallelism();

/** Records planned one after another with their customers' threads, as `planInOrder` yields them (one a batch). */
async function* planThreaded(source: AsyncIterable<Uint8Array>, options: PlanCommandOptions): AsyncGenerator<Planned> {
  const planner = createPlanner({ ruleSet: options.ruleSet, locale: options.locale ?? 'en' });
  const threads = new CustomerThreads();
  const encoder = new TextEncoder();
  for await (const record of readRecords(source, options.encoding)) {
    const parsed = parseRecord(record, planner.locale);
    const errors: RecordError[] = [];
    let bytes = new Uint8Array(0);
    let touchpoints = 0;
    if (!parsed.ok) errors.push(parsed.error);
    else {
      const threaded = threads.attach(withAsOf(parsed.json, options.asOf), cliWords(planner.locale));
      if (!threaded.ok) errors.push({ line: record.line, error: threaded.error });
      else {
        try {
          const plan = await planner.plan(threaded.input);
          threads.remember(threaded.input, plan);
          bytes = encoder.encode(formatPlan(options.format, plan, planner.locale));
          touchpoints = plan.touchpoints.length;
        } catch (error) {
          errors.push(recordError(record.line, error));
        }
      }
    }
    yield { records: 1, plans: errors.length === 0 ? 1 : 0, errors, touchpoints, bytes, release: () => undefined };
  }
}
