/**
 * json-rules-engine's own condition tests, translated into plans. Each case points at the test it comes from in
 * CacheControl/json-rules-engine (`test/…`); its facts are ours (`customer`, `purchase`, `line`, `incident`), so a
 * fact the original makes up (`age`, `pointBalance`) becomes one of ours with the same values (`customer.ageYears`,
 * `line.quantity`, the strings of `customer.tags`). Every case runs three ways and must give the original's answer:
 * a plan from `createPlanner` with the compiled evaluator, one with `evaluator: 'json-rules-engine'`, and stock
 * json-rules-engine with its own default path resolver (jsonpath-plus) on the same facts — the last catches a path
 * read differently by our resolver, which the first two share.
 * Not translatable, and why: custom operators and facts (rules are data), `params` on facts, `$.[0].id` and
 * `$..x[*]` paths (refused: see the JSONPath cases), the `some` operator with nested `conditions` (7.3 has no such
 * operator), an `undefined` value (not JSON: `null` stands in).
 */
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { buildFacts } from '../src/facts/build-facts.js';
import { everyDayWindow, ruleSetOf, said } from './helpers.js';
import { createPlanner, parsePlanInput, RuleSetError, type PlanInput, type RuleSetInput } from '../src/index.js';

type Json = Record<string, unknown>;

/** The purchase every case starts from: Thursday 2026-03-05 10:00 in Shanghai, one line. */
function input(
  patch: { birthDate?: string; tags?: string[]; quantity?: number; unitsPerPack?: number; dosePerDay?: number } = {},
): PlanInput {
  return {
    customer: {
      id: 'C',
      contact: { phone: '1' },
      ...(patch.birthDate ? { birthDate: patch.birthDate } : {}),
      ...(patch.tags ? { tags: patch.tags } : {}),
    },
    purchase: {
      id: 'P',
      customerId: 'C',
      purchasedAt: '2026-03-05T10:00:00+08:00',
      items: [{ drugCode: 'D', quantity: patch.quantity ?? 1 }],
    },
    courses: [{ drugCode: 'D', unitsPerPack: patch.unitsPerPack ?? 10, dosePerDay: patch.dosePerDay ?? 1 }],
  };
}
/** Born on a 1 January: this many whole years old on 2026-03-05. */
const aged = (years: number): { birthDate: string } => ({ birthDate: `${2026 - years}-01-01` });
const leaf = (fact: string, path: string, operator: string, value: unknown, extra: Json = {}): Json => ({
  fact,
  path,
  operator,
  value,
  ...extra,
});
const age = (operator: string, value: unknown): Json => leaf('customer', '$.ageYears', operator, value);

/** A rule set whose one cadence makes a contact when `conditions` hold (any hour, any day). */
function ruleSet(conditions: Json): RuleSetInput {
  return ruleSetOf('jre', [
    {
      id: 'case',
      description: 'the translated condition',
      conditions,
      event: {
        type: 'cadence',
        params: { anchor: 'purchase', offsets: ['P1D'], channel: 'phone', purpose: 'check', tolerance: 'P7D' },
      },
    },
    everyDayWindow('hours', 'fallback', '09:00', '18:00'),
  ]);
}

/** [where in json-rules-engine's tests, conditions, input, whether they hold] */
type Case = [string, Json, PlanInput, boolean];

