import { addDuration } from '../calendar/duration.js';
import { durationOf, instantOf, type PlanInvariant } from './plan-invariant.js';

/** 3. A routine contact starts within the tolerance of one of the cadences it names. */
export const cadenceInvariant: PlanInvariant<'cadence'> = (_rules, ctx) => {
  const zone = ctx.facts.zone;
  for (const { t, start } of ctx.routine) {
    const due = instantOf(t.due);
    const cadences = t.ruleIds.flatMap((id) => {
      const rule = ctx.rulesById.get(id);
      return rule?.event.type === 'cadence' ? [rule.event.params] : [];
    });
    if (cadences.length === 0) {
      ctx.report({ invariant: 'explained', touchpointId: t.id, message: 'a routine contact that names no cadence rule' });
      continue;
    }
    const fits = cadences.some((p) => {
      const tol = durationOf(p.tolerance);
      const before = durationOf(p.toleranceBefore);
      if (!tol) return false;
      const lo = before ? addDuration(due, { ...before, sign: -1 }, zone) : due;
      return start >= lo && start <= addDuration(due, tol, zone);
    });
    if (!fits)
      ctx.report({ invariant: 'tolerance', touchpointId: t.id, message: `starts ${t.window.start}, outside the tolerance of its due ${t.due}` });
  }
};
