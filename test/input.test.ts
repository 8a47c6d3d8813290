import { describe, expect, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  parsePlanInput,
  RxFollowupError,
  type PlanInput,
} from '../src/index.js';
import { baseInput, everyDayWindow, ruleSetOf, withPatch, said } from './helpers.js';

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parsePlanInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(RxFollowupError);
    // What these tests hold to: the path and the English message (codes and params: issue-catalogue.test.ts).
    return (error as InputError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected an InputError');
}

describe('input as ERP databases export it', () => {
  const planner = createPlanner({ ruleSet: defaultRuleSet });

  it('null in every optional field means absent: the same plan as without the fields', async () => {
    const input = baseInput();
    const nulls = {
      ...input,
      asOf: null,
      customer: {
        ...input.customer,
        timeZone: null,
        birthDate: null,
        occupation: null,
        tags: null,
        preferredWindows: null,
        contact: { ...input.customer.contact, doNotCall: null },
      },
      purchase: { ...input.purchase, storeId: null, for: null, incidents: null },
      courses: [
        {
          ...input.courses[0],
          name: null,
          courseDays: null,
          chronic: null,
          pediatric: null,
          specialInstructions: null,
          onsetDays: null,
          tags: null,
        },
      ],
    } as PlanInput;
    const parsed = parsePlanInput(nulls);
    expect(parsed.customer.timeZone).toBeUndefined();
    expect(parsed.courses[0]?.courseDays).toBeUndefined();
    expect(await planner.plan(nulls)).toEqual(await planner.plan(input));
    // A walk-in: null membership, as a LEFT JOIN gives it.
    const walkIn = { ...input, customer: { ...input.customer, membership: null } };
    expect((await planner.plan(walkIn)).touchpoints.map((t) => t.ruleIds[0])).toEqual(['cadence.regular-7d']);
  });

  it('a Date is an instant: the plan is the same as with its ISO text, in the customer’s zone', async () => {
    const input = baseInput();
    const dated = {
      ...input,
      purchase: { ...input.purchase, purchasedAt: new Date('2026-03-05T02:00:00Z') },
      asOf: new Date('2026-03-05T02:00:00Z'),
    };
    const plan = await planner.plan(dated);
    expect(plan.touchpoints).toEqual((await planner.plan(input)).touchpoints);
    expect(plan.asOf).toBe('2026-03-05T10:00:00+08:00');
    expect(issuesOf({ ...input, purchase: { ...input.purchase, purchasedAt: new Date(Number.NaN) } })).toEqual([
      { path: 'purchase.purchasedAt', message: 'is an invalid Date' },
    ]);
  });

  it('a numeric phone is a phone number', async () => {
    const input = withPatch(baseInput(), 'customer.contact.phone', 13_800_001_001);
    expect(parsePlanInput(input).customer.contact.phone).toBe('13800001001');
    expect((await planner.plan(input)).touchpoints[0]?.channel).toBe('phone');
    expect(issuesOf(withPatch(baseInput(), 'customer.contact.phone', 1.5))).toEqual([
      { path: 'customer.contact.phone', message: 'must be a phone number: text, or a whole number' },
    ]);
  });
});

describe('keys that are not fields', () => {
  it("an export's other columns are ignored without a word; one that looks like a field is a warning that names it", async () => {
    const input = baseInput();
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const plain = await planner.plan(input);
    const extra = { ...input, erp_row_id: 17, customer: { ...input.customer, vip_level: 3 } } as PlanInput;
    expect(await planner.plan(extra)).toEqual(plain);
    // An accountant whose occupation is misspelt: the month-end blackout cannot hold, and the plan says why.
    const misspelt = {
      ...input,
      customer: { ...input.customer, occupaton: '会计', contact: { ...input.customer.contact, do_not_call: true } },
    };
    const plan = await planner.plan(misspelt as PlanInput);
    expect(plan.touchpoints).toEqual(plain.touchpoints);
    expect(plan.warnings).toEqual([
      'customer.contact.do_not_call is not an input field and was ignored: did you mean doNotCall?',
      'customer.occupaton is not an input field and was ignored: did you mean occupation?',
    ]);
    expect(plan.warningExplanations).toEqual([
      { code: 'warning.unknown-field', params: { path: 'customer.contact.do_not_call', field: 'doNotCall' } },
      { code: 'warning.unknown-field', params: { path: 'customer.occupaton', field: 'occupation' } },
    ]);
    const zh = await createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' }).plan(misspelt as PlanInput);
    expect(zh.warnings).toEqual([
      'customer.contact.do_not_call 不是输入字段，已被忽略：是否应为 doNotCall？',
      'customer.occupaton 不是输入字段，已被忽略：是否应为 occupation？',
    ]);
  });
});

