/**
 * `createPlanner`: the library's front door — a rule set validated and compiled once, and the planning (`plan/`),
 * replanning and worklist (`worklist/`) entry points over it.
 */
import { WindowTables } from './plan/window-tables.js';
import { InputError, RuleSetError } from './errors.js';
import { issue } from './i18n/issues.js';
import { LOCALES, type Locale } from './i18n/explanation.js';
import { Renderer } from './i18n/render.js';
import { namesOf } from './plan/names.js';
import { validateRuleSet } from './rules/validate.js';
import { parsePlanInput } from './schema/parse-input.js';
import { PlanInputSchema, type PlanInput } from './schema/input.js';
import { fieldsOf, nearMissWarnings } from './schema/near-misses.js';
import type { RuleSet, RuleSetInput } from './schema/ruleset.js';
import { compileRuleSet, type CompiledRuleSet, type EvaluatorKind } from './plan/compile.js';
import { buildPlan } from './plan/pipeline.js';
import { replanCustomer } from './plan/replan.js';
import { parseReplanInput, type ReplanInput } from './schema/replan-input.js';
import type { AnyPlan, FollowUpPlan, FollowUpPlanData } from './plan/types.js';
import type { Worklist, WorklistOptions, WorklistPlan } from './worklist/types.js';
import { buildWorklist } from './worklist/worklist.js';

/** Options of {@link createPlanner}. */
export interface PlannerOptions {
  /**
   * The rules: `defaultRuleSet`, a set from `loadRuleSet`, or any rule set written as JSON (see `defineRuleSet`).
   * Data of unknown shape: cast it (`json as RuleSetInput`); it is validated all the same.
   */
  readonly ruleSet: RuleSetInput;
  /**
   * How conditions are evaluated. `'compiled'` (default): each rule compiled once into a plain function with
   * json-rules-engine's semantics, differential-tested against it. `'json-rules-engine'`: the engine itself,
   * as the reference (about two orders of magnitude slower).
   */
  readonly evaluator?: EvaluatorKind;
  /**
   * The language of reasons, warnings, purpose labels and error messages: `'en'` (default) or `'zh-CN'`. Every
   * reason is also given as data (`Touchpoint.explanations`), the same in every locale.
   */
  readonly locale?: Locale;
  /**
   * `'text'` (default): plans carry their reasons as text in `locale` (`reasons`, `reason`, `warnings`) and as data
   * (`explanations`, `warningExplanations`). `'data'`: the data only — faster, and smaller to store; `renderPlan`
   * adds the texts later, in the staff's language, identical to what `'text'` gives.
   */
  readonly reasons?: PlanReasons;
}

/** Whether plans carry their reasons as text beside the data (`'text'`), or the data only (`'data'`). */
export type PlanReasons = 'text' | 'data';

/** One result of {@link Planner.planMany}: a plan, or the error for that input. */
export type PlanManyResult<Plan extends AnyPlan = FollowUpPlan> =
  | { readonly index: number; readonly ok: true; readonly plan: Plan }
  | { readonly index: number; readonly ok: false; readonly error: Error };

/**
 * A rule set validated and compiled once, ready to plan any number of purchases. Its plans are `FollowUpPlan`s, or
 * `FollowUpPlanData` when it was made with `reasons: 'data'`.
 */
