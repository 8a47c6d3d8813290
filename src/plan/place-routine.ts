/**
 * The placement stage for routine contacts: the earliest preferred slot at or after the due within the tolerance
 * (unless the earliest fallback slot comes more than the preferred window's slack before it: on time first), else
 * the earliest fallback slot, outside blackouts and holidays, within the caps — a contact the per-day cap
 * would exceed merges into that day's contact where that one starts within its reach (or moves it there); a day
 * another cap blocks is skipped. No slot: suppressed, with why. Contacts come highest priority first.
 */
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { localEpochDay, partOfDay } from '../calendar/zone.js';
import { addParams, explain, type Explanation } from '../i18n/explanation.js';
import type { ReasonParams, WhyParams } from '../i18n/reason-params.js';
import { isMessageChannel } from '../schema/common.js';
import { CAPS_OK, CapLedger, type CapVerdict } from '../events/cap.js';
import type { CapRule, WindowUse } from './compile.js';
import {
  placeAt,
  pushOne,
  revised,
  suppression,
  type Candidate,
  type Placed,
  type PlanState,
  type Suppressed,
} from './plan-state.js';
import { describeSkips, placementReasons, timeOfDayReasons, type CapBlock, type Tried } from './placement-reasons.js';
import { hasWindows, SlotCursor, type SkippedDay, type Slot } from './windows.js';
import { overflowSlot, type Join } from './overflow-slot.js';
import { reachOf, usesOf } from './reach.js';
import { mergedInto, withReasons } from './merge.js';
import { fromCadence } from './near-duplicates.js';

const NO_CAP_BLOCKS: ReadonlyMap<string, CapBlock> = new Map();

/** The parts of a day (morning, afternoon, evening), all three as bits. */
const ALL_PARTS = 0b111;

/** A slot the caps accept, with their verdict on its day and how the contact joins that day's. */
interface Fit {
  slot: Slot;
  verdict: CapVerdict<Placed>;
  join: Join;
}
/** Where a walk looks: the tolerance (`lo`, `hi`), where a day's contact may be joined, the parts of the day (bits). */
interface Range {
  lo: number;
  hi: number;
  reachLo: number;
  reachHi: number;
  parts: number;
}
/**
 * What one placement's walks found blocked: days, cap verdicts, a slot passed over for its part of the day; and what
 * was said of the contact before its slot (it waits for an escalation, calls are paused; the time of day it goes at).
 */
interface Walk {
  skipped: SkippedDay[];
  capBlocks: Map<string, CapBlock> | undefined;
  avoided: boolean;
  said: readonly Explanation[];
}
const NO_REASONS: readonly Explanation[] = [];

/**
 * Places the routine contacts of one plan, one after another, each within the caps of those before it, after the
 * plan's escalations (a contact due after a report waits for its escalation); {@link RoutinePlacer.placed} hands on
 * what it placed and suppressed.
 */
export class RoutinePlacer {
  /** The routine contacts placed so far, as the caps count them. */
  private readonly caps: CapLedger<Placed>;
  private readonly routine: Placed[] = [];
  /** What merges said of a routine contact, by its place in `routine`: added to its reasons when the stage is over. */
  private readonly merges: (Explanation[] | undefined)[] = [];
  private readonly suppressed: Suppressed[] = [];

  /** Contacts of earlier plans the caps count: never merged into, never moved (near-duplicates may re-issue one). */
  private readonly earlier = new Set<Placed>();

  constructor(
    private readonly state: PlanState,
    private readonly escalations: readonly Placed[],
  ) {
    this.caps = new CapLedger(state.policy.caps);
  }

  /** The routine contacts placed, and those suppressed, in the order placement made them: the stage is over. */
  placed(): { routine: readonly Placed[]; suppressed: readonly Suppressed[] } {
    const routine = this.routine.map((p, i) => {
      const said = this.merges[i];
      return said === undefined ? p : withReasons(p, [...p.reasons, ...said]);
    });
    return { routine, suppressed: this.suppressed };
  }

  /** Counts the contacts of earlier plans (the history's) toward the caps. */
  countEarlier(contacts: readonly Placed[]): void {
    for (const p of contacts) {
      this.earlier.add(p);
      this.caps.record(p);
    }
  }

  /** Stops counting an earlier plan's contact (a merge re-issues it); the contact, or `undefined` when not counted. */
  release(contactId: string): Placed | undefined {
    for (const p of this.earlier) {
      if (p.earlierContactId !== contactId) continue;
      this.earlier.delete(p);
      this.caps.remove(p);
      return p;
    }
    return undefined;
  }

