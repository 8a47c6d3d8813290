import { availableParallelism } from 'node:os';
import { defaultWorkers, SMALL_INPUT_BYTES } from '../../src/cli/plan-command.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { linesOfBlock, ndjsonBlocks, recordsOfBlock } from '../../src/cli/ndjson.js';
import { MAX_RECORD_CHARS, readRecords, sniffInput, type RawRecord } from '../../src/cli/records.js';
import type { PlanInput } from '../../src/index.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

async function* streamOf<T>(chunks: readonly T[]): AsyncGenerator<T> {
  yield* chunks;
}

/** What readRecords gives for the chunks, in order. */
async function viaRecords(chunks: readonly Uint8Array[]): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readRecords(streamOf(chunks))) out.push(r);
  return out;
}

const collect = (chunks: readonly string[]): Promise<RawRecord[]> =>
  viaRecords(chunks.map((c) => new TextEncoder().encode(c)));

/** Cuts text or bytes at the given positions (in bytes a cut may fall inside a character). */
function split<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const p of points) {
    out.push(whole.slice(from, p) as T);
    from = p;
  }
  out.push(whole.slice(from) as T);
  return out;
}

const record = fc.dictionary(
  fc.constantFrom('a', 'b', 'c'),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
    fc.constant('quote " and \\ and ] and } and , and \n'),
  ),
);

describe('readRecords', () => {
  it('splits a JSON array into its elements however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        async (records, cuts, pretty) => {
          const text = JSON.stringify(records, null, pretty ? 2 : undefined);
          const got = await collect(split(text, cuts));
          expect(got.map((r) => JSON.parse(r.text))).toEqual(records);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('splits NDJSON into lines however the stream is chunked, with line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (records, cuts) => {
          const text = `${records.map((r) => JSON.stringify(r)).join('\r\n')}\n\n`;
          const got = await collect(split(text, cuts));
          expect(got.map((r) => JSON.parse(r.text))).toEqual(records);
          expect(got.map((r) => r.line)).toEqual(records.map((_, i) => i + 1));
        },
      ),
      { numRuns: 300, seed: 6 },
    );
  });

  it('reports the line an array element starts on, and a truncated array as a bad record', async () => {
    expect((await collect(['[\n  {"a": 1},\n  {"b":\n 2}\n]'])).map((r) => r.line)).toEqual([2, 3]);
    const truncated = await collect(['[{"a": 1}, {"b": ']);
    expect(truncated[0]?.text).toBe('{"a": 1}');
    expect(() => JSON.parse(truncated[1]?.text ?? '')).toThrow();
  });
});

/** The records a worker gets from the NDJSON blocks, numbered on from block to block as the main thread does. */
async function viaBlocks(chunks: readonly Uint8Array[], blockBytes: number): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  let before = 0;
  for await (const block of ndjsonBlocks(streamOf(chunks), blockBytes)) {
    for (const r of recordsOfBlock(block))
      out.push({
        ...r,
        line: r.line + before,
        ...(r.problem ? { problem: { ...r.problem, line: r.problem.line + before } } : {}),
      });
    before += linesOfBlock(block);
  }
  return out;
}

const BOM = [0xef, 0xbb, 0xbf];
/** NDJSON-ish bytes: JSON lines, blank and white-space lines, CRLF, byte order marks, non-ASCII and invalid UTF-8. */
const ndjsonBytes = fc
  .array(
    fc.oneof(
      record.map((r) => JSON.stringify(r)),
      fc.constantFrom('', '   ', '\t', '\u3000', '{"a":"药 → ✓ 😀"}', '{"a":', '\uFEFF{"b":1}', 'not json'),
    ),
    { maxLength: 12 },
  )
  .chain((lines) =>
    fc.tuple(
      fc.constant(lines),
      fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }),
      fc.constantFrom(0, 1, 2),
      fc.boolean(),
      fc.array(fc.constantFrom(0xff, 0xc3, 0xe2, 0x82, 0xf0), { maxLength: 2 }),
    ),
  )
  .map(([lines, crlf, boms, finalNewline, junk]) => {
    const text = lines
      .map((l, i) => `${l}${i < lines.length - 1 || finalNewline ? (crlf[i] ? '\r\n' : '\n') : ''}`)
      .join('');
    const body = new TextEncoder().encode(text);
    // Invalid bytes spliced in the middle of the text.
    const at = Math.floor(body.length / 2);
    return Uint8Array.from([
      ...Array.from({ length: boms }, () => BOM).flat(),
      ...body.slice(0, at),
      ...junk,
      ...body.slice(at),
    ]);
  });

