/**
 * The hand-written input check against the zod schema it stands in for: whatever it accepts, zod accepts with
 * the identical result (same values, same keys in the same order); valid inputs take it; anything else is left
 * to zod. Mutations aim at every node of generated inputs, with values on either side of every bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, parsePlanInput, PlanInputSchema, ReplanInputSchema, type PlanInput } from '../src/index.js';
import { fastParsePlanInput } from '../src/schema/parse-input.js';
import { fastParseReplanInput } from '../src/schema/replan-input.js';
import { arbPlanInput } from '../src/testing/index.js';
import { baseInput, withPatch } from './helpers.js';
import { mutate } from './mutate.js';

const SEED = Number(process.env['RX_SEED'] ?? 4242);
const RUNS = Number(process.env['RX_FAST_INPUT_RUNS'] ?? 3000);

/** Every key of every object, in order, as paths: two parses agree on key order when these agree. */
function keyPaths(value: unknown, at = '$', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => keyPaths(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push(`${at}.${key}`);
      keyPaths((value as Record<string, unknown>)[key], `${at}.${key}`, out);
    }
  }
  return out;
}

/** The fast check may decline anything; what it accepts must be exactly zod's result (same values, same key order). */
const agreement =
  (
    schema: { safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: unknown } } },
    fast: (input: unknown) => unknown,
  ) =>
  (input: unknown): { fast: boolean; zod: boolean } => {
    const zod = schema.safeParse(input);
    const taken = fast(input);
    if (taken !== undefined) {
      expect(zod.success, `the fast check accepted what zod refuses: ${JSON.stringify(zod.error?.issues)}`).toBe(true);
      expect(taken).toStrictEqual(zod.data);
      expect(keyPaths(taken)).toEqual(keyPaths(zod.data));
    }
    return { fast: taken !== undefined, zod: zod.success };
  };
const agrees = agreement(PlanInputSchema, fastParsePlanInput);
const agreesReplan = agreement(ReplanInputSchema, fastParseReplanInput);

/** A plan input with a history as a replan input: its purchase joins the history, asOf after everything. */
function asReplan(input: PlanInput): unknown {
  const history = input.history ?? {};
  return {
    customer: input.customer,
    history: {
      ...history,
      purchases: [...(history.purchases ?? []), { purchase: input.purchase, courses: input.courses }],
    },
    asOf: '2100-01-01T00:00:00Z',
  };
}

const bounds = fc.constantFrom<unknown>(
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  0,
  1e-300,
  0.5,
  1,
  -1,
  24,
  365,
  366,
  3660,
  3661,
  100_000,
  100_001,
  1_000_000,
  1_000_001,
  'x'.repeat(50),
  'x'.repeat(51),
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(500),
  'x'.repeat(501),
  '',
  ' ',
  'MON',
  'SUN',
  'mon',
  '00:00',
  '24:00',
  '24:01',
  '09:00',
  '9:00',
  'loyal',
  'walk-in',
  'child',
  'complaint',
  'high',
  'UTC',
  'Asia/Shanghai',
  'Asia/Beijing',
  '+08:00',
  '2026-03-05',
  '2026-02-29',
  '2026-03-05T10:00:00+08:00',
  '2026-03-05T10:00:00',
  '2020-01-01T00:00:00Z',
  '2026-03-05T10:00:00+19:00',
  true,
  false,
  [],
  {},
  [1],
  Object.create(null) as object,
  new Date('2026-03-05T02:00:00Z'),
  new Date(Number.NaN),
  new Date(Date.UTC(10_000, 0, 1)),
  13_800_001_001,
  1.5e10,
);

const arbMutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
  junk: fc.oneof(bounds, fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 1 })),
});

