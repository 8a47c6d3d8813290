/**
 * `rx-followup plan --workers N`: the records planned on worker threads and their output brought back in input
 * order, with a bounded number of batches in flight and credits for output not yet written; or, with no workers, on
 * the main thread.
 */
import type { Locale } from '../i18n/explanation.js';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { TextEncodingName } from '../node/text.js';
import { createPlanner } from '../planner.js';
import type { RuleSet } from '../schema/ruleset.js';
import type { Format } from './formats.js';
import { planBatch, recycleBuffer, type BatchParts, type BatchResult } from './plan-record.js';
import { linesOfBlock, ndjsonBlocks, recordsOfBlock, type NdjsonBlock } from './ndjson.js';
import { readRecords, sniffInput, type RawRecord } from './records.js';
import { WARM_UP_MAX_BYTES, warmUpBatches } from './warm-up.js';

/** What {@link planInOrder} needs of the command's options. */
export interface PlanInOrderOptions {
  readonly ruleSet: RuleSet;
  readonly locale?: Locale;
  readonly format: Format;
  readonly asOf: string | undefined;
  readonly encoding?: TextEncodingName;
  readonly workers: number;
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
type Job =
  { readonly batch: number; readonly records: RawRecord[] } | { readonly batch: number; readonly block: NdjsonBlock };

/** What a worker answers: a part of a batch's output; `last` on the batch's final part. */
interface Answer {
  readonly batch: number;
  readonly result: BatchResult;
  readonly last: boolean;
}

/** A part of a batch's output on the main thread, with how to hand its buffer back once written. */
export type Planned = BatchResult & { readonly release: () => void };

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
export async function* planInOrder(
  source: AsyncIterable<Uint8Array>,
  options: PlanInOrderOptions,
  workerUrl: URL,
): AsyncGenerator<Planned> {
  if (options.workers <= 0) {
    const planner = createPlanner({ ruleSet: options.ruleSet, locale: options.locale ?? 'en' });
    for await (const record of readRecords(source, options.encoding)) {
      const result = await planBatch(planner, [record], options.format, options.asOf);
      yield { ...result, release: () => recycleBuffer(result.bytes.buffer) };
    }
    return;
  }
  const input = await sniffInput(source, options.encoding);
  const jobs: AsyncIterable<RawRecord[] | NdjsonBlock> = input.array
    ? batchesOf(readRecords(input.chunks, options.encoding), 64)
    : ndjsonBlocks(input.chunks);
  const workers = Array.from(
    { length: options.workers },
    () =>
      new Worker(workerUrl, {
        workerData: {
          role: 'rx-followup-plan-worker',
          ruleSet: options.ruleSet,
          locale: options.locale ?? 'en',
          format: options.format,
          asOf: options.asOf,
          encoding: options.encoding ?? 'utf-8',
        } satisfies PlanWorkerData & { role: string },
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
    else
      (workers[w] as Worker).postMessage({ batch: sent, block: job } satisfies Job, [job.bytes.buffer as ArrayBuffer]);
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
  readonly locale?: Locale;
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
  const planner = createPlanner({ ruleSet: data.ruleSet, locale: data.locale ?? 'en' });
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
      result = {
        ...(await planBatch(planner, recordsOfBlock(job.block, data.encoding), data.format, data.asOf, parts)),
        lines: linesOfBlock(job.block),
      };
    } else result = await planBatch(planner, job.records, data.format, data.asOf, parts);
    await answer(job.batch, result, true);
  };
  // Batches sent meanwhile wait in the port until the listener below is added.
  let warmed = 0;
  for (const batch of warmUpBatches()) {
    const { bytes } = await planBatch(planner, batch, data.format, data.asOf);
    warmed += bytes.byteLength;
    recycleBuffer(bytes.buffer);
    if (warmed > WARM_UP_MAX_BYTES) break;
  }
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
