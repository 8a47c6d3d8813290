/**
 * SECURITY.md's promises made true: every hostile case returns a plan or throws a typed error, quickly, in process;
 * and all of them together in a child process with a 256 MB heap, each within 2 s.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  type PlanInput,
  type RuleSetError,
  type RuleSetInput,
} from '../../src/index.js';
import { outcomeOf } from './hostile-budget.js';
import { baseHostileInput, HOSTILE_CASES } from './hostile-cases.js';

vi.setConfig({ testTimeout: 60_000 });

describe('hostile rule sets and inputs', () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    // A hang still fails by the test's timeout; the time budget is measured by `npm run bench`.
    expect(await outcomeOf(c)).toBe(c.expect);
  });

  it('says why, with the path', async () => {
    const issues = async (name: string): Promise<string[]> => {
      const c = HOSTILE_CASES.find((x) => x.name === name);
      const { ruleSet, input } = (c as (typeof HOSTILE_CASES)[number]).make();
      try {
        await createPlanner({ ruleSet: (ruleSet ?? defaultRuleSet) as RuleSetInput }).plan(
          (input ?? baseHostileInput()) as PlanInput,
        );
      } catch (error) {
        return (error as RuleSetError).issues.map(
          (i) => `${i.path.replace(/^rules\[\d+\]/, 'rules[n]')}: ${i.message}`,
        );
      }
      return [];
    };
    expect(await issues('a cap gap of P999999W')).toEqual([
      'rules[n].event.params.gap: "P999999W" is longer than the rule set\'s horizon (P120D)',
    ]);
    expect(await issues('an offset of P999999Y')).toEqual([
      'rules[n].event.params.offsets[0]: "P999999Y" is longer than the longest horizon (731 days)',
    ]);
    expect(await issues('a dose of 1e-300 a day')).toEqual([
      'purchase.items[0].quantity: the supply is 3e+301 days (quantity × unitsPerPack ÷ dosePerDay of course "D"); at most 3660',
    ]);
    expect(await issues("'not:' x 10,000 + 'equal'")).toEqual([
      expect.stringMatching(
        /^rules\[n\]\.conditions\.all\[0\]\.operator: "not:not:.*" has 10000 decorators; at most 3$/,
      ),
    ]);
    expect(await issues('in against a fact reference to a number')).toEqual([
      'rules[n].conditions.all[0].operator: "in": in looks the other side up in a list (or text), but the value is neither',
    ]);
    expect(await issues('swap:in on a number field')).toEqual([
      'rules[n].conditions.all[0].operator: "swap:in": in looks the other side up in a list (or text), but the fact is neither',
    ]);
    expect(await issues('someValue with a fact reference to text')).toEqual([
      'rules[n].conditions.all[0].operator: "someValue:equal": someValue takes the values of a list, but the value is text',
    ]);
    expect(await issues('priority 1e+21 on an any node')).toEqual([
      'rules[n].conditions.all[0].priority: must be a whole number from 1 to 1000',
    ]);
    expect(await issues('100 x 100 nested any')).toEqual([
      expect.stringMatching(
        /^rules\[n\]\.conditions(\.any\[\d+\])+: the rule's conditions hold more than 1000 conditions$/,
      ),
    ]);
    expect(await issues('100 x 100 x 100 nested any')).toEqual([
      expect.stringMatching(/: the rule set holds more than 1,000,000 values$/),
    ]);
    const zone = await issues('a 1 MB zone name');
    expect(zone).toEqual(['customer.timeZone: is 1048581 characters long: no time zone name is longer than 64']);
  });

  it("a case variant of a zone plans in the zone, spelled as the runtime's time zone data spells it", async () => {
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const input = baseHostileInput();
    const plan = await planner.plan({
      ...input,
      customer: { ...input.customer, timeZone: 'aMerica/ArGentina/bUENOS_aIRES' },
    });
    expect(plan.timeZone).toBe(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/Argentina/Buenos_Aires' }).resolvedOptions().timeZone,
    );
    expect(plan.touchpoints[0]?.window.start.endsWith('-03:00')).toBe(true);
  });
});

describe('the budget: every hostile case in a 256 MB heap (their 2 s each: `npm run bench`)', () => {
  it('returns or throws a typed error for every case, in one child process', () => {
    const script = fileURLToPath(new URL('./hostile-budget.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout) as { name: string; outcome: string; expected: string }[];
    expect(results).toHaveLength(HOSTILE_CASES.length);
    for (const x of results) expect(x.outcome, x.name).toBe(x.expected);
  }, 180_000);
});
