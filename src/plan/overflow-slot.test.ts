/**
 * Where a contact goes past its tolerance: the nearest slot its overflow policy allows, over real windows, worked out
 * by hand in Shanghai (UTC+8). Sun 2026-03-08 … Mon 03-16; the preferred hours are Tue–Thu 15:00–18:00, the fallback
 * hours Mon–Sat 09:00–12:00 and 14:00–18:00.
 */
import { describe, expect, it } from 'vitest';
import { compileWindows } from '../events/call-window.js';
import { CapLedger, type CapRule } from '../events/cap.js';
import type { BlackoutRule, WindowRule } from './compile.js';
import { overflowSlot, type Join } from './overflow-slot.js';
import type { Candidate, Overflow, Placed, PlanState } from './plan-state.js';
import { checkCandidate, dateBlackout, epochDayOf, windowRule } from '../../test/plan-helpers.js';
import { buildWindowSet, type SkippedDay } from './windows.js';

/** A Shanghai wall-clock time on a day of March 2026 as epoch milliseconds. */
const local = (day: number, hhmm: string): number =>
  Date.parse(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);
const iso = (t: number): string => new Date(t).toISOString();

const preferred = windowRule('window.preferred', 'preferred', [
  { days: ['TUE', 'WED', 'THU'], from: '15:00', to: '18:00' },
]);
const fallback = windowRule('window.fallback', 'fallback', [
  { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], from: '09:00', to: '12:00' },
  { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], from: '14:00', to: '18:00' },
]);
function stateOf(
  blackouts: BlackoutRule[] = [],
  horizonEndMs = local(31, '00:00'),
  windows: WindowRule[] = [preferred, fallback],
): PlanState {
  // Only what the walk reads: the windows, the horizon and the zone.
  return {
    policy: { windows: buildWindowSet(windows, blackouts, null) },
    horizonEndMs,
    zone: 'Asia/Shanghai',
  } as unknown as PlanState;
}

/** A policy moving later, up to `limitMs` (without a first try before the due: the caller makes that one). */
const later = (limitMs: number): Overflow => ({
  move: 'later',
  limitMs,
  params: { move: 'later', within: 'P7D', overflowRule: 'cadence.check' },
  earlier: null,
});
const earlier = (limitMs: number): Overflow => ({
  move: 'earlier',
  limitMs,
  params: { move: 'earlier', within: 'P7D', overflowRule: 'cadence.check' },
  earlier: null,
});

const BOTH = ['preferred', 'fallback'] as const;
const noCaps = new CapLedger<Placed>([]);
const never = (): Join => null;
const c: Candidate = checkCandidate(local(9, '10:00'));

interface Call {
  state?: PlanState;
  caps?: CapLedger<Placed>;
  joinable?: (into: Placed, c: Candidate, reachLo: number, reachHi: number) => Join;
  overflow: Overflow;
  lo: number;
  hi: number;
  floor?: number;
  uses?: readonly ('preferred' | 'fallback')[];
  skipped?: SkippedDay[];
}
function find(call: Call) {
  return overflowSlot(
    call.state ?? stateOf(),
    call.caps ?? noCaps,
    call.joinable ?? never,
    c,
    call.overflow,
    call.lo,
    call.hi,
    call.floor ?? Number.NEGATIVE_INFINITY,
    call.lo,
    call.hi,
    call.uses ?? BOTH,
    call.skipped ?? [],
  );
}
/** The slot found, as `start..end rule`. */
const shown = (found: ReturnType<typeof find>): string | null =>
  found === null ? null : `${iso(found.slot.start)}..${iso(found.slot.end)} ${found.slot.ruleId}`;