const cases: Case[] = [
  ['test/condition.test.js: evaluates "equal" (50)', { all: [age('equal', 50)] }, input(aged(50)), true],
  ['test/condition.test.js: evaluates "equal" (5)', { all: [age('equal', 50)] }, input(aged(5)), false],
  [
    'test/condition.test.js: evaluates "equal" to check for undefined (null stands in)',
    { all: [age('equal', null)] },
    input(),
    true,
  ],
  [
    'test/condition.test.js: evaluates "equal" to check for undefined, negative',
    { all: [age('equal', null)] },
    input(aged(1)),
    false,
  ],
  ['test/condition.test.js: evaluates "notEqual" (50)', { all: [age('notEqual', 50)] }, input(aged(50)), false],
  ['test/condition.test.js: evaluates "notEqual" (5)', { all: [age('notEqual', 50)] }, input(aged(5)), true],
  [
    'test/condition.test.js: evaluates "in" (15)',
    { all: [leaf('line', '$.quantity', 'in', [5, 10, 15, 20])] },
    input({ quantity: 15 }),
    true,
  ],
  [
    'test/condition.test.js: evaluates "in" (99)',
    { all: [leaf('line', '$.quantity', 'in', [5, 10, 15, 20])] },
    input({ quantity: 99 }),
    false,
  ],
  [
    'test/condition.test.js: evaluates "notIn" (15)',
    { all: [leaf('line', '$.quantity', 'notIn', [5, 10, 15, 20])] },
    input({ quantity: 15 }),
    false,
  ],
  [
    'test/condition.test.js: evaluates "notIn" (99)',
    { all: [leaf('line', '$.quantity', 'notIn', [5, 10, 15, 20])] },
    input({ quantity: 99 }),
    true,
  ],
  [
    'test/condition.test.js: evaluates "contains"',
    { all: [leaf('customer', '$.tags', 'contains', '10')] },
    input({ tags: ['5', '10', '15'] }),
    true,
  ],
  [
    'test/condition.test.js: evaluates "contains", negative',
    { all: [leaf('customer', '$.tags', 'contains', '10')] },
    input({ tags: ['1', '2', '3'] }),
    false,
  ],
  [
    'test/condition.test.js: evaluates "doesNotContain"',
    { all: [leaf('customer', '$.tags', 'doesNotContain', '10')] },
    input({ tags: ['5', '10', '15'] }),
    false,
  ],
  [
    'test/condition.test.js: evaluates "doesNotContain", negative',
    { all: [leaf('customer', '$.tags', 'doesNotContain', '10')] },
    input({ tags: ['1', '2', '3'] }),
    true,
  ],
  ...(
    [
      ['lessThan', 49, true],
      ['lessThan', 50, false],
      ['lessThan', 51, false],
      ['lessThanInclusive', 49, true],
      ['lessThanInclusive', 50, true],
      ['lessThanInclusive', 51, false],
      ['greaterThan', 51, true],
      ['greaterThan', 49, false],
      ['greaterThan', 50, false],
      ['greaterThanInclusive', 51, true],
      ['greaterThanInclusive', 50, true],
      ['greaterThanInclusive', 49, false],
    ] as const
  ).map(([op, years, holds]): Case => [
    `test/condition.test.js: evaluates "${op}" (${years})`,
    { all: [age(op, 50)] },
    input(aged(years)),
    holds,
  ]),
  [
    'test/condition.test.js: returns false when using contains or doesNotContain with a non-array',
    { all: [leaf('customer', '$.occupation', 'contains', 'x')] },
    input(),
    false,
  ],
  [
    'test/condition.test.js: … doesNotContain with a non-array',
    { all: [leaf('customer', '$.occupation', 'doesNotContain', 'x')] },
    input(),
    false,
  ],
  ...(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const).map((op): Case => [
    `test/condition.test.js: returns false when using comparison operators with null (${op})`,
    { all: [age(op, 50)] },
    input(),
    false,
  ]),
  [
    'test/condition.test.js: returns false when using comparison operators with non-numbers (text)',
    { all: [leaf('customer', '$.tier', 'lessThan', 50)] },
    input(),
    false,
  ],
  [
    'test/condition.test.js: … with non-numbers ([])',
    { all: [leaf('customer', '$.tags', 'lessThan', 50)] },
    input({ tags: [] }),
    false,
  ],
  [
    'test/condition.test.js: … with non-numbers ({})',
    { all: [leaf('customer', '$.contact', 'lessThan', 50)] },
    input(),
    false,
  ],
  [
    'test/condition.test.js: extracts the object property values using its "path" property',
    { all: [leaf('customer', '$.tags[0]', 'equal', 'a')] },
    input({ tags: ['a', 'b'] }),
    true,
  ],
  [
    'test/condition.test.js: "path", negative case',
    { all: [leaf('customer', '$.tags[0]', 'equal', 'b')] },
    input({ tags: ['a', 'b'] }),
    false,
  ],
  [
    'test/engine-fact-comparison.test.js: allows a fact to retrieve other fact values',
    { all: [leaf('line', '$.quantity', 'lessThanInclusive', { fact: 'line', path: '$.supplyDays' })] },
    input({ quantity: 1, unitsPerPack: 2, dosePerDay: 1 }),
    true,
  ],
  [
    'test/engine-fact-comparison.test.js: … negative case',
    { all: [leaf('line', '$.quantity', 'lessThanInclusive', { fact: 'line', path: '$.supplyDays' })] },
    input({ quantity: 2, unitsPerPack: 1, dosePerDay: 2 }),
    false,
  ],
  ['test/engine-all.test.js: supports a single "all" condition', { all: [age('lessThan', 50)] }, input(aged(10)), true],
  [
    'test/engine-all.test.js: … does not emit when the condition fails',
    { all: [age('lessThan', 50)] },
    input(aged(65)),
    false,
  ],
  [
    'test/engine-all.test.js: emits an event when every condition is met',
    { all: [age('lessThan', 50), age('greaterThan', 21)] },
    input(aged(30)),
    true,
  ],
  [
    'test/engine-all.test.js: does not emit when the first condition fails',
    { all: [age('lessThan', 50), age('greaterThan', 21)] },
    input(aged(10)),
    false,
  ],
  [
    'test/engine-all.test.js: does not emit when the second condition fails',
    { all: [age('lessThan', 50), age('greaterThan', 21)] },
    input(aged(65)),
    false,
  ],
  ['test/engine-any.test.js: supports a single "any" condition', { any: [age('lessThan', 50)] }, input(aged(10)), true],
  [
    'test/engine-any.test.js: emits when one of several conditions is met',
    { any: [age('lessThan', 21), age('greaterThan', 60)] },
    input(aged(65)),
    true,
  ],
  [
    'test/engine-any.test.js: does not emit when none is met',
    { any: [age('lessThan', 21), age('greaterThan', 60)] },
    input(aged(30)),
    false,
  ],
  [
    'test/engine-not.test.js: supports a single "not" condition',
    { not: age('greaterThanInclusive', 50) },
    input(aged(10)),
    true,
  ],
  [
    'test/engine-not.test.js: … does not emit when the condition fails',
    { not: age('greaterThanInclusive', 50) },
    input(aged(75)),
    false,
  ],
  [
    'test/condition.test.js: complex conditions (all with a nested any)',
    {
      all: [
        age('lessThan', 45),
        leaf('line', '$.quantity', 'greaterThanInclusive', 10),
        {
          any: [leaf('customer', '$.tier', 'equal', 'loyal'), leaf('line', '$.supplyDays', 'greaterThanInclusive', 50)],
        },
      ],
    },
    input({ ...aged(30), quantity: 10, unitsPerPack: 10 }),
    true,
  ],
  [
    'test/engine-operator-map.test.js: combines every, some, not, and greaterThanInclusive operators',
    { all: [leaf('customer', '$.tags', 'everyFact:someValue:not:greaterThanInclusive', [2, 4, 6, 8])] },
    input({ tags: ['1', '3', '5', '7'] }),
    true,
  ],
  [
    'test/engine-operator-map.test.js: the swap decorator',
    { all: [leaf('line', '$.quantity', 'swap:contains', [1, 2, 3])] },
    input({ quantity: 1 }),
    true,
  ],
  [
    'test/engine-operator-map.test.js: the swap decorator, negative',
    { all: [leaf('line', '$.quantity', 'swap:contains', [1, 2, 3])] },
    input({ quantity: 4 }),
    false,
  ],
  ['test/rule.test.js: evaluates truthy when there are no conditions', { all: [] }, input(), true],
  [
    'docs/rules.md (condition priority): a failing higher-priority set short-circuits the lower ones',
    {
      all: [
        { ...age('equal', 1), priority: 2 },
        { ...leaf('customer', '$.occupation', 'swap:in', 'x'), priority: 1 },
      ],
    },
    input(aged(30)),
    false,
  ],
  [
    'test/engine.test.js (allowUndefinedFacts): a missing path reads as undefined',
    { all: [leaf('customer', '$.tags[5]', 'equal', null)] },
    input({ tags: ['a'] }),
    false,
  ],
];

