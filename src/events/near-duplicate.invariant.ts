import { addLocalDays } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay, weekdayOf } from '../calendar/local-date.js';
import { formatInstant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import type { Explanation } from '../i18n/explanation.js';
import { isMessageChannel } from '../schema/common.js';
import { blackoutOn } from './blackout.invariant.js';
import { DEFAULT_SLACK_DAYS } from './call-window.js';
import { toleranceOf } from './cadence.invariant.js';
import { windowsByUse, type Window } from './call-window.invariant.js';
import {
  instantOf,
  localMinuteAt,
  movedByJoin,
  wholeDaysOf,
  type PlanCheckContext,
  type RoutineContact,
  type RuleOfType,
} from './plan-invariant.js';

/** One purpose of a merged contact: its due and the cadence rule that asked for it. */
interface Member {
  readonly purpose: string;
  readonly dueMs: number;
  readonly ruleId: string | undefined;
}

/**
 * 6. (continued) A contact merged from near-duplicates (an earlier plan's contact re-issued among them) starts within
 * `mergeWithin` days of each member's own first slot — the slot it would have had alone: its windows (a preferred
 * slot unless it comes more than the preferred window's slack after the earliest one), blackouts, from its due (or
 * asOf) within its tolerance — and within each member's tolerance. A contact that joins it later that day may move it
 * to its own slot (one routine contact a day, as the rules guide says): the move keeps the day.
 */
export function checkNearDuplicates(cap: RuleOfType<'cap'>, ctx: PlanCheckContext): void {
  const p = cap.event.params;
  if (p.kind !== 'per-day' || p.mergeWithin === undefined) return;
  const days = wholeDaysOf(p.mergeWithin);
  let slots: SlotRules | undefined;
  for (const contact of ctx.routine) {
    const explanations = (contact.t.explanations as readonly Explanation[] | undefined) ?? [];
    // Its own merge (a contact merged into another one that day says so nested, under its purpose: not checked here).
    if (!explanations.some((e) => e.code === 'merged.near' && e.ruleId === cap.id && e.params.of === undefined))
      continue;
    // A contact joining it later that day may have moved it to its own slot (one routine contact a day): the members
    // are held to where the merge put it, and the move to that day.
    const moved = movedByJoin(contact, ctx.facts.zone);
    const placed = moved === undefined ? contact.start : moved.from;
    if (moved !== undefined && !moved.sameDay)
      ctx.report({
        invariant: 'cap',
        touchpointId: contact.t.id,
        message: `merged near-duplicates moved from ${formatInstant(placed, ctx.facts.zone)} to another day, ${contact.t.window.start} (rule ${cap.id})`,
      });
    for (const m of membersOf(explanations, cap.id, contact.t.purpose.split('+')[0] as string)) {
      const rule = m.ruleId === undefined ? undefined : ctx.rulesById.get(m.ruleId);
      if (rule?.event.type !== 'cadence') continue;
      const tolerance = toleranceOf(rule.event.params, m.dueMs, ctx.facts.zone);
      if (tolerance === undefined) continue;
      const lo = Math.max(tolerance.lo, ctx.facts.asOfMs);
      const hi = Math.min(tolerance.hi, ctx.horizonEnd);
      const first = firstSlot(ctx, (slots ??= slotRules(ctx)), contact, lo, hi);
      const say = (why: string): void =>
        ctx.report({
          invariant: 'cap',
          touchpointId: contact.t.id,
          message: `merged ${m.purpose} (due ${formatInstant(m.dueMs, ctx.facts.zone)}) ${why} (rule ${cap.id})`,
        });
      const at = formatInstant(placed, ctx.facts.zone);
      if (placed < lo || placed > hi) say(`starts ${at}, outside its own tolerance`);
      else if (first !== null && placed > addLocalDays(first, days, ctx.facts.zone))
        say(
          `starts ${at}, more than ${p.mergeWithin} after its own first slot ${formatInstant(first, ctx.facts.zone)}`,
        );
    }
  }
}

/**
 * The merged contact's purposes: its lead (the first `due` of its own, or the earlier plan's contact it re-issues,
 * `merged.earlier`) and each `merged.near` member.
 */
function membersOf(explanations: readonly Explanation[], capId: string, leadPurpose: string): Member[] {
  const out: Member[] = [];
  const lead = explanations.find((e) => e.code === 'due' && e.params.of === undefined);
  const earlier = explanations.find((e) => e.code === 'merged.earlier' && e.params.of === undefined);
  if (lead !== undefined)
    out.push({ purpose: leadPurpose, dueMs: instantOf(String(lead.params.at)), ruleId: lead.ruleId ?? undefined });
  else if (earlier !== undefined)
    out.push({
      purpose: leadPurpose,
      dueMs: instantOf(String(earlier.params.due)),
      ruleId: earlier.ruleId ?? undefined,
    });
  for (let i = 0; i < explanations.length; i++) {
    const e = explanations[i] as Explanation;
    if (e.code !== 'merged.near' || e.ruleId !== capId || e.params.of !== undefined) continue;
    const purpose = String(e.params.purpose);
    // The member's own reasons follow its merge, said of its purpose: the first names its rule (`due`, or
    // `merged.earlier` for an earlier plan's contact) — two members may share a purpose.
    const own = explanations[i + 1];
    const ruleId = own !== undefined && own.params.of === purpose ? own.ruleId : undefined;
    out.push({ purpose, dueMs: instantOf(String(e.params.due)), ruleId: ruleId ?? undefined });
  }
  return out;
}

/** What a contact's own first slot is read from: the windows by use, the blackouts, the preferred window's slack. */
interface SlotRules {
  readonly windows: Map<string, Window[]>;
  readonly blackouts: readonly RuleOfType<'blackout'>[];
  readonly slack: number;
}

/** The rules in force for this plan that place a contact, read once per check. */
function slotRules(ctx: PlanCheckContext): SlotRules {
  const rules = ctx.applicable;
  const windowRules = rules.filter((r): r is RuleOfType<'call-window'> => r.event.type === 'call-window');
  // The preferred rules' largest slack (days), as placement reads it.
  const slacks = windowRules.flatMap((r) =>
    r.event.params.use === 'preferred'
      ? [r.event.params.slack === undefined ? DEFAULT_SLACK_DAYS : wholeDaysOf(r.event.params.slack)]
      : [],
  );
  return {
    windows: windowsByUse(windowRules, ctx),
    blackouts: rules.filter((r): r is RuleOfType<'blackout'> => r.event.type === 'blackout'),
    slack: slacks.length === 0 ? DEFAULT_SLACK_DAYS : Math.max(...slacks),
  };
}

/** The first slot a routine contact of this channel and kind would have alone in [lo, hi] (no caps), if any. */
function firstSlot(
  ctx: PlanCheckContext,
  rules: SlotRules,
  contact: RoutineContact,
  lo: number,
  hi: number,
): number | null {
  const zone = ctx.facts.zone;
  const held = { channel: contact.t.channel, kind: contact.t.kind };
  const earliest = (list: readonly Window[]): number | null => {
    for (let day = localEpochDay(lo, zone); day <= localEpochDay(hi, zone); day++) {
      const date = fromEpochDay(day);
      if (blackoutOn(rules.blackouts, ctx, date, held) !== undefined) continue;
      let best: number | null = null;
      for (const w of list) {
        if (!w.days.has(weekdayOf(date)) && !w.makeUp.has(formatLocalDate(date))) continue;
        const start = Math.max(localMinuteAt(day, w.from, zone), lo);
        if (
          start < Math.min(localMinuteAt(day, w.to, zone), ctx.horizonEnd) &&
          start <= hi &&
          (best === null || start < best)
        )
          best = start;
      }
      if (best !== null) return best;
    }
    return null;
  };
  if (isMessageChannel(contact.t.channel)) return earliest(rules.windows.get('message') ?? []);
  const preferred = earliest(rules.windows.get('preferred') ?? []);
  const fallback = earliest(rules.windows.get('fallback') ?? []);
  if (preferred === null || fallback === null) return preferred ?? fallback;
  // The preferred slot wins within the slack (days) of the earliest.
  return localEpochDay(preferred, zone) - localEpochDay(fallback, zone) > rules.slack ? fallback : preferred;
}
