import type { Duration } from '../src/calendar/duration.js';
import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration } from '../src/calendar/duration.js';
import { formatInstant, parseInstant } from '../src/calendar/instant.js';
import { fromLocal, isValidTimeZone, toLocal } from '../src/calendar/zone.js';
import { fromEpochDay, toEpochDay, weekdayOf } from '../src/calendar/local-date.js';
import fc from 'fast-check';
import { sha256Hex } from '../src/_lib/sha256.js';
import { createHash } from 'node:crypto';
import { defaultRuleSet } from '../src/index.js';

const at = (text: string): number => {
  const p = parseInstant(text);
  if (!p.ok) throw new Error(p.message);
  return p.epochMs;
};
const local = (y: number, mo: number, d: number, h: number, mi: number) => ({
  year: y,
  month: mo,
  day: d,
  hour: h,
  minute: mi,
  second: 0,
  millisecond: 0,
});
const dur = (text: string) => {
  const d = parseDuration(text);
  if (!d) throw new Error(text);
  return d;
};

describe('parseInstant / formatInstant', () => {
  it('reads the usual shapes, with milliseconds too, exactly as the general parser does (differential)', () => {
    // A lower-case `t` takes the general (regular-expression) path; the usual shapes take the fast one.
    const pick = (...xs: string[]) => fc.constantFrom(...xs);
    const text = fc
      .tuple(
        pick('1900', '1969', '2026', '2028', '2100', '2200', '2201', '0000'),
        pick('01', '02', '12', '13', '00'),
        pick('01', '28', '29', '30', '31', '32'),
        pick('00', '09', '23', '24', '9a'),
        pick('00', '30', '59', '60'),
        pick('00', '59', '60'),
        pick('', '.000', '.001', '.123', '.999', ',500', '.5', '.12a', '.1234'),
        pick('Z', 'z', '+08:00', '-05:30', '+18:00', '+19:00', '-00:60', '+0800', 'X', ''),
      )
      .map(([y, mo, d, h, mi, s, frac, offset]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`);
    let accepted = 0;
    fc.assert(
      fc.property(text, (t) => {
        const fast = parseInstant(t);
        const general = parseInstant(t.replace('T', 't'));
        expect(fast.ok).toBe(general.ok);
        if (fast.ok && general.ok) {
          accepted++;
          expect(fast.epochMs).toBe(general.epochMs);
        }
      }),
      { numRuns: 20_000, seed: 3603 },
    );
    expect(accepted).toBeGreaterThan(500);
    expect(parseInstant('2026-03-10T15:00:00.123+08:00')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 10, 7, 0, 0, 123),
    });
    expect(parseInstant('2026-03-10T07:00:00.999Z')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 10, 7, 0, 0, 999),
    });
  });

  it.each([
    ['2026-03-05T10:00:00+08:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T10:00+08:00', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T02:00:00Z', '2026-03-05T02:00:00.000Z'],
    ['2026-03-05T10:00:00.250+0800', '2026-03-05T02:00:00.250Z'],
    ['2028-02-29T23:59:59-05:00', '2028-03-01T04:59:59.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(new Date(at(text)).toISOString()).toBe(iso);
  });

  it.each([
    '2026-03-05T10:00:00',
    '2026-02-29T10:00:00Z',
    '2026-04-31T10:00Z',
    '2026-03-05T24:00Z',
    '2026-03-05',
    'yesterday',
    '2026-03-05T10:00:00+19:00',
  ])('refuses %s', (text) => expect(parseInstant(text).ok).toBe(false));

  it('formats in the zone offset at that instant', () => {
    expect(formatInstant(at('2026-03-05T02:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-05T10:00:00+08:00');
    expect(formatInstant(at('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(formatInstant(at('2026-01-01T12:00:00Z'), 'America/New_York')).toBe('2026-01-01T07:00:00-05:00');
    expect(formatInstant(at('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T17:30:00+05:30');
  });
});

describe('fromLocal: wall clock to instant, Temporal "compatible"', () => {
  it('is exact outside transitions', () => {
    expect(formatInstant(fromLocal(local(2026, 3, 10, 15, 0), 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(
      '2026-03-10T15:00:00+08:00',
    );
  });
  it('moves a time skipped by the New York spring gap forward by the gap', () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist, it becomes 03:30 EDT.
    expect(formatInstant(fromLocal(local(2026, 3, 8, 2, 30), 'America/New_York'), 'America/New_York')).toBe(
      '2026-03-08T03:30:00-04:00',
    );
  });
  it('takes the earlier instant of a time repeated in the New York autumn overlap', () => {
    // 2026-11-01 01:30 happens twice: first EDT (-04:00), then EST (-05:00).
    expect(formatInstant(fromLocal(local(2026, 11, 1, 1, 30), 'America/New_York'), 'America/New_York')).toBe(
      '2026-11-01T01:30:00-04:00',
    );
  });
  it('handles Berlin the same way', () => {
    expect(formatInstant(fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-03-29T03:30:00+02:00',
    );
    expect(formatInstant(fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Berlin'), 'Europe/Berlin')).toBe(
      '2026-10-25T02:30:00+02:00',
    );
  });
  it('round-trips toLocal for ordinary times', () => {
    const ms = at('2026-10-25T00:15:00Z');
    expect(fromLocal(toLocal(ms, 'Europe/Berlin'), 'Europe/Berlin')).toBe(ms);
  });
});

describe('durations', () => {
  it.each<[string, Partial<Duration>]>([
    ['P3D', { sign: 1, days: 3 }],
    ['P1M', { months: 1, days: 0 }],
    ['P2M', { months: 2 }],
    ['P14D', { days: 14 }],
    ['PT24H', { hours: 24, days: 0 }],
    ['P1DT12H', { days: 1, hours: 12 }],
    ['P1W', { weeks: 1, days: 0 }],
    ['-P4D', { sign: -1, days: 4 }],
    ['P0D', { sign: 1, days: 0 }],
    ['P1Y2M3DT4H5M6S', { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 }],
  ])('parses %s', (t, parts) => expect(parseDuration(t)).toMatchObject(parts));
  it.each(['P3', 'P', 'PT', '3D', 'P1.5D', 'P1DT', 'p3d', '', 'P-1D'])('refuses %s', (t) =>
    expect(parseDuration(t)).toBeUndefined(),
  );

  it.each([
    ['2026-01-31T10:00:00+08:00', 'P1M', '2026-02-28T10:00:00+08:00'], // clamps to the end of February
    ['2028-01-31T10:00:00+08:00', 'P1M', '2028-02-29T10:00:00+08:00'], // leap year
    ['2026-03-31T10:00:00+08:00', '-P1M', '2026-02-28T10:00:00+08:00'],
    ['2026-12-31T23:59:00+08:00', 'P1D', '2027-01-01T23:59:00+08:00'],
    ['2028-02-29T09:00:00+08:00', 'P1Y', '2029-02-28T09:00:00+08:00'],
    ['2026-03-05T10:00:00+08:00', '-P4D', '2026-03-01T10:00:00+08:00'],
  ])('%s + %s = %s (Asia/Shanghai)', (from, d, to) => {
    expect(formatInstant(addDuration(at(from), dur(d), 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(to);
  });

  it('adds days on the wall clock and hours as elapsed time across DST', () => {
    const before = at('2026-03-07T10:00:00-05:00');
    // P1D keeps 10:00 although the day has 23 hours; PT24H is 24 elapsed hours.
    expect(formatInstant(addDuration(before, dur('P1D'), 'America/New_York'), 'America/New_York')).toBe(
      '2026-03-08T10:00:00-04:00',
    );
    expect(formatInstant(addDuration(before, dur('PT24H'), 'America/New_York'), 'America/New_York')).toBe(
      '2026-03-08T11:00:00-04:00',
    );
  });
});

describe('small pieces', () => {
  it('knows IANA zones and refuses offsets and unknown names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('+08:00')).toBe(false);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
  it('names weekdays', () => {
    expect(weekdayOf({ year: 2026, month: 3, day: 5 })).toBe('THU');
    expect(weekdayOf({ year: 2028, month: 2, day: 29 })).toBe('TUE');
  });
  it('sha256 agrees with node:crypto', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '回访 调休 疗程'.repeat(40)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    // Every length through three blocks (the padding's edges), bytes of every UTF-8 width, and a rule set's size.
    const chars = 'a回é😀\u0000\u007f\u0080\u07ff\u0800\uffff';
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < n; i++) text += chars[(i * 7 + n) % chars.length];
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    const big = JSON.stringify(defaultRuleSet);
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big, 'utf8').digest('hex'));
  });
});

describe('offsetAt at transition instants (cached per day, transition minute found by bisection)', () => {
  it.each([
    // New York springs forward at 2026-03-08 07:00Z (02:00 EST) and falls back at 2026-11-01 06:00Z (02:00 EDT).
    ['America/New_York', '2026-03-08T06:59:59Z', -300, '2026-03-08T07:00:00Z', -240],
    ['America/New_York', '2026-11-01T05:59:59Z', -240, '2026-11-01T06:00:00Z', -300],
    // Berlin falls back at 2026-10-25 01:00Z.
    ['Europe/Berlin', '2026-10-25T00:59:59Z', 120, '2026-10-25T01:00:00Z', 60],
    // Lord Howe moves by half an hour: +10:30 to +11:00 at 2026-10-04 02:00 local (15:30Z the day before).
    ['Australia/Lord_Howe', '2026-10-03T15:29:59Z', 630, '2026-10-03T15:30:00Z', 660],
  ])('%s: %s is %i, %s is %i', async (zone, before, offBefore, after, offAfter) => {
    const { offsetAt } = await import('../src/calendar/zone.js');
    // Ask in an order that fills the cache from the far side first, then both sides of the transition.
    expect(offsetAt(zone, at(after) + 3_600_000)).toBe(offAfter);
    expect(offsetAt(zone, at(before))).toBe(offBefore);
    expect(offsetAt(zone, at(after))).toBe(offAfter);
    expect(offsetAt(zone, at(before) - 6 * 3_600_000)).toBe(offBefore);
  });
});

describe('parseInstant against the platform Date parser (ECMAScript date-time strings)', () => {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const arbText = fc
    .record({
      year: fc.integer({ min: 1900, max: 2200 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
      offset: fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 }), { nil: undefined }),
      withSeconds: fc.boolean(),
    })
    .map(({ year, month, day, hour, minute, second, millis, offset, withSeconds }) => {
      const time =
        withSeconds || millis !== undefined
          ? `${pad(hour)}:${pad(minute)}:${pad(second)}${millis === undefined ? '' : `.${pad(millis, 3)}`}`
          : `${pad(hour)}:${pad(minute)}`;
      const zone =
        offset === undefined
          ? 'Z'
          : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}${zone}`;
    });

  it('gives the same instant for every year 1900–2200, both usual shapes and the rest', () => {
    fc.assert(
      fc.property(arbText, (text) => {
        expect(at(text)).toBe(new Date(text).getTime());
      }),
      { numRuns: 5000, seed: 31 },
    );
  });

  it('takes years 1900–2200 only, and says so; a leap second is named', () => {
    expect(parseInstant('0050-06-01T00:00:00Z')).toMatchObject({
      ok: false,
      message: '"0050-06-01T00:00:00Z": the year 0050 is outside 1900–2200',
    });
    expect(parseInstant('9999-12-31T10:00:00+08:00')).toMatchObject({
      ok: false,
      message: '"9999-12-31T10:00:00+08:00": the year 9999 is outside 1900–2200',
    });
    expect(parseInstant('2016-12-31T23:59:60Z')).toMatchObject({
      ok: false,
      message: '"2016-12-31T23:59:60Z": 23:59:60 is a leap second, which rx-followup does not take: use 23:59:59',
    });
    expect(at('1900-01-01T00:00:00Z')).toBe(Date.UTC(1900, 0, 1));
    expect(at('2200-12-31T23:59:59Z')).toBe(Date.UTC(2200, 11, 31, 23, 59, 59));
  });

  it('prints a valid ISO-8601 offset where the zone kept local mean time (Shanghai before 1901: +08:05:43)', () => {
    const text = formatInstant(at('1900-06-01T00:00:00Z'), 'Asia/Shanghai');
    expect(text).toMatch(/^1900-06-01T08:06:00\+08:06$/);
  });

  it('refuses out-of-range fields in the usual shape with the general parser’s messages', () => {
    for (const text of [
      '2026-13-01T10:00:00+08:00',
      '2026-02-29T10:00:00Z',
      '2026-03-05T24:00:00+08:00',
      '2026-03-05T10:60:00Z',
      '2026-03-05T10:00:00+19:00',
      '2026-03-05T10:00:00+08:60',
      '2026-03-05X10:00:00+08:00',
      '2026-03-05T10:00:00*08:00',
    ]) {
      const parsed = parseInstant(text);
      expect(parsed.ok, text).toBe(false);
    }
    expect(parseInstant('2026-02-29T10:00:00Z')).toMatchObject({
      ok: false,
      message: '"2026-02-29T10:00:00Z": the date 2026-02-29 does not exist',
    });
    expect(parseInstant('2026-03-05T10:00:00+19:00')).toMatchObject({
      ok: false,
      message: '"2026-03-05T10:00:00+19:00": the UTC offset is out of range',
    });
  });

  it('epoch days round-trip through the calendar for 20,000 years', () => {
    for (let day = -1_000_000; day <= 3_000_000; day += 997) expect(toEpochDay(fromEpochDay(day))).toBe(day);
    expect(toEpochDay({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(toEpochDay({ year: 2000, month: 3, day: 1 })).toBe(11017);
  });
});

describe('offsetAt against the platform, in any order of questions (day blocks and constant-offset stretches)', () => {
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Pacific/Apia',
    'Asia/Shanghai',
    'Africa/Casablanca',
    'Asia/Tehran',
  ];
  const transitions = [
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2026-10-25T01:00:00Z',
    '2026-10-03T15:30:00Z',
    '2026-04-05T03:00:00Z',
    '2026-09-06T04:00:00Z',
  ].map((t) => Date.parse(t));
  const arbInstant = fc.oneof(
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
    fc
      .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }))
      .map(([t, d]) => t + d),
    fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -120, max: 120 })).map(([t, d]) => t + d * 60_000),
  );

  it('agrees with Intl at every instant asked', async () => {
    const { offsetAt } = await import('../src/calendar/zone.js');
    const { tzOffset } = await import('@date-fns/tz');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...zones), arbInstant), { minLength: 1, maxLength: 40 }),
        (questions) => {
          for (const [zone, ms] of questions)
            expect(offsetAt(zone, ms), `${zone} ${new Date(ms).toISOString()}`).toBe(tzOffset(zone, new Date(ms)));
        },
      ),
      { numRuns: 400, seed: 5 },
    );
  });
});

