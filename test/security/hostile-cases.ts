/**
 * Hostile rule sets and inputs that 0.1 hung or crashed on, each with what must happen instead: a RuleSetError, an
 * InputError, or a plan. Shared by the bounds tests (in process) and the budget test (a child process with a 256 MB
 * heap, each case within 2 s).
 */
import { defaultRuleSet, type PlanInput, type RuleSetInput } from '../../src/index.js';

type Json = Record<string, any>;

export interface HostileCase {
  readonly name: string;
  /** The rule set to plan with (the default rules when absent) and the input. */
  readonly make: () => { ruleSet?: unknown; input?: unknown };
  readonly expect: 'RuleSetError' | 'InputError' | 'plan';
  /** Planned this many times, each with a fresh input from `make` (what must not accumulate in memory). */
  readonly times?: number;
}

const base = (): PlanInput => ({
  customer: {
    id: 'C',
    membership: { tier: 'loyal', registeredAt: '2020-01-01T00:00:00+08:00' },
    contact: { phone: '1' },
    occupation: null,
  },
  purchase: {
    id: 'P',
    customerId: 'C',
    purchasedAt: '2026-03-05T10:00:00+08:00',
    items: [{ drugCode: 'D', quantity: 1 }],
  },
  courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
});

/** The default rules with extra rules (and calendars) added. */
const withRules = (rules: Json[], calendars: Json = {}): RuleSetInput => {
  const set = structuredClone(defaultRuleSet) as Json;
  set['rules'] = [...set['rules'], ...rules];
  set['calendars'] = { ...set['calendars'], ...calendars };
  return set as RuleSetInput;
};
const rule = (id: string, conditions: Json, event: Json): Json => ({ id, description: 'hostile', conditions, event });
const always = { all: [] };
const cadence = (params: Json): Json =>
  rule('hostile.cadence', always, {
    type: 'cadence',
    params: { anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: 'x', tolerance: 'P1D', ...params },
  });
const leaf = (operator: string, value: unknown, path = '$.id', fact = 'customer'): Json =>
  rule(
    'hostile.leaf',
    { all: [{ fact, path, operator, value }] },
    { type: 'cap', params: { kind: 'per-day', max: 1 } },
  );

function nestedAny(width: number, depth: number): Json {
  if (depth === 0) return { fact: 'customer', path: '$.id', operator: 'equal', value: 'x' };
  const child = nestedAny(width, depth - 1);
  return { any: Array.from({ length: width }, () => child) };
}

