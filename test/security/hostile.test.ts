/**
 * Rule files are data: hostile paths, keys and sizes are refused with paths, and neither evaluator ever runs
 * jsonpath-plus, whatever the rule says.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  parsePlanInput,
  RuleSetError,
  validateRuleSet,
  type PlanInput,
  type Rule,
  type RuleSetInput,
} from '../../src/index.js';
import { buildFacts, type FactSet } from '../../src/facts/build-facts.js';
import { createCompiledEvaluator, createEngineEvaluator } from '../../src/rules/evaluator.js';
import { MAX_CANDIDATES } from '../../src/plan/pipeline.js';
import { baseInput } from '../helpers.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const marker = join(tmpdir(), `rx-followup-pwned-${process.pid}`);
const globalKey = `rxPwned${process.pid}`;

// Each payload, if evaluated by jsonpath-plus, would write the marker file or set a global.
const writeFile = `require('fs').writeFileSync('${marker}','x')`;
const setGlobal = `globalThis.${globalKey}=1`;
const PAYLOADS = [
  // The nested-filter escape fixed upstream in JSONPath-Plus PR 266.
  `$.items[?(@.constructor[( @.getPrototypeOf(@).constructor('${writeFile.replace(/'/g, '"')}')() )])]`,
  `$..[?(@.constructor.constructor('${setGlobal}')())]`,
  // CVE-2024-21534 style payloads.
  `$[?(@.constructor.constructor('return process')().mainModule.require('fs').writeFileSync('${marker}','x'))]`,
  `$..[?(@.__proto__.constructor.constructor('${setGlobal}')())]`,
  `$[(this.constructor.constructor('${setGlobal}')())]`,
  // A regex literal in a filter: catastrophic backtracking.
  `$..[?(@.match(/^(a+)+$/))]`,
];

function facts(): FactSet {
  const f = buildFacts(parsePlanInput(baseInput()), 'Asia/Shanghai');
  return { customer: f.customer, purchase: f.purchase, line: f.lines[0]?.fact ?? null, incident: null };
}

function assertNothingRan(): void {
  expect(existsSync(marker)).toBe(false);
  expect((globalThis as Record<string, unknown>)[globalKey]).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

afterEach(() => {
  rmSync(marker, { force: true });
  assertNothingRan();
});

const ruleWith = (conditions: unknown): Record<string, unknown> => ({
  id: 'hostile.rule',
  description: 'hostile',
  conditions,
  event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
});
/** A rule set of one cadence that always holds, with these params. */
const cadenceSet = (params: Record<string, unknown>): Record<string, unknown> => ({
  id: 'x',
  version: '1',
  rules: [
    {
      ...ruleWith({ all: [] }),
      event: {
        type: 'cadence',
        params: { anchor: 'purchase', offsets: ['P1D'], channel: 'phone', tolerance: 'P1D', ...params },
      },
    },
  ],
});

describe('hostile condition paths', () => {
  it('the first payload is live: raw jsonpath-plus (as json-rules-engine calls it by default) runs it', () => {
    // In a child process, with a harmless payload that only sets a global, so this process stays clean.
    const script = `
      const { JSONPath } = require('jsonpath-plus');
      try { JSONPath({ path: ${JSON.stringify("$.items[?(@.constructor[( @.getPrototypeOf(@).constructor('globalThis.ran=1') )()])]")}, json: { items: [{ a: 1 }] }, wrap: false }); } catch {}
      process.stdout.write(String(globalThis.ran));
    `;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('1');
  });

  it.each(PAYLOADS)(
    'validation refuses %s in a condition path, in a { fact, path } value and in event params',
    (payload) => {
      const inPath = {
        id: 'x',
        version: '1',
        rules: [ruleWith({ all: [{ fact: 'customer', path: payload, operator: 'equal', value: 1 }] })],
      };
      const inValue = {
        id: 'x',
        version: '1',
        rules: [
          ruleWith({
            all: [{ fact: 'customer', path: '$.tier', operator: 'equal', value: { fact: 'customer', path: payload } }],
          }),
        ],
      };
      const inParams = cadenceSet({ purpose: payload, path: payload });
      for (const [json, path] of [
        [inPath, 'rules[0].conditions.all[0].path'],
        [inValue, 'rules[0].conditions.all[0].value.path'],
        [inParams, 'rules[0].event.params'],
      ] as const) {
        const result = validateRuleSet(json);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
        expect(() => createPlanner({ ruleSet: json as RuleSetInput })).toThrow(RuleSetError);
      }
      assertNothingRan();
    },
  );

  it.each(PAYLOADS)('neither evaluator runs %s even when validation is bypassed', async (payload) => {
    // Straight to the evaluators, as if validation had been skipped.
    const rules = [
      ruleWith({ all: [{ fact: 'customer', path: payload, operator: 'equal', value: 1 }] }),
      {
        ...ruleWith({
          any: [{ fact: 'purchase', path: '$.id', operator: 'equal', value: { fact: 'customer', path: payload } }],
        }),
        id: 'hostile.value',
      },
    ] as unknown as Rule[];
    for (const evaluator of [createEngineEvaluator(rules), createCompiledEvaluator(rules)]) {
      expect(await evaluator.evaluate(facts())).toEqual([]);
    }
    assertNothingRan();
  });
});

