/**
 * One person's routine calls and visits over the range: each on its planned day where they work then; moved within
 * its tolerance to an allowed slot (its windows and blackouts, the person's days and hours) when they do not, or to
 * level the load; over capacity, the rest overflow. Every move keeps the customer's caps. Deterministic: contacts
 * and days in a total order, ties broken by distance, then the earlier day, then touchpoint id.
 */
import type { WorklistWords } from './words.js';
import { fromFloating } from '../calendar/zone.js';
import { byCodeUnits } from '../_lib/sort.js';
import type { WindowUse } from '../plan/compile.js';
import { hasWindows, SlotCursor } from '../plan/windows.js';
import type { CapLedger } from '../events/cap.js';
import type { Contact, Resource } from './contacts.js';
import type { Staff } from './staff.js';

const DAY = 86_400_000;
const CALL_USES: readonly WindowUse[] = ['preferred', 'fallback'];

/** Where a contact may be made on one day of the range. */
export interface Option {
  readonly dayIndex: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Not where the plan put it: the slot's label and rule, for `moved`. */
  readonly slot: string | null;
}

/** A contact given a day and a person, and why it moved, when it did. */
export interface Placement {
  readonly contact: Contact;
  readonly staff: Staff;
  readonly option: Option;
  readonly moved?: string;
  /** Why another person of the store makes it, not the customer's own. */
  readonly handover?: string;
  /** Rolled past its tolerance by its cadence's overflow policy: from where (its planned start), and why. */
  readonly rolled?: { readonly fromMs: number; readonly reason: string };
}

export interface Overflowed {
  readonly contact: Contact;
  readonly reason: string;
  /** An escalation no one could take before its deadline. */
  readonly unstaffed?: boolean;
  /** The customer's person, when there is one. */
  readonly staff?: Staff;
}

/** `3 calls`, `1 visit`. */

/** Levels one person's routine contacts of one resource (`run` returns where each went, or why none). */
export class Leveller {
  private readonly options = new Map<Contact, (Option | null | undefined)[]>();
  private readonly at = new Map<Contact, Option>();
  /** The contacts on each day of the range, in the order they came there. */
  private readonly onDays: Set<Contact>[];
  private readonly why = new Map<Contact, string>();
  /** Contacts rolled past their tolerance, and why. */
  private readonly rolled = new Map<Contact, string>();

  constructor(
    private readonly staff: Staff,
    private readonly resource: Exclude<Resource, null>,
    private readonly firstDay: number,
    private readonly days: number,
    private readonly ledgers: ReadonlyMap<string, CapLedger<Contact>>,
    private readonly text: WorklistWords,
  ) {
    this.onDays = Array.from({ length: days }, () => new Set<Contact>());
  }

  /** Where `c` may be made on day index `i` with this person, or `null` (remembered). */
  private option(c: Contact, i: number): Option | null {
    let list = this.options.get(c);
    if (list === undefined) this.options.set(c, (list = new Array<Option | null | undefined>(this.days)));
    let found = list[i];
    if (found === undefined) list[i] = found = this.findOption(c, i);
    return found;
  }

  private findOption(c: Contact, i: number, loMs?: number, hiMs?: number): Option | null {
    const day = this.firstDay + i;
    if (day === c.plannedDay) {
      const w = this.staff.within(day, c.zone, c.startMs, c.endMs);
      if (w !== null) return { dayIndex: i, startMs: w.startMs, endMs: w.endMs, slot: null };
    }
    const move = c.move;
    if (move === null || !this.staff.works(day)) return null;
    const dayStart = fromFloating(day * DAY, c.zone);
    const dayEnd = fromFloating((day + 1) * DAY, c.zone);
    const lo = Math.max(loMs ?? move.loMs, dayStart);
    const hi = Math.min(hiMs ?? move.hiMs, dayEnd - 1);
    if (lo > hi) return null;
    for (const use of CALL_USES) {
      if (!hasWindows(move.rules.windows, use)) continue;
      const cursor = new SlotCursor(move.rules.windows, use, lo, hi, dayEnd, c.zone, null, c.tp);
      while (cursor.next()) {
        const w = this.staff.within(day, c.zone, cursor.start, cursor.end);
        if (w === null || w.startMs > (hiMs ?? move.hiMs)) continue;
        if (day === c.plannedDay && w.startMs === c.startMs)
          return { dayIndex: i, startMs: w.startMs, endMs: w.endMs, slot: null };
        const slot = `${this.text.words.window(cursor.window)}${this.text.words.rule(cursor.ruleId ?? undefined)}`;
        return { dayIndex: i, startMs: w.startMs, endMs: w.endMs, slot };
      }
    }
    return null;
  }