const planners = (conditions: Json) => [
  createPlanner({ ruleSet: ruleSet(conditions) }),
  createPlanner({ ruleSet: ruleSet(conditions), evaluator: 'json-rules-engine' }),
];

/** Stock json-rules-engine, default options but undefined facts allowed, on the facts of the input's one line. */
async function stock(conditions: Json, planInput: PlanInput): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: conditions as never, event: { type: 'holds' } });
  const facts = buildFacts(parsePlanInput(planInput), 'Asia/Shanghai');
  const { events } = await engine.run({
    customer: facts.customer,
    purchase: facts.purchase,
    line: facts.lines[0]?.fact,
    incident: null,
  });
  return events.length > 0;
}

describe("json-rules-engine's condition tests, as plans", () => {
  it.each(cases)('%s', async (_where, conditions, planInput, holds) => {
    for (const planner of planners(conditions)) {
      const plan = await planner.plan(planInput);
      expect(plan.touchpoints.length > 0, planner === undefined ? '' : 'createPlanner').toBe(holds);
    }
    expect(await stock(conditions, planInput)).toBe(holds);
  });

  it('has the translated checks', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each([
    ['test/condition.test.js: jsonPath wildcards ($.phoneNumbers[*].type)', '$.tags[*]'],
    ['test/condition.test.js: path "$.[0].id"', '$.[0].id'],
    ['recursive descent', '$..tags'],
    ['a filter expression', '$.tags[?(@ == "a")]'],
  ])('refused, not evaluated: %s', (_what, path) => {
    expect(() => createPlanner({ ruleSet: ruleSet({ all: [leaf('customer', path, 'equal', 'a')] }) })).toThrow(
      RuleSetError,
    );
  });
});

describe('what analysts bring from json-rules-engine', () => {
  const issuesOf = (conditions: Json, extra: Json = {}): string[] => {
    try {
      createPlanner({ ruleSet: { ...(ruleSet(conditions) as Json), ...extra } as RuleSetInput });
    } catch (error) {
      return (error as RuleSetError).issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };
  const holds = async (conditions: Json, planInput: PlanInput, extra: Json = {}): Promise<boolean[]> => {
    const set = { ...(ruleSet(conditions) as Json), ...extra } as RuleSetInput;
    const out: boolean[] = [];
    for (const evaluator of ['compiled', 'json-rules-engine'] as const)
      out.push((await createPlanner({ ruleSet: set, evaluator }).plan(planInput)).touchpoints.length > 0);
    return out;
  };

  it('a leading-zero index is refused: stock json-rules-engine reads [01] as a property named "01"', async () => {
    expect(issuesOf({ all: [leaf('customer', '$.tags[01]', 'equal', 'b')] })).toEqual([
      'rules[0].conditions.all[0].path: "$.tags[01]": the index [01] has a leading zero, which json-rules-engine reads as a property named "01": write [1]',
    ]);
    // What stock json-rules-engine does with it, for the record: not the element at 1.
    expect(await stock({ all: [leaf('customer', '$.tags[01]', 'equal', 'b')] }, input({ tags: ['a', 'b'] }))).toBe(
      false,
    );
    expect(await holds({ all: [leaf('customer', '$.tags[1]', 'equal', 'b')] }, input({ tags: ['a', 'b'] }))).toEqual([
      true,
      true,
    ]);
  });

  it('named conditions: defined once at the top of the rule set, referred to by name, resolved when validated', async () => {
    const named: Json = {
      conditions: {
        isAccountant: { any: [leaf('customer', '$.occupationKey', 'in', ['accountant', '会计'])] },
        adult: { all: [age('greaterThanInclusive', 18)] },
      },
    };
    const conditions = { all: [{ condition: 'isAccountant' }, { condition: 'adult' }] };
    const accountant = { ...input(aged(30)), customer: { ...input(aged(30)).customer, occupation: '会计' } };
    expect(await holds(conditions, accountant, named)).toEqual([true, true]);
    expect(await holds(conditions, input(aged(30)), named)).toEqual([false, false]);
    // The same rules written inline: the same rule set, the same hash.
    const shared = named['conditions'] as Record<string, Json>;
    const inline = { all: [shared['isAccountant'], shared['adult']] };
    const a = createPlanner({ ruleSet: { ...(ruleSet(conditions) as Json), ...named } as RuleSetInput });
    const b = createPlanner({ ruleSet: ruleSet(inline) });
    expect(a.ruleSetInfo.hash).toBe(b.ruleSetInfo.hash);
    expect(a.ruleSet.rules.find((r) => r.id === 'case')?.conditions).toEqual(inline);
  });

  it('named conditions: unknown names, cycles and names defined twice are issues with paths', () => {
    expect(issuesOf({ all: [{ condition: 'nope' }] }, { conditions: { adult: { all: [] } } })).toEqual([
      'rules[0].conditions.all[0].condition: unknown condition "nope" (the rule set\'s conditions: adult)',
    ]);
    // a → b → a: each reference on the cycle is named once; the rule that uses it is not planned with half a tree.
    expect(
      issuesOf(
        { all: [{ condition: 'a' }] },
        { conditions: { a: { any: [{ condition: 'b' }] }, b: { not: { condition: 'a' } } } },
      ),
    ).toEqual([
      'conditions.b.not.condition: "a" refers back to itself: a → b → a',
      'conditions.a.any[0].condition: "b" refers back to itself: b → a → b',
    ]);
    const files = [
      { file: 'a.json', json: { id: 'x', version: '1', conditions: { adult: { all: [] } }, rules: [] } },
      { file: 'b.json', json: { conditions: { adult: { any: [] } } } },
    ];
    return import('../src/rules/validate.js').then(({ validateRuleSources }) => {
      const result = validateRuleSources(files);
      expect(result.ok ? [] : said(result.issues)).toEqual([
        {
          path: 'b.json: conditions.adult',
          message: 'condition "adult" is defined twice (also at a.json: conditions.adult)',
        },
      ]);
    });
  });

  it('a reference keeps its own priority among its siblings, as in json-rules-engine', () => {
    const set = createPlanner({
      ruleSet: {
        ...(ruleSet({ all: [{ condition: 'adult', priority: 3 }] }) as Json),
        conditions: { adult: { all: [age('greaterThan', 18)], priority: 9 } },
      } as unknown as RuleSetInput,
    });
    expect(set.ruleSet.rules.find((r) => r.id === 'case')?.conditions).toEqual({
      all: [{ all: [age('greaterThan', 18)], priority: 3 }],
    });
  });

  it('conditions may carry name and description; other keys are refused (a misspelt key is found, not ignored)', async () => {
    const described = {
      all: [{ ...age('greaterThan', 18), name: 'adult', description: '成年' }],
      name: 'all',
      description: 'every condition',
    };
    expect(issuesOf(described)).toEqual([]);
    expect(await holds(described, input(aged(30)))).toEqual([true, true]);
    expect(issuesOf({ all: [{ ...age('greaterThan', 18), id: 'x' }] })).toEqual([
      'rules[0].conditions.all[0].id: unknown key "id" in a condition',
    ]);
  });

  it('dates compared as dates: "from this date on" with purchase.localDate', async () => {
    const fromJune = { all: [leaf('purchase', '$.localDate', 'greaterThanInclusive', '2026-06-01')] };
    expect(issuesOf(fromJune)).toEqual([]);
    const on = (day: string): PlanInput => ({
      ...input(),
      purchase: { ...input().purchase, purchasedAt: `${day}T10:00:00+08:00` },
    });
    expect(await holds(fromJune, on('2026-05-31'))).toEqual([false, false]);
    expect(await holds(fromJune, on('2026-06-01'))).toEqual([true, true]);
    expect(await holds(fromJune, on('2026-12-01'))).toEqual([true, true]);
    expect(await stock(fromJune, on('2026-06-01'))).toBe(true);
    expect(issuesOf({ all: [leaf('purchase', '$.localDate', 'lessThan', '2026-13-01')] })).toEqual([
      'rules[0].conditions.all[0].value: operator "lessThan" compares a date here: the value must be a date (YYYY-MM-DD), e.g. "2026-06-01"',
    ]);
    expect(issuesOf({ all: [leaf('purchase', '$.localHour', 'lessThan', '2026-06-01')] })).toEqual([
      'rules[0].conditions.all[0].value: operator "lessThan" needs a number value (dates are compared on a date fact such as purchase.localDate)',
    ]);
  });
});
