import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { wholeDaysOf, type PlanInvariant } from './plan-invariant.js';

const dateOf = (day: number): string => formatLocalDate(fromEpochDay(day));

/** 6. The routine contacts keep every cap: per day, gaps between contacts of its channels, and limits per period. */
export const capInvariant: PlanInvariant<'cap'> = (rules, ctx) => {
  const { routine } = ctx;
  for (const cap of rules) {
    const p = cap.event.params;
    const v = (message: string, touchpointId?: string): void =>
      ctx.report({ invariant: 'cap', message, ...(touchpointId === undefined ? {} : { touchpointId }) });
    if (p.kind === 'per-day') {
      const perDay = new Map<number, number>();
      for (const r of routine) perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
      for (const [day, count] of perDay) if (count > p.max) v(`${count} routine contacts on ${dateOf(day)}, more than ${p.max} (rule ${cap.id})`);
      continue;
    }
    const relevant = routine.filter((r) => (p.channels as readonly string[]).includes(r.t.channel));
    if (p.kind === 'min-gap') {
      const gap = wholeDaysOf(p.gap);
      relevant.forEach((x, a) => {
        for (const y of relevant.slice(a + 1)) {
          if (Math.abs(x.day - y.day) < gap)
            v(`${y.t.channel} contacts on ${dateOf(x.day)} and ${dateOf(y.day)} are closer than ${p.gap} (rule ${cap.id})`, y.t.id);
        }
      });
    } else {
      const period = wholeDaysOf(p.period);
      const days = relevant.map((r) => r.day);
      for (const first of new Set(days)) {
        const count = days.filter((d) => d >= first && d < first + period).length;
        if (count > p.max)
          v(`${count} routine ${p.channels.join('/')} contacts in the ${p.period} from ${dateOf(first)}, more than ${p.max} (rule ${cap.id})`);
      }
    }
  }
};