  /** The window uses with hours in this plan, for messages and for calls (worked out once). */
  private messageUses: readonly WindowUse[] | undefined;
  private callUses: readonly WindowUse[] | undefined;
  private usesWithHours(channel: Candidate['channel']): readonly WindowUse[] {
    if (isMessageChannel(channel)) return (this.messageUses ??= this.withHours(channel));
    return (this.callUses ??= this.withHours(channel));
  }
  private withHours(channel: Candidate['channel']): readonly WindowUse[] {
    return usesOf(channel).filter((u) => hasWindows(this.state.policy.windows, u));
  }

  /**
   * Places a routine candidate (its channel resolved) in the first slot its windows, blackouts and caps allow, and
   * says whether it found one. No slot: the candidate is suppressed, with why — unless `quiet` (a trial placement
   * of merged near-duplicates, whose members are then placed one by one).
   */
  place(c: Candidate, quiet = false): boolean {
    const reach = reachOf(this.state, this.escalations, c, this.usesWithHours(c.channel));
    if (!reach.ok) return this.fail(quiet, c, reach.why, [...c.ruleIds], reach.notes);
    const { asOfMs } = this.state.facts;
    const { lo, hi, floor, reachLo, reachHi, uses: available } = reach;
    const skipped: SkippedDay[] = [];
    const tried: Explanation[] = [];
    // A tolerance that ended before asOf has no slot to walk: only its overflow policy can place it.
    const missed = c.latestMs < asOfMs;
    if (missed)
      tried.push(
        explain(
          'tolerance-ended',
          addParams({ end: this.state.at(c.latestMs), asOf: this.state.at(asOfMs) }, c.tolerance),
        ),
      );
    const range: Range = { lo, hi, reachLo, reachHi, parts: ALL_PARTS };
    const walk: Walk = { skipped, capBlocks: undefined, avoided: false, said: reach.notes };
    let found = missed ? null : this.select(c, available, range, walk, tried);
    if (found !== null) found = this.atTimeOfDay(c, found, available, range, walk, tried);
    if (found !== null) {
      if ('merge' in found.verdict)
        this.merge(found.verdict.merge, c, range, found.slot, found.verdict.rule, walk, tried, found.join === 'move');
      else this.accept(c, range, found.slot, walk, tried);
      return true;
    }
    let from = lo;
    let to = hi;
    // Moving later, a policy may first try the slots before the due (`earlier`); the first that finds one wins.
    const policies =
      c.overflow === null ? [] : c.overflow.earlier === null ? [c.overflow] : [c.overflow.earlier, c.overflow];
    for (const policy of policies) {
      const found = overflowSlot(
        this.state,
        this.caps,
        (into, c2, lo2, hi2) => this.joinable(into, c2, lo2, hi2),
        c,
        policy,
        lo,
        hi,
        floor,
        reachLo,
        reachHi,
        available,
        policy.move === 'later' ? skipped : [],
      );
      if (found !== null) {
        tried.push(explain('overflow-moved', policy.params));
        if (found.merge)
          this.merge(found.merge.into, c, range, found.slot, found.merge.rule, walk, tried, found.merge.move);
        else this.accept(c, range, found.slot, walk, tried);
        return true;
      }
      if (policy.move === 'later') to = Math.max(hi, Math.min(policy.limitMs, this.state.horizonEndMs));
      else from = Math.min(lo, Math.max(policy.limitMs, floor));
    }
    // Plain loops, not spreads: spreading arrays of other elements kinds here made V8 deoptimise and recompile
    // this function (and all it inlines) several times per worker.
    const blockers: string[] = [];
    for (const s of skipped) pushOne(blockers, s.ruleId);
    const blocks = walk.capBlocks ?? NO_CAP_BLOCKS;
    for (const b of blocks.values()) pushOne(blockers, b.rule.id);
    const span: ReasonParams['suppressed.no-slot'] = { from: this.state.at(from), to: this.state.at(to) };
    if (c.overflow !== null) Object.assign(span, c.overflow.params);
    if (c.overflow?.earlier?.params.within !== undefined) span.earlierWithin = c.overflow.earlier.params.within;
    const reasons = [explain('suppressed.no-slot', span), ...describeSkips(skipped, Number.POSITIVE_INFINITY)];
    for (const b of blocks.values()) reasons.push(explain('blocked.cap', addParams({ day: b.day }, b.why), b.rule.id));
    const said = reach.pausedOverflow === null ? walk.said : [...walk.said, reach.pausedOverflow];
    return this.fail(quiet, c, reasons, blockers.length ? blockers : [...c.ruleIds], said);
  }

