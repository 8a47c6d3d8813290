import { addDuration } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay, weekdayOf } from '../calendar/local-date.js';
import { localEpochDay } from '../calendar/zone.js';
import type { SuppressedContact } from '../plan/types.js';
import { isMessageChannel } from '../schema/common.js';
import { blackoutOn } from './blackout.invariant.js';
import { windowsByUse } from './call-window.invariant.js';
import {
  durationOf,
  instantOf,
  localMinuteAt,
  movedByJoin,
  wholeDaysOf,
  type PlanCheckContext,
  type PlanInvariant,
  type RuleOfType,
} from './plan-invariant.js';

type CadenceParams = RuleOfType<'cadence'>['event']['params'];
const ZERO = { sign: 1 as const, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** Where a contact of this cadence due at `due` may start within its tolerance (before and after the due). */
export function toleranceOf(p: CadenceParams, due: number, zone: string): { lo: number; hi: number } | undefined {
  const tol = durationOf(p.tolerance);
  const before = durationOf(p.toleranceBefore);
  if (!tol) return undefined;
  return { lo: before ? addDuration(due, { ...before, sign: -1 }, zone) : due, hi: addDuration(due, tol, zone) };
}

/** Where a contact of this cadence due at `due` may start: its tolerance, widened as its overflow policy allows. */
function allowedRange(p: CadenceParams, due: number, zone: string): { lo: number; hi: number } | undefined {
  const tolerance = toleranceOf(p, due, zone);
  return tolerance === undefined ? undefined : widened(p.overflow, tolerance.lo, tolerance.hi, zone);
}

/** A tolerance [lo, hi] widened as an overflow policy allows: earlier, later, or later and (first) earlier. */
function widened(
  overflow: CadenceParams['overflow'],
  lo: number,
  hi: number,
  zone: string,
): { lo: number; hi: number } {
  if (overflow === undefined || overflow.move === 'drop') return { lo, hi };
  const within = durationOf(overflow.within);
  const earlier = durationOf(overflow.move === 'earlier' ? overflow.within : overflow.earlierWithin);
  return {
    lo: earlier ? addDuration(lo, { ...earlier, sign: -1 }, zone) : lo,
    hi: overflow.move === 'later' && within ? addDuration(hi, within, zone) : hi,
  };
}

/**
 * The latest supply end of the contact's drugs in this purchase (a contact counted back from the run-out never comes
 * after it); no bound when none of them is this purchase's.
 */
function runOutOf(drugCodes: readonly string[], ctx: PlanCheckContext): number {
  const ends = ctx.facts.lines
    .filter((l) => drugCodes.includes(l.fact.drugCode))
    .map((l) => l.supplyEndsAtMs ?? Number.NEGATIVE_INFINITY);
  return ends.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...ends);
}

/**
 * 3. A routine contact starts within the tolerance of one of the cadences it names, or as far beyond it as that
 * cadence's overflow policy allows; counted back from the run-out (a refill reminder), never after the run-out.
 * And a contact dropped for want of a slot had none: no day of its range, overflow included, had an allowed window
 * free of blackouts where the caps (kept by the plan's own contacts) left room for it.
 */
export const cadenceInvariant: PlanInvariant<'cadence'> = (_rules, ctx) => {
  const zone = ctx.facts.zone;
  for (const contact of ctx.routine) {
    const { t, start } = contact;
    // A retry of a contact not reached is the retry rule's to check.
    if (ctx.rulesById.get(t.ruleIds[0] as string)?.event.type === 'retry') continue;
    const due = instantOf(t.due);
    const cadences = t.ruleIds.flatMap((id) => {
      const rule = ctx.rulesById.get(id);
      return rule?.event.type === 'cadence' ? [rule.event.params] : [];
    });
    // Feedback after a resolved incident: from its due, within the escalation rule's feedback tolerance, widened by
    // its overflow policy as a cadence's is. A merged contact may hold both.
    const feedback = t.ruleIds.flatMap((id) => {
      const rule = ctx.rulesById.get(id);
      return rule?.event.type === 'escalation' && rule.event.params.feedback ? [rule.event.params.feedback] : [];
    });
    if (cadences.length === 0 && feedback.length === 0) {
      ctx.report({
        invariant: 'explained',
        touchpointId: t.id,
        message: 'a routine contact that names no cadence rule',
      });
      continue;
    }
    const inFeedback = feedback.some((f) => {
      const range = widened(f.overflow, due, addDuration(due, durationOf(f.tolerance) ?? { ...ZERO }, zone), zone);
      return start >= range.lo && start <= range.hi;
    });
    const fitsAt = (at: number): boolean =>
      cadences.some((p) => {
        const range = allowedRange(p, due, zone);
        return range !== undefined && at >= range.lo && at <= range.hi;
      });
    // A contact joining it later that day may have moved it to its own slot (one routine contact a day, the rules
    // guide's "moved to this contact's slot that day"): where it was before the move counts too, the day kept. (An
    // earlier plan's contact keeps its due, so the joining contact's slot may come before it.)
    const moved = movedByJoin(contact, zone);
    const fits = inFeedback || fitsAt(start) || (moved !== undefined && moved.sameDay && fitsAt(moved.from));
    if (!fits)
      ctx.report({
        invariant: 'tolerance',
        touchpointId: t.id,
        message: `starts ${t.window.start}, outside the tolerance of its due ${t.due}`,
      });
    // Of this purchase's own contacts: a re-issued contact of an earlier purchase was held to that purchase's run-out.
    const own = t.purchaseId === undefined || t.purchaseId === ctx.plan.purchaseId;
    if (own && cadences.some((p) => p.anchor === 'supply-end') && start > runOutOf(t.drugCodes, ctx))
      ctx.report({
        invariant: 'tolerance',
        touchpointId: t.id,
        message: `starts ${t.window.start}, after the supply runs out`,
      });
  }
  for (const s of ctx.plan.suppressed) {
    if (s.candidate.urgency === 'routine' && noSlot(s)) checkDropped(s, ctx);
  }
};

