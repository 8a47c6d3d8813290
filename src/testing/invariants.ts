import { addDuration, parseDuration } from '../calendar/duration.js';
import { toEpochDay } from '../calendar/local-date.js';
import { toLocal } from '../calendar/zone.js';
import { checkEventInvariants } from '../events/invariants.js';
import { instantOf, type RoutineContact, type Violation } from '../events/plan-invariant.js';
import { buildFacts, type FactSet } from '../facts/build-facts.js';
import type { HistoryContact } from '../facts/history.js';
import type { AnyPlan, FollowUpPlan, Touchpoint } from '../plan/types.js';
import type { ParsedPlanInput } from '../schema/input.js';
import { renderPlan } from '../plan/render-plan.js';
import { createCompiledEvaluator } from '../rules/evaluator.js';
import { parsePlanInput } from '../schema/parse-input.js';
import { RuleSetError } from '../errors.js';
import type { Planner } from '../planner.js';
import { validateRuleSet } from '../rules/validate.js';
import type { Rule, RuleSet, RuleSetInput } from '../schema/ruleset.js';

export type { Violation } from '../events/plan-invariant.js';

const URGENCY_RANK = { critical: 0, high: 1, routine: 2 } as const;

/**
 * The rules that hold for this input, evaluated the way the planner does (any line / any incident), and the
 * escalation rules that hold for each incident.
 */
function applicableRules(
  ruleSet: RuleSet,
  facts: ReturnType<typeof buildFacts>,
): { all: Rule[]; byIncident: Rule[][] } {
  const evaluator = createCompiledEvaluator(ruleSet.rules);
  const base = { customer: facts.customer, purchase: facts.purchase };
  // A purchase without lines (a consultation) is one evaluation with no line, as the planner does it.
  const lines: FactSet[] =
    facts.lines.length === 0
      ? [{ ...base, line: null, incident: null }]
      : facts.lines.map((l) => ({ ...base, line: l.fact, incident: null }));
  const byIncident = facts.incidents.map((i) => {
    const ids = new Set(evaluator.evaluateSync({ ...base, line: null, incident: i.fact }));
    return ruleSet.rules.filter((r) => ids.has(r.id) && r.event.type === 'escalation');
  });
  const held = new Set(lines.flatMap((c) => evaluator.evaluateSync(c)));
  for (const rules of byIncident) for (const r of rules) held.add(r.id);
  return { all: ruleSet.rules.filter((r) => held.has(r.id)), byIncident };
}

/** Rule sets already validated for the checker, by the object given (a property test checks thousands of plans). */
const validated = new WeakMap<object, RuleSet>();

/**
 * The validated rule set of what the checker is given: a planner's own, or whatever `createPlanner` accepts (the
 * raw `defaultRuleSet`, a loaded or validated set), validated here. An invalid one throws: a plan is never checked
 * against no rules.
 */
function ruleSetOf(rules: RuleSetInput | Planner<AnyPlan>): RuleSet {
  if (
    rules !== null &&
    typeof rules === 'object' &&
    'plan' in rules &&
    typeof rules.plan === 'function' &&
    'ruleSet' in rules
  )
    return rules.ruleSet;
  const key = rules as object;
  const known = key !== null && typeof key === 'object' ? validated.get(key) : undefined;
  if (known) return known;
  const check = validateRuleSet(rules);
  if (!check.ok) throw new RuleSetError(check.issues);
  if (key !== null && typeof key === 'object') validated.set(key, check.ruleSet);
  return check.ruleSet;
}