describe('parsePlanInput', () => {
  it('accepts a valid input and drops unknown fields', () => {
    const input = { ...baseInput(), erpBatch: 17, customer: { ...baseInput().customer, loyaltyPoints: 1200 } };
    const parsed = parsePlanInput(input);
    expect(parsed.customer.id).toBe('C1');
    expect('loyaltyPoints' in parsed.customer).toBe(false);
    expect('erpBatch' in parsed).toBe(false);
  });

  it.each([
    ['a naive purchase time', 'purchase.purchasedAt', '2026-03-05T10:00:00', 'no UTC offset'],
    ['an impossible date', 'purchase.purchasedAt', '2026-02-30T10:00:00+08:00', 'does not exist'],
    ['a 25th hour', 'purchase.purchasedAt', '2026-03-05T25:00:00+08:00', 'out of range'],
    ['a date without time', 'purchase.purchasedAt', '2026-03-05', 'not an ISO-8601 date-time'],
    ['an unknown time zone', 'customer.timeZone', 'Asia/Atlantis', 'unknown IANA time zone'],
    ['an offset instead of a zone', 'customer.timeZone', '+08:00', 'unknown IANA time zone'],
    ['a zero quantity', 'purchase.items[0].quantity', 0, 'greater than 0'],
    ['a negative quantity', 'purchase.items[0].quantity', -1, 'greater than 0'],
    ['a fractional quantity', 'purchase.items[0].quantity', 1.5, 'whole number'],
    ['a quantity given as text', 'purchase.items[0].quantity', '2', 'must be a number'],
    ['empty items', 'purchase.items', [], 'at least one item'],
    ['an impossible birth date', 'customer.birthDate', '1990-02-29', 'does not exist'],
    ['an unknown tier', 'customer.membership.tier', 'gold', 'Invalid option'],
    ['a naive registration time', 'customer.membership.registeredAt', '2020-01-01 10:00', 'no UTC offset'],
    ['a naive asOf', 'asOf', '2026-03-06T09:00:00', 'no UTC offset'],
    [
      'a window that ends before it starts',
      'customer.preferredWindows',
      [{ days: ['MON'], from: '18:00', to: '09:00' }],
      'later than from',
    ],
    ['a zero dose', 'courses[0].dosePerDay', 0, 'greater than 0'],
  ])('rejects %s with its path', (_label, path, value, message) => {
    const issues = issuesOf(withPatch(baseInput(), path, value));
    const expectedPath = path === 'customer.preferredWindows' ? 'customer.preferredWindows[0].to' : path;
    expect(issues).toContainEqual({ path: expectedPath, message: expect.stringContaining(message) });
  });

  it('rejects a purchase made by another customer', () => {
    expect(issuesOf(withPatch(baseInput(), 'purchase.customerId', 'C2'))).toEqual([
      { path: 'purchase.customerId', message: '"C2" is not this customer ("C1")' },
    ]);
  });

  it('rejects an incident reported before the purchase', () => {
    const input = withPatch(baseInput(), 'purchase.incidents', [
      { type: 'complaint', reportedAt: '2026-03-04T10:00:00+08:00' },
    ]);
    expect(issuesOf(input)).toEqual([
      { path: 'purchase.incidents[0].reportedAt', message: 'is before purchase.purchasedAt' },
    ]);
  });

  it('rejects an incident about a drug the purchase does not hold, or resolved before it was reported', () => {
    const input = withPatch(baseInput(), 'purchase.incidents', [
      { type: 'wrong-drug', reportedAt: '2026-03-06T10:00:00+08:00', drugCode: 'IBU' },
      { type: 'complaint', reportedAt: '2026-03-06T10:00:00+08:00', resolvedAt: '2026-03-06T09:59:00+08:00' },
      {
        type: 'complaint',
        reportedAt: '2026-03-06T10:00:00+08:00',
        drugCode: 'AMOX',
        resolvedAt: '2026-03-06T10:00:00+08:00',
      },
    ]);
    expect(issuesOf(input)).toEqual([
      { path: 'purchase.incidents[0].drugCode', message: '"IBU" is not a drug of this purchase (AMOX)' },
      { path: 'purchase.incidents[1].resolvedAt', message: 'is before reportedAt' },
    ]);
    // null means absent, as everywhere.
    const nulls = withPatch(baseInput(), 'purchase.incidents', [
      { type: 'complaint', reportedAt: '2026-03-06T10:00:00+08:00', drugCode: null, resolvedAt: null },
    ]);
    expect(parsePlanInput(nulls).purchase.incidents?.[0]).toEqual({
      type: 'complaint',
      reportedAt: '2026-03-06T10:00:00+08:00',
      drugCode: undefined,
      resolvedAt: undefined,
    });
  });

  it('takes a consultation without items, and refuses one with items or a sale without', () => {
    const consultation = withPatch(
      withPatch(baseInput(), 'purchase.kind', 'consultation'),
      'purchase.items',
      undefined,
    );
    expect(parsePlanInput(consultation).purchase.kind).toBe('consultation');
    expect(parsePlanInput(withPatch(consultation, 'purchase.items', [])).purchase.items).toEqual([]);
    expect(issuesOf(withPatch(baseInput(), 'purchase.kind', 'consultation'))).toEqual([
      { path: 'purchase.items', message: 'a consultation lists no items' },
    ]);
    // A sale without items, reported with every other problem of the input.
    const noItems = withPatch(withPatch(baseInput(), 'purchase.items', undefined), 'customer.id', '');
    expect(issuesOf(noItems)).toEqual(
      expect.arrayContaining([
        { path: 'purchase.items', message: 'must list at least one item' },
        expect.objectContaining({ path: 'customer.id' }),
      ]),
    );
    expect(issuesOf(withPatch(baseInput(), 'purchase.kind', 'gift'))).toEqual([
      expect.objectContaining({ path: 'purchase.kind' }),
    ]);
  });

  it('lists every problem at once, not just the first', () => {
    let input = withPatch(baseInput(), 'purchase.items', [
      { drugCode: 'A', quantity: 0 },
      { drugCode: '', quantity: 2.5 },
    ]);
    input = withPatch(input, 'customer.timeZone', 'Mars/Olympus');
    input = withPatch(input, 'purchase.purchasedAt', '2026-03-05T10:00');
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'customer.timeZone',
        'purchase.purchasedAt',
        'purchase.items[0].quantity',
        'purchase.items[1].drugCode',
        'purchase.items[1].quantity',
      ]),
    );
  });

  it('rejects non-objects and missing parts with paths', () => {
    expect(issuesOf(null)[0]?.path).toBe('');
    const paths = issuesOf({}).map((i) => i.path);
    expect(paths).toEqual(['customer', 'purchase', 'courses']);
  });

  it('reports a duplicate course', () => {
    const input = withPatch(baseInput(), 'courses', [
      ...baseInput().courses,
      { drugCode: 'AMOX', unitsPerPack: 10, dosePerDay: 1 },
    ]);
    expect(issuesOf(input)).toEqual([
      { path: 'courses[1].drugCode', message: 'duplicate course for "AMOX" (also courses[0])' },
    ]);
  });

  it('gives a readable message listing the first issues', () => {
    try {
      parsePlanInput(withPatch(baseInput(), 'purchase.items', []));
    } catch (error) {
      expect((error as Error).name).toBe('InputError');
      expect((error as Error).message).toBe(
        'Invalid plan input (1 problem):\npurchase.items: must list at least one item',
      );
    }
  });

  it('ignores a __proto__ key in input without touching prototypes', () => {
    const input = JSON.parse(
      JSON.stringify(baseInput()).replace('"id":"C1"', '"id":"C1","__proto__":{"polluted":true}'),
    );
    const parsed = parsePlanInput(input);
    expect(Object.getPrototypeOf(parsed.customer)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('purchase.amount (SPEC §9; seed 001: 通过…消费金额…制定不同的回访方案)', () => {
  // A cadence for purchases of 500 or more: a thank-you call the next day at 10:00 (calls any day 09:00–17:00).
  const bySpend = createPlanner({
    ruleSet: ruleSetOf('amount-test', [
      everyDayWindow('window.calls', 'fallback', '09:00', '17:00'),
      {
        id: 'cadence.big-spend',
        description: 'purchases of 500 or more: a call the next day',
        priority: 1,
        conditions: { all: [{ fact: 'purchase', path: '$.amount', operator: 'greaterThanInclusive', value: 500 }] },
        event: {
          type: 'cadence',
          params: { anchor: 'purchase', offsets: ['P1D'], channel: 'phone', purpose: 'thanks', tolerance: 'P1D' },
        },
      },
    ]),
  });
  const buying = (amount: number | null | undefined): PlanInput => ({
    customer: { id: 'C', contact: { phone: '1' } },
    purchase: {
      id: 'P',
      customerId: 'C',
      purchasedAt: '2026-06-01T10:00:00+08:00',
      items: [{ drugCode: 'D', quantity: 1 }],
      ...(amount === undefined ? {} : { amount }),
    },
    courses: [],
  });

  it('is a fact rules test: 500 and more gets the call; less, none given or null does not', async () => {
    const calls = async (amount: number | null | undefined) =>
      (await bySpend.plan(buying(amount))).touchpoints.map((t) => [t.purpose, t.window.start]);
    expect(await calls(500)).toEqual([['thanks', '2026-06-02T10:00:00+08:00']]);
    expect(await calls(1288.5)).toEqual([['thanks', '2026-06-02T10:00:00+08:00']]);
    expect(await calls(499.99)).toEqual([]);
    expect(await calls(undefined)).toEqual([]);
    expect(await calls(null)).toEqual([]);
  });

  it('is refused when negative or not a number, at its path', async () => {
    for (const amount of [-1, Number.NaN, '500' as unknown as number]) {
      const error = await bySpend.plan(buying(amount)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => i.path)).toEqual(['purchase.amount']);
    }
    // Past the bound, said as the bound (in Chinese too), not as "must be a number".
    const tooBig = async (locale: 'en' | 'zh-CN') =>
      (
        (await createPlanner({ ruleSet: defaultRuleSet, locale })
          .plan(buying(2e8))
          .catch((e: unknown) => e)) as InputError
      ).issues;
    expect(said(await tooBig('en'))).toEqual([{ path: 'purchase.amount', message: 'must be at most 100,000,000' }]);
    expect(said(await tooBig('zh-CN'))).toEqual([{ path: 'purchase.amount', message: '不能大于 100,000,000' }]);
  });
});