/** Reports a routine contact dropped for want of a slot although its cadence's range held one the caps allowed. */
function checkDropped(s: SuppressedContact, ctx: PlanCheckContext): void {
  const zone = ctx.facts.zone;
  const c = s.candidate;
  const due = instantOf(c.due);
  const cadence = c.ruleIds.map((id) => ctx.rulesById.get(id)).find((r) => r?.event.type === 'cadence');
  if (cadence?.event.type !== 'cadence') return;
  const p = cadence.event.params;
  const range = allowedRange(p, due, zone);
  if (range === undefined) return;
  // Not before asOf, nor before an escalation it waits for (one reported before it was due, or before asOf).
  let lo = Math.max(range.lo, ctx.facts.asOfMs);
  for (const e of ctx.plan.touchpoints) {
    const reported = instantOf(e.due);
    if (e.urgency !== 'routine' && (reported < due || reported < ctx.facts.asOfMs))
      lo = Math.max(lo, instantOf(e.window.start));
  }
  // Nor, for a call or visit, before a pause after a declined call ends.
  const declined = ctx.facts.history?.declined;
  if (declined && !isMessageChannel(c.channel)) lo = Math.max(lo, declined.untilMs);
  let hi = Math.min(range.hi, ctx.horizonEnd);
  if (p.anchor === 'supply-end') hi = Math.min(hi, runOutOf(c.drugCodes, ctx));
  if (lo > hi) return;

  const applicable = ctx.applicable;
  const blackouts = applicable.filter((r): r is RuleOfType<'blackout'> => r.event.type === 'blackout');
  const caps = applicable.filter((r): r is RuleOfType<'cap'> => r.event.type === 'cap');
  const windows = windowsByUse(
    applicable.filter((r): r is RuleOfType<'call-window'> => r.event.type === 'call-window'),
    ctx,
  );
  const lists = (isMessageChannel(c.channel) ? ['message'] : ['preferred', 'fallback']).flatMap(
    (use) => windows.get(use) ?? [],
  );
  // Incidents reported between two dues keep their contacts apart (one waits for its escalation).
  const reports = ctx.plan.touchpoints.filter((e) => e.urgency !== 'routine').map((e) => instantOf(e.due));
  const apart = (otherDue: number): boolean => reports.some((r) => r < due !== r < otherDue);
  const capsAllow = (day: number): boolean =>
    caps.every((cap) => {
      const q = cap.event.params;
      if (q.kind === 'per-day') {
        // A day holding a contact of an earlier plan is taken. A second contact on a day merges into the first
        // where that one starts within this one's range — or a little before its due, when that one was due
        // first — or, of one kind and channel, moves to its slot.
        if (ctx.earlier.some((r) => r.day === day)) return false;
        return ctx.routine.every(({ t, start: at, day: d }) => {
          if (d !== day) return true;
          const otherDue = instantOf(t.due);
          if (at <= hi && (at >= lo || (!apart(otherDue) && due >= otherDue))) return true;
          return !apart(otherDue) && t.kind === c.kind && t.channel === c.channel;
        });
      }
      // Caps on other channels do not count this one.
      if (!(q.channels as readonly string[]).includes(c.channel)) return true;
      const days = [...ctx.routine, ...ctx.earlier]
        .filter((r) => (q.channels as readonly string[]).includes(r.t.channel))
        .map((r) => r.day);
      if (q.kind === 'min-gap') return days.every((d) => Math.abs(d - day) >= wholeDaysOf(q.gap));
      const period = wholeDaysOf(q.period);
      for (let first = day - period + 1; first <= day; first++)
        if (days.filter((d) => d >= first && d < first + period).length + 1 > q.max) return false;
      return true;
    });

  for (let day = localEpochDay(lo, zone); day <= localEpochDay(hi, zone); day++) {
    const date = fromEpochDay(day);
    if (blackoutOn(blackouts, ctx, date, c) !== undefined) continue;
    const key = formatLocalDate(date);
    const at = (minutes: number): number => localMinuteAt(day, minutes, zone);
    // A slot that day: a window of its use open then, starting within [lo, hi], ending by the horizon.
    const open = lists.some((w) => {
      if (!w.days.has(weekdayOf(date)) && !w.makeUp.has(key)) return false;
      const startAt = Math.max(at(w.from), lo);
      return startAt < Math.min(at(w.to), ctx.horizonEnd) && startAt <= hi;
    });
    if (open && capsAllow(day)) {
      ctx.report({
        invariant: 'dropped',
        touchpointId: c.id,
        message: `dropped for want of a slot, yet ${key} had one its cadence's range allows (rule ${cadence.id})`,
      });
      return;
    }
  }
}

/** Whether a contact was suppressed for want of a slot: by its explanation's code (a plan of 0.1 has only the text). */
function noSlot(s: SuppressedContact): boolean {
  const code = (s.explanations as SuppressedContact['explanations'] | undefined)?.[0]?.code;
  return code === undefined ? s.reason.startsWith('no allowed slot') : code === 'suppressed.no-slot';
}
