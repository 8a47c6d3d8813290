/**
 * Fuzzing: arbitrary JSON and mutations of valid rule sets and inputs into every entry point. Only success or
 * our typed errors are allowed, within time bounds. CI runs a fixed seed; `npm run fuzz` runs many more.
 */
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  RxFollowupError,
  validateRuleSet,
  type PlanInput,
  type Planner,
  type RuleSetInput,
} from '../../src/index.js';
import { loadRuleSet } from '../../src/node/index.js';
import { arbPlanInput } from '../../src/testing/index.js';
import { arbMutation, mutate, type Json } from '../mutate.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const SEED = Number(process.env['RX_SEED'] ?? 777);
const RUNS = Number(process.env['RX_FUZZ_RUNS'] ?? 300);

/** What an internal error says (a TypeError from deep inside, an assertion): never an issue's message. */
const INTERNAL =
  /internal error|is not a function|Cannot (read|convert|set)|undefined or null|Maximum call stack|is not iterable/;

/** validateRuleSet's answer: issues that are issues, never an internal error dressed as one. */
function expectHonestIssues(json: unknown): ReturnType<typeof validateRuleSet> {
  const result = validateRuleSet(json);
  if (!result.ok) for (const issue of result.issues) expect(issue.message, issue.path).not.toMatch(INTERNAL);
  return result;
}

const expectTyped = (error: unknown): void => {
  expect(
    error instanceof RxFollowupError,
    `unexpected ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`,
  ).toBe(true);
};

// How long a plan takes is npm run bench's to measure; a hang still fails here, by the test's timeout.
async function planWithin(planner: Planner, input: Json): Promise<void> {
  try {
    await planner.plan(input as PlanInput);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    for (const issue of (error as InputError).issues) expect(issue.message, issue.path).not.toMatch(INTERNAL);
  }
}

const base = createPlanner({ ruleSet: defaultRuleSet });

