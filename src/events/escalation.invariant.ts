import { addDuration } from '../calendar/duration.js';
import { durationOf, instantOf, type PlanInvariant } from './plan-invariant.js';

/**
 * 2 and 5. An escalation starts at an incident's report, by its deadline (overdue: at once), and comes before any
 * routine contact due after the report.
 */
export const escalationInvariant: PlanInvariant<'escalation'> = (_rules, ctx) => {
  const { facts, plan } = ctx;
  const asOf = facts.asOfMs;
  plan.touchpoints.forEach((t, i) => {
    if (t.urgency === 'routine') return;
    const v = (invariant: string, message: string): void => ctx.report({ invariant, touchpointId: t.id, message });
    const start = instantOf(t.window.start);
    const due = instantOf(t.due);
    if (!facts.incidents.some((inc) => inc.reportedAtMs === due)) v('escalation-before-report', `due ${t.due} matches no incident report`);
    if (start < due) v('escalation-before-report', `starts ${t.window.start}, before the report ${t.due}`);
    const deadlines = t.ruleIds.flatMap((id) => {
      const r = ctx.rulesById.get(id);
      const text =
        r?.event.type === 'escalation' || (r?.event.type === 'channel-policy' && r.event.params.applies === 'escalation')
          ? r.event.params.deadline
          : undefined;
      const d = durationOf(text);
      return d ? [addDuration(due, d, facts.zone)] : [];
    });
    if (deadlines.length === 0) v('explained', 'an escalation that names no escalation rule');
    const deadline = Math.max(...deadlines);
    const overdue = deadline < asOf;
    if (!overdue && start > deadline) v('escalation-deadline', `starts ${t.window.start}, after its deadline`);
    if (overdue && start !== Math.max(asOf, due)) v('escalation-deadline', `overdue, yet it does not start at asOf`);
    for (const r of plan.touchpoints.slice(0, i)) {
      if (r.urgency === 'routine' && instantOf(r.due) > due)
        ctx.report({
          invariant: 'escalation-first',
          touchpointId: r.id,
          message: `routine ${r.purpose} is due after the ${t.purpose} report but listed before it`,
        });
    }
  });
};