describe('NDJSON blocks for the workers', () => {
  it('give the records readRecords gives (in 64 KB blocks) whatever the chunks and the block size', async () => {
    await fc.assert(
      fc.asyncProperty(
        ndjsonBytes,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 200 }),
        async (bytes, cuts, blockBytes) => {
          const chunks = split(bytes, cuts);
          const expected = await viaRecords(chunks);
          expect(await viaBlocks(chunks, blockBytes)).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it('cut at line ends, each block about the size asked for', async () => {
    const line = `${JSON.stringify({ a: 'x'.repeat(90) })}\n`; // 101 bytes
    const bytes = new TextEncoder().encode(line.repeat(100));
    const got: Uint8Array[] = [];
    // Chunks of 250 bytes, as a pipe might give them.
    const chunks = split(
      bytes,
      Array.from({ length: 40 }, (_, i) => 250 * (i + 1)),
    );
    for await (const block of ndjsonBlocks(streamOf(chunks), 1000)) {
      got.push(block.bytes);
      expect(block.bytes[block.bytes.length - 1]).toBe(10);
      expect(block.tooLong).toEqual([]);
    }
    expect(got.reduce((n, b) => n + b.length, 0)).toBe(bytes.length);
    // A block closes once a chunk brings it to 1000 bytes of whole lines or more.
    for (const b of got.slice(0, -1)) {
      expect(b.length).toBeGreaterThanOrEqual(1000);
      expect(b.length).toBeLessThan(1000 + 250 + 101);
    }
    expect(got.length).toBeGreaterThan(3);
  });

  it('a JSON array: a record too long is reported once, and no phantom empty element follows it (issue 35)', async () => {
    const enc = new TextEncoder();
    const ok = '{"a":1}';
    for (const long of [
      `{"a":"${'x'.repeat(MAX_RECORD_CHARS + 10)}","b":[1,2]}`,
      `"${'y'.repeat(MAX_RECORD_CHARS + 10)}"`,
    ]) {
      for (const last of [`,\n${ok}]`, ']']) {
        const bytes = enc.encode(`[${ok},\n${long}${last}`);
        // Cut where the record is found too long as it arrives, or whole in one chunk.
        for (const cuts of [[5, 70_000, 1_000_000, 1_000_020], [5]]) {
          const records = await viaRecords(split(bytes, cuts));
          expect(records.map((r) => ({ ...r, text: r.text.slice(0, 20) }))).toEqual([
            { line: 1, text: ok },
            { line: 2, text: '', tooLong: true },
            ...(last === ']' ? [] : [{ line: 3, text: ok }]),
          ]);
        }
      }
    }
  });

  it('report a line longer than the limit as too long, not parsed, and go on with the next line', async () => {
    const enc = new TextEncoder();
    const ok = '{"a":1}';
    // 1.5 million characters: found by the worker. 3.2 million: never held by the main thread.
    for (const size of [MAX_RECORD_CHARS + 1, 1_500_000, 3_200_000]) {
      const long = `{"a":"${'x'.repeat(size)}"}`;
      const bytes = enc.encode(`${ok}\n${long}\n${ok}\r\n\n${ok}`);
      const chunks = split(bytes, [10, 70_000, 1_000_000, 1_000_007, 3_000_100]);
      const expected: RawRecord[] = [
        { line: 1, text: ok },
        { line: 2, text: '', tooLong: true },
        { line: 3, text: ok },
        { line: 5, text: ok },
      ];
      expect(await viaRecords(chunks)).toEqual(expected);
      expect(await viaBlocks(chunks, 64 * 1024)).toEqual(expected);
    }
    // Still too long when the input ends inside it.
    const cutOff = enc.encode(`${ok}\n{"a":"${'y'.repeat(3_100_000)}`);
    const expected: RawRecord[] = [
      { line: 1, text: ok },
      { line: 2, text: '', tooLong: true },
    ];
    expect(await viaRecords(split(cutOff, [65_536]))).toEqual(expected);
    expect(await viaBlocks(split(cutOff, [65_536]), 64 * 1024)).toEqual(expected);
  });

  it('sniffInput tells a JSON array from NDJSON and gives every chunk back', async () => {
    const cases: [string[], boolean][] = [
      [['', '  \n', ' [ {"a":1} ]'], true],
      [['\uFEFF', '[]'], true],
      [['{"a":1}\n['], false],
      [['  ', '\n'], false],
      [[], false],
    ];
    for (const [parts, array] of cases) {
      const sniffed = await sniffInput(streamOf(parts.map((p) => new TextEncoder().encode(p))));
      expect(sniffed.array).toBe(array);
      const back: string[] = [];
      for await (const c of sniffed.chunks)
        back.push(typeof c === 'string' ? c : new TextDecoder('utf-8', { ignoreBOM: true }).decode(c));
      expect(back.join('')).toBe(parts.join(''));
    }
    // Left early, it closes the source.
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield new TextEncoder().encode('{"a":1}\n');
      } finally {
        closed = true;
      }
    }
    const sniffed = await sniffInput(endless());
    for await (const _ of sniffed.chunks) break;
    expect(closed).toBe(true);
  });
});

describe('planBatch', () => {
  it('gives the plans of a batch joined by the format separator, encoded, past the size of its first buffer', async () => {
    const { planBatch, planRecord, recycleBuffer } = await import('../../src/cli/plan-record.js');
    const { createPlanner, defaultRuleSet } = await import('../../src/index.js');
    const { readFileSync } = await import('node:fs');
    const examples = JSON.parse(
      readFileSync(new URL('../../examples/purchases.json', import.meta.url), 'utf8'),
    ) as unknown[];
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    // 1,000 records of about 2 KB of JSON each: more than the 1 MB the first buffer holds.
    const records = Array.from({ length: 1000 }, (_, i) => ({
      line: i + 1,
      text: i === 5 ? '{' : JSON.stringify(examples[i % examples.length]),
    }));
    const asOf = '2026-01-01T00:00:00Z';
    const batch = await planBatch(planner, records, 'json', asOf);
    const outs: string[] = [];
    for (const r of records) {
      const one = await planRecord(planner, r, 'json', asOf);
      if (one.out !== undefined) outs.push(one.out);
    }
    expect(batch.records).toBe(1000);
    expect(batch.plans).toBe(999);
    expect(batch.errors.map((e) => e.line)).toEqual([6]);
    expect(batch.bytes.length).toBeGreaterThan(1 << 20);
    expect(new TextDecoder().decode(batch.bytes)).toBe(outs.join(',\n'));
    // Until its buffer is handed back, a batch's bytes are its own: the next batch gets another buffer.
    const again = await planBatch(planner, records.slice(0, 3), 'ndjson', asOf);
    expect(again.bytes.buffer).not.toBe(batch.bytes.buffer);
    expect(new TextDecoder().decode(again.bytes).split('\n').filter(Boolean)).toHaveLength(3);
    expect(new TextDecoder().decode(batch.bytes)).toBe(outs.join(',\n'));
    // Handed back, the buffer is filled again by a later batch, from its start.
    recycleBuffer(batch.bytes.buffer);
    const third = await planBatch(planner, records.slice(10, 12), 'ndjson', asOf);
    expect(third.bytes.buffer).toBe(batch.bytes.buffer);
    expect(third.bytes.byteOffset).toBe(0);
    const expected = (await Promise.all(records.slice(10, 12).map((r) => planRecord(planner, r, 'ndjson', asOf))))
      .map((o) => o.out)
      .join('');
    expect(new TextDecoder().decode(third.bytes)).toBe(expected);
  });
});

describe('a batch in parts', () => {
  const asOf = '2026-01-01T00:00:00Z';
  const setup = async () => {
    const { planBatch, planRecord } = await import('../../src/cli/plan-record.js');
    const { createPlanner, defaultRuleSet, validateRuleSet } = await import('../../src/index.js');
    const { readFileSync } = await import('node:fs');
    const examples = JSON.parse(
      readFileSync(new URL('../../examples/purchases.json', import.meta.url), 'utf8'),
    ) as unknown[];
    const checked = validateRuleSet(defaultRuleSet);
    if (!checked.ok) throw new Error('default rules invalid');
    const planner = createPlanner({ ruleSet: checked.ruleSet });
    // 60 records, the 8th and 31st invalid.
    const records: RawRecord[] = Array.from({ length: 60 }, (_, i) => ({
      line: i + 1,
      text: i === 7 || i === 30 ? '{' : JSON.stringify(examples[i % examples.length]),
    }));
    const each = await Promise.all(records.map((r) => planRecord(planner, r, 'json', asOf)));
    return { planBatch, planner, ruleSet: checked.ruleSet, records, each };
  };

  it("sends a part each time the bytes asked for are full, at a plan's end, and the same output in all", async () => {
    const { planBatch, planner, records, each } = await setup();
    const sizes = each.map((o) => new TextEncoder().encode(o.out ?? '').length);
    const summary = (part: {
      records: number;
      plans: number;
      bytes: Uint8Array;
      errors: readonly { line: number }[];
    }) => ({
      records: part.records,
      plans: part.plans,
      text: new TextDecoder().decode(part.bytes),
      errors: part.errors.map((e) => e.line),
      size: part.bytes.length,
    });
    const parts: ReturnType<typeof summary>[] = [];
    const bytes = 10_000;
    const last = await planBatch(planner, records, 'json', asOf, {
      bytes,
      send: async (part) => {
        parts.push(summary(part));
      },
    });
    parts.push(summary(last));
    // Each part but the last is full, and was not yet full before its last plan (plus the separator) was added.
    expect(parts.length).toBeGreaterThan(3);
    let record = 0;
    for (const [k, part] of parts.entries()) {
      record += part.records;
      const lastPlan = sizes[record - 1] as number;
      if (k < parts.length - 1) {
        expect(part.size).toBeGreaterThanOrEqual(bytes);
        expect(part.size - lastPlan - 2).toBeLessThan(bytes);
      } else expect(part.size).toBeLessThan(bytes);
    }
    expect(record).toBe(60);
    expect(parts.reduce((n, p) => n + p.plans, 0)).toBe(58);
    expect(parts.flatMap((p) => p.errors)).toEqual([8, 31]);
    // Joined as the command joins batches (the separator between parts with plans), the output is unchanged.
    const withPlans = parts.filter((p) => p.plans > 0).map((p) => p.text);
    expect(withPlans.join(',\n')).toBe(
      each
        .filter((o) => o.out !== undefined)
        .map((o) => o.out)
        .join(',\n'),
    );
    const whole = await planBatch(planner, records, 'json', asOf);
    expect(new TextDecoder().decode(whole.bytes)).toBe(withPlans.join(',\n'));
  });

  it('a worker stops once it has as many parts out as its credits, and goes on as each comes back', async () => {
    const { servePlanWorker } = await import('../../src/cli/plan-workers.js');
    const { MessageChannel } = await import('node:worker_threads');
    const { ruleSet, records, each } = await setup();
    const channel = new MessageChannel();
    const answers: { batch: number; result: { bytes: Uint8Array; records: number }; last: boolean; text: string }[] =
      [];
    let arrived: (() => void) | undefined;
    channel.port1.on('message', (answer) => {
      // Read now: handing the buffer back detaches these bytes.
      answers.push({ ...answer, text: new TextDecoder().decode(answer.result.bytes) });
      arrived?.();
    });
    const settle = async (): Promise<void> => {
      // Until nothing more arrives for a while: the worker is waiting.
      for (;;) {
        const more = await Promise.race([
          new Promise<boolean>((resolve) => (arrived = () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
        ]);
        if (!more) return;
      }
    };
    try {
      await servePlanWorker(channel.port2, { ruleSet, format: 'json', asOf, partBytes: 10_000, credits: 2 });
      channel.port1.postMessage({ batch: 0, records: records.slice(0, 30) });
      channel.port1.postMessage({ batch: 1, records: records.slice(30) });
      await settle();
      expect(answers).toHaveLength(2);
      for (let given = 0; !answers.at(-1)?.last || answers.at(-1)?.batch !== 1; given++) {
        expect(answers.length).toBe(given + 2);
        const buffer = answers[given]?.result.bytes.buffer as ArrayBuffer;
        channel.port1.postMessage({ recycle: buffer }, [buffer]);
        await settle();
      }
      // Batch 0's parts, then batch 1's, ending each with its last; every record planned once.
      expect(answers.map((a) => a.batch)).toEqual([...answers.map((a) => a.batch)].sort());
      expect(answers.filter((a) => a.last).map((a) => a.batch)).toEqual([0, 1]);
      expect(answers.reduce((n, a) => n + a.result.records, 0)).toBe(60);
      const text = answers
        .map((a) => a.text)
        .filter(Boolean)
        .join(',\n');
      expect(text).toBe(
        each
          .filter((o) => o.out !== undefined)
          .map((o) => o.out)
          .join(',\n'),
      );
    } finally {
      channel.port1.close();
    }
  }, 20_000);
});

describe('runPlanCommand', () => {
  it('reuses an output buffer only after the stream is done with it, however slowly it writes', async () => {
    const { runPlanCommand } = await import('../../src/cli/plan-command.js');
    const { defaultRuleSet, validateRuleSet } = await import('../../src/index.js');
    const { Writable } = await import('node:stream');
    const checked = validateRuleSet(defaultRuleSet);
    if (!checked.ok) throw new Error('default rules invalid');
    const run = async (delayMs: number): Promise<string> => {
      const chunks: Buffer[] = [];
      // Reads each chunk only when it finishes writing it, as a file or socket does.
      const stdout = new Writable({
        highWaterMark: 1,
        write(chunk: Buffer, _encoding, done) {
          setTimeout(() => {
            chunks.push(Buffer.from(chunk));
            done();
          }, delayMs);
        },
      });
      const stderr = new Writable({ write: (_c, _e, done) => done() });
      const code = await runPlanCommand(
        {
          ruleSet: checked.ruleSet,
          input: 'examples/purchases.ndjson',
          stdin: process.stdin,
          format: 'ndjson',
          asOf: '2026-03-01T00:00:00+08:00',
          workers: 0,
          bom: false,
          progress: false,
          stdout,
          stderr,
        },
        new URL('../../src/cli/main.ts', import.meta.url),
      );
      expect(code).toBe(0);
      return Buffer.concat(chunks).toString('utf8');
    };
    const slow = await run(5);
    const fast = await run(0);
    expect(slow.trim().split('\n').length).toBeGreaterThan(1);
    expect(slow).toBe(fast);
  });
});

describe("the workers' warm-up", () => {
  it('plans ordinary purchases that meet cadences, channel policy, windows and an escalation, warning only of the calendar', async () => {
    const { WARM_UP_INPUTS, WARM_UP_MAX_BYTES, warmUpBatches } = await import('../../src/cli/warm-up.js');
    const { createPlanner, defaultRuleSet } = await import('../../src/index.js');
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const plans = await Promise.all(WARM_UP_INPUTS.map((input) => planner.plan(input as PlanInput)));
    for (const plan of plans) {
      // Only that the September purchases' 120 days run past the 2026 holiday calendar (its statutory days kept).
      expect(
        plan.warnings.filter(
          (w) => !w.startsWith('calendar cn-public-holidays has published dates through 2026-12-31'),
        ),
      ).toEqual([]);
      expect(plan.touchpoints.length).toBeGreaterThanOrEqual(3);
    }
    const all = plans.flatMap((p) => [...p.touchpoints, ...p.suppressed.map((s) => s.candidate)]);
    expect(all.some((t) => t.kind === 'escalation')).toBe(true);
    expect(all.some((t) => t.kind === 'refill')).toBe(true);
    expect(all.some((t) => t.ruleIds.some((id) => id.startsWith('channel.')))).toBe(true);
    expect(all.some((t) => t.ruleIds.includes('cap.one-per-day'))).toBe(true);
    // Also the paths of a zone with DST, no phone on file, two incidents at once and a walk-in's child.
    expect(WARM_UP_INPUTS.map((i) => (i as { customer: { timeZone?: string } }).customer.timeZone)).toContain(
      'America/New_York',
    );
    // w4 has no phone: its escalation takes the no-phone channel policy; its two incidents, reported at the same
    // moment, share one contact (w2's two escalations are of one incident: that alone would not show this path).
    const w4 = [...(plans[3]?.touchpoints ?? []), ...(plans[3]?.suppressed.map((s) => s.candidate) ?? [])].filter(
      (t) => t.kind === 'escalation',
    );
    expect(w4.some((t) => t.ruleIds.includes('channel.escalation-no-phone'))).toBe(true);
    expect(w4.some((t) => t.purpose.includes('wrong-drug') && t.purpose.includes('complaint'))).toBe(true);
    // A few hundred small plans in batches of 20, as the worker runs them — all of them with the default rules: their
    // output stays under the bound that stops a warm-up of large plans early.
    const batches = warmUpBatches();
    expect(batches.flat()).toHaveLength(240);
    expect(Math.max(...batches.map((b) => b.length))).toBe(20);
    const { planBatch } = await import('../../src/cli/plan-record.js');
    let bytes = 0;
    for (const batch of batches) bytes += (await planBatch(planner, batch, 'ndjson', undefined)).bytes.byteLength;
    expect(bytes).toBeGreaterThan(1 << 20);
    expect(bytes).toBeLessThan(WARM_UP_MAX_BYTES);
  });
});

describe('plan --workers by default (issue 37: 200 records took 4.4 s with 2 workers, 3.0 s on the main thread)', () => {
  it('plans an input file under 1 MiB on the main thread, a larger one or standard input with one worker per core', async () => {
    expect(defaultWorkers(200 * 1024)).toBe(0);
    expect(defaultWorkers(SMALL_INPUT_BYTES - 1)).toBe(0);
    expect(defaultWorkers(SMALL_INPUT_BYTES)).toBe(availableParallelism());
    expect(defaultWorkers(undefined)).toBe(availableParallelism());
  });
});