  private get load(): number[] {
    return this.staff.load[this.resource];
  }

  /** Moves `c` to day index `i` if the customer's caps allow it there. */
  private tryMove(c: Contact, option: Option, why: string): boolean {
    const ledger = this.ledgers.get(c.plan.customerId);
    const day = this.firstDay + option.dayIndex;
    if (ledger !== undefined && day !== c.epochDay) {
      ledger.remove(c);
      const verdict = ledger.verdict(day, c.channel);
      if (!('ok' in verdict)) {
        ledger.record(c);
        return false;
      }
      c.epochDay = day;
      ledger.record(c);
    }
    const from = this.at.get(c);
    if (from !== undefined) {
      this.staff.take(this.resource, from.dayIndex, -1);
      this.onDays[from.dayIndex]?.delete(c);
    }
    this.staff.take(this.resource, option.dayIndex);
    this.at.set(c, option);
    this.onDays[option.dayIndex]?.add(c);
    if (option.slot === null) this.why.delete(c);
    else this.why.set(c, why);
    return true;
  }

  /**
   * The nearest day (then the earlier) other than `i` with an option for `c` and load below `limit` where the caps
   * allow it, moved there; false when there is none.
   */
  private moveNearest(c: Contact, i: number, limit: number, why: (o: Option) => string): boolean {
    for (let k = 1; k < this.days; k++) {
      for (const e of [i - k, i + k]) {
        if (e < 0 || e >= this.days || (this.load[e] as number) >= limit) continue;
        const o = this.option(c, e);
        if (o !== null && this.tryMove(c, o, why(o))) return true;
      }
    }
    return false;
  }