  /**
   * A retry goes at another time of day than the call not reached (seed 001: at the same hour people are in the same
   * meeting, meal or drive), and a call at the time of day this customer answers, as the history shows it — where
   * its tolerance has such a slot and that moves it (the walk and what was tried then become that slot's); else as
   * `found`.
   */
  private atTimeOfDay(
    c: Candidate,
    found: Fit,
    uses: readonly WindowUse[],
    range: Range,
    walk: Walk,
    tried: Explanation[],
  ): Fit {
    const missedAt = c.missedAtMs === null ? -1 : partOfDay(c.missedAtMs, this.state.zone);
    const missedPart = missedAt < 0 ? 0 : 1 << missedAt;
    const answers = c.channel === 'phone' ? (this.state.facts.history?.answerHours ?? null) : null;
    const answerParts = answers === null ? 0 : answers.best & ~missedPart;
    const parts = answerParts !== 0 ? answerParts : ALL_PARTS & ~missedPart;
    if (parts === ALL_PARTS) return found;
    const atParts: Walk = { skipped: [], capBlocks: undefined, avoided: false, said: NO_REASONS };
    const triedAtParts: Explanation[] = [];
    const other = this.select(c, uses, { ...range, parts }, atParts, triedAtParts);
    if (other === null || other.slot.start === found.slot.start) return found;
    walk.skipped.length = 0;
    for (const s of atParts.skipped) walk.skipped.push(s);
    walk.capBlocks = atParts.capBlocks;
    tried.length = 0;
    for (const t of triedAtParts) tried.push(t);
    walk.said = [...walk.said, ...timeOfDayReasons(this.state, c, missedAt, answers, answerParts)];
    return other;
  }

  /**
   * The first slot the uses' windows give in `range`, in order (preferred before fallback, on time first), noting
   * what each use without one could not offer.
   */
  private select(c: Candidate, uses: readonly WindowUse[], range: Range, walk: Walk, tried: Explanation[]): Fit | null {
    for (const use of uses) {
      const found = this.fit(c, use, range, walk);
      if (found !== null)
        return use === 'preferred' && uses.length > 1 ? this.onTime(c, found, range, walk, tried) : found;
      // A window with slots at other times of day is not said to have none.
      if (!walk.avoided) tried.push(explain('no-slot-in-tolerance', addParams({ use }, c.tolerance)));
    }
    return null;
  }

  /**
   * The first slot of one window use in `range` that the caps accept (or the day's contact to join), noting the days
   * blackouts and caps blocked and whether a slot was passed over for its part of the day.
   */
  private fit(c: Candidate, use: WindowUse, range: Range, walk: Walk): Fit | null {
    // The caps give every slot of a day the same verdict: asked once per day.
    let verdictDay = Number.NaN;
    let verdict: CapVerdict<Placed> = CAPS_OK;
    let join: Join = 'as-is';
    const slot = new SlotCursor(
      this.state.policy.windows,
      use,
      range.lo,
      range.hi,
      this.state.horizonEndMs,
      this.state.zone,
      walk.skipped,
      c,
    );
    while (slot.next()) {
      if (range.parts !== ALL_PARTS && (range.parts & (1 << partOfDay(slot.start, this.state.zone))) === 0) {
        walk.avoided = true;
        continue;
      }
      if (slot.epochDay !== verdictDay) {
        verdictDay = slot.epochDay;
        verdict = this.caps.verdict(slot.epochDay, c.channel);
        if ('merge' in verdict) {
          join = this.joinable(verdict.merge, c, range.reachLo, range.reachHi);
          if (join === null) verdict = this.outOfReach(verdict.merge, verdict.rule);
        }
      } else if ('blocked' in verdict) continue;
      if (!('blocked' in verdict)) return { slot, verdict, join };
      // Made when a cap first blocks a day (few placements): a Map per placement was 5% of a plan's allocation.
      (walk.capBlocks ??= new Map()).set(`${verdict.rule.id}|${JSON.stringify(verdict.blocked)}|${slot.epochDay}`, {
        day: formatLocalDate(fromEpochDay(slot.epochDay)),
        why: verdict.blocked,
        rule: verdict.rule,
      });
    }
    return null;
  }