describe('fuzzing', () => {
  it('validateRuleSet never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (json) => {
        const result = expectHonestIssues(json);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
  });

  it('mutated rule sets: an issue list, or a planner that plans or refuses the input with InputError', async () => {
    const input = fc.sample(arbPlanInput(), { numRuns: 1, seed: SEED })[0];
    await fc.assert(
      fc.asyncProperty(arbMutation, async ({ pick, action, junk }) => {
        const json = mutate(defaultRuleSet, pick, action, junk);
        const result = expectHonestIssues(json);
        let planner: Planner;
        try {
          planner = createPlanner({ ruleSet: json as RuleSetInput });
        } catch (error) {
          expectTyped(error);
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        await planWithin(planner, input);
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  }, 120_000);

  it('arbitrary JSON and mutated valid inputs into plan(): a plan or an InputError, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.tuple(arbPlanInput(), arbMutation).map(([input, m]) => mutate(input, m.pick, m.action, m.junk)),
        ),
        async (input) => {
          await planWithin(base, input);
        },
      ),
      { numRuns: RUNS * 2, seed: SEED + 2 },
    );
  }, 120_000);

  it('loadRuleSet on arbitrary file contents: a rule set or a RuleSetError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-fuzz-'));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
          arbMutation.map((m) => JSON.stringify(mutate(defaultRuleSet, m.pick, m.action, m.junk)) ?? ''),
        ),
        async (text) => {
          const file = join(dir, 'rules.json');
          writeFileSync(file, text);
          try {
            await loadRuleSet(file);
          } catch (error) {
            expectTyped(error);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED + 3 },
    );
  }, 120_000);

  it('the CLI exits 0 or 1 and reports bad records as JSON lines on mutated batches', () => {
    const lines = fc
      .sample(fc.tuple(arbPlanInput(), arbMutation, fc.boolean()), { numRuns: 60, seed: SEED + 4 })
      .map(([input, m, keep]) =>
        keep ? JSON.stringify(input) : (JSON.stringify(mutate(input, m.pick, m.action, m.junk)) ?? 'null'),
      );
    lines.splice(10, 0, '{"truncated": ', '', '[1,2', '"just a string"');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'plan',
        '--rules',
        'rules',
        '--as-of',
        '2026-01-01T00:00:00Z',
        '--workers',
        '0',
        '--quiet',
      ],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        input: lines.join('\n'),
        encoding: 'utf8',
      },
    );
    expect([0, 1]).toContain(r.status);
    for (const line of r.stderr.trim().split('\n').filter(Boolean)) {
      const error = JSON.parse(line) as { line: number; error: string };
      expect(error.line).toBeGreaterThan(0);
      expect(error.error === 'InputError' || error.error.startsWith('invalid JSON')).toBe(true);
    }
    expect(
      r.stdout.trim().split('\n').filter(Boolean).length + r.stderr.trim().split('\n').filter(Boolean).length,
    ).toBe(lines.filter((l) => l.trim() !== '').length);
  }, 60_000);

  it('hostile families (huge durations, deep and wide conditions, decorator chains, fact references, zone spellings): typed, quickly', async () => {
    const duration = fc.constantFrom(
      'P1D',
      'P7D',
      'PT1H',
      'P1M',
      'P999999W',
      'P999999Y',
      'P999999D',
      'PT999999H',
      'P731D',
      'P732D',
      '-P999999D',
    );
    const decorators = fc.array(
      fc.constantFrom('not', 'swap', 'someFact', 'everyFact', 'someValue', 'everyValue', 'nope'),
      { maxLength: 6 },
    );
    const base = fc.constantFrom('equal', 'in', 'notIn', 'contains', 'lessThan');
    const factRef = fc.record({
      fact: fc.constantFrom('customer', 'purchase', 'line', 'incident'),
      path: fc.constantFrom('$.id', '$.tags', '$.ageYears', '$.occupation', '$.drugCodes', '$.supplyDays', '$.tags[0]'),
    });
    const leaf = fc.record(
      {
        fact: fc.constantFrom('customer', 'purchase', 'line', 'incident'),
        path: fc.constantFrom(
          '$.id',
          '$.tags',
          '$.ageYears',
          '$.occupation',
          '$.drugCodes',
          '$.supplyDays',
          '$.tags[0]',
        ),
        operator: fc.tuple(decorators, base).map(([d, b]) => [...d, b].join(':')),
        value: fc.oneof(factRef, fc.constantFrom('x', 3, ['a', 'b'], null)),
        priority: fc.constantFrom(undefined, 1, 1000, 1001, 0, -1, 1e21, 5e-7, '5'),
      },
      { requiredKeys: ['fact', 'path', 'operator', 'value'] },
    );
    const conditions = fc.oneof(
      fc.array(leaf, { maxLength: 3 }).map((all) => ({ all })),
      fc
        .record({ width: fc.integer({ min: 1, max: 120 }), depth: fc.integer({ min: 1, max: 12 }) })
        .map(({ width, depth }) => {
          let node: unknown = { fact: 'customer', path: '$.id', operator: 'equal', value: 'x' };
          for (let d = 0; d < depth; d++)
            node = { any: Array.from({ length: d === depth - 1 ? width : 1 }, () => node) };
          return node;
        }),
    );
    const event = fc.oneof(
      fc
        .record({
          offsets: fc.array(duration, { minLength: 1, maxLength: 5 }),
          tolerance: duration,
          every: fc.option(duration, { nil: undefined }),
        })
        .map(({ offsets, tolerance, every }) => ({
          type: 'cadence',
          params: {
            anchor: 'purchase',
            offsets,
            tolerance,
            channel: 'phone',
            purpose: 'x',
            ...(every ? { repeat: { every } } : {}),
          },
        })),
      fc
        .record({ gap: duration })
        .map(({ gap }) => ({ type: 'cap', params: { kind: 'min-gap', gap, channels: ['phone'] } })),
      fc.record({ deadline: duration }).map(({ deadline }) => ({
        type: 'escalation',
        params: { channel: 'phone', urgency: 'high', purpose: 'x', start: 'report', deadline },
      })),
    );
    const zone = fc.constantFrom(
      'Asia/Shanghai',
      'asia/shanghai',
      'ASIA/SHANGHAI',
      'aMerica/ArGentina/bUENOS_aIRES',
      'Asia/Nowhere',
      `Asia/${'x'.repeat(100_000)}`,
      'UTC',
      'utc',
      '+08:00',
    );
    await fc.assert(
      fc.asyncProperty(
        conditions,
        event,
        zone,
        arbPlanInput({ zones: ['Asia/Shanghai'] }),
        async (cond, ev, tz, input) => {
          const set = structuredClone(defaultRuleSet) as { rules: unknown[] };
          set.rules.push({ id: 'fuzz.hostile', description: 'fuzz', conditions: cond, event: ev });
          let planner: Planner;
          try {
            planner = createPlanner({ ruleSet: set as RuleSetInput });
          } catch (error) {
            expectTyped(error);
            return;
          }
          await planWithin(planner, { ...input, customer: { ...input.customer, timeZone: tz } });
        },
      ),
      { numRuns: Math.max(50, Math.floor(RUNS / 3)), seed: SEED + 5 },
    );
  }, 120_000);
});
