/** The `cap` event: anti-harassment limits on routine contacts. */
import { z } from 'zod';
import { issue } from '../i18n/issues.js';
import { approxDays } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { joined, type WhyParams } from '../i18n/reason-params.js';
import { channel, duration } from '../schema/common.js';
import type { Channel } from '../plan/types.js';
import { checkBounded, mustParse, wholeDays, type EventModule } from './event-module.js';

/**
 * Parameters of a `cap` event: anti-harassment limits on routine contacts.
 *
 * @example
 * ```ts
 * import { CapParamsSchema } from 'rx-followup';
 *
 * console.log(CapParamsSchema.safeParse({ kind: 'min-gap', gap: 'PT12H', channels: ['phone'] }).success); // false: whole days only
 * ```
 */
export const CapParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('per-day'),
    max: z.number().int().min(1).max(100),
    /**
     * Near-duplicates: routine contacts of one kind and channel whose windows can meet — inside the tolerance of
     * each, at most this many days past the first slot each would have on its own — merge into one (whole days).
     */
    mergeWithin: duration({ wholeDays: true }).optional(),
  }),
  z.strictObject({
    kind: z.literal('min-gap'),
    gap: duration({ wholeDays: true }),
    channels: z.array(channel).min(1).max(4),
  }),
  z.strictObject({
    kind: z.literal('rolling'),
    max: z.number().int().min(1).max(100),
    period: duration({ wholeDays: true }),
    channels: z.array(channel).min(1).max(4),
  }),
]);

/** Params of a `cap` event. */
export type CapParams = z.output<typeof CapParamsSchema>;

/** A cap rule, compiled. */
export interface CapRule {
  readonly type: 'cap';
  readonly id: string;
  readonly params: CapParams;
  /** min-gap: the gap; rolling: the period; in whole days. */
  readonly days: number;
  /** per-day: how far past its due a routine contact may move to merge with a near-duplicate, in whole days (0: never). */
  readonly mergeWithinDays: number;
  readonly channels: ReadonlySet<Channel>;
}

export const capEvent: EventModule<'cap', CapParams, CapRule> = {
  type: 'cap',
  stage: 'policy',
  shownInPolicy: true,
  params: CapParamsSchema,
  check(params, ctx) {
    if (params.kind === 'per-day') {
      if (params.mergeWithin === undefined) return;
      if (approxDays(params.mergeWithin) < 1)
        ctx.issue(issue('event.params.mergeWithin', 'duration-too-short', { unit: 'day' }));
      else checkBounded(ctx, params.mergeWithin, 'event.params.mergeWithin', ctx.horizonDays, ctx.horizon);
      return;
    }
    const path = params.kind === 'min-gap' ? 'event.params.gap' : 'event.params.period';
    const text = params.kind === 'min-gap' ? params.gap : params.period;
    if (approxDays(text) < 1) ctx.issue(issue(path, 'duration-too-short', { unit: 'day' }));
    // A cap compares contacts within one plan: a gap or period past the horizon means no more than the horizon.
    else checkBounded(ctx, text, path, ctx.horizonDays, ctx.horizon);
  },
  compile(rule, p) {
    return {
      type: 'cap',
      id: rule.id,
      params: p,
      days:
        p.kind === 'min-gap' ? wholeDays(mustParse(p.gap)) : p.kind === 'rolling' ? wholeDays(mustParse(p.period)) : 1,
      mergeWithinDays: p.kind === 'per-day' && p.mergeWithin !== undefined ? wholeDays(mustParse(p.mergeWithin)) : 0,
      channels: new Set(p.kind === 'per-day' ? channel.options : p.channels),
    };
  },
};

/** What the caps say of a day: allowed, merge into a contact already there, or blocked (and why). */
export type CapVerdict<T> =
  | { readonly ok: true }
  | { readonly merge: T; readonly rule: CapRule }
  | { readonly blocked: WhyParams; readonly rule: CapRule };
export const CAPS_OK = { ok: true } as const;

/** A contact as the caps count it: the local day it falls on (epoch days), its channel and purpose. */
export interface CountedContact {
  readonly epochDay: number;
  readonly channel: Channel;
  readonly purpose: string;
  /** A contact of an earlier plan: its id (reasons name it); else `null`. */
  readonly earlierContactId: string | null;
}

/**
 * The contacts of one day, in the order they came. Removal (a worklist moving a contact) swaps the last one into
 * its place, in constant time: a worklist only asks whether the caps allow a contact, never which one they name.
 * Positions are kept only once something was removed (placement removes only an earlier plan's contact a merge of
 * near-duplicates re-issues).
 */
