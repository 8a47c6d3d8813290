import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { checkNearDuplicates } from './near-duplicate.invariant.js';
import { wholeDaysOf, type PlanInvariant, type RoutineContact } from './plan-invariant.js';

const dateOf = (day: number): string => formatLocalDate(fromEpochDay(day));

/**
 * 6. The routine contacts keep every cap: per day, gaps between contacts of its channels, and limits per period —
 * together with the history's contacts the caps count (a breach among those alone is not this plan's).
 */
export const capInvariant: PlanInvariant<'cap'> = (rules, ctx) => {
  const mine = new Set(ctx.routine);
  const routine = [...ctx.routine, ...ctx.earlier];
  const anyMine = (list: readonly RoutineContact[]): boolean => list.some((r) => mine.has(r));
  for (const cap of rules) {
    const p = cap.event.params;
    const v = (message: string, touchpointId?: string): void =>
      ctx.report({ invariant: 'cap', message, ...(touchpointId === undefined ? {} : { touchpointId }) });
    if (p.kind === 'per-day') {
      checkNearDuplicates(cap, ctx);
      const perDay = new Map<number, RoutineContact[]>();
      for (const r of routine) perDay.set(r.day, [...(perDay.get(r.day) ?? []), r]);
      for (const [day, list] of perDay)
        if (list.length > p.max && anyMine(list))
          v(`${list.length} routine contacts on ${dateOf(day)}, more than ${p.max} (rule ${cap.id})`);
      continue;
    }
    const relevant = routine.filter((r) => (p.channels as readonly string[]).includes(r.t.channel));
    if (p.kind === 'min-gap') {
      const gap = wholeDaysOf(p.gap);
      relevant.forEach((x, a) => {
        for (const y of relevant.slice(a + 1)) {
          if (Math.abs(x.day - y.day) < gap && anyMine([x, y]))
            v(
              `${y.t.channel} contacts on ${dateOf(x.day)} and ${dateOf(y.day)} are closer than ${p.gap} (rule ${cap.id})`,
              y.t.id,
            );
        }
      });
    } else {
      const period = wholeDaysOf(p.period);
      for (const first of new Set(relevant.map((r) => r.day))) {
        const within = relevant.filter((r) => r.day >= first && r.day < first + period);
        const count = within.length;
        if (count > p.max && anyMine(within))
          v(
            `${count} routine ${p.channels.join('/')} contacts in the ${p.period} from ${dateOf(first)}, more than ${p.max} (rule ${cap.id})`,
          );
      }
    }
  }
};
