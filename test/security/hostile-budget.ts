/** Runs every hostile case once (in a child process started with a 256 MB heap) and prints outcome and time as JSON. */
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  RuleSetError,
  type PlanInput,
  type RuleSetInput,
} from '../../src/index.js';
import { baseHostileInput, HOSTILE_CASES, type HostileCase } from './hostile-cases.js';

/** What a case comes to: a plan, or the name of the typed error (its last input's, when planned many times). */
export async function outcomeOf(c: HostileCase): Promise<string> {
  try {
    const first = c.make();
    const planner = createPlanner({ ruleSet: (first.ruleSet ?? defaultRuleSet) as RuleSetInput });
    for (let i = 1; i < (c.times ?? 1); i++)
      await planner.plan((c.make().input ?? baseHostileInput()) as PlanInput).catch(() => undefined);
    await planner.plan((first.input ?? baseHostileInput()) as PlanInput);
    return 'plan';
  } catch (error) {
    return error instanceof RuleSetError || error instanceof InputError
      ? error.name
      : `untyped ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

if (process.argv[1]?.endsWith('hostile-budget.ts')) {
  const results: { name: string; outcome: string; expected: string; ms: number; heapMb: number; times: number }[] = [];
  for (const c of HOSTILE_CASES) {
    const started = performance.now();
    const outcome = await outcomeOf(c);
    results.push({
      name: c.name,
      outcome,
      expected: c.expect,
      ms: Math.round(performance.now() - started),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      times: c.times ?? 1,
    });
  }
  process.stdout.write(JSON.stringify(results));
}
