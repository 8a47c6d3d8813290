/** Window tables and the slot walk, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { compileWindows } from '../events/call-window.js';
import type { WindowRule } from './compile.js';
import { buildWindowSet, segmentsOn, SlotCursor, type SkippedDay } from './windows.js';
import { dateBlackout, epochDayOf, windowRule } from '../../test/plan-helpers.js';

const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

const preferred = windowRule('w', 'preferred', [{ days: ['TUE', 'WED', 'THU'], from: '15:00', to: '18:00' }]);
function walk(cursor: SlotCursor): string[] {
  const out: string[] = [];
  while (cursor.next()) out.push(`${iso(cursor.start)}..${iso(cursor.end)}`);
  return out;
}

describe('SlotCursor', () => {
  it('walks the preferred slots from a Sunday due through its 7-day tolerance, skipping a blocked day', () => {
    const set = buildWindowSet([preferred], [dateBlackout('b', ['2026-03-11'])], null);
    const skipped: SkippedDay[] = [];
    // Due Sun 03-08 10:00 (Shanghai, UTC+8), tolerance to Sun 03-15 10:00: Tue 03-10, (Wed 03-11 blocked), Thu 03-12.
    const slots = walk(
      new SlotCursor(
        set,
        'preferred',
        ms('2026-03-08T02:00:00Z'),
        ms('2026-03-15T02:00:00Z'),
        Number.POSITIVE_INFINITY,
        'Asia/Shanghai',
        skipped,
      ),
    );
    expect(slots).toEqual([
      '2026-03-10T07:00:00.000Z..2026-03-10T10:00:00.000Z',
      '2026-03-12T07:00:00.000Z..2026-03-12T10:00:00.000Z',
    ]);
    expect(skipped).toEqual([{ epochDay: epochDayOf('2026-03-11'), ruleId: 'b', why: { why: 'date' } }]);
  });

  it('starts inside a segment at `lo` and stops at the horizon', () => {
    const set = buildWindowSet([preferred], [], null);
    // From Tue 03-10 16:30 local; the horizon ends Thu 03-12 16:00 local.
    const slots = walk(
      new SlotCursor(
        set,
        'preferred',
        ms('2026-03-10T08:30:00Z'),
        ms('2026-03-20T00:00:00Z'),
        ms('2026-03-12T08:00:00Z'),
        'Asia/Shanghai',
        null,
      ),
    );
    expect(slots).toEqual([
      '2026-03-10T08:30:00.000Z..2026-03-10T10:00:00.000Z',
      '2026-03-11T07:00:00.000Z..2026-03-11T10:00:00.000Z',
      '2026-03-12T07:00:00.000Z..2026-03-12T08:00:00.000Z',
    ]);
  });

  it('a window across the spring-forward gap in New York is two hours long (01:00 EST to 04:00 EDT)', () => {
    const sunday: WindowRule = {
      ...preferred,
      windows: compileWindows([{ days: ['SUN'], from: '01:00', to: '04:00' }]),
    };
    const set = buildWindowSet([sunday], [], null);
    const slots = walk(
      new SlotCursor(
        set,
        'preferred',
        ms('2026-03-08T00:00:00Z'),
        ms('2026-03-09T00:00:00Z'),
        Number.POSITIVE_INFINITY,
        'America/New_York',
        null,
      ),
    );
    expect(slots).toEqual(['2026-03-08T06:00:00.000Z..2026-03-08T08:00:00.000Z']);
  });
});

describe('make-up workdays', () => {
  it('a Saturday make-up workday opens the weekday windows that are closed on Saturdays, and only those', () => {
    const weekdays: WindowRule = {
      type: 'call-window',
      id: 'f',
      use: 'fallback',
      windows: compileWindows([
        { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '09:30', to: '11:30' },
        { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], from: '14:30', to: '18:00' },
      ]),
      makeUpWorkdays: new Set([epochDayOf('2026-02-28')]),
      makeUpCalendar: 'cn',
      slackDays: 1,
    };
    const set = buildWindowSet([weekdays], [], null);
    // Sat 2026-02-28 is a make-up workday: the morning window (closed on Saturdays) opens; the afternoon is open anyway.
    expect(segmentsOn(set, 'fallback', epochDayOf('2026-02-28')).map((s) => s.window)).toEqual([
      { use: 'fallback', days: 'MON-FRI', hours: '09:30-11:30', makeUp: 1 },
      { use: 'fallback', days: 'MON-SAT', hours: '14:30-18:00' },
    ]);
    // Another Saturday: the afternoon only.
    expect(segmentsOn(set, 'fallback', epochDayOf('2026-03-07')).map((s) => s.window)).toEqual([
      { use: 'fallback', days: 'MON-SAT', hours: '14:30-18:00' },
    ]);
  });
});
