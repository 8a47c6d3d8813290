/**
 * The compiled evaluator against json-rules-engine itself: same rules, same
 * facts, same outcome (the same rules hold, or both throw). CI runs a few
 * thousand generated cases; `npm run bench` runs 100,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet, validateRuleSet, type Rule } from '../src/index.js';
import { createCompiledEvaluator, createEngineEvaluator } from '../src/rules/evaluator.js';
import { arbConditionCase } from './arb-conditions.js';
import { buildFacts } from '../src/facts/build-facts.js';
import { parsePlanInput } from '../src/index.js';
import type { FactSet } from '../src/facts/build-facts.js';
import { arbPlanInput } from '../src/testing/index.js';

async function outcome(run: () => Promise<string[]>): Promise<string[] | 'error'> {
  try {
    return await run();
  } catch {
    return 'error';
  }
}

const SEED = Number(process.env['RX_SEED'] ?? 20261123);

describe('compiled evaluator ≡ json-rules-engine', () => {
  it('agrees on generated condition trees and fact sets', async () => {
    await fc.assert(
      fc.asyncProperty(arbConditionCase(), async ({ rules, facts }) => {
        const reference = await outcome(() => createEngineEvaluator(rules).evaluate(facts as unknown as FactSet));
        const compiled = await outcome(() => createCompiledEvaluator(rules).evaluate(facts as unknown as FactSet));
        expect(compiled).toEqual(reference);
      }),
      { numRuns: Number(process.env['RX_DIFF_RUNS'] ?? 3000), seed: SEED },
    );
  }, 120_000);

  it('evaluates the lines of one purchase as it evaluates each alone (rules that read no line fact run once)', () => {
    fc.assert(
      fc.property(arbConditionCase(), fc.array(fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }), ({ rules, facts }, more) => {
        const sets = [facts, ...more.map(([line, incident]) => ({ ...facts, line, incident }))] as unknown as FactSet[];
        const evaluator = createCompiledEvaluator(rules);
        const one = (f: FactSet): string[] | 'error' => {
          try {
            return evaluator.evaluateSync(f);
          } catch {
            return 'error';
          }
        };
        let each: string[][] | 'error';
        try {
          each = evaluator.evaluateEachSync(sets);
        } catch {
          each = 'error';
        }
        const alone = sets.map(one);
        expect(each).toEqual(alone.includes('error') ? 'error' : alone);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('agrees on every shipped rule over generated plan inputs', async () => {
    const check = validateRuleSet(defaultRuleSet);
    if (!check.ok) throw new Error('invalid default rules');
    const rules: readonly Rule[] = check.ruleSet.rules;
    const engine = createEngineEvaluator(rules);
    const compiled = createCompiledEvaluator(rules);
    await fc.assert(
      fc.asyncProperty(arbPlanInput(), async (input) => {
        const f = buildFacts(parsePlanInput(input), 'Asia/Shanghai');
        const contexts: FactSet[] = [
          ...f.lines.map((l) => ({ customer: f.customer, purchase: f.purchase, line: l.fact, incident: null })),
          ...f.incidents.map((i) => ({ customer: f.customer, purchase: f.purchase, line: null, incident: i.fact })),
        ];
        for (const facts of contexts) expect(compiled.evaluateSync(facts)).toEqual(await engine.evaluate(facts));
      }),
      { numRuns: 500, seed: SEED },
    );
  }, 120_000);
});
