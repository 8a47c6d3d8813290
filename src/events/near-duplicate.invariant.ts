import { addDuration, addLocalDays } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay, weekdayOf } from '../calendar/local-date.js';
import { formatInstant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import type { Explanation } from '../i18n/explanation.js';
import { isMessageChannel } from '../schema/common.js';
import { blackoutOn } from './blackout.invariant.js';
import { windowsByUse, type Window } from './call-window.invariant.js';
import { durationOf, instantOf, localMinuteAt, wholeDaysOf, type PlanCheckContext, type RoutineContact, type RuleOfType } from './plan-invariant.js';

/** One purpose of a merged contact: its due and the cadence rule that asked for it. */
interface Member {
  readonly purpose: string;
  readonly dueMs: number;
  readonly ruleId: string | undefined;
}

/**
 * 6. (continued) A contact merged from near-duplicates starts within `mergeWithin` days of each member's own first
 * slot — the slot it would have had alone: its windows (a preferred slot unless it comes more than the preferred
 * window's slack after the earliest one), blackouts, from its due (or asOf) within its tolerance — and within each
 * member's tolerance.
 */
export function checkNearDuplicates(cap: RuleOfType<'cap'>, ctx: PlanCheckContext): void {
  const p = cap.event.params;
  if (p.kind !== 'per-day' || p.mergeWithin === undefined) return;
  const days = wholeDaysOf(p.mergeWithin);
  for (const contact of ctx.routine) {
    const explanations = (contact.t.explanations as readonly Explanation[] | undefined) ?? [];
    // Its own merge (a contact merged into another one that day says so nested, under its purpose: not checked here).
    if (!explanations.some((e) => e.code === 'merged.near' && e.ruleId === cap.id && e.params.of === undefined)) continue;
    for (const m of membersOf(explanations, cap.id, contact.t.purpose.split('+')[0] as string)) {
      const rule = m.ruleId === undefined ? undefined : ctx.rulesById.get(m.ruleId);
      if (rule?.event.type !== 'cadence') continue;
      const q = rule.event.params;
      const before = durationOf(q.toleranceBefore);
      const lo = Math.max(before ? addDuration(m.dueMs, { ...before, sign: -1 }, ctx.facts.zone) : m.dueMs, ctx.facts.asOfMs);
      const hi = Math.min(addDuration(m.dueMs, durationOf(q.tolerance) ?? { ...ZERO }, ctx.facts.zone), ctx.horizonEnd);
      const first = firstSlot(ctx, contact, lo, hi);
      const say = (why: string): void =>
        ctx.report({
          invariant: 'cap',
          touchpointId: contact.t.id,
          message: `merged ${m.purpose} (due ${formatInstant(m.dueMs, ctx.facts.zone)}) ${why} (rule ${cap.id})`,
        });
      if (contact.start < lo || contact.start > hi) say(`starts ${contact.t.window.start}, outside its own tolerance`);
      else if (first !== null && contact.start > addLocalDays(first, days, ctx.facts.zone))
        say(`starts ${contact.t.window.start}, more than ${p.mergeWithin} after its own first slot ${formatInstant(first, ctx.facts.zone)}`);
    }
  }
}

const ZERO = { sign: 1 as const, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** The merged contact's purposes: its lead (the first `due` of its own) and each `merged.near` member. */
function membersOf(explanations: readonly Explanation[], capId: string, leadPurpose: string): Member[] {
  const out: Member[] = [];
  const lead = explanations.find((e) => e.code === 'due' && e.params.of === undefined);
  if (lead !== undefined) out.push({ purpose: leadPurpose, dueMs: instantOf(String(lead.params.at)), ruleId: lead.ruleId ?? undefined });
  for (const e of explanations) {
    if (e.code !== 'merged.near' || e.ruleId !== capId || e.params.of !== undefined) continue;
    const purpose = String(e.params.purpose);
    const due = explanations.find((d) => d.code === 'due' && d.params.of === purpose);
    out.push({ purpose, dueMs: instantOf(String(e.params.due)), ruleId: due?.ruleId ?? undefined });
  }
  return out;
}

/** The first slot a routine contact of this channel and kind would have alone in [lo, hi] (no caps), if any. */
function firstSlot(ctx: PlanCheckContext, contact: RoutineContact, lo: number, hi: number): number | null {
  const rules = ctx.applicable;
  const windows = windowsByUse(
    rules.filter((r): r is RuleOfType<'call-window'> => r.event.type === 'call-window'),
    ctx,
  );
  const blackouts = rules.filter((r): r is RuleOfType<'blackout'> => r.event.type === 'blackout');
  const held = { channel: contact.t.channel, kind: contact.t.kind };
  const earliest = (list: readonly Window[]): number | null => {
    const zone = ctx.facts.zone;
    for (let day = localEpochDay(lo, zone); day <= localEpochDay(hi, zone); day++) {
      const date = fromEpochDay(day);
      if (blackoutOn(blackouts, ctx, date, held) !== undefined) continue;
      let best: number | null = null;
      for (const w of list) {
        if (!w.days.has(weekdayOf(date)) && !w.makeUp.has(formatLocalDate(date))) continue;
        const start = Math.max(localMinuteAt(day, w.from, zone), lo);
        if (start < Math.min(localMinuteAt(day, w.to, zone), ctx.horizonEnd) && start <= hi && (best === null || start < best)) best = start;
      }
      if (best !== null) return best;
    }
    return null;
  };
  if (isMessageChannel(contact.t.channel)) return earliest(windows.get('message') ?? []);
  const preferred = earliest(windows.get('preferred') ?? []);
  const fallback = earliest(windows.get('fallback') ?? []);
  if (preferred === null || fallback === null) return preferred ?? fallback;
  // The preferred slot wins within the slack (days) of the earliest: the largest slack of the preferred rules.
  const slacks = rules.flatMap((r) =>
    r.event.type === 'call-window' && r.event.params.use === 'preferred'
      ? [r.event.params.slack === undefined ? 1 : wholeDaysOf(r.event.params.slack)]
      : [],
  );
  const slack = slacks.length === 0 ? 1 : Math.max(...slacks);
  const dayOf = (ms: number): number => localEpochDay(ms, ctx.facts.zone);
  return dayOf(preferred) - dayOf(fallback) > slack ? fallback : preferred;
}
