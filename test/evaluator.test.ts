import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACT_SHAPES, type Rule } from '../src/index.js';
import { createEngineEvaluator } from '../src/rules/evaluator.js';
import { resolvePath } from '../src/rules/paths.js';
import type { FactSet } from '../src/facts/build-facts.js';
import { buildFacts } from '../src/facts/build-facts.js';
import { parsePlanInput } from '../src/index.js';
import { baseInput } from './helpers.js';

const facts = (): FactSet => {
  const f = buildFacts(parsePlanInput(baseInput()), 'Asia/Shanghai');
  return { customer: f.customer, purchase: f.purchase, line: f.lines[0]?.fact ?? null, incident: null };
};

const rule = (id: string, priority: number, conditions: unknown): Rule =>
  ({
    id,
    description: id,
    priority,
    enabled: true,
    conditions,
    event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
  }) as Rule;

describe('the json-rules-engine evaluator', () => {
  it('orders results by priority, then id, whatever the order rules were given in', async () => {
    const rules = [
      rule('b', 1, { all: [] }),
      rule('a', 1, { all: [] }),
      rule('z', 5, { any: [{ fact: 'customer', path: '$.tier', operator: 'equal', value: 'loyal' }] }),
      rule('never', 9, { all: [{ fact: 'customer', path: '$.tier', operator: 'equal', value: 'new' }] }),
    ];
    for (const order of [rules, [...rules].reverse()]) {
      expect(await createEngineEvaluator(order).evaluate(facts())).toEqual(['z', 'a', 'b']);
    }
  });

  it('never calls jsonpath-plus: a recursive-descent path finds nothing', async () => {
    // jsonpath-plus would find customer.membership.tier through "$..tier"; our resolver refuses the path.
    const evaluator = createEngineEvaluator([
      rule('deep', 1, { all: [{ fact: 'customer', path: '$..tier', operator: 'equal', value: 'loyal' }] }),
    ]);
    expect(await evaluator.evaluate(facts())).toEqual([]);
    const plain = createEngineEvaluator([
      rule('plain', 1, { all: [{ fact: 'customer', path: '$.membership.tier', operator: 'equal', value: 'loyal' }] }),
    ]);
    expect(await plain.evaluate(facts())).toEqual(['plain']);
  });

  it('resolves own properties only', () => {
    expect(resolvePath({ a: { b: [1, 2] } }, '$.a.b[1]')).toBe(2);
    expect(resolvePath({ a: {} }, '$.a.toString')).toBeUndefined();
    expect(resolvePath({ a: null }, '$.a.b')).toBeUndefined();
    expect(resolvePath({ a: 1 }, '$.__proto__')).toBeUndefined();
    expect(resolvePath({ a: 1 }, "$['a']")).toBeUndefined();
  });

  it('serialises concurrent evaluations and gets each right', async () => {
    const evaluator = createEngineEvaluator([
      rule('loyal', 1, { all: [{ fact: 'customer', path: '$.tier', operator: 'equal', value: 'loyal' }] }),
    ]);
    const f = facts();
    const walkIn: FactSet = { ...f, customer: { ...f.customer, tier: 'walk-in' } };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => evaluator.evaluate(i % 2 ? walkIn : f)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? [] : ['loyal'])));
  });

  it('docs/facts.md documents every fact field', () => {
    const doc = readFileSync(new URL('../docs/facts.md', import.meta.url), 'utf8');
    const walk = (shape: unknown, prefix: string): string[] =>
      Object.entries(shape as Record<string, unknown>).flatMap(([k, v]) => {
        const name = prefix ? `${prefix}.${k}` : k;
        if (typeof v === 'string') return [name];
        const fields = (v as { nullable?: boolean; fields?: unknown }).nullable ? (v as { fields: unknown }).fields : v;
        return [name, ...walk(fields, name)];
      });
    for (const [fact, shape] of Object.entries(FACT_SHAPES)) {
      const fields = walk(
        (shape as { nullable?: boolean; fields?: unknown }).nullable ? (shape as { fields: unknown }).fields : shape,
        '',
      );
      for (const field of fields) expect(doc, `${fact}.${field}`).toContain(`| \`${field}\` |`);
    }
  });
});