  /** Distance to the nearest day `c` could move to below `limit` (ignoring caps), or Infinity. */
  private reach(c: Contact, i: number, limit: number): number {
    for (let k = 1; k < this.days; k++) {
      for (const e of [i - k, i + k]) {
        if (e >= 0 && e < this.days && (this.load[e] as number) < limit && this.option(c, e) !== null) return k;
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Rolls `c` past its tolerance, as its cadence's overflow policy allows (later: the next days; earlier: the days
   * before; later with an earlier look: the days before first), to the nearest day that way with an allowed slot,
   * room, and the customer's caps; false when none.
   */
  private roll(c: Contact, i: number, because: string): boolean {
    const { roll, move } = c;
    if (roll === null || move === null) return false;
    const capacity = this.staff.capacity[this.resource];
    const ways = roll.earlierLimitMs === null ? [roll.move] : (['earlier', 'later'] as const);
    for (const way of ways) {
      const step = way === 'later' ? 1 : -1;
      for (let e = i + step; e >= 0 && e < this.days; e += step) {
        if ((this.load[e] as number) >= capacity) continue;
        const o =
          way === 'later'
            ? this.findOption(c, e, move.loMs, roll.limitMs)
            : this.findOption(c, e, roll.earlierLimitMs ?? roll.limitMs, move.hiMs);
        if (o === null || o.slot === null) continue;
        const text = this.text.say('rolled', {
          from: this.text.at(c.startMs, c.zone),
          to: this.text.at(o.startMs, c.zone),
          because,
          rule: roll.ruleId,
          slot: o.slot,
        });
        if (this.tryMove(c, o, text)) {
          this.rolled.set(c, text);
          return true;
        }
      }
    }
    return false;
  }

  private moveText(c: Contact, o: Option, because: string): string {
    return this.text.say('moved', {
      from: this.text.at(c.startMs, c.zone),
      to: this.text.at(o.startMs, c.zone),
      because,
      slot: o.slot,
    });
  }

  /**
   * Places `contacts` (this person's, of this resource, routine, in a total order), levelling toward an even load
   * when `level`; returns where each went, or why it could not go anywhere.
   */
  run(
    contacts: readonly Contact[],
    level: boolean,
    levelTo: number | null = null,
  ): { placed: Placement[]; overflow: Overflowed[] } {
    const overflow: Overflowed[] = [];
    const capacity = this.staff.capacity[this.resource];
    // Each on its planned day, where the person works then.
    const pending: Contact[] = [];
    for (const c of contacts) {
      const o = this.option(c, c.plannedDay - this.firstDay);
      if (o !== null && o.slot === null) this.tryMove(c, o, '');
      else pending.push(c);
    }
    for (const c of pending) this.offDuty(c, capacity, overflow);
    if (level && levelTo !== null && levelTo < capacity) this.level(levelTo);
    for (let i = 0; i < this.days; i++) this.overCapacity(i, capacity, overflow);
    return { placed: this.placements(), overflow };
  }

  /** The contacts of day `i` that may move (those with a tolerance to move in). */
  private movable(i: number): Contact[] {
    return [...(this.onDays[i] as Set<Contact>)].filter((c) => c.move !== null);
  }

  /** A contact planned when the person does not work (that day, or that hour): the nearest day with room, else rolled or overflowed. */
  private offDuty(c: Contact, capacity: number, overflow: Overflowed[]): void {
    const name = this.staff.id;
    const i = c.plannedDay - this.firstDay;
    const off = this.staff.works(c.plannedDay)
      ? this.text.say('not-at-hour', { name })
      : this.text.say('day-off', { name, day: this.text.day(c.plannedDay) });
    const text = (o: Option): string => this.moveText(c, o, off);
    const sameDay = i >= 0 && i < this.days ? this.option(c, i) : null;
    const moved =
      (sameDay !== null && (this.load[i] as number) < capacity && this.tryMove(c, sameDay, text(sameDay))) ||
      this.moveNearest(c, i, capacity, text);
    if (!moved && !this.roll(c, i, off))
      overflow.push({ contact: c, staff: this.staff, reason: this.text.say('no-other-day', { why: off }) });
  }

  /**
   * Levelling: each day above the target (the options', `levelTo`, but never below the average) moves contacts to the
   * nearest day below it, those with the nearest such day first (worked out once per day: other days only fill up
   * meanwhile). A contact leaves its preferred window only for that: ten calls against forty stay where planned.
   */
  private level(levelTo: number): void {
    let total = 0;
    for (const n of this.load) total += n;
    // Never below the average: the days of the range could not all keep under it.
    const target = Math.max(levelTo, Math.ceil(total / Math.max(1, this.staff.workingDays(this.days))));
    for (let i = 0; i < this.days; i++) {
      if ((this.load[i] as number) <= target) continue;
      const had = this.text.say('count', { n: this.load[i] as number, resource: this.resource });
      const name = this.staff.id;
      const because = this.text.say('levelling', { name, had, day: this.text.day(this.firstDay + i), target });
      const candidates = this.movable(i)
        .map((c) => ({ c, k: this.reach(c, i, target) }))
        .filter((x) => x.k !== Number.POSITIVE_INFINITY)
        .sort((a, b) => a.k - b.k || byCodeUnits(a.c.tp.id, b.c.tp.id));
      for (const { c } of candidates) {
        if ((this.load[i] as number) <= target) break;
        this.moveNearest(c, i, target, (o) => this.moveText(c, o, because));
      }
    }
  }

  /** Day `i` over capacity: contacts move to the nearest day with room, else the last of the day roll or overflow. */
  private overCapacity(i: number, capacity: number, overflow: Overflowed[]): void {
    if ((this.load[i] as number) <= capacity) return;
    const full = this.text.say('full', {
      name: this.staff.id,
      capacity,
      resource: this.resource,
      day: this.text.day(this.firstDay + i),
    });
    for (const c of this.movable(i).sort((a, b) => byCodeUnits(a.tp.id, b.tp.id))) {
      if ((this.load[i] as number) <= capacity) break;
      this.moveNearest(c, i, capacity, (o) => this.moveText(c, o, full));
    }
    const rest = [...(this.onDays[i] as Set<Contact>)].sort(
      (a, b) => a.urgencyRank - b.urgencyRank || a.startMs - b.startMs || byCodeUnits(a.tp.id, b.tp.id),
    );
    while ((this.load[i] as number) > capacity && rest.length > 0) {
      const last = rest.pop() as Contact;
      this.at.delete(last);
      this.onDays[i]?.delete(last);
      this.staff.take(this.resource, i, -1);
      if (this.roll(last, i, full)) continue;
      overflow.push({ contact: last, staff: this.staff, reason: this.text.say('no-other-day', { why: full }) });
    }
  }

  /** Where each contact went, with why it moved or rolled. */
  private placements(): Placement[] {
    const placed: Placement[] = [];
    for (const [c, o] of this.at) {
      const why = this.why.get(c);
      const rolled = this.rolled.get(c);
      if (rolled !== undefined)
        placed.push({
          contact: c,
          staff: this.staff,
          option: o,
          moved: rolled,
          rolled: { fromMs: c.startMs, reason: rolled },
        });
      else
        placed.push(
          why === undefined
            ? { contact: c, staff: this.staff, option: o }
            : { contact: c, staff: this.staff, option: o, moved: why },
        );
    }
    return placed;
  }
}