class DayList<T> {
  readonly items: T[] = [];
  private positions: Map<T, number> | null = null;

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.positions?.set(item, this.items.length);
    this.items.push(item);
  }

  /** Puts `next` where `item` was (a contact merged into: the merged one in its place). */
  replace(item: T, next: T): void {
    const at = this.positions?.get(item) ?? this.items.indexOf(item);
    if (at < 0) return;
    this.items[at] = next;
    this.positions?.delete(item);
    this.positions?.set(next, at);
  }

  remove(item: T): void {
    if (this.positions === null) {
      this.positions = new Map();
      this.items.forEach((x, i) => (this.positions as Map<T, number>).set(x, i));
    }
    const at = this.positions.get(item);
    if (at === undefined) return;
    const last = this.items.pop() as T;
    this.positions.delete(item);
    if (last !== item) {
      this.items[at] = last;
      this.positions.set(last, at);
    }
  }
}

/** The placement stage's side of the caps: the routine contacts placed so far, and what the caps say of one more. */
export class CapLedger<T extends CountedContact> {
  /** Routine contacts per local day. */
  private readonly byDay = new Map<number, DayList<T>>();
  /** Routine contacts per local day, for each min-gap or rolling cap (counting its channels only). */
  private readonly capDays = new Map<CapRule, Map<number, DayList<T>>>();

  constructor(private readonly caps: readonly CapRule[]) {}

  /** Whether the caps allow a new routine contact on `day` by `channel`; or the contact to merge into. */
  verdict(day: number, channel: Channel): CapVerdict<T> {
    for (const cap of this.caps) {
      const p = cap.params;
      if (p.kind === 'per-day') {
        const sameDay = this.byDay.get(day);
        if (sameDay !== undefined && sameDay.length >= p.max)
          return { merge: sameDay.items[sameDay.length - 1] as T, rule: cap };
      }
    }
    for (const cap of this.caps) {
      const p = cap.params;
      if (p.kind === 'per-day' || !cap.channels.has(channel)) continue;
      const days = this.capDays.get(cap);
      if (days === undefined) continue;
      if (p.kind === 'min-gap') {
        for (let d = day - cap.days + 1; d < day + cap.days; d++) {
          const near = days.get(d)?.items[0];
          if (near) {
            const blocked: WhyParams & { contact?: string } = {
              why: 'cap.gap',
              channels: joined(p.channels),
              gap: p.gap,
              purpose: near.purpose,
              near: formatLocalDate(fromEpochDay(near.epochDay)),
            };
            if (near.earlierContactId !== null) blocked.contact = near.earlierContactId;
            return { blocked, rule: cap };
          }
        }
      } else {
        // Every window of cap.days days that holds `day`: the first sum, then slide one day at a time.
        const n = cap.days;
        let count = 0;
        for (let d = day - n + 1; d <= day; d++) count += days.get(d)?.length ?? 0;
        for (let first = day - n + 1; ; first++) {
          if (count + 1 > p.max)
            return {
              blocked: { why: 'cap.period', max: p.max, channels: joined(p.channels), period: p.period },
              rule: cap,
            };
          if (first === day) break;
          count += (days.get(first + n)?.length ?? 0) - (days.get(first)?.length ?? 0);
        }
      }
    }
    return CAPS_OK;
  }

  /** Stops counting a contact (a worklist moving it to another day). */
  remove(placed: T): void {
    const drop = (days: Map<number, DayList<T>> | undefined): void => days?.get(placed.epochDay)?.remove(placed);
    drop(this.byDay);
    for (const days of this.capDays.values()) drop(days);
  }

  /** Counts `next` where `placed` was counted (one contact merged into another: the same day and channel). */
  replace(placed: T, next: T): void {
    this.byDay.get(placed.epochDay)?.replace(placed, next);
    for (const days of this.capDays.values()) days.get(placed.epochDay)?.replace(placed, next);
  }

  /** Counts a placed contact. */
  record(placed: T): void {
    let day = this.byDay.get(placed.epochDay);
    if (day === undefined) this.byDay.set(placed.epochDay, (day = new DayList()));
    day.push(placed);
    for (const cap of this.caps) {
      if (cap.params.kind === 'per-day' || !cap.channels.has(placed.channel)) continue;
      let days = this.capDays.get(cap);
      if (days === undefined) {
        days = new Map();
        this.capDays.set(cap, days);
      }
      let list = days.get(placed.epochDay);
      if (list === undefined) days.set(placed.epochDay, (list = new DayList()));
      list.push(placed);
    }
  }
}