describe('touchpoint ids', () => {
  it('hash the joined parts without joining them: the same as hashing the joined text as one part', async () => {
    const { hash64Hex } = await import('../src/_lib/hash64.js');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }),
        fc.string(),
        (parts, prefix) => {
          const id = hash64Hex(prefix, parts);
          expect(id).toBe(hash64Hex(prefix, [parts.join('\u0000')]));
          expect(id.slice(0, prefix.length)).toBe(prefix);
          expect(id.slice(prefix.length)).toMatch(/^[0-9a-f]{16}$/);
        },
      ),
      { numRuns: 2000, seed: 8 },
    );
  });

  it('are the ones 0.1 gave (worked out with its code, which hashed the joined text)', async () => {
    const { touchpointId } = await import('../src/plan/ids.js');
    expect(touchpointId('P-1001-01', 'follow-up', 'medication-check', '2026-03-08T10:20:00+08:00')).toBe(
      'tp_f54f3f56e194a134',
    );
    expect(touchpointId('购买-7', 'escalation', 'wrong-drug-recall', '2026-03-05T21:30:00+08:00')).toBe(
      'tp_afd3c711364ce87a',
    );
  });
});

describe('day texts (remembered per day: a dense window around the first day asked, a map beyond)', () => {
  it('describes and formats days far outside the dense window the same as near it', async () => {
    const { describeInstant } = await import('../src/calendar/describe.js');
    expect(describeInstant(at('2026-03-10T15:00:00+08:00'), 'Asia/Shanghai')).toBe('Tue 03-10 15:00');
    expect(describeInstant(at('2090-01-02T09:30:00+08:00'), 'Asia/Shanghai')).toBe('Mon 01-02 09:30');
    expect(describeInstant(at('1900-03-01T00:00:00Z'), 'UTC')).toBe('Thu 03-01 00:00');
    expect(formatInstant(at('2090-01-02T09:30:00+08:00'), 'Asia/Shanghai')).toBe('2090-01-02T09:30:00+08:00');
    expect(formatInstant(at('1900-03-01T00:00:00Z'), 'UTC')).toBe('1900-03-01T00:00:00+00:00');
    expect(describeInstant(at('2026-03-11T15:00:00+08:00'), 'Asia/Shanghai')).toBe('Wed 03-11 15:00');
  });
});