describe('prototype keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'a "%s" key anywhere in a rule file is an issue with its path',
    (key) => {
      // A rule whose conditions are an `all` with a condition in it.
      const n = (defaultRuleSet.rules ?? []).findIndex((r) => 'all' in r.conditions && r.conditions.all.length > 0);
      const places: [(r: Record<string, any>) => void, string][] = [
        [(r) => Object.defineProperty(r, key, { value: {}, enumerable: true }), key],
        [
          (r) => Object.defineProperty(r['rules'][0]['event']['params'], key, { value: { x: 1 }, enumerable: true }),
          `rules[0].event.params.${key}`,
        ],
        [
          (r) => Object.defineProperty(r['rules'][n]['conditions']['all'][0], key, { value: 1, enumerable: true }),
          `rules[${n}].conditions.all[0].${key}`,
        ],
        [
          (r) => Object.defineProperty(r['conditions']['isAccountant'], key, { value: 1, enumerable: true }),
          `conditions.isAccountant.${key}`,
        ],
        [(r) => (r['calendars'] = JSON.parse(`{"${key}": {"holidays": []}}`)), `calendars.${key}`],
      ];
      for (const [corrupt, path] of places) {
        const json = structuredClone(defaultRuleSet) as Record<string, any>;
        corrupt(json);
        const result = validateRuleSet(json);
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.issues).toContainEqual(
            expect.objectContaining({ path, message: `the key "${key}" is not allowed in rule files` }),
          );
      }
    },
  );

  it('a rule file parsed from text with "__proto__" keys pollutes nothing', () => {
    const text = JSON.stringify(defaultRuleSet).replace('"params":{', '"params":{"__proto__":{"polluted":true},');
    const json = JSON.parse(text) as unknown;
    expect(validateRuleSet(json).ok).toBe(false);
    expect(() => createPlanner({ ruleSet: json as RuleSetInput })).toThrow(RuleSetError);
  });

  it('"__proto__" keys in inputs are dropped', async () => {
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const text = JSON.stringify(baseInput())
      .replace('"contact":{', '"contact":{"__proto__":{"doNotCall":true,"polluted":true},')
      .replace(
        '"purchase":{',
        '"purchase":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      );
    const plan = await planner.plan(JSON.parse(text));
    // doNotCall from the prototype did not apply: routine calls stay calls.
    expect(plan.touchpoints.every((t) => t.channel === 'phone')).toBe(true);
  });
});

