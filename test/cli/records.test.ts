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