/**
 * Checks a plan against every invariant of the plan contract (docs/testing.md) that one plan can show, using
 * the rule set it was made with: its windows, blackouts, calendars, caps,
 * horizon, channel policies and escalation deadlines (rules whose conditions
 * do not hold for this input do not count). Determinism (invariant 1) needs
 * two plans: compare `plan(input)` with itself under shuffled rules and keys.
 * Returns every violation; an empty list means the plan keeps them all.
 * `rules` is the planner, or any rule set `createPlanner` accepts (`defaultRuleSet` as it is exported). A data-only
 * plan (`createPlanner({ reasons: 'data' })`) is checked as {@link renderPlan} gives it with its texts.
 *
 * @throws {RuleSetError} when `rules` is not a valid rule set.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { checkPlanInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const input = {
 *   customer: { id: 'c', membership: { tier: 'loyal' as const, registeredAt: '2020-01-01T00:00:00+08:00' }, contact: { phone: '1' } },
 *   purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'D', quantity: 1 }] },
 *   courses: [],
 * };
 * const plan = await planner.plan(input);
 * plan.touchpoints[0]!.window.start = '2026-03-08T03:00:00+08:00'; // a call on Sunday at 3 a.m.
 * console.log(checkPlanInvariants(plan, input, planner).map((v) => v.invariant)); // ['call-window', …]
 * ```
 */
export function checkPlanInvariants(
  plan: AnyPlan,
  input: unknown,
  rules: RuleSetInput | Planner<AnyPlan>,
): Violation[] {
  // An invalid rule set is the caller's mistake (RuleSetError); past that, the oracle reports and never throws: what
  // it cannot read (a hand-made plan, a getter that throws) is a violation.
  const ruleSet = ruleSetOf(rules);
  let parsed;
  try {
    parsed = parsePlanInput(input);
  } catch (error) {
    return [{ invariant: 'input', message: error instanceof Error ? error.message : String(error) }];
  }
  return checkReadPlan(plan, parsed, ruleSet);
}

/**
 * {@link checkPlanInvariants} of an input already read: also a replan's pass, whose history holds the contacts of
 * later purchases too (src/testing/check-replan.ts), which a plan input may not.
 */