describe('clock times and window labels', () => {
  it('parses HH:MM from 00:00 to 24:00 and nothing else', async () => {
    const { parseClock, formatClock } = await import('../src/calendar/local-date.js');
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:00', '09:60', '09:5a', '0930', '09:300', ' 9:30', '-1:00', ''])
      expect(parseClock(bad), bad).toBeUndefined();
    for (let m = 0; m <= 1440; m++) expect(parseClock(formatClock(m))).toBe(m);
  });

  it('labels a window by its days: a run of three or more as a range, every day, or a list', async () => {
    const { compileCustomerWindows } = await import('../src/plan/compile.js');
    const label = (days: string[], from: string, to: string): string | undefined =>
      compileCustomerWindows([{ days, from, to }])[0]?.label;
    expect(label(['TUE', 'WED', 'THU'], '15:00', '18:00')).toBe('TUE-THU 15:00-18:00');
    expect(label(['THU', 'TUE', 'WED', 'TUE'], '15:00', '18:00')).toBe('TUE-THU 15:00-18:00');
    expect(label(['MON', 'TUE'], '09:30', '11:30')).toBe('MON,TUE 09:30-11:30');
    expect(label(['MON', 'WED', 'THU', 'FRI'], '00:00', '24:00')).toBe('MON,WED,THU,FRI 00:00-24:00');
    expect(label(['SUN', 'SAT', 'FRI', 'THU', 'WED', 'TUE', 'MON'], '09:00', '20:00')).toBe('every day 09:00-20:00');
    expect(compileCustomerWindows([{ days: ['SUN', 'MON'], from: '09:00', to: '10:00' }])[0]?.days).toEqual([0, 6]);
  });
});