describe('overflowSlot, moving later', () => {
  // The tolerance: Mon 03-09 09:00–18:00 (no slot there, say: the caller only asks when it had none).
  const lo = local(9, '09:00');
  const hi = local(9, '18:00');

  it('on the nearest day, a preferred slot beats an earlier fallback one (Tue 15:00, not Tue 09:00)', () => {
    expect(shown(find({ overflow: later(local(15, '23:00')), lo, hi }))).toBe(
      '2026-03-10T07:00:00.000Z..2026-03-10T10:00:00.000Z window.preferred',
    );
  });

  it('a nearer day beats preference: after Sat 03-14 the fallback Mon 03-16 09:00, not the preferred Tue', () => {
    const found = find({ overflow: later(local(20, '00:00')), lo: local(14, '09:00'), hi: local(14, '18:00') });
    expect(shown(found)).toBe('2026-03-16T01:00:00.000Z..2026-03-16T04:00:00.000Z window.fallback');
    expect(found?.slot.window).toEqual({ use: 'fallback', days: 'MON-SAT', hours: '09:00-12:00' });
    expect(found?.slot.epochDay).toBe(epochDayOf('2026-03-16'));
    expect(found?.merge).toBeNull();
  });

  it('only fallback hours: the first slot after the tolerance, Tue 09:00', () => {
    expect(shown(find({ overflow: later(local(15, '23:00')), lo, hi, uses: ['fallback'] }))).toBe(
      '2026-03-10T01:00:00.000Z..2026-03-10T04:00:00.000Z window.fallback',
    );
  });

  it('a slot that starts exactly where the tolerance ends is not beyond it (hi Tue 15:00: Wed 15:00)', () => {
    // Tue's preferred slot and Tue's afternoon fallback would both start at 15:00 = hi; Wed: preferred wins.
    const found = find({ overflow: later(local(15, '23:00')), lo: local(10, '09:00'), hi: local(10, '15:00') });
    expect(shown(found)).toBe('2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z window.preferred');
  });

  it('no further than its limit: limit Sun 03-15 after a Saturday tolerance finds nothing', () => {
    expect(find({ overflow: later(local(15, '23:59')), lo: local(14, '09:00'), hi: local(14, '18:00') })).toBeNull();
  });

  it('no further than the horizon: it ends Mon 03-16 08:00, before Monday opens; at 10:00, the slot ends there', () => {
    const overflow = later(local(20, '00:00'));
    const lo14 = local(14, '09:00');
    const hi14 = local(14, '18:00');
    expect(find({ state: stateOf([], local(16, '08:00')), overflow, lo: lo14, hi: hi14 })).toBeNull();
    expect(shown(find({ state: stateOf([], local(16, '10:00')), overflow, lo: lo14, hi: hi14 }))).toBe(
      '2026-03-16T01:00:00.000Z..2026-03-16T02:00:00.000Z window.fallback',
    );
  });

  it('skips a closed day and names it: Tue 03-10 closed, Wed 15:00', () => {
    const skipped: SkippedDay[] = [];
    const found = find({
      state: stateOf([dateBlackout('blackout.tue', ['2026-03-10'])]),
      overflow: later(local(15, '23:00')),
      lo,
      hi,
      skipped,
    });
    expect(shown(found)).toBe('2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z window.preferred');
    expect(skipped).toContainEqual({
      epochDay: epochDayOf('2026-03-10'),
      ruleId: 'blackout.tue',
      why: { why: 'date' },
    });
  });
});