describe('fastParsePlanInput against PlanInputSchema', () => {
  it('takes every generated valid input, with zod’s exact result', () => {
    fc.assert(
      fc.property(arbPlanInput(), (input) => {
        expect(agrees(input)).toEqual({ fast: true, zod: true });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it('takes every generated input with a history too, with zod’s exact result, and refuses what zod refuses in it', () => {
    let declinedValid = 0;
    fc.assert(
      fc.property(arbPlanInput({ history: true }), arbMutation, (input, m) => {
        expect(agrees(input)).toEqual({ fast: true, zod: true });
        // Mutations land anywhere in the input, the history included.
        const r = agrees(mutate(input, m.pick, m.action, m.junk));
        if (r.zod && !r.fast) declinedValid++;
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
    expect(declinedValid).toBeLessThan(RUNS / 10);
  }, 300_000);

  it('never accepts what zod refuses, and never differs from zod, under one or two mutations', () => {
    let declinedValid = 0;
    let accepted = 0;
    fc.assert(
      fc.property(arbPlanInput(), arbMutation, fc.option(arbMutation, { nil: undefined }), (input, m1, m2) => {
        let x = mutate(input, m1.pick, m1.action, m1.junk);
        if (m2) x = mutate(x, m2.pick, m2.action, m2.junk);
        const r = agrees(x);
        if (r.fast) accepted++;
        if (r.zod && !r.fast) declinedValid++;
      }),
      { numRuns: RUNS * 3, seed: SEED + 1 },
    );
    // Both sides are exercised: many mutants stay valid (unknown keys, optional fields), many do not.
    expect(accepted).toBeGreaterThan(RUNS / 10);
    expect(accepted).toBeLessThan(RUNS * 3);
    // Declining a valid input is allowed (zod then parses it) but should be rare: only odd objects.
    expect(declinedValid).toBeLessThan(RUNS / 10);
  }, 300_000);

  it('replan inputs: takes every generated one with zod’s exact result, and never accepts what zod refuses', () => {
    let declinedValid = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbPlanInput({ history: true }), arbMutation, (input, m) => {
        const replan = asReplan(input);
        expect(agreesReplan(replan)).toEqual({ fast: true, zod: true });
        const r = agreesReplan(mutate(replan, m.pick, m.action, m.junk));
        if (r.zod && !r.fast) declinedValid++;
        if (!r.zod) refused++;
      }),
      { numRuns: RUNS, seed: SEED + 3 },
    );
    expect(declinedValid).toBeLessThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  it.each<[string, string, unknown, boolean]>([
    ['a 200-character id', 'purchase.id', 'c'.repeat(200), true],
    ['a 201-character id', 'purchase.id', 'c'.repeat(201), false],
    ['an empty drug code', 'purchase.items[0].drugCode', '', false],
    // 24 units a pack, 3 a day: 8 days a pack; at most 3,660 days of supply.
    ['quantity 457 (3,656 days of supply)', 'purchase.items[0].quantity', 457, true],
    ['quantity 458 (3,664 days of supply)', 'purchase.items[0].quantity', 458, false],
    ['quantity 100,000 (800,000 days of supply)', 'purchase.items[0].quantity', 100_000, false],
    ['quantity 100,001', 'purchase.items[0].quantity', 100_001, false],
    ['a fractional quantity', 'purchase.items[0].quantity', 1.5, false],
    ['quantity NaN', 'purchase.items[0].quantity', Number.NaN, false],
    ['unitsPerPack 0', 'courses[0].unitsPerPack', 0, false],
    ['a tiny dose (an endless supply)', 'courses[0].dosePerDay', 1e-300, false],
    [
      'a tiny dose with courseDays',
      'courses[0]',
      { drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 1e-300, courseDays: 30 },
      true,
    ],
    ['dose Infinity', 'courses[0].dosePerDay', Number.POSITIVE_INFINITY, false],
    ['amount 0', 'purchase.amount', 0, true],
    ['amount 100,000,000', 'purchase.amount', 100_000_000, true],
    ['amount 100,000,000.01', 'purchase.amount', 100_000_000.01, false],
    ['a negative amount', 'purchase.amount', -0.01, false],
    ['amount NaN', 'purchase.amount', Number.NaN, false],
    ['an amount as text', 'purchase.amount', '86.50', false],
    ['a null amount (none)', 'purchase.amount', null, true],
    ['onset day 0', 'courses[0].onsetDays', 0, true],
    ['onset day -0', 'courses[0].onsetDays', -0, true],
    ['onset day 366', 'courses[0].onsetDays', 366, false],
    ['courseDays 3660', 'courses[0].courseDays', 3660, true],
    ['a present but undefined optional key', 'customer.timeZone', undefined, true],
    ['an unknown zone', 'customer.timeZone', 'Asia/Beijing', false],
    ['a naive purchase time', 'purchase.purchasedAt', '2026-03-05T10:00:00', false],
    ['29 February 2026', 'customer.birthDate', '2026-02-29', false],
    ['a window ending at 24:00', 'customer.preferredWindows', [{ days: ['MON'], from: '18:00', to: '24:00' }], true],
    [
      'a window ending when it starts',
      'customer.preferredWindows',
      [{ days: ['MON'], from: '18:00', to: '18:00' }],
      false,
    ],
    ['a window with no days', 'customer.preferredWindows', [{ days: [], from: '09:00', to: '10:00' }], false],
    ['a sparse tag list', 'customer.tags', [, 'a'], false], // eslint-disable-line no-sparse-arrays
    [
      'an incident before the purchase',
      'purchase.incidents',
      [{ type: 'complaint', reportedAt: '2026-03-05T09:59:00+08:00' }],
      false,
    ],
    [
      'an incident at the purchase',
      'purchase.incidents',
      [{ type: 'complaint', reportedAt: '2026-03-05T10:00:00+08:00' }],
      true,
    ],
    ['a purchase by someone else', 'purchase.customerId', 'C2', false],
    ['a second course for the drug', 'courses[1]', { drugCode: 'AMOX', unitsPerPack: 1, dosePerDay: 1 }, false],
    ['an array as the contact', 'customer.contact', [], false],
    [
      'a null-prototype contact',
      'customer.contact',
      Object.assign(Object.create(null) as object, { phone: '1' }),
      true,
    ],
    ['an unknown field', 'customer.erp', { anything: 1 }, true],
    // As SQL exports write them: null for an absent optional field, Dates for instants, numeric phone columns.
    ['a null time zone', 'customer.timeZone', null, true],
    ['a null membership', 'customer.membership', null, true],
    ['a null occupation', 'customer.occupation', null, true],
    ['a null phone', 'customer.contact.phone', null, true],
    ['a null consent', 'customer.contact.sms', null, true],
    ['null tags', 'customer.tags', null, true],
    ['null preferred windows', 'customer.preferredWindows', null, true],
    ['a null store', 'purchase.storeId', null, true],
    ['null incidents', 'purchase.incidents', null, true],
    [
      'a null severity',
      'purchase.incidents',
      [{ type: 'complaint', reportedAt: '2026-03-05T11:00:00+08:00', severity: null, note: null }],
      true,
    ],
    ['null courseDays', 'courses[0].courseDays', null, true],
    ['a null course name', 'courses[0].name', null, true],
    ['a null asOf', 'asOf', null, true],
    ['null inside a tag list', 'customer.tags', [null], false],
    ['a null contact (required)', 'customer.contact', null, false],
    ['a null purchase time (required)', 'purchase.purchasedAt', null, false],
    ['a Date purchase time', 'purchase.purchasedAt', new Date('2026-03-05T02:00:00Z'), true],
    ['a Date asOf', 'asOf', new Date('2026-03-06T00:00:00Z'), true],
    ['a Date registration', 'customer.membership.registeredAt', new Date('2020-01-01T02:00:00Z'), true],
    ['an invalid Date', 'purchase.purchasedAt', new Date(Number.NaN), false],
    ['a Date in the year 10000', 'purchase.purchasedAt', new Date(Date.UTC(10_000, 0, 1)), false],
    ['a numeric phone', 'customer.contact.phone', 13_800_001_001, true],
    ['a fractional phone', 'customer.contact.phone', 1.5, false],
    ['a negative phone', 'customer.contact.phone', -1, false],
  ])('%s', (_name, path, value, valid) => {
    const input = withPatch(baseInput(), path, value);
    expect(agrees(input)).toEqual({ fast: valid, zod: valid });
    if (!valid) expect(() => parsePlanInput(input)).toThrow(InputError);
  });

  it('drops unknown keys and copies, so the caller’s object is never returned or changed', () => {
    const input = withPatch(baseInput(), 'customer.erp', 'x');
    const snapshot = structuredClone(input);
    const parsed = parsePlanInput(input);
    expect(parsed).not.toBe(input);
    expect(parsed.customer).not.toBe(input.customer);
    expect('erp' in parsed.customer).toBe(false);
    expect(input).toEqual(snapshot);
  });

  it('a throwing getter is zod’s to report, not a crash inside the fast check', () => {
    const input = baseInput() as unknown as Record<string, unknown>;
    Object.defineProperty(input, 'asOf', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    expect(fastParsePlanInput(input)).toBeUndefined();
  });
});

/** The zod schema under optional / nullable / pipe / array wrappers: an object schema's fields, or nothing. */
function objectShape(schema: unknown): Record<string, unknown> | undefined {
  let s = schema as { _zod: { def: Record<string, unknown> }; shape?: Record<string, unknown> };
  for (let i = 0; i < 10; i++) {
    if (s.shape) return s.shape;
    const def = s._zod.def;
    const next = def['innerType'] ?? def['in'] ?? def['element'];
    if (next === undefined) return undefined;
    s = next as typeof s;
  }
  return undefined;
}

describe('the fast check cannot drift from the schema', () => {
  // Every field the input schema names, optional ones included (a new schema field must be added here, and then
  // the fast check must copy it, or these tests fail).
  const complete = {
    customer: {
      id: 'C1',
      name: '王芳',
      timeZone: 'Asia/Shanghai',
      birthDate: '1980-02-03',
      occupation: '会计',
      membership: { tier: 'loyal', registeredAt: '2020-01-01T10:00:00+08:00' },
      tags: ['a'],
      contact: { phone: '1', sms: true, wechat: false, doNotCall: false, prefers: 'message' },
      preferredWindows: [{ days: ['MON'], from: '09:00', to: '10:00' }],
    },
    purchase: {
      id: 'P1',
      customerId: 'C1',
      storeId: 'S1',
      purchasedAt: '2026-03-05T10:00:00+08:00',
      for: 'child',
      kind: 'sale',
      amount: 86.5,
      items: [{ drugCode: 'AMOX', quantity: 2 }],
      incidents: [
        {
          type: 'complaint',
          reportedAt: '2026-03-05T11:00:00+08:00',
          severity: 'low',
          note: 'n',
          drugCode: 'AMOX',
          resolvedAt: '2026-03-06T11:00:00+08:00',
        },
      ],
    },
    courses: [
      {
        drugCode: 'AMOX',
        name: 'Amoxicillin',
        unitsPerPack: 24,
        dosePerDay: 3,
        courseDays: 7,
        chronic: false,
        pediatric: true,
        specialInstructions: false,
        onsetDays: 2,
        tags: ['t'],
      },
    ],
    asOf: '2026-03-05T10:00:00+08:00',
  };
  // An input with a history is zod's alone (the fast check defers to it): named here so the schema walk sees it.
  const history = {
    purchases: [
      {
        purchase: {
          id: 'P0',
          customerId: 'C1',
          storeId: 'S1',
          purchasedAt: '2026-02-05T10:00:00+08:00',
          for: 'self',
          kind: 'sale',
          amount: 0,
          items: [{ drugCode: 'AMOX', quantity: 1 }],
          incidents: complete.purchase.incidents.map((i) => ({
            ...i,
            reportedAt: '2026-02-06T10:00:00+08:00',
            resolvedAt: '2026-02-07T10:00:00+08:00',
          })),
        },
        courses: complete.courses,
      },
    ],
    contacts: [
      {
        id: 'tp_1',
        purchaseId: 'P0',
        kind: 'follow-up',
        channel: 'phone',
        urgency: 'routine',
        purpose: 'medication-check',
        due: '2026-02-08T10:00:00+08:00',
        window: { start: '2026-02-10T15:00:00+08:00', end: '2026-02-10T18:00:00+08:00' },
        ruleIds: ['cadence.loyal-3-2-3'],
        drugCodes: ['AMOX'],
        status: 'done',
        at: '2026-02-10T15:10:00+08:00',
        outcome: { stoppedMedication: false, adverseReaction: false, hospitalised: false, note: 'fine' },
      },
    ],
  };

  it('the complete input names every field of every object of the schema', () => {
    const missing: string[] = [];
    const walk = (schema: unknown, value: unknown, at: string): void => {
      const shape = objectShape(schema);
      if (shape === undefined) return;
      const sample = Array.isArray(value) ? value[0] : value;
      for (const [key, field] of Object.entries(shape)) {
        const v = (sample as Record<string, unknown> | undefined)?.[key];
        if (v === undefined) missing.push(`${at}.${key}`);
        else walk(field, v, `${at}.${key}`);
      }
    };
    walk(PlanInputSchema, { ...complete, history }, '$');
    expect(missing).toEqual([]);
  });

  it('the fast check takes an input with a complete history and copies every field of it, as zod does', () => {
    expect(agrees({ ...complete, history })).toEqual({ fast: true, zod: true });
    expect(keyPaths(fastParsePlanInput({ ...complete, history }))).toEqual(keyPaths({ ...complete, history }));
    expect(agrees({ ...complete, history: null })).toEqual({ fast: true, zod: true });
  });

  it('the fast replan check takes a complete history and copies every field of it, as zod does', () => {
    const replan = { customer: complete.customer, history, asOf: '2026-03-05T10:00:00+08:00' };
    expect(agreesReplan(replan)).toEqual({ fast: true, zod: true });
    expect(keyPaths(fastParseReplanInput(replan))).toEqual(keyPaths(replan));
  });

  it('the fast check takes it and copies every field, as zod does', () => {
    expect(agrees(complete)).toEqual({ fast: true, zod: true });
    expect(keyPaths(fastParsePlanInput(complete))).toEqual(keyPaths(complete));
  });
});