describe('sortInPlace', () => {
  it('orders as Array.prototype.sort does, stably, short lists and long', async () => {
    const { sortInPlace } = await import('../src/_lib/sort.js');
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), tag: fc.nat() }), { maxLength: 40 }),
        (list) => {
          const compare = (a: { k: number }, b: { k: number }): number => a.k - b.k;
          const expected = [...list].sort(compare);
          const copy = [...list];
          expect(sortInPlace(copy, compare)).toBe(copy);
          expect(copy).toEqual(expected);
        },
      ),
      { numRuns: 2000, seed: 12 },
    );
  });
});

describe('mapList, copyList', () => {
  it('give what Array.prototype.map and a copy give, as new arrays, empty lists included', async () => {
    const { copyList, mapList } = await import('../src/_lib/list.js');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.string(), fc.record({ a: fc.nat() })), { maxLength: 12 }),
        (list) => {
          const mapped = mapList(list, (item, index) => ({ item, index }));
          expect(mapped).toEqual(list.map((item, index) => ({ item, index })));
          const copy = copyList(list);
          expect(copy).not.toBe(list);
          expect(copy).toEqual(list);
          copy.push(0);
          expect(list.length).toBe(copy.length - 1);
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });
});

describe('canonicalZone', () => {
  it('gives the same name, whether it came as a literal, was built at run time or spelled in another case', async () => {
    const { canonicalZone } = await import('../src/calendar/zone.js');
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires']) {
      const built = zone.split('').join('');
      const spelled = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
      expect(canonicalZone(built)).toBe(spelled);
      expect(canonicalZone(zone.toUpperCase())).toBe(spelled);
      expect(canonicalZone(zone)).toBe(canonicalZone(built));
      expect(toLocal(Date.UTC(2026, 2, 8, 12), canonicalZone(built))).toEqual(toLocal(Date.UTC(2026, 2, 8, 12), zone));
    }
  });
});