export function checkReadPlan(plan: AnyPlan, parsed: ParsedPlanInput, ruleSet: RuleSet): Violation[] {
  try {
    // A data-only plan has no texts (no `warnings`): its reasons are said first, from its explanations.
    const withTexts = Array.isArray((plan as Partial<FollowUpPlan>).warnings)
      ? (plan as FollowUpPlan)
      : renderPlan(plan);
    return planViolations(withTexts, parsed, ruleSet);
  } catch (error) {
    return [
      {
        invariant: 'checkable',
        message: `the plan could not be checked: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}

function planViolations(plan: FollowUpPlan, parsed: ParsedPlanInput, ruleSet: RuleSet): Violation[] {
  const out: Violation[] = [];
  const report = (violation: Violation): void => {
    out.push(violation);
  };
  const facts = buildFacts(parsed, ruleSet.defaults.timeZone);
  const rulesById = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const horizon = parseDuration(ruleSet.defaults.horizon);
  const horizonEnd = horizon ? addDuration(facts.purchasedAtMs, horizon, facts.zone) : Number.POSITIVE_INFINITY;

  const ids = new Set<string>();
  const routine: RoutineContact[] = [];
  plan.touchpoints.forEach((t, i) => {
    const v = (invariant: string, message: string): void => report({ invariant, touchpointId: t.id, message });
    const start = instantOf(t.window.start);
    const end = instantOf(t.window.end);
    if (t.urgency === 'routine') routine.push({ t, start, day: toEpochDay(toLocal(start, facts.zone)) });
    // 2. Time bounds.
    if (start < facts.asOfMs) v('before-as-of', `starts ${t.window.start}, before asOf`);
    if (end > horizonEnd) v('horizon', `ends ${t.window.end}, past the horizon`);
    // 3. Windows are ordered.
    if (!(start < end)) v('window-order', `window.start ${t.window.start} is not before window.end ${t.window.end}`);
    // 7. Ids, explanations, order.
    if (ids.has(t.id)) v('unique-ids', `duplicate id ${t.id}`);
    ids.add(t.id);
    if (t.ruleIds.length === 0) v('explained', 'names no rule');
    for (const id of t.ruleIds) if (!rulesById.has(id)) v('explained', `names unknown rule "${id}"`);
    if (t.reasons.length === 0 || t.reasons.some((r) => r.trim() === '')) v('explained', 'gives no reason');
    const explanations = t.explanations as Touchpoint['explanations'] | undefined;
    if (explanations !== undefined && explanations.length !== t.reasons.length)
      v('explained', `gives ${t.reasons.length} reasons but ${explanations.length} explanations`);
    const prev = plan.touchpoints[i - 1];
    if (prev) {
      const order =
        instantOf(prev.window.start) - start ||
        URGENCY_RANK[prev.urgency] - URGENCY_RANK[t.urgency] ||
        (prev.id < t.id ? -1 : prev.id > t.id ? 1 : 0);
      if (order >= 0) v('sorted', `listed after ${prev.id}, which should come ${order === 0 ? 'once' : 'later'}`);
    }
  });

  const earlier = earlierContacts(plan, facts);
  checkHistory(plan, facts, routine, ruleSet, report);

  // 2–6. What each event type promises, checked by its module.
  const { all: applicable, byIncident } = applicableRules(ruleSet, facts);
  checkEventInvariants(applicable, {
    plan,
    input: parsed,
    facts,
    ruleSet,
    rulesById,
    applicable,
    byIncident,
    horizonEnd,
    routine,
    earlier,
    report,
  });

  // 7. Suppressed contacts explain themselves too.
  for (const s of plan.suppressed) {
    if (s.reason.trim() === '')
      report({
        invariant: 'explained',
        touchpointId: s.candidate.id,
        message: 'a suppressed contact without a reason',
      });
    for (const id of s.ruleIds)
      if (!rulesById.has(id))
        report({ invariant: 'explained', touchpointId: s.candidate.id, message: `suppressed by unknown rule "${id}"` });
    if (ids.has(s.candidate.id))
      report({ invariant: 'unique-ids', touchpointId: s.candidate.id, message: 'both planned and suppressed' });
  }
  return out;
}

/** The history's contacts the caps count beside the plan's (see `PlanCheckContext.earlier`). */
function earlierContacts(plan: FollowUpPlan, facts: ReturnType<typeof buildFacts>): RoutineContact[] {
  const superseded = new Set(plan.supersedes.map((s) => s.id));
  // A contact the plan re-issues (an earlier purchase's, with near-duplicates merged in) is counted as the plan has it.
  const reissued = new Set(plan.touchpoints.map((t) => t.id));
  const out: RoutineContact[] = [];
  for (const h of facts.history?.contacts ?? []) {
    const r = h.record;
    if (r.urgency !== 'routine' || r.kind === 'escalation' || (r.status === 'planned' && reissued.has(r.id))) continue;
    const open = r.status === 'planned' && r.purchaseId !== plan.purchaseId && !superseded.has(r.id);
    const attempted = r.status === 'done' || r.status === 'declined';
    if (!open && !attempted) continue;
    const start = open ? h.startMs : h.attemptedMs;
    const t: Touchpoint = {
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      urgency: 'routine',
      purpose: r.purpose,
      label: r.purpose,
      due: r.due,
      window: r.window,
      ruleIds: r.ruleIds ?? [],
      reasons: [],
      explanations: [],
      drugCodes: r.drugCodes ?? [],
    };
    out.push({ t, start, day: toEpochDay(toLocal(start, facts.zone)) });
  }
  return out;
}

/**
 * The ids a plan issues against the history's: a routine contact tried (made, not reached, declined) or cancelled is
 * the ERP's record, and no plan issues its id again (its retry has an id of its own; an escalation not reached is
 * called again under its id). An earlier purchase's open contact, re-issued under its id, takes in only what cadences
 * ask for: a retry or an incident's feedback stays its own purchase's, where the next night's count finds it.
 */
function checkIds(
  plan: FollowUpPlan,
  contacts: readonly HistoryContact[],
  routine: readonly RoutineContact[],
  ruleSet: RuleSet,
  report: (v: Violation) => void,
): void {
  const tried = new Map(contacts.filter((h) => h.record.status !== 'planned').map((h) => [h.record.id, h]));
  const kept = new Set(
    ruleSet.rules.filter((r) => r.event.type === 'retry' || r.event.type === 'escalation').map((r) => r.id),
  );
  const open = new Map(
    contacts
      .filter((h) => h.record.status === 'planned' && h.record.purchaseId !== plan.purchaseId)
      .map((h) => [h.record.id, h]),
  );
  for (const { t } of routine) {
    const h = tried.get(t.id);
    if (h !== undefined)
      report({
        invariant: 'history-id',
        touchpointId: t.id,
        message: `planned under the id of a contact the history records as ${h.record.status}`,
      });
    const earlier = open.get(t.id);
    const took = earlier && t.ruleIds.filter((id) => kept.has(id) && !(earlier.record.ruleIds ?? []).includes(id));
    if (took !== undefined && took.length > 0)
      report({
        invariant: 'history-reissued',
        touchpointId: t.id,
        message: `purchase ${earlier?.record.purchaseId}'s contact, re-issued, took in ${took.join(', ')}`,
      });
  }
}