describe('overflowSlot, moving earlier', () => {
  // The tolerance: Thu 03-12 16:00–18:00.
  const lo = local(12, '16:00');
  const hi = local(12, '18:00');
  const limit = local(9, '00:00');

  it('the last slot before the tolerance, preferred first on that day: Thu 15:00', () => {
    // Starts before lo: Thu preferred 15:00, Thu fallback 09:00 and 14:00. One day; the preferred use wins.
    expect(shown(find({ overflow: earlier(limit), lo, hi }))).toBe(
      '2026-03-12T07:00:00.000Z..2026-03-12T10:00:00.000Z window.preferred',
    );
  });

  it('within one use, the later start on the day: Thu 14:00, not Thu 09:00', () => {
    expect(shown(find({ overflow: earlier(limit), lo, hi, uses: ['fallback'] }))).toBe(
      '2026-03-12T06:00:00.000Z..2026-03-12T10:00:00.000Z window.fallback',
    );
  });

  it('a nearer day beats preference: before Mon 03-16 09:00, Sat 14:00 fallback, not Thu preferred', () => {
    const found = find({ overflow: earlier(limit), lo: local(16, '09:00'), hi: local(16, '18:00') });
    expect(shown(found)).toBe('2026-03-14T06:00:00.000Z..2026-03-14T10:00:00.000Z window.fallback');
  });

  it('never before the floor (asOf), even when the limit allows it: floor Thu 14:30, the slot starts there', () => {
    const found = find({ overflow: earlier(limit), lo, hi, floor: local(12, '14:30'), uses: ['fallback'] });
    expect(shown(found)).toBe('2026-03-12T06:30:00.000Z..2026-03-12T10:00:00.000Z window.fallback');
  });

  it('never before the limit, even when the floor allows it: limit Thu 17:00 leaves nothing before 16:00', () => {
    expect(find({ overflow: earlier(local(12, '17:00')), lo, hi, floor: limit })).toBeNull();
  });

  it('on one day, a preferred slot beats a fallback slot nearer the tolerance (Thu 15:00, not Thu 19:00)', () => {
    const evening: WindowRule = {
      ...fallback,
      id: 'window.evening',
      windows: compileWindows([{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], from: '19:00', to: '21:00' }]),
    };
    const state = stateOf([], undefined, [preferred, evening]);
    const found = find({ state, overflow: earlier(limit), lo: local(12, '21:00'), hi: local(12, '22:00') });
    expect(shown(found)).toBe('2026-03-12T07:00:00.000Z..2026-03-12T10:00:00.000Z window.preferred');
  });

  it('two slots of one use starting at once (both clipped to the floor): the first in walk order, the shorter', () => {
    const overlapping: WindowRule = {
      ...fallback,
      windows: compileWindows([
        { days: ['THU'], from: '09:00', to: '12:00' },
        { days: ['THU'], from: '09:00', to: '13:00' },
      ]),
    };
    const state = stateOf([], undefined, [preferred, overlapping]);
    const found = find({ state, overflow: earlier(limit), lo, hi, floor: local(12, '10:00'), uses: ['fallback'] });
    expect(shown(found)).toBe('2026-03-12T02:00:00.000Z..2026-03-12T04:00:00.000Z window.fallback');
  });

  it('passes over a closed day too: Thu 03-12 closed, Wed 15:00', () => {
    const found = find({
      state: stateOf([dateBlackout('blackout.thu', ['2026-03-12'])]),
      overflow: earlier(limit),
      lo,
      hi,
    });
    expect(shown(found)).toBe('2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z window.preferred');
  });
});

describe('overflowSlot and the caps', () => {
  const lo = local(9, '09:00');
  const hi = local(9, '18:00');
  const onDay = (day: number): Placed =>
    ({ ...checkCandidate(local(day, '15:00')), epochDay: epochDayOf(`2026-03-${day}`) }) as unknown as Placed;
  const perDay: CapRule = {
    type: 'cap',
    id: 'cap.one-a-day',
    params: { kind: 'per-day', max: 1 },
    days: 1,
    mergeWithinDays: 3,
    channels: new Set(['phone']),
  };
  const gap: CapRule = {
    type: 'cap',
    id: 'cap.gap',
    params: { kind: 'min-gap', gap: 'P1D', channels: ['phone'] },
    days: 1,
    mergeWithinDays: 0,
    channels: new Set(['phone']),
  };

  it('a day the caps block is passed over: Tue full under a one-day gap, Wed 15:00', () => {
    const caps = new CapLedger<Placed>([gap]);
    caps.record(onDay(10));
    expect(shown(find({ caps, overflow: later(local(15, '23:00')), lo, hi }))).toBe(
      '2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z window.preferred',
    );
  });

  it("a full day's contact it cannot join is passed over; one it can join is merged into, moved or as it is", () => {
    const tuesday = onDay(10);
    const caps = new CapLedger<Placed>([perDay]);
    caps.record(tuesday);
    const overflow = later(local(15, '23:00'));
    // Cannot join: Wed 15:00, no merge.
    const passed = find({ caps, overflow, lo, hi });
    expect(shown(passed)).toBe('2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z window.preferred');
    expect(passed?.merge).toBeNull();
    // Joins, moved to this slot: Tue 15:00, into Tuesday's contact under the per-day cap.
    const seen: [Candidate, number, number][] = [];
    const moved = find({
      caps,
      overflow,
      lo,
      hi,
      joinable: (into, c2, reachLo, reachHi) => {
        expect(into).toBe(tuesday);
        seen.push([c2, reachLo, reachHi]);
        return 'move';
      },
    });
    expect(shown(moved)).toBe('2026-03-10T07:00:00.000Z..2026-03-10T10:00:00.000Z window.preferred');
    expect(moved?.merge).toEqual({ into: tuesday, rule: perDay, move: true });
    expect(seen[0]).toEqual([c, lo, hi]);
    const asIs = find({ caps, overflow, lo, hi, joinable: () => 'as-is' });
    expect(asIs?.merge).toEqual({ into: tuesday, rule: perDay, move: false });
  });
});
