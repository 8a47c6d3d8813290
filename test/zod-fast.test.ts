/**
 * `fastReader` (src/_lib/zod-fast.ts) against zod on kinds of schema the input schemas do not use — defaults,
 * strict and loose objects, formats, coercion, catch, async refinements, transforms that report a problem — and the
 * claim that makes it worth having: every node of the input schemas is read without zod's result objects.
 * Whatever it accepts, zod accepts with the identical result (values, keys, key order); anything else it declines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastReader, nodesLeftToZod } from '../src/_lib/zod-fast.js';
import { createPlanner, defaultRuleSet, PlanInputSchema, ReplanInputSchema } from '../src/index.js';
import { arbPlanInput } from '../src/testing/index.js';
import { planSchema } from '../src/worklist/parse.js';
import { arbMutation, mutate } from './mutate.js';

const SEED = Number(process.env['RX_SEED'] ?? 4242);

const keyOrder = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap((v, i) => keyOrder(v).map((k) => `${i}.${k}`))
    : value !== null && typeof value === 'object' && !(value instanceof Date)
      ? Object.keys(value).flatMap((k) => [
          k,
          ...keyOrder((value as Record<string, unknown>)[k]).map((s) => `${k}.${s}`),
        ])
      : [];

/** What the fast reading gives, checked against zod's parse of the same value. */
function agreeing(schema: z.ZodType, value: unknown): unknown {
  const fast = fastReader(schema)(value);
  const zod = schema.safeParse(value);
  if (fast !== undefined) {
    expect(zod.success, `accepted what zod refuses: ${JSON.stringify(zod.error?.issues)}`).toBe(true);
    expect(fast).toStrictEqual(zod.data);
    expect(keyOrder(fast)).toEqual(keyOrder(zod.data));
  }
  return fast;
}

/** A value for one field: mostly from `good`, sometimes from the usual suspects. */
const field = (...good: unknown[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...good) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(undefined, null, '', 'abcd', 0, -1, 2.5, NaN, Infinity, true, [], {}),
    },
  );
/** An object of those fields, each present or not, with an unknown key now and then. */
const record = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ ...fields, extra: fc.constant('x') }, { requiredKeys: [] });

const SCHEMAS: { name: string; schema: z.ZodType; values: fc.Arbitrary<unknown>; readHere: boolean }[] = [
  {
    name: 'plain object with optional, nullable and nullish fields',
    schema: z.object({
      a: z.string().min(1).max(3),
      b: z.number().int().positive().max(10).optional(),
      c: z.boolean().nullable(),
      d: z.enum(['x', 'y']).nullish(),
      e: z.literal('a').optional(),
    }),
    values: record({
      a: field('a', 'abc'),
      b: field(1, 10, 11, undefined),
      c: field(true, false, null),
      d: field('x', 'y', 'z', null, undefined),
      e: field('a', 'b'),
    }),
    readHere: true,
  },
  {
    name: 'union, array bounds and a refinement',
    schema: z.object({
      u: z.union([z.number().nonnegative(), z.object({ x: z.string() })]),
      list: z
        .array(z.string().max(2))
        .min(1)
        .max(2)
        .refine((l) => l[0] !== 'no'),
    }),
    values: record({
      u: fc.oneof(field(0, 3, -2), record({ x: field('s', 5) })),
      list: fc.oneof(field('a'), fc.array(field('a', 'bc', 'no', 'abc'), { maxLength: 3 })),
    }),
    readHere: true,
  },
  {
    name: 'a transform that reports a problem, a custom type, a refinement with a condition',
    schema: z
      .object({
        t: z.string().transform((v, ctx) => {
          if (v === 'no') ctx.addIssue({ code: 'custom', message: 'no' });
          return v.length;
        }),
        c: z.custom<string>((v) => typeof v === 'string' && v.length < 3).optional(),
      })
      .refine((o) => o.t !== 2, { when: (payload) => typeof payload.value === 'object' }),
    values: record({ t: field('a', 'ab', 'no', 5), c: field('a', 'abc', 3) }),
    readHere: true,
  },
  {
    name: 'transforms of the value alone, and one that reaches for its payload without naming it',
    schema: z.object({
      n: z
        .string()
        .nullish()
        .transform((v) => v ?? undefined)
        .optional(),
      l: z.string().transform((v) => v.length),
      // A one-parameter function that reports through `arguments` (read here, it throws: a doubt, and zod decides).
      a: z
        .string()
        .transform(function (v: string) {
          // eslint-disable-next-line prefer-rest-params
          if (v === 'no') (arguments[1] as z.RefinementCtx).addIssue({ code: 'custom', message: 'no' });
          return v;
        })
        .optional(),
    }),
    values: record({ n: field('a', null, undefined, 1), l: field('ab', 3), a: field('a', 'no', 2) }),
    readHere: true,
  },
  {
    name: 'a required key whose schema takes undefined (absent is still a problem)',
    schema: z.object({ u: z.undefined(), c: z.custom((v) => v === undefined || v === 1) }),
    values: record({ u: field(undefined), c: field(undefined, 1) }),
    readHere: false,
  },
  {
    name: 'defaults and a catch',
    schema: z.object({
      a: z.string().default('d'),
      b: z.number().optional().default(1),
      c: z.number().catch(7),
      d: z.string().default('e').optional(),
    }),
    values: record({ a: field('s', 1), b: field(2, 'x'), c: field(3, 'x'), d: field('s', 1) }),
    readHere: false,
  },
  {
    name: 'strict and loose objects',
    schema: z.object({ s: z.strictObject({ a: z.string() }).optional(), l: z.looseObject({ a: z.string() }) }),
    values: record({ s: record({ a: field('s') }), l: record({ a: field('s') }) }),
    readHere: false,
  },
  {
    name: 'formats, multiples and coercion',
    schema: z.object({
      mail: z.email().optional(),
      even: z.number().multipleOf(2).optional(),
      n: z.coerce.number().optional(),
      r: z.string().regex(/^a+$/).optional(),
    }),
    values: record({ mail: field('a@b.cn', 'a@b'), even: field(2, 3), n: field(1, '2', 'x'), r: field('aa', 'ab') }),
    readHere: false,
  },
];