export interface Planner<Plan extends AnyPlan = FollowUpPlan> {
  /** The validated rule set, with defaults filled in. */
  readonly ruleSet: RuleSet;
  /** The locale of its reasons, labels and errors. */
  readonly locale: Locale;
  /** Whether its plans carry their reasons as text (`'text'`) or as data only (`'data'`). */
  readonly reasons: PlanReasons;
  /** `{ id, version, hash }` of the rule set, as every plan reports it. */
  readonly ruleSetInfo: { readonly id: string; readonly version: string; readonly hash: string };
  /**
   * Plans the follow-up contacts for one purchase. The input is validated whatever its static type: data of unknown
   * shape (a parsed JSON line) may be passed deliberately with a cast (`json as PlanInput`), or checked first
   * with `parsePlanInput`.
   *
   * @throws {InputError} listing every problem of an invalid input; no partial plan.
   */
  plan(input: PlanInput): Promise<Plan>;
  /**
   * Plans many inputs, in input order. Never throws for a bad item: it yields
   * `{ index, ok: false, error }` (an `InputError` for invalid input) and goes
   * on. An error thrown by the source iterable itself ends the batch.
   */
  planMany(
    inputs: Iterable<PlanInput> | AsyncIterable<PlanInput>,
  ): AsyncGenerator<PlanManyResult<Plan>, void, undefined>;
  /**
   * Today's contacts per staff member: every contact of `plans` whose window starts in the `days` days from `from`
   * (its local date), assigned to a person and a day, or in `overflow` with why. Each customer stays with one person
   * of their store; capacity per person and day is never exceeded (messages need none); escalations are assigned
   * first; routine calls and visits move within their tolerance and this rule set's windows to level the load,
   * keeping each customer's caps. The same plans and options give the same worklist, whatever their order.
   * docs/worklists.md has the algorithm.
   *
   * @throws {InputError} naming every problem of the plans and options, with its path.
   * @example
   * ```ts
   * import { createPlanner, defaultRuleSet } from 'rx-followup';
   *
   * const planner = createPlanner({ ruleSet: defaultRuleSet });
   * const plan = await planner.plan({
   *   customer: { id: 'c1', name: '王芳', membership: { tier: 'regular', registeredAt: '2024-09-01T09:00:00+08:00' }, contact: { phone: '13800001001' } },
   *   purchase: { id: 'p1', customerId: 'c1', storeId: 'A', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'LORA-10', quantity: 1 }] },
   *   courses: [{ drugCode: 'LORA-10', name: '氯雷他定片', unitsPerPack: 6, dosePerDay: 1 }],
   * });
   * const list = planner.worklist([plan], { from: '2026-03-09', days: 7, staff: [{ id: 'S1', storeId: 'A', calls: 40, visits: 8 }] });
   * for (const day of list.days) for (const a of day.assignments) console.log(day.date, a.staffId, a.start, a.purposeText); // 2026-03-10 S1 2026-03-10T15:00:00+08:00 medication check
   * ```
   */
  worklist(plans: readonly WorklistPlan[], options: WorklistOptions): Worklist;
  /**
   * Plans what a customer's history still owes them when nothing new was bought: retries of calls not reached,
   * contacts a declined call paused once the pause ends, complaint feedback once `resolvedAt` is known, contacts an
   * outcome now holds back (cancelled, in `supersedes`). Each of the history's purchases with contacts and a horizon
   * reaching past `asOf` is planned again, oldest first, each around the contacts of the others, so caps are shared;
   * ids are the ones planning that purchase again gives. Its touchpoints are the contacts new or changed (an open
   * contact left as it was is not repeated); one of another purchase than the plan's (the latest one planned) names
   * it in `purchaseId`. Its `suppressed` lists what is news: why a contact the history holds as planned is dropped,
   * or why a retry or an incident's contact has no place — not, night after night, what the purchases' own plans
   * left out. A nightly job calls `plan` for the day's purchases and `replan` for
   * customers whose history changed without one (docs/history.md).
   *
   * @throws {InputError} listing every problem of the input (paths as in the input: `history.contacts[2].at`).
   * @example
   * ```ts
   * import { createPlanner, defaultRuleSet } from 'rx-followup';
   *
   * const planner = createPlanner({ ruleSet: defaultRuleSet });
   * const customer = { id: 'c1', membership: { tier: 'regular', registeredAt: '2024-09-01T09:00:00+08:00' }, contact: { phone: '13800001001' } };
   * const purchase = { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'LORA-10', quantity: 1 }] };
   * const courses = [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }];
   * const plan = await planner.plan({ customer, purchase, courses });
   * const call = plan.touchpoints.find((t) => t.channel === 'phone')!;
   * const missed = { ...call, purchaseId: 'p1', status: 'not-reached' as const, at: call.window.start };
   * const again = await planner.replan({ customer, history: { purchases: [{ purchase, courses }], contacts: [missed] }, asOf: call.window.end });
   * console.log(again.touchpoints.map((t) => t.explanations[0]?.code)); // [ 'due.retry' ]
   * ```
   */
  replan(input: ReplanInput): Promise<Plan>;
}

