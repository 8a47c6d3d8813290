import { addDuration } from '../calendar/duration.js';
import { openBetween, windowHolding, windowsByUse } from './call-window.invariant.js';
import { durationOf, instantOf, type PlanInvariant, type RuleOfType } from './plan-invariant.js';

/**
 * An escalation's deadline: a channel policy's, where one moved it to another channel (the policy's deadline is the
 * contact's); else its escalation rule's — the earliest, when escalations of one report share the call (it answers
 * each of them in time). Undefined when it names neither.
 */
function deadlineOf(
  ruleIds: readonly string[],
  due: number,
  ctx: Parameters<PlanInvariant<'escalation'>>[1],
): number | undefined {
  const byPolicy: number[] = [];
  const own: number[] = [];
  for (const id of ruleIds) {
    const event = ctx.rulesById.get(id)?.event;
    const d =
      event?.type === 'escalation' || (event?.type === 'channel-policy' && event.params.applies === 'escalation')
        ? durationOf(event.params.deadline)
        : undefined;
    if (d) (event?.type === 'channel-policy' ? byPolicy : own).push(addDuration(due, d, ctx.facts.zone));
  }
  if (byPolicy.length > 0) return Math.max(...byPolicy);
  return own.length > 0 ? Math.min(...own) : undefined;
}

/**
 * 2 and 5. An escalation starts at an incident's report, by its deadline, and its window runs until the deadline (or
 * the last urgent opening before it; one overdue, within the urgent opening it starts in); one reported before asOf starts at the next urgent opening;
 * either comes before any routine contact due after the report.
 */
export const escalationInvariant: PlanInvariant<'escalation'> = (_rules, ctx) => {
  const { facts, plan } = ctx;
  const asOf = facts.asOfMs;
  const windowRules = ctx.applicable.filter((r): r is RuleOfType<'call-window'> => r.event.type === 'call-window');
  const urgent = windowsByUse(windowRules, ctx).get('urgent') ?? [];
  plan.touchpoints.forEach((t, i) => {
    if (t.urgency === 'routine') return;
    const v = (invariant: string, message: string): void => ctx.report({ invariant, touchpointId: t.id, message });
    const start = instantOf(t.window.start);
    const due = instantOf(t.due);
    if (!facts.incidents.some((inc) => inc.reportedAtMs === due))
      v('escalation-before-report', `due ${t.due} matches no incident report`);
    if (start < due) v('escalation-before-report', `starts ${t.window.start}, before the report ${t.due}`);
    const deadline = deadlineOf(t.ruleIds, due, ctx) ?? Number.NEGATIVE_INFINITY;
    if (deadline === Number.NEGATIVE_INFINITY) v('explained', 'an escalation that names no escalation rule');
    // Its window runs to the deadline, never past it — unless it starts past it (overdue), then within that opening.
    const end = instantOf(t.window.end);
    if (start < deadline && end > deadline) v('escalation-deadline', `ends ${t.window.end}, after its deadline`);
    // …and runs until it: whoever is on duty first before the deadline makes it. It ends earlier only where urgent
    // hours close for good before the deadline (the window is never open at night).
    if (start < deadline && end < deadline && (urgent.length === 0 || openBetween(urgent, end, deadline, facts.zone)))
      v('escalation-deadline', `ends ${t.window.end}, before its deadline, while the urgent hours go on`);
    if (due >= asOf) {
      if (start > deadline) v('escalation-deadline', `starts ${t.window.start}, after its deadline`);
    } else if (urgent.length > 0) {
      // Reported before asOf: at the next urgent opening, never at night, and not later than it must.
      if (windowHolding(urgent, start, start + 1, facts.zone) === undefined)
        v('escalation-deadline', `reported before asOf, yet it starts at ${t.window.start}, outside urgent hours`);
      if (start >= deadline && windowHolding(urgent, start, end, facts.zone) === undefined)
        v('escalation-deadline', `overdue, yet ${t.window.start}–${t.window.end} is not within one urgent opening`);
      if (start > asOf && windowHolding(urgent, asOf, asOf + 1, facts.zone) !== undefined)
        v(
          'escalation-deadline',
          `reported before asOf, which is within urgent hours, yet it starts later (${t.window.start})`,
        );
    } else if (start !== asOf)
      v('escalation-deadline', `reported before asOf, with no urgent hours, yet it does not start at asOf`);
    for (const r of plan.touchpoints.slice(0, i)) {
      if (r.urgency === 'routine' && instantOf(r.due) > due)
        ctx.report({
          invariant: 'escalation-first',
          touchpointId: r.id,
          message: `routine ${r.purpose} is due after the ${t.purpose} report but listed before it`,
        });
    }
  });
  // An incident whose rule holds routine contacts back: none of those kinds for its drug, due while it is open.
  facts.incidents.forEach((incident, index) => {
    const resolved = incident.resolvedAtMs ?? Number.POSITIVE_INFINITY;
    const drug = incident.fact.drugCode;
    for (const rule of ctx.byIncident[index] ?? []) {
      if (rule.event.type !== 'escalation' || !rule.event.params.holds) continue;
      const kinds = rule.event.params.holds as readonly string[];
      for (const { t } of ctx.routine) {
        const due = instantOf(t.due);
        const aboutIt = drug === null || (t.drugCodes.length > 0 && t.drugCodes.every((d) => d === drug));
        if (kinds.includes(t.kind) && aboutIt && due < resolved)
          ctx.report({
            invariant: 'held',
            touchpointId: t.id,
            message: `a ${t.kind} contact while ${incident.fact.type} ${index} holds them back (rule ${rule.id})`,
          });
      }
    }
  });
};