function workdayCalendar(days: number): Json {
  const workdays: string[] = [];
  for (let d = 0; d < days; d++)
    workdays.push(new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  return { 'many-workdays': { holidays: [], workdays } };
}

let zoneNames = 0;

export const HOSTILE_CASES: readonly HostileCase[] = [
  // 1. Durations past what they can mean.
  {
    name: 'a cap gap of P999999W',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule('hostile.cap', always, { type: 'cap', params: { kind: 'min-gap', gap: 'P999999W', channels: ['phone'] } }),
      ]),
    }),
  },
  {
    name: 'a cap period of P999999W',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule('hostile.cap', always, {
          type: 'cap',
          params: { kind: 'rolling', max: 1, period: 'P999999W', channels: ['phone'] },
        }),
      ]),
    }),
  },
  {
    name: '100 offsets of P999999W',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([cadence({ offsets: Array.from({ length: 100 }, () => 'P999999W') })]) }),
  },
  // 6. P999999Y anywhere.
  {
    name: 'an offset of P999999Y',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([cadence({ offsets: ['P999999Y'] })]) }),
  },
  {
    name: 'a tolerance of P999999Y',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([cadence({ tolerance: 'P999999Y' })]) }),
  },
  {
    name: 'a repeat of P999999Y',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([cadence({ repeat: { every: 'P999999Y' } })]) }),
  },
  {
    name: 'an escalation deadline of P999999Y',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule('hostile.esc', always, {
          type: 'escalation',
          params: {
            channel: 'phone',
            urgency: 'high',
            purpose: 'x',
            start: 'report',
            deadline: 'P999999Y',
            duration: 'P999999Y',
          },
        }),
      ]),
    }),
  },
  {
    name: 'a supply of 100,000,000 days',
    expect: 'InputError',
    make: () => ({
      input: {
        ...base(),
        purchase: { ...base().purchase, items: [{ drugCode: 'D', quantity: 100 }] },
        courses: [{ drugCode: 'D', unitsPerPack: 1_000_000, dosePerDay: 1 }],
      },
    }),
  },
  {
    name: 'a dose of 1e-300 a day',
    expect: 'InputError',
    make: () => ({ input: { ...base(), courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1e-300 }] } }),
  },
  // 2. Make-up workdays expanded once: 100 rules x 50 windows over a 5,000-workday calendar, then 300 rules.
  ...[100, 300].map((rules): HostileCase => ({
    name: `${rules} call-window rules of 50 windows on a 5,000-workday calendar`,
    expect: 'plan',
    make: () => ({
      ruleSet: withRules(
        Array.from({ length: rules }, (_, i) =>
          rule(`hostile.window-${i}`, always, {
            type: 'call-window',
            params: {
              use: 'fallback',
              makeUpWorkdays: 'many-workdays',
              windows: Array.from({ length: 50 }, (_, w) => ({
                days: ['MON'],
                from: `${String(w % 24).padStart(2, '0')}:00`,
                to: `${String(w % 24).padStart(2, '0')}:30`,
              })),
            },
          }),
        ),
        workdayCalendar(5000),
      ),
    }),
  })),
  // 3. Condition size.
  {
    name: 'someFact:in against 400,000 values',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        leaf(
          'someFact:in',
          Array.from({ length: 400_000 }, (_, i) => `t${i}`),
          '$.tags',
        ),
      ]),
    }),
  },
  {
    name: '100 x 100 x 100 nested any',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule('hostile.wide', { any: nestedAny(100, 3).any }, { type: 'cap', params: { kind: 'per-day', max: 1 } }),
      ]),
    }),
  },
  {
    name: '100 x 100 nested any',
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule('hostile.wide', { any: nestedAny(100, 2).any }, { type: 'cap', params: { kind: 'per-day', max: 1 } }),
      ]),
    }),
  },
  // 4. Decorator chains.
  {
    name: "'not:' x 10,000 + 'equal'",
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([leaf(`${'not:'.repeat(10_000)}equal`, 'x')]) }),
  },
  // 5. Operands of the wrong kind.
  {
    name: 'in against a fact reference to a number',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([leaf('in', { fact: 'customer', path: '$.ageYears' })]) }),
  },
  {
    name: 'someValue with a fact reference to text',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([leaf('someValue:equal', { fact: 'customer', path: '$.id' })]) }),
  },
  {
    name: 'swap:in on a number field',
    expect: 'RuleSetError',
    make: () => ({ ruleSet: withRules([leaf('swap:in', 3, '$.ageYears')]) }),
  },
  {
    name: 'swap:in on a field that is null for this customer (known at run time only)',
    expect: 'plan',
    make: () => ({ ruleSet: withRules([leaf('swap:in', '会计', '$.occupation')]) }),
  },
  ...['5', 0, -1, 1e21, 5e-7].map((priority): HostileCase => ({
    name: `priority ${String(priority)} on an any node`,
    expect: 'RuleSetError',
    make: () => ({
      ruleSet: withRules([
        rule(
          'hostile.priority',
          { all: [{ any: [], priority }] },
          { type: 'cap', params: { kind: 'per-day', max: 1 } },
        ),
      ]),
    }),
  })),
  // 7. Zone names.
  {
    name: 'a 1 MB zone name',
    expect: 'InputError',
    make: () => ({ input: { ...base(), customer: { ...base().customer, timeZone: `Asia/${'x'.repeat(1 << 20)}` } } }),
  },
  {
    // Each name new: a cache of names as they arrive would hold a gigabyte.
    name: '1,000 inputs with zone names of 1 MB each (none may be kept)',
    expect: 'InputError',
    times: 1_000,
    make: () => ({
      input: {
        ...base(),
        customer: {
          ...base().customer,
          timeZone: `Asia/${String(zoneNames++).padStart(6, '0')}${'x'.repeat(1 << 20)}`,
        },
      },
    }),
  },
  {
    name: 'a case variant of a real zone',
    expect: 'plan',
    make: () => ({
      input: { ...base(), customer: { ...base().customer, timeZone: 'aMerica/ArGentina/bUENOS_aIRES' } },
    }),
  },
  // 13. Years.
  {
    name: 'a purchase in 1850',
    expect: 'InputError',
    make: () => ({ input: { ...base(), purchase: { ...base().purchase, purchasedAt: '1850-03-05T10:00:00+08:00' } } }),
  },
  {
    name: 'a purchase in 9999',
    expect: 'InputError',
    make: () => ({ input: { ...base(), purchase: { ...base().purchase, purchasedAt: '9999-12-31T10:00:00+08:00' } } }),
  },
  // 14. Histories (issue 35).
  {
    // 200 earlier purchases of 20 drugs, each ~10 years' supply, chained: supplies reaching year 4000+ made a plan
    // work out the zone offsets of every far year (0.55 s here; 3.5–11 s in the review's shapes, and a refill planned in
    // 3514). Read as ending at the calendar's end: ~20 ms.
    name: '200 earlier purchases × 20 drugs of ten years’ supply each',
    expect: 'plan',
    make: () => {
      const drugs = Array.from({ length: 20 }, (_, i) => `D${i}`);
      const courses = drugs.map((drugCode) => ({ drugCode, unitsPerPack: 100, dosePerDay: 0.5, chronic: true }));
      const items = drugs.map((drugCode) => ({ drugCode, quantity: 18 }));
      const purchases = Array.from({ length: 200 }, (_, i) => ({
        purchase: {
          id: `H${i}`,
          customerId: 'C',
          purchasedAt: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
          items,
        },
        courses,
      }));
      return { input: { ...base(), purchase: { ...base().purchase, items }, courses, history: { purchases } } };
    },
  },
];

export const baseHostileInput = base;