describe('fastReader', () => {
  it('reads every node of the input schemas itself: none is left to zod', () => {
    expect(nodesLeftToZod(PlanInputSchema)).toEqual([]);
    expect(nodesLeftToZod(ReplanInputSchema)).toEqual([]);
    expect(nodesLeftToZod(planSchema)).toEqual([]);
  });

  it("reads a worklist's plans as zod does: every generated plan taken, mutants never taken where zod refuses", async () => {
    const texts = createPlanner({ ruleSet: defaultRuleSet });
    const data = createPlanner({ ruleSet: defaultRuleSet, reasons: 'data' });
    const inputs = fc.sample(arbPlanInput({ history: true }), { numRuns: 150, seed: SEED });
    const plans: unknown[] = [];
    for (const input of inputs)
      for (const planner of [texts, data]) plans.push(JSON.parse(JSON.stringify(await planner.plan(input))));
    expect(plans.length).toBeGreaterThan(250);
    for (const plan of plans) expect(agreeing(planSchema, plan)).toBeDefined();
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...plans), arbMutation, (plan, m) => {
        const mutant = mutate(plan, m.pick, m.action, m.junk);
        agreeing(planSchema, mutant);
        if (!planSchema.safeParse(mutant).success) refused++;
      }),
      { numRuns: 1500, seed: SEED },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('names the nodes it leaves to zod, by path', () => {
    const schema = z.object({ a: z.string().default('d'), b: z.array(z.number().multipleOf(2)), c: z.email() });
    expect(nodesLeftToZod(schema)).toEqual(['.a: default', '.b[]: number', '.c: string']);
  });

  for (const { name, schema, values, readHere } of SCHEMAS) {
    it(`agrees with zod: ${name}`, () => {
      let taken = 0;
      let valid = 0;
      fc.assert(
        fc.property(values, (value) => {
          if (agreeing(schema, value) !== undefined) taken++;
          if (schema.safeParse(value).success) valid++;
        }),
        { numRuns: 2000, seed: SEED },
      );
      // A schema read here takes every valid value; one left (in part) to zod still takes them, through zod.
      expect(valid).toBeGreaterThan(20);
      if (readHere) expect(taken).toBe(valid);
    });
  }

  it('declines an asynchronous refinement or transform (zod would need parseAsync)', () => {
    const refined = z.object({ a: z.string() }).refine(async () => true);
    const transformed = z.string().transform(async (v) => v);
    expect(fastReader(refined)({ a: 'x' })).toBeUndefined();
    expect(fastReader(transformed)('x')).toBeUndefined();
  });

  it('declines a value that throws while read, and keeps a key present with undefined as zod does', () => {
    const schema = z.object({ a: z.string().optional(), b: z.string().nullish() });
    const throwing = Object.defineProperty({}, 'a', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(fastReader(schema)(throwing)).toBeUndefined();
    expect(Object.keys(agreeing(schema, { a: undefined, b: null }) as object)).toEqual(['a', 'b']);
    expect(Object.keys(agreeing(schema, {}) as object)).toEqual([]);
  });
});
