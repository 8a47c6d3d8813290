import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../src/cli/records.js';

async function collect(chunks: string[]): Promise<{ line: number; text: string }[]> {
  async function* source() {
    for (const c of chunks) yield new TextEncoder().encode(c);
  }
  const out = [];
  for await (const r of readRecords(source())) out.push(r);
  return out;
}

/** Cuts `text` at the given positions. */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const record = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.string(), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), fc.constant('quote " and \\ and ] and } and , and \n')));

describe('readRecords', () => {
  it('splits a JSON array into its elements however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (records, cuts, pretty) => {
        const text = JSON.stringify(records, null, pretty ? 2 : undefined);
        const got = await collect(split(text, cuts));
        expect(got.map((r) => JSON.parse(r.text))).toEqual(records);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('splits NDJSON into lines however the stream is chunked, with line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), async (records, cuts) => {
        const text = `${records.map((r) => JSON.stringify(r)).join('\r\n')}\n\n`;
        const got = await collect(split(text, cuts));
        expect(got.map((r) => JSON.parse(r.text))).toEqual(records);
        expect(got.map((r) => r.line)).toEqual(records.map((_, i) => i + 1));
      }),
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

describe('planBatch', () => {
  it('gives the plans of a batch joined by the format separator, encoded, past the size of its first buffer', async () => {
    const { planBatch, planRecord } = await import('../../src/cli/plan-command.js');
    const { createPlanner, defaultRuleSet } = await import('../../src/index.js');
    const { readFileSync } = await import('node:fs');
    const examples = JSON.parse(readFileSync(new URL('../../examples/purchases.json', import.meta.url), 'utf8')) as unknown[];
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    // 1,000 records of about 2 KB of JSON each: more than the 1 MB the first buffer holds.
    const records = Array.from({ length: 1000 }, (_, i) => ({ line: i + 1, text: i === 5 ? '{' : JSON.stringify(examples[i % examples.length]) }));
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
    // The buffer is reused: a second batch gives its own bytes, and the first batch's stay as they were.
    const again = await planBatch(planner, records.slice(0, 3), 'ndjson', asOf);
    expect(new TextDecoder().decode(again.bytes).split('\n').filter(Boolean)).toHaveLength(3);
    expect(new TextDecoder().decode(batch.bytes)).toBe(outs.join(',\n'));
  });
});
