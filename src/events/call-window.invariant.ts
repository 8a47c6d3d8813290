import { formatLocalDate, fromEpochDay, parseClock, toEpochDay, weekdayOf } from '../calendar/local-date.js';
import { toLocal } from '../calendar/zone.js';
import { isMessageChannel } from '../schema/common.js';
import {
  instantOf,
  localMinuteAt,
  type PlanInvariant,
  type RuleOfType,
  type WindowCheckContext,
} from './plan-invariant.js';

export interface Window {
  readonly days: ReadonlySet<string>;
  readonly from: number;
  readonly to: number;
  readonly makeUp: ReadonlySet<string>;
}

const NO_DAYS: ReadonlySet<string> = new Set();

/** The windows of each use among `rules`, the customer's own replacing the preferred and the fallback ones. */
export function windowsByUse(
  rules: readonly RuleOfType<'call-window'>[],
  ctx: WindowCheckContext,
): Map<string, Window[]> {
  const windows = new Map<string, Window[]>();
  // One set of make-up days per calendar, shared by its windows.
  const makeUpDays = new Map<string, ReadonlySet<string>>();
  for (const r of rules) {
    const name = r.event.params.makeUpWorkdays;
    let makeUp = name === undefined ? NO_DAYS : makeUpDays.get(name);
    if (makeUp === undefined && name !== undefined) {
      makeUp = new Set(ctx.ruleSet.calendars[name]?.workdays ?? []);
      makeUpDays.set(name, makeUp);
    }
    const list = windows.get(r.event.params.use) ?? [];
    for (const w of r.event.params.windows)
      list.push({
        days: new Set(w.days),
        from: parseClock(w.from) ?? 0,
        to: parseClock(w.to) ?? 0,
        makeUp: makeUp ?? NO_DAYS,
      });
    windows.set(r.event.params.use, list);
  }
  const own = ctx.input.customer.preferredWindows;
  if (own?.length) {
    windows.set(
      'preferred',
      own.map((w) => ({
        days: new Set(w.days),
        from: parseClock(w.from) ?? 0,
        to: parseClock(w.to) ?? 0,
        makeUp: NO_DAYS,
      })),
    );
    windows.delete('fallback');
  }
  return windows;
}

/** The window of `list` that holds [start, end] on the local day `start` falls on (ends clipped to `limit`), if any. */
export function windowHolding(
  list: readonly Window[],
  start: number,
  end: number,
  zone: string,
  limit = Number.POSITIVE_INFINITY,
): Window | undefined {
  const date = toLocal(start, zone);
  const key = formatLocalDate(date);
  const day = toEpochDay(date);
  const at = (minutes: number): number => localMinuteAt(day, minutes, zone);
  return list.find(
    (w) =>
      (w.days.has(weekdayOf(date)) || w.makeUp.has(key)) &&
      start >= at(w.from) &&
      end <= Math.min(at(w.to), limit) &&
      start < at(w.to),
  );
}

/** Whether any of the windows is open at some moment strictly between `from` and `to` (days checked: at most 62). */
export function openBetween(list: readonly Window[], from: number, to: number, zone: string): boolean {
  const first = toEpochDay(toLocal(from, zone));
  const last = Math.min(toEpochDay(toLocal(to, zone)), first + 62);
  for (let day = first; day <= last; day++) {
    const date = fromEpochDay(day);
    const key = formatLocalDate(date);
    for (const w of list) {
      if (!w.days.has(weekdayOf(date)) && !w.makeUp.has(key)) continue;
      if (localMinuteAt(day, w.from, zone) < to && localMinuteAt(day, w.to, zone) > from) return true;
    }
  }
  return false;
}

/** 4. A routine contact lies inside an allowed window of its use (the customer's own replacing the preferred and fallback ones). */
export const callWindowInvariant: PlanInvariant<'call-window'> = (rules, ctx) => {
  const windows = windowsByUse(rules, ctx);
  for (const { t, start } of ctx.routine) {
    const end = instantOf(t.window.end);
    const uses = isMessageChannel(t.channel) ? ['message'] : ['preferred', 'fallback'];
    const inside = uses.some(
      (use) => windowHolding(windows.get(use) ?? [], start, end, ctx.facts.zone, ctx.horizonEnd) !== undefined,
    );
    if (!inside)
      ctx.report({
        invariant: 'call-window',
        touchpointId: t.id,
        message: `${t.channel} contact ${t.window.start}–${t.window.end} is not inside an allowed window`,
      });
  }
};
