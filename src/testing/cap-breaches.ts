/**
 * The worklist oracle's own reading of the cap rules (written apart from src/events/cap.ts, so that a bug there is not
 * repeated here): which of one customer's routine contacts, on the days they end up on, break a cap.
 */
import { wholeDaysOf, type RuleOfType } from '../events/plan-invariant.js';

/** The routine contacts of one customer that break a cap, by the cap rules given: the ids involved in each breach. */
export function capBreaches(
  caps: readonly RuleOfType<'cap'>[],
  contacts: readonly { id: string; day: number; channel: string }[],
): { ids: string[]; message: string }[] {
  const out: { ids: string[]; message: string }[] = [];
  for (const cap of caps) {
    const p = cap.event.params;
    if (p.kind === 'per-day') {
      const byDay = new Map<number, string[]>();
      for (const c of contacts) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c.id]);
      for (const ids of byDay.values())
        if (ids.length > p.max)
          out.push({ ids, message: `${ids.length} routine contacts on one day (rule ${cap.id})` });
      continue;
    }
    const relevant = contacts.filter((c) => (p.channels as readonly string[]).includes(c.channel));
    if (p.kind === 'min-gap') {
      const gap = wholeDaysOf(p.gap);
      relevant.forEach((x, a) => {
        for (const y of relevant.slice(a + 1))
          if (Math.abs(x.day - y.day) < gap)
            out.push({ ids: [x.id, y.id], message: `closer than ${p.gap} (rule ${cap.id})` });
      });
    } else {
      const period = wholeDaysOf(p.period);
      for (const first of new Set(relevant.map((r) => r.day))) {
        const within = relevant.filter((r) => r.day >= first && r.day < first + period);
        if (within.length > p.max)
          out.push({ ids: within.map((w) => w.id), message: `${within.length} in ${p.period} (rule ${cap.id})` });
      }
    }
  }
  return out;
}
