/**
 * `rx-followup plan`: streams PlanInput records (NDJSON or a JSON array) into
 * plans (NDJSON, JSON, CSV or iCalendar), in input order, with constant memory
 * and back-pressure, on the main thread or on worker threads.
 */
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { parseInstant } from '../calendar/instant.js';
import { RxFollowupError } from '../errors.js';
import { createPlanner, type Planner } from '../plan/planner.js';
import type { RuleSet } from '../schema/ruleset.js';
import { formatPlan, framing, type Format } from './formats.js';
import { readRecords, type RawRecord } from './records.js';

export interface PlanCommandOptions {
  readonly ruleSet: RuleSet;
  readonly input: string; // a path, or '-' for stdin
  readonly format: Format;
  /** Applied to records without their own asOf. */
  readonly asOf: string;
  readonly workers: number; // 0 = plan on the main thread
  readonly bom: boolean;
  readonly progress: boolean;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** What planning one record gives: the formatted chunk, or the error line for stderr. */
export interface RecordResult {
  readonly line: number;
  readonly out?: string;
  readonly error?: { line: number; error: string; issues?: { path: string; message: string }[] };
}

/** Plans one raw record: parse, default asOf, plan, format. Never throws. */
export async function planRecord(planner: Planner, record: RawRecord, format: Format, asOf: string): Promise<RecordResult> {
  let json: unknown;
  try {
    json = JSON.parse(record.text);
  } catch (error) {
    return { line: record.line, error: { line: record.line, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
  try {
    const input = json !== null && typeof json === 'object' && !Array.isArray(json) && (json as { asOf?: unknown }).asOf === undefined ? { ...json, asOf } : json;
    const plan = await planner.plan(input);
    const zone = (input as { customer: { timeZone?: string } }).customer.timeZone ?? planner.ruleSet.defaults.timeZone;
    const stamp = (input as { asOf?: string }).asOf ?? asOf;
    return { line: record.line, out: formatPlan(format, plan, zone, stamp) };
  } catch (error) {
    if (error instanceof RxFollowupError) {
      return { line: record.line, error: { line: record.line, error: error.name, issues: error.issues.map((i) => ({ path: i.path, message: i.message })) } };
    }
    return { line: record.line, error: { line: record.line, error: error instanceof Error ? error.message : String(error) } };
  }
}

/** Writes `text`, waiting for 'drain' when the stream asks for it. */
async function write(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/** Records in, results out, in input order, with at most `window` records in flight. */
async function* planInOrder(records: AsyncIterable<RawRecord>, options: PlanCommandOptions, workerUrl: URL): AsyncGenerator<RecordResult> {
  if (options.workers <= 0) {
    const planner = createPlanner({ ruleSet: options.ruleSet });
    for await (const record of records) yield await planRecord(planner, record, options.format, options.asOf);
    return;
  }
  const BATCH = 64;
  const workers = Array.from(
    { length: options.workers },
    () =>
      new Worker(workerUrl, {
        workerData: { role: 'rx-followup-plan-worker', ruleSet: options.ruleSet, format: options.format, asOf: options.asOf },
        // A planner needs little heap; small limits keep V8 from growing each worker to hundreds of MB.
        resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 128 },
      }),
  );
  const pending = new Map<number, { resolve: (results: RecordResult[]) => void; reject: (error: Error) => void }>();
  // A worker that dies (an uncaught error, its heap limit) fails the batch instead of leaving it waiting forever.
  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  for (const worker of workers) {
    worker.on('message', (message: { batch: number; results: RecordResult[] }) => {
      pending.get(message.batch)?.resolve(message.results);
      pending.delete(message.batch);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`a planning worker stopped (exit code ${code})`));
    });
  }
  // Batches go round-robin; results are awaited in the order they were sent.
  const inFlight: Promise<RecordResult[]>[] = [];
  const MAX_IN_FLIGHT = options.workers * 4;
  let batchNumber = 0;
  let batch: RawRecord[] = [];
  const send = (): void => {
    const id = batchNumber++;
    const worker = workers[id % workers.length] as Worker;
    const results = new Promise<RecordResult[]>((resolve, reject) => pending.set(id, { resolve, reject }));
    results.catch(() => undefined); // handled where it is awaited; batches never awaited after a failure stay quiet
    inFlight.push(results);
    worker.postMessage({ batch: id, records: batch });
    batch = [];
  };
  try {
    for await (const record of records) {
      batch.push(record);
      if (batch.length >= BATCH) send();
      while (inFlight.length >= MAX_IN_FLIGHT) yield* (await inFlight.shift()) as RecordResult[];
    }
    if (batch.length) send();
    while (inFlight.length) yield* (await inFlight.shift()) as RecordResult[];
  } finally {
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Runs the command; resolves to the exit code (0: every record planned, 1: some failed). */
export async function runPlanCommand(options: PlanCommandOptions, workerUrl: URL): Promise<number> {
  const source = options.input === '-' ? process.stdin : createReadStream(options.input);
  const frame = framing(options.format, { bom: options.bom });
  const started = performance.now();
  let count = 0;
  let failed = 0;
  let written = 0;
  let lastProgress = 0;
  const progress = (final: boolean): void => {
    if (!options.progress) return;
    const now = performance.now();
    if (!final && now - lastProgress < 500) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    options.stderr.write(`\r${count} lines, ${(count / Math.max(seconds, 0.001)).toFixed(0)} lines/s, ${seconds.toFixed(1)} s${failed ? `, ${failed} failed` : ''}${final ? '\n' : ''}`);
  };
  await write(options.stdout, frame.header);
  for await (const result of planInOrder(readRecords(source), options, workerUrl)) {
    count++;
    if (result.error) {
      failed++;
      options.stderr.write(`${JSON.stringify(result.error)}\n`);
    } else if (result.out !== undefined) {
      if (written > 0 && result.out !== '') await write(options.stdout, frame.separator);
      if (result.out !== '') written++;
      await write(options.stdout, result.out);
    }
    progress(false);
  }
  await write(options.stdout, frame.footer);
  progress(true);
  return failed === 0 ? 0 : 1;
}

/** Validates `--as-of`. */
export function checkAsOf(text: string): string | undefined {
  const parsed = parseInstant(text);
  return parsed.ok ? undefined : parsed.message;
}

export const defaultWorkers = (): number => availableParallelism();
