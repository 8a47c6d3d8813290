/**
 * SPEC §6 as fast-check properties. Seeds are fixed (RX_SEED overrides) and
 * fast-check prints the seed and path of any counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type PlanInput, type Planner, type RuleSetInput } from '../../src/index.js';
import { arbPlanInput, checkPlanInvariants } from '../../src/testing/index.js';
import { arbRuleSetVariation } from './rule-variations.js';

const SEED = Number(process.env['RX_SEED'] ?? 424242);
const RUNS = Number(process.env['RX_PROPERTY_RUNS'] ?? 1000);
const base = createPlanner({ ruleSet: defaultRuleSet });

/** Reverses the key order of every object: plans must not care. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  }
  return value;
}

describe('SPEC §6 invariants (property-based)', () => {
  it('hold for every generated input with the default rules', async () => {
    await fc.assert(
      fc.asyncProperty(arbPlanInput({ ruleSet: base.ruleSet }), async (input) => {
        const plan = await base.plan(input);
        expect(checkPlanInvariants(plan, input, base.ruleSet)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 300_000);

  it('hold with a customer history (earlier purchases, contacts with random status and outcomes)', async () => {
    let withHistory = 0;
    await fc.assert(
      fc.asyncProperty(arbPlanInput({ ruleSet: base.ruleSet, history: true }), async (input) => {
        if (input.history) withHistory++;
        const plan = await base.plan(input);
        expect(checkPlanInvariants(plan, input, base.ruleSet)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(withHistory).toBeGreaterThan(RUNS / 2);
  }, 300_000);

  it('hold for varied rule sets: shuffled rules, other windows, extra holidays, other caps', async () => {
    const planners = new Map<string, Planner>();
    await fc.assert(
      fc.asyncProperty(arbRuleSetVariation, arbPlanInput(), async (ruleSet, input) => {
        const key = JSON.stringify(ruleSet);
        const planner = planners.get(key) ?? createPlanner({ ruleSet });
        if (planners.size < 50) planners.set(key, planner);
        const plan = await planner.plan(input);
        expect(checkPlanInvariants(plan, input, planner.ruleSet)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  }, 300_000);

  it('1. determinism: equal input gives an equal plan, whatever the rule order or key order', async () => {
    await fc.assert(
      fc.asyncProperty(arbRuleSetVariation, arbPlanInput(), async (ruleSet, input) => {
        const a = await createPlanner({ ruleSet }).plan(input);
        const shuffled = reverseKeys({ ...ruleSet, rules: [...(ruleSet['rules'] as unknown[])].reverse() });
        const b = await createPlanner({ ruleSet: shuffled as RuleSetInput }).plan(reverseKeys(input) as PlanInput);
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
  }, 300_000);
  it("a plan's lists are its own: no list is shared by two places of one plan, or of two plans", async () => {
    // The stages share lists between their values (nothing changes a value once made) and hand them to the plan
    // uncopied: an ERP that edits one touchpoint's ruleIds must not edit another's, or the next plan's.
    const owner = new Map<object, string>();
    const shared: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) {
        const first = owner.get(value);
        if (first !== undefined) shared.push(`${first} is ${path}`);
        owner.set(value, path);
        value.forEach((item, i) => walk(item, `${path}[${i}]`));
      } else if (value !== null && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbPlanInput({ ruleSet: base.ruleSet, history: true }), async (input) => {
        walk(await base.plan(input), `plan ${n++}`);
        expect(shared).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 300_000);
});