describe('limits', () => {
  const tooMany = (n: number) => Array.from({ length: n }, (_, i) => ({ ...ruleWith({ all: [] }), id: `r${i}` }));
  it.each<[string, Record<string, unknown>, string]>([
    ['more than 1,000 rules', { id: 'x', version: '1', rules: tooMany(1001) }, 'rules'],
    [
      'conditions nested deeper than 10',
      {
        id: 'x',
        version: '1',
        rules: [
          ruleWith(
            Array.from({ length: 12 }).reduce((inner: unknown) => ({ not: inner }), {
              fact: 'customer',
              operator: 'equal',
              value: 1,
            }) as never,
          ),
        ],
      },
      'rules[0].conditions',
    ],
    [
      'more than 100 conditions in a list',
      {
        id: 'x',
        version: '1',
        rules: [
          ruleWith({ all: Array.from({ length: 101 }, () => ({ fact: 'customer', operator: 'equal', value: 1 })) }),
        ],
      },
      'rules[0].conditions.all',
    ],
    [
      'more than 100 offsets',
      cadenceSet({ purpose: 'p', offsets: Array.from({ length: 101 }, () => 'P1D') }),
      'rules[0].event.params.offsets',
    ],
    [
      'a horizon of three years',
      { id: 'x', version: '1', defaults: { horizon: 'P3Y' }, rules: [] },
      'defaults.horizon',
    ],
    [
      'a path of 300 characters',
      {
        id: 'x',
        version: '1',
        rules: [ruleWith({ all: [{ fact: 'customer', path: `$${'.tier'.repeat(60)}`, operator: 'equal', value: 1 }] })],
      },
      'rules[0].conditions.all[0].path',
    ],
  ])('refuses %s', (_label, json, path) => {
    const result = validateRuleSet(json);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(
        result.issues.some((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`)),
      ).toBe(true);
  });

  it.each<[string, (i: Record<string, any>) => void, string]>([
    [
      '201 items',
      (i) => (i['purchase'].items = Array.from({ length: 201 }, () => ({ drugCode: 'D', quantity: 1 }))),
      'purchase.items',
    ],
    [
      '51 incidents',
      (i) =>
        (i['purchase'].incidents = Array.from({ length: 51 }, () => ({
          type: 'inquiry',
          reportedAt: '2026-03-06T10:00:00+08:00',
        }))),
      'purchase.incidents',
    ],
    [
      'a 3,000-character note',
      (i) =>
        (i['purchase'].incidents = [
          { type: 'inquiry', reportedAt: '2026-03-06T10:00:00+08:00', note: 'x'.repeat(3000) },
        ]),
      'purchase.incidents[0].note',
    ],
    ['a 300-character id', (i) => (i['customer'].id = 'x'.repeat(300)), 'customer.id'],
    ['101 tags', (i) => (i['customer'].tags = Array.from({ length: 101 }, (_, n) => `t${n}`)), 'customer.tags'],
  ])('refuses an input with %s', async (_label, corrupt, path) => {
    const input = structuredClone(baseInput()) as Record<string, any>;
    corrupt(input);
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const error = await planner.plan(input as PlanInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((i) => i.path)).toContain(path);
  });

  it('caps the candidates of one plan and stays fast with a rule set built to explode', async () => {
    // An hourly cadence until the supply ends, on every one of 200 lines with different supplies.
    const ruleSet = structuredClone(defaultRuleSet) as Record<string, any>;
    ruleSet['defaults'] = { ...ruleSet['defaults'], horizon: 'P731D' };
    ruleSet['rules'].push({
      id: 'cadence.explode',
      description: 'hourly',
      conditions: { all: [{ fact: 'line', path: '$.hasCourse', operator: 'equal', value: true }] },
      event: {
        type: 'cadence',
        params: {
          anchor: 'supply-end',
          offsets: ['-P30D'],
          repeat: { every: 'PT1H' },
          until: 'horizon',
          channel: 'phone',
          purpose: 'explode',
          tolerance: 'P7D',
        },
      },
    });
    const planner = createPlanner({ ruleSet });
    const input = structuredClone(baseInput());
    input.purchase.items = Array.from({ length: 200 }, (_, i) => ({ drugCode: `D${i}`, quantity: 1 + i }));
    input.courses = input.purchase.items.map((it) => ({
      drugCode: it.drugCode,
      unitsPerPack: 18,
      dosePerDay: 1,
      chronic: true,
    })); // up to 3,600 days: within the supply limit
    input.purchase.incidents = Array.from({ length: 50 }, (_, i) => ({
      type: 'complaint' as const,
      reportedAt: `2026-03-${String(6 + (i % 20)).padStart(2, '0')}T10:00:00+08:00`,
    }));
    // The cap itself (a run that explodes still fails by the test's timeout; no wall-clock bound here).
    const plan = await planner.plan(input);
    expect(plan.warnings.some((w) => w.includes(`more than ${MAX_CANDIDATES} candidate contacts`))).toBe(true);
    expect(plan.touchpoints.length + plan.suppressed.length).toBeLessThanOrEqual(MAX_CANDIDATES + 50 * 2);
  });
});