  /**
   * On time beats the preferred hours (seed 000, a "3-day" check; seed 003, "购药10日之内"): a preferred slot more
   * than the slack's days after the earliest fallback slot gives way to that one, with why.
   */
  private onTime(c: Candidate, preferred: Fit, range: Range, walk: Walk, tried: Explanation[]): Fit {
    const slackDays = this.state.policy.windows.preferredSlackDays;
    if (preferred.slot.epochDay - localEpochDay(range.lo, this.state.zone) <= slackDays) return preferred;
    const fallbackWalk: Walk = { skipped: [], capBlocks: undefined, avoided: false, said: NO_REASONS };
    const fallback = this.fit(c, 'fallback', range, fallbackWalk);
    if (fallback === null || preferred.slot.epochDay - fallback.slot.epochDay <= slackDays) return preferred;
    for (const s of fallbackWalk.skipped) walk.skipped.push(s);
    walk.capBlocks = fallbackWalk.capBlocks;
    walk.avoided ||= fallbackWalk.avoided;
    tried.push(explain('preferred-later', { preferred: this.state.at(preferred.slot.start), slack: `P${slackDays}D` }));
    return fallback;
  }

  /**
   * How a contact joins the one already on its day (one routine contact a day): as that one is, when it starts where
   * this one may start — by its last allowed start, and not before its first unless that one was due first (a
   * same-day call a little before this one's due is still this one's call); else moved to this one's slot, when
   * both are of one kind and channel (the same hours and blackouts hold for both); else not at all. Neither bends
   * when an incident was reported between their dues (one waits for its escalation, the other need not).
   */
  private joinable(into: Placed, c: Candidate, reachLo: number, reachHi: number): Join {
    // An earlier plan's contact, re-issued, keeps its id: it is not merged into another one, and takes in only what a
    // cadence asks for (a retry or an incident's feedback stays its purchase's own, where its next retry finds it).
    if (this.earlier.has(into) || c.earlierContactId !== null) return null;
    if (into.earlierContactId !== null && !fromCadence(this.state, c)) return null;
    let apart = false;
    for (const e of this.escalations) if (e.dueMs < c.dueMs !== e.dueMs < into.dueMs) apart = true;
    if (into.startMs <= reachHi && (into.startMs >= reachLo || (!apart && c.dueMs >= into.dueMs))) return 'as-is';
    return !apart && into.kind === c.kind && into.channel === c.channel ? 'move' : null;
  }

  /** The day's verdict when its contact is out of this one's reach. */
  private outOfReach(into: Placed, rule: CapRule): CapVerdict<Placed> {
    if (this.earlier.has(into)) {
      const blocked: WhyParams & { contact?: string } = { why: 'cap.day-taken', purpose: into.purpose };
      if (into.earlierContactId !== null) blocked.contact = into.earlierContactId;
      return { blocked, rule };
    }
    return { blocked: { why: 'cap.out-of-reach', purpose: into.purpose, other: this.state.at(into.startMs) }, rule };
  }

  /** Suppresses a candidate no slot fits (unless `quiet`), with what was said of it before (`said`); false. */
  private fail(
    quiet: boolean,
    c: Candidate,
    reason: Explanation | readonly Explanation[],
    ruleIds: readonly string[],
    said: readonly Explanation[],
  ): false {
    if (quiet) return false;
    const asSaid = said.length === 0 ? c : revised(c, { reasons: [...c.reasons, ...said] });
    this.suppressed.push(suppression(asSaid, reason, ruleIds));
    return false;
  }

  /** Merges `c` into the day's contact `into` (moved to `slot` when `move`): the merged contact takes its place. */
  private merge(
    into: Placed,
    c: Candidate,
    range: Range,
    slot: Slot,
    cap: CapRule,
    walk: Walk,
    tried: Tried,
    move: boolean,
  ): void {
    const said = placementReasons(this.state, c, slot, walk.skipped, walk.capBlocks ?? NO_CAP_BLOCKS, tried, walk.said);
    const merge = mergedInto(this.state, into, { c, said, slot, lo: range.lo, hi: range.hi }, cap, move);
    // The day's contact is a recent one: looked for from the end.
    const at = this.routine.lastIndexOf(into);
    this.routine[at] = merge.contact;
    for (const r of merge.said) (this.merges[at] ??= []).push(r);
    this.caps.replace(into, merge.contact);
  }

  /** Places `c` in `slot`; where its start may lie is its tolerance's part in `range`. */
  private accept(c: Candidate, range: Range, slot: Slot, walk: Walk, tried: Tried): void {
    const said = placementReasons(this.state, c, slot, walk.skipped, walk.capBlocks ?? NO_CAP_BLOCKS, tried, walk.said);
    const placed = placeAt(c, slot.start, slot.end, slot.epochDay, range.lo, range.hi, said);
    this.routine.push(placed);
    this.caps.record(placed);
  }
}
