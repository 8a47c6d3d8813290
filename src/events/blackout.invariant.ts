import { holidayDays } from '../calendar/coverage.js';
import { daysInMonth, formatLocalDate, fromEpochDay, weekdayOf, type LocalDate } from '../calendar/local-date.js';
import type { Calendar } from '../schema/ruleset.js';
import { toLocal } from '../calendar/zone.js';
import type { PlanInvariant, RuleOfType, WindowCheckContext } from './plan-invariant.js';

const provisional = new WeakMap<Calendar, ReadonlySet<string>>();
/** The statutory days a calendar applies past its published dates (`provisional: 'cn-statutory'`), as dates. */
function provisionalDays(cal: Calendar): ReadonlySet<string> {
  let days = provisional.get(cal);
  if (days === undefined) {
    days = new Set(
      holidayDays(cal)
        .filter((h) => h.provisional)
        .map((h) => formatLocalDate(fromEpochDay(h.epochDay))),
    );
    provisional.set(cal, days);
  }
  return days;
}

/** The first of `rules` that blocks the local date for a contact of this channel and kind, if any. */
export function blackoutOn(
  rules: readonly RuleOfType<'blackout'>[],
  ctx: WindowCheckContext,
  date: LocalDate,
  contact: { channel: string; kind: string },
): string | undefined {
  const key = formatLocalDate(date);
  for (const b of rules) {
    const p = b.event.params;
    if (p.channels && !(p.channels as readonly string[]).includes(contact.channel)) continue;
    if (p.kinds && !(p.kinds as readonly string[]).includes(contact.kind)) continue;
    if (p.kind === 'month-days' && (date.day <= p.first || date.day > daysInMonth(date.year, date.month) - p.last))
      return b.id;
    if (p.kind === 'holidays') {
      const cal = ctx.ruleSet.calendars[p.calendar];
      if (cal && cal.holidays.some((h) => h.date === key) && !cal.workdays.includes(key)) return b.id;
      if (cal && provisionalDays(cal).has(key)) return b.id;
    }
    if (p.kind === 'weekdays' && (p.days as readonly string[]).includes(weekdayOf(date))) return b.id;
    if (p.kind === 'dates' && p.dates.includes(key)) return b.id;
  }
  return undefined;
}

/** 4. No routine contact starts on a day a blackout that holds back its channel and kind blocks. */
export const blackoutInvariant: PlanInvariant<'blackout'> = (rules, ctx) => {
  for (const { t, start } of ctx.routine) {
    const blocked = blackoutOn(rules, ctx, toLocal(start, ctx.facts.zone), t);
    if (blocked)
      ctx.report({
        invariant: 'blackout',
        touchpointId: t.id,
        message: `${t.window.start} falls on a day blocked by rule ${blocked}`,
      });
  }
};
