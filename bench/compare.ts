/**
 * Two builds of rx-followup side by side in one process: plan() throughput of each on the bench population, in
 * alternating rounds (A-B, then B-A) so both see the same machine, and whether their plans are the same.
 *
 *   node --import tsx bench/compare.ts <distA> <distB>      (each a folder holding index.js and testing.js)
 *
 * e.g. a worktree of the last release built with tsup, against this checkout's dist/. The population is drawn with
 * B's arbitraries and the bench's seed. Fields listed in RX_COMPARE_IGNORE (comma-separated JSON paths such as
 * `asOf,timeZone,ruleSet.hash`) are left out of the comparison of plans — for fields one build adds.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Core from '../src/index.js';
import type * as Testing from '../src/testing/index.js';

const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: bench/compare.ts <distA> <distB>');
const load = async (dir: string): Promise<typeof Core & typeof Testing> => ({
  ...((await import(pathToFileURL(resolve(dir, 'index.js')).href)) as typeof Core),
  ...((await import(pathToFileURL(resolve(dir, 'testing.js')).href)) as typeof Testing),
});
const a = await load(dirA);
const b = await load(dirB);

const POPULATION = Number(process.env['RX_BENCH_POPULATION'] ?? 20_000);
const ROUNDS = Number(process.env['RX_BENCH_ROUNDS'] ?? 10);
const IGNORE = (process.env['RX_COMPARE_IGNORE'] ?? '').split(',').filter(Boolean);
const inputs = fc.sample(b.arbPlanInput(), { numRuns: POPULATION, seed: 20261123 }) as Core.PlanInput[];

const plannerA = a.createPlanner({ ruleSet: a.defaultRuleSet });
const plannerB = b.createPlanner({ ruleSet: b.defaultRuleSet });

/** A plan as JSON without the ignored fields. */
function comparable(plan: unknown): string {
  const copy = structuredClone(plan) as Record<string, unknown>;
  for (const path of IGNORE) {
    const keys = path.split('.');
    let at: Record<string, unknown> | undefined = copy;
    for (const key of keys.slice(0, -1)) at = at?.[key] as Record<string, unknown> | undefined;
    if (at) delete at[keys.at(-1) as string];
  }
  return JSON.stringify(copy);
}

let differ = 0;
let firstDiffer = -1;
for (let i = 0; i < POPULATION; i++) {
  const input = inputs[i] as Core.PlanInput;
  if (comparable(await plannerA.plan(input)) !== comparable(await plannerB.plan(input))) {
    differ++;
    if (firstDiffer < 0) firstDiffer = i;
  }
}

const run = async (planner: Core.Planner): Promise<number> => {
  const t0 = performance.now();
  for (let i = 0; i < POPULATION; i++) await planner.plan(inputs[i] as Core.PlanInput);
  return performance.now() - t0;
};
let totalA = 0;
let totalB = 0;
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let ta: number;
  let tb: number;
  if (round % 2 === 0) {
    ta = await run(plannerA);
    tb = await run(plannerB);
  } else {
    tb = await run(plannerB);
    ta = await run(plannerA);
  }
  totalA += ta;
  totalB += tb;
  ratios.push(tb / ta);
}
const perSecond = (total: number): number => Math.round((POPULATION * ROUNDS * 1000) / total);
console.log(`population ${POPULATION}, ${ROUNDS} rounds alternating`);
console.log(`A ${dirA}: ${perSecond(totalA)} plans/s`);
console.log(`B ${dirB}: ${perSecond(totalB)} plans/s`);
console.log(`B time / A time: ${(totalB / totalA).toFixed(3)} (per round: ${ratios.map((r) => r.toFixed(3)).join(', ')})`);
console.log(
  `plans that differ${IGNORE.length ? ` (ignoring ${IGNORE.join(', ')})` : ''}: ${differ} of ${POPULATION}${firstDiffer >= 0 ? ` (first: input ${firstDiffer})` : ''}`,
);
