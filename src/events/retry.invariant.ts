import { addDuration } from '../calendar/duration.js';
import { durationOf, instantOf, type PlanInvariant } from './plan-invariant.js';

/**
 * A retry starts within its tolerance after its due, and answers a contact of this purchase the history records as
 * not reached, of the same purpose: no more calls than `max` retries, and then at most one message.
 */
export const retryInvariant: PlanInvariant<'retry'> = (rules, ctx) => {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const { t, start } of ctx.routine) {
    const rule = byId.get(t.ruleIds[0] as string);
    if (rule === undefined) continue;
    const due = instantOf(t.due);
    const tolerance = durationOf(rule.event.params.tolerance ?? 'P1D');
    if (tolerance === undefined || start < due || start > addDuration(due, tolerance, ctx.facts.zone))
      ctx.report({ invariant: 'tolerance', touchpointId: t.id, message: `a retry starting ${t.window.start}, outside its tolerance after ${t.due}` });
    const missed = (ctx.facts.history?.contacts ?? []).filter(
      (h) => h.record.status === 'not-reached' && h.record.purchaseId === ctx.plan.purchaseId && h.record.purpose === t.purpose,
    );
    const max = rule.event.params.max ?? 2;
    if (missed.length === 0 || missed.length > max + 1)
      ctx.report({
        invariant: 'retry',
        touchpointId: t.id,
        message: `a retry after ${missed.length} contacts not reached (at most ${max} retries, then a message)`,
      });
  }
};
