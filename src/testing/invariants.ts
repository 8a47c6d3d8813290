import { addDuration, parseDuration } from '../calendar/duration.js';
import { parseInstant } from '../calendar/instant.js';
import type { FollowUpPlan, Touchpoint } from '../plan/types.js';
import type { PlanInput } from '../schema/input.js';
import type { RuleSet } from '../schema/ruleset.js';

/** One broken promise of a plan. */
export interface Violation {
  /** Which invariant, e.g. `window-order`, `before-as-of`, `sorted`. */
  invariant: string;
  touchpointId?: string;
  message: string;
}

const URGENCY_RANK = { critical: 0, high: 1, routine: 2 } as const;
const ms = (text: string): number => {
  const p = parseInstant(text);
  return p.ok ? p.epochMs : Number.NaN;
};

/**
 * Checks a plan against the SPEC §6 invariants that can be read from the plan,
 * its input and its rule set: nothing before asOf or past the horizon,
 * windows ordered, routine starts within their cadence's tolerance, escalations
 * after their report and by their deadline, consent and do-not-call for
 * routine contacts, sorting, unique ids, known rule ids and reasons.
 * Returns every violation (empty when the plan keeps them all).
 *
 * @example
 * ```ts
 * const violations = checkPlanInvariants(plan, input, planner.ruleSet);
 * expect(violations).toEqual([]);
 * ```
 */
export function checkPlanInvariants(plan: FollowUpPlan, input: PlanInput, ruleSet: RuleSet): Violation[] {
  const out: Violation[] = [];
  const rules = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const zone = input.customer.timeZone ?? ruleSet.defaults.timeZone;
  const purchasedAt = ms(input.purchase.purchasedAt);
  const asOf = input.asOf === undefined ? purchasedAt : ms(input.asOf);
  const horizon = parseDuration(ruleSet.defaults.horizon);
  const horizonEnd = horizon ? addDuration(purchasedAt, horizon, zone) : Number.POSITIVE_INFINITY;
  const contact = input.customer.contact;
  const ids = new Set<string>();

  plan.touchpoints.forEach((t: Touchpoint, i) => {
    const v = (invariant: string, message: string): void => {
      out.push({ invariant, touchpointId: t.id, message });
    };
    const start = ms(t.window.start);
    const end = ms(t.window.end);
    const due = ms(t.due);
    if (!(start < end)) v('window-order', `window.start ${t.window.start} is not before window.end ${t.window.end}`);
    if (start < asOf) v('before-as-of', `starts ${t.window.start}, before asOf`);
    if (end > horizonEnd) v('horizon', `ends ${t.window.end}, past the horizon`);
    if (ids.has(t.id)) v('unique-ids', `duplicate id ${t.id}`);
    ids.add(t.id);
    if (t.ruleIds.length === 0) v('explained', 'names no rule');
    for (const id of t.ruleIds) if (!rules.has(id)) v('explained', `names unknown rule "${id}"`);
    if (t.reasons.length === 0) v('explained', 'gives no reason');

    if (t.urgency === 'routine') {
      const cadences = t.ruleIds.map((id) => rules.get(id)).filter((r) => r?.event.type === 'cadence');
      const fits = cadences.some((r) => {
        if (r?.event.type !== 'cadence') return false;
        const tol = parseDuration(r.event.params.tolerance);
        const before = r.event.params.toleranceBefore === undefined ? undefined : parseDuration(r.event.params.toleranceBefore);
        if (!tol) return false;
        const lo = before ? addDuration(due, { ...before, sign: -1 }, zone) : due;
        return start >= lo && start <= addDuration(due, tol, zone);
      });
      if (cadences.length > 0 && !fits) v('tolerance', `starts ${t.window.start}, outside the tolerance of due ${t.due}`);
      if (t.channel === 'phone' && (contact.doNotCall || !(contact.phone ?? '').trim())) v('consent', 'a routine call to a customer who may not or cannot be called');
      if (t.channel === 'sms' && contact.sms !== true) v('consent', 'an sms without sms consent');
      if (t.channel === 'wechat' && contact.wechat !== true) v('consent', 'a WeChat message without WeChat consent');
    } else {
      const incidents = input.purchase.incidents ?? [];
      if (!incidents.some((inc) => ms(inc.reportedAt) === due)) v('escalation-report', `due ${t.due} matches no incident report`);
      if (start < due) v('escalation-report', `starts ${t.window.start}, before the report ${t.due}`);
      const deadlines = t.ruleIds
        .map((id) => rules.get(id))
        .flatMap((r) => (r?.event.type === 'escalation' || r?.event.type === 'channel-policy' ? [r.event.params.deadline] : []))
        .flatMap((d) => (d === undefined ? [] : [parseDuration(d)]))
        .flatMap((d) => (d === undefined ? [] : [addDuration(due, d, zone)]));
      const deadline = deadlines.length ? Math.max(...deadlines) : Number.POSITIVE_INFINITY;
      if (start > Math.max(deadline, asOf)) v('escalation-deadline', `starts ${t.window.start}, after its deadline`);
    }
    const prev = plan.touchpoints[i - 1];
    if (prev) {
      const ps = ms(prev.window.start);
      const order = ps - start || URGENCY_RANK[prev.urgency] - URGENCY_RANK[t.urgency] || (prev.id < t.id ? -1 : prev.id > t.id ? 1 : 0);
      if (order > 0) v('sorted', `listed after ${prev.id}, which should come later`);
    }
  });
  for (const e of plan.touchpoints.filter((t) => t.urgency !== 'routine')) {
    const eStart = ms(e.window.start);
    for (const r of plan.touchpoints.filter((t) => t.urgency === 'routine')) {
      if (ms(r.due) > ms(e.due) && ms(r.window.start) < eStart) {
        out.push({ invariant: 'escalation-first', touchpointId: r.id, message: `routine ${r.purpose} due after ${e.purpose}'s report starts before it` });
      }
    }
  }
  return out;
}

/**
 * Like {@link checkPlanInvariants}, but throws an `Error` listing every
 * violation when there is any.
 */
export function assertPlanInvariants(plan: FollowUpPlan, input: PlanInput, ruleSet: RuleSet): void {
  const violations = checkPlanInvariants(plan, input, ruleSet);
  if (violations.length > 0) {
    const lines = violations.map((x) => `- [${x.invariant}]${x.touchpointId ? ` ${x.touchpointId}` : ''}: ${x.message}`);
    throw new Error(`The plan for purchase ${plan.purchaseId} breaks ${violations.length} invariant(s):\n${lines.join('\n')}`);
  }
}
