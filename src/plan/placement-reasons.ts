/**
 * What placement says about where a routine contact went: the days blackouts and caps blocked, what it tried
 * (tolerance, windows, overflow), and the slot it took, with the rules that said so.
 */
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { addParams, explain, type Explanation } from '../i18n/explanation.js';
import { joined, type WhyParams, type WindowParams } from '../i18n/reason-params.js';
import { sortInPlace } from '../_lib/sort.js';
import type { CapRule } from './compile.js';
import { pushOne, type Candidate, type PlanState } from './plan-state.js';
import type { SkippedDay, Slot } from './windows.js';
import type { AnswerHours } from '../facts/history.js';

/** The parts of a day, as reasons' params give them. */
const PARTS = ['morning', 'afternoon', 'evening'] as const;
/**
 * Why a call went at another time of day than it would have: a retry avoiding the part of the day (0, 1, 2; -1: none)
 * its call was not reached in, the hours this customer answers (`answerParts`, bits; 0: none).
 */
export function timeOfDayReasons(
  state: PlanState,
  c: Candidate,
  missedAt: number,
  answers: AnswerHours | null,
  answerParts: number,
): Explanation[] {
  const out: Explanation[] = [];
  if (missedAt >= 0)
    out.push(
      explain('retry.other-time', { last: state.at(c.missedAtMs as number), part: PARTS[missedAt as 0 | 1 | 2] }),
    );
  if (answers !== null && answerParts !== 0) out.push(answersAt(answers, answerParts));
  return out;
}

/** Why a call goes at the hours this customer answers: those parts of the day, and the calls answered there. */
function answersAt(answers: AnswerHours, parts: number): Explanation {
  const names: string[] = [];
  const params = { parts: '', answered: 0, calls: 0, otherAnswered: 0, otherCalls: 0 };
  for (let p = 0; p < 3; p++) {
    const here = (parts & (1 << p)) !== 0;
    if (here) names.push(PARTS[p] as string);
    params[here ? 'answered' : 'otherAnswered'] += answers.answered[p] as number;
    params[here ? 'calls' : 'otherCalls'] += answers.calls[p] as number;
  }
  params.parts = joined(names);
  return explain('answers-at', params);
}

/** A day a cap rule blocked, and why. */
export interface CapBlock {
  day: string;
  why: WhyParams;
  rule: CapRule;
}
/** `params` with a window's (`use`, `days`, `hours`, `makeUp`), key by key: this runs for every contact placed. */
function withWindow<P extends object>(params: P, window: WindowParams): P & WindowParams {
  const out = params as P & WindowParams;
  out.use = window.use;
  out.days = window.days;
  out.hours = window.hours;
  if (window.makeUp !== undefined) out.makeUp = window.makeUp;
  return out;
}
/** What placement tried before the slot it found (its tolerance ended, no preferred slot, moved by overflow). */
export type Tried = readonly Explanation[];

/** The days blackouts blocked before `beforeDay`, as reasons: one per run of days with the same why and rule. */
export function describeSkips(skipped: readonly SkippedDay[], beforeDay: number): Explanation[] {
  if (skipped.length === 0) return [];
  const seen = new Set<number>();
  const days = sortInPlace(
    skipped.filter((s) => s.epochDay < beforeDay && !seen.has(s.epochDay) && seen.add(s.epochDay)),
    (a, b) => a.epochDay - b.epochDay,
  );
  const out: Explanation[] = [];
  let i = 0;
  while (i < days.length) {
    const first = days[i] as SkippedDay;
    let j = i;
    while (
      j + 1 < days.length &&
      (days[j + 1] as SkippedDay).epochDay === (days[j] as SkippedDay).epochDay + 1 &&
      (days[j + 1] as SkippedDay).why === first.why &&
      (days[j + 1] as SkippedDay).ruleId === first.ruleId
    )
      j++;
    const last = days[j] as SkippedDay;
    const from = formatLocalDate(fromEpochDay(first.epochDay));
    const span: { from: string; to?: string } =
      first === last ? { from } : { from, to: formatLocalDate(fromEpochDay(last.epochDay)) };
    out.push(explain('skipped', addParams(span, first.why), first.ruleId));
    i = j + 1;
  }
  return out;
}

/**
 * `c`'s reasons and rule ids with its slot's: what was said before (`notes`: the time of day it went at), the days
 * skipped before the slot, the cap blocks, what it tried, where it went.
 */
export function placementReasons(
  state: PlanState,
  c: Candidate,
  slot: Slot,
  skipped: readonly SkippedDay[],
  capBlocks: ReadonlyMap<string, CapBlock>,
  tried: Tried,
  notes: readonly Explanation[],
): { reasons: Explanation[]; ruleIds: string[] } {
  const reasons = c.reasons.slice();
  for (const n of notes) reasons.push(n);
  const ruleIds = c.ruleIds.slice();
  // Moved earlier than its tolerance, or to a later window because the first had no slot (no preferred slot): the
  // days skipped after the slot are why, and are named with their rules.
  const fellBack = tried.some((t) => t.code === 'no-slot-in-tolerance');
  const skippedBefore = slot.start < c.earliestMs || fellBack ? Number.POSITIVE_INFINITY : slot.epochDay;
  for (const s of describeSkips(skipped, skippedBefore)) reasons.push(s);
  for (const s of skipped) if (s.epochDay < skippedBefore) pushOne(ruleIds, s.ruleId);
  for (const b of capBlocks.values()) {
    reasons.push(explain('skipped.cap', addParams({ day: b.day }, b.why), b.rule.id));
    pushOne(ruleIds, b.rule.id);
  }
  for (const t of tried) reasons.push(t);
  const at = state.at(slot.start);
  if (slot.start === c.dueMs) reasons.push(explain('placed.at', withWindow({ at }, slot.window), slot.ruleId));
  else {
    const moved = withWindow(
      { due: state.at(c.dueMs), at, earlier: slot.start < c.dueMs ? (1 as const) : (0 as const) },
      slot.window,
    );
    reasons.push(explain('placed.moved', moved, slot.ruleId));
  }
  if (slot.ruleId !== null) pushOne(ruleIds, slot.ruleId);
  const uncovered = state.uncoveredReason(slot.epochDay);
  if (uncovered !== null) reasons.push(uncovered);
  return { reasons, ruleIds };
}
