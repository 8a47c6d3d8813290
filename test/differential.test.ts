/**
 * The compiled evaluator against json-rules-engine itself: same rules, same
 * facts, same outcome (the same rules hold, or both throw). CI runs a few
 * thousand generated cases; `npm run bench` runs 100,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet, validateRuleSet, type Rule } from '../src/index.js';
import { createCompiledEvaluator, createEngineEvaluator } from '../src/rules/evaluator.js';
import { Engine } from 'json-rules-engine';
import { resolvePath } from '../src/rules/paths.js';
import { arbConditionCase } from './arb-conditions.js';
import { buildFacts } from '../src/facts/build-facts.js';
import { parsePlanInput } from '../src/index.js';
import type { FactSet } from '../src/facts/build-facts.js';
import { arbPlanInput } from '../src/testing/index.js';

/** One stock engine with every rule, as json-rules-engine users run it. */
async function createStockRun(rules: readonly Rule[], facts: Record<string, unknown>): Promise<string[]> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  for (const rule of rules)
    engine.addRule({
      name: rule.id,
      priority: rule.priority,
      conditions: rule.conditions as never,
      event: { type: 'x' },
    });
  return (await engine.run({ ...facts })).results.map((r) => String(r.name));
}

async function outcome(run: () => Promise<string[]>): Promise<string[] | 'error'> {
  try {
    return await run();
  } catch {
    return 'error';
  }
}

const SEED = Number(process.env['RX_SEED'] ?? 20261123);

/**
 * Stock json-rules-engine, each rule in an engine of its own: the ids of the rules that hold, a rule whose
 * evaluation throws counting as not holding (what both of our evaluators promise).
 */
async function stockPerRule(
  rules: readonly Rule[],
  facts: Record<string, unknown>,
  own: 'own-resolver' | 'project-resolver' = 'project-resolver',
): Promise<string[]> {
  const out: string[] = [];
  for (const rule of [...rules].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1))) {
    // Its own resolver: jsonpath-plus, as json-rules-engine ships (the project never calls it; plain paths only).
    const engine = new Engine(
      [],
      own === 'own-resolver' ? { allowUndefinedFacts: true } : { allowUndefinedFacts: true, pathResolver: resolvePath },
    );
    engine.addRule({
      name: rule.id,
      priority: rule.priority,
      conditions: rule.conditions as never,
      event: { type: 'x' },
    });
    try {
      if ((await engine.run({ ...facts })).results.length > 0) out.push(rule.id);
    } catch {
      // A TypeError from an operator: does not hold.
    }
  }
  return out;
}

describe('compiled evaluator ≡ json-rules-engine', () => {
  it('neither evaluator throws: a rule whose evaluation would throw in stock json-rules-engine does not hold', async () => {
    let threw = 0;
    await fc.assert(
      fc.asyncProperty(arbConditionCase(), async ({ rules, facts }) => {
        const stock = await stockPerRule(rules, facts);
        const compiled = createCompiledEvaluator(rules).evaluateSync(facts as unknown as FactSet);
        const engine = await createEngineEvaluator(rules).evaluate(facts as unknown as FactSet);
        expect(compiled).toEqual(stock);
        expect(engine).toEqual(stock);
        if ((await outcome(() => createStockRun(rules, facts))) === 'error') threw++;
      }),
      { numRuns: Number(process.env['RX_DIFF_RUNS'] ?? 3000), seed: SEED + 7 },
    );
    // The generated cases include many a stock run throws on: the promise is exercised.
    expect(threw).toBeGreaterThan(50);
  }, 120_000);

  it("agrees with stock json-rules-engine on its own path resolver (jsonpath-plus), not only the project's", async () => {
    // Plain property paths read the same through jsonpath-plus as through the project's resolver: a rule file
    // written for the project means the same to a stock engine (and the other way round).
    await fc.assert(
      fc.asyncProperty(arbConditionCase(), async ({ rules, facts }) => {
        const stock = await stockPerRule(rules, facts, 'own-resolver');
        expect(createCompiledEvaluator(rules).evaluateSync(facts as unknown as FactSet)).toEqual(stock);
      }),
      { numRuns: Number(process.env['RX_DIFF_RUNS'] ?? 2000), seed: SEED + 11 },
    );
  }, 120_000);

  it('reads every plain path of a nested fact as stock json-rules-engine with jsonpath-plus does', async () => {
    // Dense where the random trees are sparse: every leaf path of a fact (objects and arrays nested) against every
    // leaf value in it, with `equal` — an index read one off, or a key read wrongly, changes which rules hold.
    const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '', true, false, null));
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.dictionary(fc.constantFrom('a', 'b', 'tags', 'n', '_x'), tie('node'), { maxKeys: 4 }),
    }));
    const leaves = (value: unknown, path: string, out: { path: string; value: unknown }[]): typeof out => {
      if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
      else if (path !== '$') out.push({ path, value });
      return out;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('a', 'b', 'tags', 'n'), node, { minKeys: 1, maxKeys: 4 }),
        async (fact) => {
          const found = leaves(fact, '$', []).slice(0, 12);
          const rules = found.flatMap(({ path }, i) =>
            found.map(
              ({ value }, j) =>
                ({
                  id: `r${i}-${j}`,
                  description: 'x',
                  priority: 1,
                  enabled: true,
                  conditions: { all: [{ fact: 'f', path, operator: 'equal', value }] },
                  event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
                }) as unknown as Rule,
            ),
          );
          if (rules.length === 0) return;
          const facts = { f: fact };
          expect(createCompiledEvaluator(rules).evaluateSync(facts as unknown as FactSet)).toEqual(
            await stockPerRule(rules, facts, 'own-resolver'),
          );
        },
      ),
      { numRuns: 300, seed: SEED + 17 },
    );
  }, 120_000);

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
      fc.property(
        arbConditionCase(),
        fc.array(fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 })), { minLength: 1, maxLength: 4 }),
        ({ rules, facts }, more) => {
          const sets = [
            facts,
            ...more.map(([line, incident]) => ({ ...facts, line, incident })),
          ] as unknown as FactSet[];
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
        },
      ),
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
    // And stock json-rules-engine with its own resolver, rule by rule (fewer inputs: an engine per rule); it knows
    // nothing of `enabled`, so it is given the enabled rules only.
    const enabled = rules.filter((r) => r.enabled);
    await fc.assert(
      fc.asyncProperty(arbPlanInput(), async (input) => {
        const f = buildFacts(parsePlanInput(input), 'Asia/Shanghai');
        const line = f.lines[0];
        if (line === undefined) return;
        const facts = { customer: f.customer, purchase: f.purchase, line: line.fact, incident: null };
        expect(compiled.evaluateSync(facts)).toEqual(
          await stockPerRule(enabled, facts as unknown as Record<string, unknown>, 'own-resolver'),
        );
      }),
      { numRuns: 60, seed: SEED + 13 },
    );
  }, 120_000);
});
