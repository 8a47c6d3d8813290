/**
 * A replan's passes checked as purchase plans: `planner.replan` plans each purchase of the history again, oldest
 * first, around what the passes before it planned (src/plan/replan.ts). Each pass is a purchase's plan, its input
 * the customer's history then, so the plan checker holds it to every rule a purchase's plan keeps.
 */
import { createPlanner, plannerInternals, type Planner } from '../planner.js';
import { replanCustomer } from '../plan/replan.js';
import type { AnyPlan, FollowUpPlanData } from '../plan/types.js';
import type { ParsedPlanInput } from '../schema/input.js';
import { parseReplanInput, type ReplanInput } from '../schema/replan-input.js';
import type { RuleSet } from '../schema/ruleset.js';
import { checkReadPlan, type Violation } from './invariants.js';

/** The planner whose parts plan the passes: this one, or one made here from its rules (a planner of another build). */
const own = new WeakMap<Planner<AnyPlan>, Planner<AnyPlan>>();
function partsOf(planner: Planner<AnyPlan>): ReturnType<typeof plannerInternals> {
  try {
    return plannerInternals(planner);
  } catch {
    let made = own.get(planner);
    if (made === undefined) {
      made = createPlanner({ ruleSet: planner.ruleSet, locale: planner.locale });
      own.set(planner, made);
    }
    return plannerInternals(made);
  }
}

/**
 * The violations of each pass of `planner.replan(input)`, with the purchase the pass planned again. Each pass is
 * checked with the input the replan gave it: its history has the contacts of later purchases too, which a plan
 * input may not.
 */
export async function checkReplanPasses(
  planner: Planner<AnyPlan>,
  input: ReplanInput,
  check: (plan: FollowUpPlanData, input: ParsedPlanInput, ruleSet: RuleSet) => Violation[] = checkReadPlan,
): Promise<{ purchaseId: string; violation: Violation }[]> {
  const { compiled, tables, renderer } = partsOf(planner);
  const passes: { input: ParsedPlanInput; plan: FollowUpPlanData }[] = [];
  await replanCustomer(compiled, tables, parseReplanInput(input), renderer.dataOnly(), (passInput, plan) =>
    passes.push({ input: passInput, plan }),
  );
  return passes.flatMap((pass) =>
    check(pass.plan, pass.input, compiled.ruleSet).map((violation) => ({
      purchaseId: pass.input.purchase.id,
      violation,
    })),
  );
}