/** What a planner was made with, for the package's own tools (the CLI): not part of the API. */
/** What a planner was made with: its compiled rule set (data), its window tables (built as plans need them), its renderer. */
interface PlannerInternals {
  readonly compiled: CompiledRuleSet;
  readonly tables: WindowTables;
  readonly renderer: Renderer;
}
const internals = new WeakMap<Planner<AnyPlan>, PlannerInternals>();

/** The compiled rule set and renderer of a planner made by {@link createPlanner} (internal). */
export function plannerInternals(planner: Planner<AnyPlan>): PlannerInternals {
  const found = internals.get(planner);
  if (found === undefined) throw new TypeError('not a planner made by createPlanner');
  return found;
}

/**
 * Validates and compiles a rule set once, and returns a planner for it.
 *
 * @throws {RuleSetError} listing every problem of an invalid rule set.
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const plan = await planner.plan({
 *   customer: { id: 'c1', membership: { tier: 'loyal', registeredAt: '2025-01-01T10:00:00+08:00' }, contact: { phone: '13800000000' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'AMOX', quantity: 2 }] },
 *   courses: [{ drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 3 }],
 * });
 * console.log(plan.touchpoints.map((t) => `${t.window.start} ${t.channel} ${t.purpose}`));
 * ```
 */
export function createPlanner(options: PlannerOptions & { readonly reasons: 'data' }): Planner<FollowUpPlanData>;
export function createPlanner(options: PlannerOptions): Planner;
export function createPlanner(options: PlannerOptions): Planner<AnyPlan> {
  const locale = checkLocale(options.locale);
  const reasons = checkReasons(options.reasons);
  const check = validateRuleSet(options.ruleSet, locale);
  if (!check.ok) throw new RuleSetError(check.issues, locale);
  const compiled = compileRuleSet(check.ruleSet, options.evaluator ?? 'compiled');
  const tables = new WindowTables(compiled);
  const ruleSetInfo = Object.freeze({
    id: compiled.ruleSet.id,
    version: compiled.ruleSet.version,
    hash: compiled.hash,
  });
  const renderer = new Renderer(locale, namesOf(compiled.ruleSet), reasons === 'text');

  // A key that is not a field but looks like one is a warning: unknown keys are ignored, and it would lose its value.
  const inputFields = fieldsOf(PlanInputSchema);
  const plan = async (input: PlanInput): Promise<AnyPlan> => {
    const parsed = parsePlanInput(input, locale);
    return buildPlan(compiled, tables, parsed, renderer, nearMissWarnings(input, inputFields));
  };

  async function* planMany(
    inputs: Iterable<PlanInput> | AsyncIterable<PlanInput>,
  ): AsyncGenerator<PlanManyResult<AnyPlan>, void, undefined> {
    let index = 0;
    for await (const input of inputs as AsyncIterable<PlanInput>) {
      const i = index++;
      try {
        yield { index: i, ok: true, plan: await plan(input) };
      } catch (error) {
        // InputError for bad input; anything else is a bug, still reported per item.
        yield { index: i, ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
  }

  const worklist = (plans: readonly WorklistPlan[], options: WorklistOptions): Worklist =>
    buildWorklist(compiled, tables, plans, options, renderer);
  const replan = async (input: ReplanInput): Promise<AnyPlan> =>
    replanCustomer(compiled, tables, parseReplanInput(input, locale), renderer);

  const planner: Planner<AnyPlan> = {
    ruleSet: compiled.ruleSet,
    locale,
    reasons,
    ruleSetInfo,
    plan,
    planMany,
    worklist,
    replan,
  };
  internals.set(planner, { compiled, tables, renderer });
  return planner;
}

/** The planner's reasons: the option, checked. */
function checkReasons(reasons: unknown): PlanReasons {
  if (reasons === undefined || reasons === 'text' || reasons === 'data') return reasons ?? 'text';
  throw new InputError([issue('reasons', 'not-one-of', { values: ['text', 'data'] })], 'Invalid planner options');
}

/** The planner's locale: the option, checked (a typo would otherwise give English without a word). */
function checkLocale(locale: unknown): Locale {
  if (locale === undefined) return 'en';
  if ((LOCALES as readonly unknown[]).includes(locale)) return locale as Locale;
  throw new InputError([issue('locale', 'not-one-of', { values: [...LOCALES] })], 'Invalid planner options');
}
