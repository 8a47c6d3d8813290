import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanationsSchema, plainExplanations } from '../src/worklist/parse.js';

// The worklist reads a data-only plan's explanations without zod when they are plain (the usual case) and asks the
// schema otherwise: the quick reading may accept only what the schema accepts, and should accept what plans hold.
describe("the worklist's quick reading of explanations", () => {
  // Mostly what plans hold, each part now and then something else: a wrong part is the rest's only fault.
  const valid = fc.oneof(fc.string({ maxLength: 5 }), fc.integer());
  const text = fc.oneof(
    { arbitrary: fc.string({ maxLength: 5 }), weight: 4 },
    fc.string({ minLength: 199, maxLength: 202 }),
  );
  const value = fc.oneof(
    { arbitrary: valid, weight: 6 },
    text,
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true),
    fc.array(fc.nat(), { maxLength: 1 }),
  );
  const params = fc.oneof(
    { arbitrary: fc.dictionary(text, value, { maxKeys: 3 }), weight: 8 },
    fc.dictionary(fc.string({ maxLength: 3 }), valid, { minKeys: 49, maxKeys: 52 }),
    fc.constantFrom(Object.create(null) as object, null, [], { [Symbol('s')]: 1 }, new Map()),
  );
  const explanation = fc.oneof(
    {
      arbitrary: fc.record(
        {
          code: fc.oneof({ arbitrary: text, weight: 6 }, fc.integer()),
          params,
          ruleId: fc.oneof({ arbitrary: text, weight: 3 }, fc.constantFrom(null, undefined, 7)),
        },
        { requiredKeys: ['code', 'params'] },
      ),
      weight: 8,
    },
    fc.constantFrom(null, 'x', { code: 'x' }),
  );

  it('accepts only what the schema accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: fc.array(explanation, { maxLength: 3 }), weight: 8 }, fc.constantFrom({}, 'x')),
        (v) => {
          if (plainExplanations(v)) expect(explanationsSchema.safeParse(v).success).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('accepts what plans hold, and says no to what is not there', () => {
    expect(
      plainExplanations([{ code: 'due.regular', params: { days: 7, drug: 'LORA-10' }, ruleId: 'cadence.regular-7d' }]),
    ).toBe(true);
    expect(
      plainExplanations([{ code: 'due.regular', params: Object.assign(Object.create(null) as object, { days: 7 }) }]),
    ).toBe(true);
    expect(plainExplanations([{ code: 'due.regular', params: { days: Number.POSITIVE_INFINITY } }])).toBe(false);
    expect(plainExplanations([{ code: 7, params: {} }])).toBe(false);
    expect(plainExplanations([{ code: 'x' }])).toBe(false);
    expect(plainExplanations(Array.from({ length: 1_001 }, () => ({ code: 'x', params: {} })))).toBe(false);
  });
});