/**
 * What a history promises of the plan: it supersedes only `planned` history contacts, none it plans again; nothing
 * routine about a drug the customer stopped taking after this purchase (no check or refill reminder), nothing routine
 * while they are in hospital, no routine call while calls are paused after a declined one.
 */
function checkHistory(
  plan: FollowUpPlan,
  facts: ReturnType<typeof buildFacts>,
  routine: readonly RoutineContact[],
  ruleSet: RuleSet,
  report: (v: Violation) => void,
): void {
  const history = facts.history;
  const planned = new Set(
    (history?.contacts ?? []).filter((h) => h.record.status === 'planned').map((h) => h.record.id),
  );
  const ids = new Set(plan.touchpoints.map((t) => t.id));
  const seen = new Set<string>();
  for (const s of plan.supersedes) {
    if (!planned.has(s.id))
      report({
        invariant: 'supersedes',
        touchpointId: s.id,
        message: 'supersedes a contact the history does not list as planned',
      });
    if (ids.has(s.id)) report({ invariant: 'supersedes', touchpointId: s.id, message: 'both superseded and planned' });
    if (seen.has(s.id)) report({ invariant: 'supersedes', touchpointId: s.id, message: 'superseded twice' });
    seen.add(s.id);
  }
  if (history === null) return;
  checkIds(plan, history.contacts, routine, ruleSet, report);
  for (const { t, start } of routine) {
    const stay = history.hospitalised;
    const dueMs = instantOf(t.due);
    if (stay !== null && (stay.untilMs === null || (dueMs >= stay.sinceMs && dueMs < stay.untilMs)))
      report({
        invariant: 'history-outcome',
        touchpointId: t.id,
        message: `a routine contact while the customer is in hospital (contact ${stay.contactId})`,
      });
    if ((t.kind === 'follow-up' || t.kind === 'refill') && t.drugCodes.length > 0) {
      const stops = t.drugCodes.map((d) => history.stopped.get(d));
      if (stops.every((x) => x !== undefined && x.atMs >= facts.purchasedAtMs))
        report({
          invariant: 'history-outcome',
          touchpointId: t.id,
          message: `a ${t.kind} contact about ${t.drugCodes.join(', ')}, which the customer stopped taking`,
        });
    }
    if (
      history.declined !== null &&
      (t.channel === 'phone' || t.channel === 'home-visit') &&
      start < history.declined.untilMs
    )
      report({
        invariant: 'history-outcome',
        touchpointId: t.id,
        message: `a routine call before the pause after a declined call ends (contact ${history.declined.contactId})`,
      });
  }
}

/**
 * Like {@link checkPlanInvariants}, but throws an `Error` listing every
 * violation when there is any.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { assertPlanInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const input = {
 *   customer: { id: 'c', contact: { phone: '1' } },
 *   purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'D', quantity: 1 }] },
 *   courses: [],
 * };
 * assertPlanInvariants(await planner.plan(input), input, defaultRuleSet); // throws if any invariant is broken
 * ```
 */
export function assertPlanInvariants(plan: AnyPlan, input: unknown, rules: RuleSetInput | Planner<AnyPlan>): void {
  const violations = checkPlanInvariants(plan, input, rules);
  if (violations.length > 0) {
    const lines = violations.map(
      (x) => `- [${x.invariant}]${x.touchpointId ? ` ${x.touchpointId}` : ''}: ${x.message}`,
    );
    throw new Error(
      `The plan for purchase ${plan.purchaseId} breaks ${violations.length} invariant(s):\n${lines.join('\n')}`,
    );
  }
}
