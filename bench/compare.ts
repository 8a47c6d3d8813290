/**
 * Two builds of rx-followup side by side: whether their plans are the same (in one process), and plan() throughput
 * of each on the bench population, each build timed in a child process of its own (two builds in one process slow
 * each other down and hide a regression), in alternating rounds (A-B, then B-A) so both see the same machine.
 *
 *   node --import tsx bench/compare.ts <distA> <distB>      (each a folder holding index.js; B also testing.js)
 *
 * e.g. a worktree of the last release built with tsup, against this checkout's dist/. The population is drawn with
 * B's arbitraries and the bench's seed. Fields listed in RX_COMPARE_IGNORE (comma-separated JSON paths such as
 * `asOf,timeZone,ruleSet.hash`, or `touchpoints[].tolerance` for a field of every touchpoint) are left out of the
 * comparison of plans — for fields one build adds. RX_COMPARE_LOCALE_A / RX_COMPARE_LOCALE_B give a build's planner a
 * locale (`zh-CN`): one build against itself in two locales measures what rendering Chinese costs.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Core from '../src/index.js';
import type * as Testing from '../src/testing/index.js';

/**
 * The inputs both builds can plan: with RX_COMPARE_SALES_ONLY=1, consultations (0.2) are left out, so that a 0.1
 * build can be timed on the same population.
 */
function plannableByBoth(inputs: Core.PlanInput[]): Core.PlanInput[] {
  if (process.env['RX_COMPARE_SALES_ONLY'] !== '1') return inputs;
  return inputs.filter((input) => (input.purchase as { kind?: string }).kind !== 'consultation');
}

// A child: time one build over the population, after a warm-up pass; print the best pass in CPU milliseconds.
if (process.argv[2] === '--time') {
  const dir = process.argv[3] as string;
  const core = (await import(pathToFileURL(resolve(dir, 'index.js')).href)) as typeof Core;
  const testing = (await import(
    pathToFileURL(resolve(process.argv[4] as string, 'testing.js')).href
  )) as typeof Testing;
  const population = plannableByBoth(
    fc.sample(testing.arbPlanInput(), {
      numRuns: Number(process.env['RX_BENCH_POPULATION'] ?? 20_000),
      seed: 20261123,
    }) as Core.PlanInput[],
  );
  const locale = process.argv[5];
  const planner = core.createPlanner({
    ruleSet: core.defaultRuleSet,
    ...(locale ? { locale } : {}),
  } as Core.PlannerOptions);
  for (const input of population) await planner.plan(input);
  // CPU time of the process (user + system), not wall time: a pass the host slowed by running other work is slow in
  // wall time, much less in CPU time.
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = process.cpuUsage();
    for (const input of population) await planner.plan(input);
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  process.stdout.write(String(best));
  process.exit(0);
}

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: bench/compare.ts <distA> <distB>');
const load = async (dir: string): Promise<typeof Core> =>
  (await import(pathToFileURL(resolve(dir, 'index.js')).href)) as typeof Core;
const a = await load(dirA);
const b = await load(dirB);
const testingB = (await import(pathToFileURL(resolve(dirB, 'testing.js')).href)) as typeof Testing;

const POPULATION = Number(process.env['RX_BENCH_POPULATION'] ?? 20_000);
const ROUNDS = Number(process.env['RX_BENCH_ROUNDS'] ?? 10);
const IGNORE = (process.env['RX_COMPARE_IGNORE'] ?? '').split(',').filter(Boolean);
const inputs = plannableByBoth(
  fc.sample(testingB.arbPlanInput(), { numRuns: POPULATION, seed: 20261123 }) as Core.PlanInput[],
);

const LOCALE_A = process.env['RX_COMPARE_LOCALE_A'] ?? '';
const LOCALE_B = process.env['RX_COMPARE_LOCALE_B'] ?? '';
const withLocale = (locale: string): object => (locale ? { locale } : {});
const plannerA = a.createPlanner({ ruleSet: a.defaultRuleSet, ...withLocale(LOCALE_A) } as Core.PlannerOptions);
const plannerB = b.createPlanner({ ruleSet: b.defaultRuleSet, ...withLocale(LOCALE_B) } as Core.PlannerOptions);

/** Deletes a path from a value; a key ending in `[]` (`touchpoints[].tolerance`) goes into every element of that list. */
function drop(at: unknown, keys: readonly string[]): void {
  if (at === null || typeof at !== 'object' || keys.length === 0) return;
  const [key, ...rest] = keys as [string, ...string[]];
  const record = at as Record<string, unknown>;
  if (key.endsWith('[]')) {
    const list = record[key.slice(0, -2)];
    if (Array.isArray(list)) for (const item of list) drop(item, rest);
  } else if (rest.length === 0) delete record[key];
  else drop(record[key], rest);
}

/** A plan as JSON without the ignored fields. */
function comparable(plan: unknown): string {
  const copy = structuredClone(plan) as Record<string, unknown>;
  for (const path of IGNORE) drop(copy, path.split('.'));
  return JSON.stringify(copy);
}

let differ = 0;
let firstDiffer = -1;
for (let i = 0; i < inputs.length; i++) {
  const input = inputs[i] as Core.PlanInput;
  if (comparable(await plannerA.plan(input)) !== comparable(await plannerB.plan(input))) {
    differ++;
    if (firstDiffer < 0) firstDiffer = i;
  }
}

/** One timed pass of a build, in a child process of its own. */
const run = (dir: string, locale = ''): number => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--time', dir, dirB, locale],
    {
      encoding: 'utf8',
      env: process.env,
    },
  );
  if (child.status !== 0) throw new Error(`timing ${dir} failed: ${child.stderr}`);
  return Number(child.stdout);
};
let totalA = 0;
let totalB = 0;
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let ta: number;
  let tb: number;
  if (round % 2 === 0) {
    ta = run(dirA, LOCALE_A);
    tb = run(dirB, LOCALE_B);
  } else {
    tb = run(dirB, LOCALE_B);
    ta = run(dirA, LOCALE_A);
  }
  totalA += ta;
  totalB += tb;
  ratios.push(tb / ta);
}
// Each total is one best pass per round: the population once.
const perSecond = (total: number): number => Math.round((inputs.length * ROUNDS * 1000) / total);
console.log(
  `population ${inputs.length}, ${ROUNDS} rounds alternating, each build timed in its own process (best of 3 passes, CPU time)`,
);
console.log(`A ${dirA}: ${perSecond(totalA)} plans/s`);
console.log(`B ${dirB}: ${perSecond(totalB)} plans/s`);
console.log(
  `B time / A time: ${(totalB / totalA).toFixed(3)} (per round: ${ratios.map((r) => r.toFixed(3)).join(', ')})`,
);
console.log(
  `plans that differ${IGNORE.length ? ` (ignoring ${IGNORE.join(', ')})` : ''}: ${differ} of ${POPULATION}${firstDiffer >= 0 ? ` (first: input ${firstDiffer})` : ''}`,
);
