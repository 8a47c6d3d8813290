import fc from 'fast-check';
import { defaultRuleSet } from '../../src/index.js';

type Json = Record<string, any>;
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const clock = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const arbWindow = fc
  .tuple(fc.subarray(DAYS, { minLength: 1 }), fc.integer({ min: 0, max: 22 * 4 }), fc.integer({ min: 1, max: 24 }))
  .map(([days, fromQ, lenQ]) => ({ days, from: clock(fromQ * 15), to: clock(Math.min(fromQ * 15 + lenQ * 15, 1440)) }));

const arbCaps = fc.record({
  perDay: fc.option(fc.integer({ min: 1, max: 2 })),
  gap: fc.option(fc.integer({ min: 1, max: 4 })),
  rolling: fc.option(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 3, max: 10 }))),
});

/**
 * The default rules, varied: shuffled, with other call windows, extra holidays
 * and other caps. Every variation is a valid rule set, so every invariant must
 * still hold for it.
 */
export const arbRuleSetVariation: fc.Arbitrary<Json> = fc
  .record({
    order: fc.integer({ min: 0, max: 10_000 }),
    preferred: fc.option(fc.array(arbWindow, { minLength: 1, maxLength: 2 })),
    fallback: fc.option(fc.array(arbWindow, { minLength: 1, maxLength: 3 })),
    message: fc.option(fc.array(arbWindow, { minLength: 1, maxLength: 2 })),
    urgent: fc.option(fc.array(arbWindow, { minLength: 1, maxLength: 2 })),
    extraHolidays: fc.array(fc.integer({ min: 0, max: 3 * 365 }), { maxLength: 30 }),
    caps: arbCaps,
  })
  .map((v) => {
    const set = structuredClone(defaultRuleSet) as Json;
    const rules = set['rules'] as Json[];
    for (const use of ['preferred', 'fallback', 'message', 'urgent'] as const) {
      const windows = v[use];
      if (windows === null) continue;
      const rule = rules.find((r) => r['event'].type === 'call-window' && r['event'].params.use === use);
      if (rule) rule['event'].params.windows = windows;
    }
    const calendar = set['calendars']['cn-public-holidays'];
    const taken = new Set([...calendar.holidays.map((h: Json) => h['date']), ...calendar.workdays]);
    for (const offset of v.extraHolidays) {
      const date = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      if (!taken.has(date)) {
        taken.add(date);
        calendar.holidays.push({ date, name: 'generated' });
        // The calendar knows the years of its dates.
        if (calendar.coverage && date > calendar.coverage.through)
          calendar.coverage.through = `${date.slice(0, 4)}-12-31`;
      }
    }
    const capRule = (id: string) => rules.find((r) => r['id'] === id) as Json;
    const keep = new Set(rules.map((r) => r['id']));
    if (v.caps.perDay === null) keep.delete('cap.one-per-day');
    else capRule('cap.one-per-day')['event'].params.max = v.caps.perDay;
    if (v.caps.gap === null) keep.delete('cap.call-gap');
    else capRule('cap.call-gap')['event'].params.gap = `P${v.caps.gap}D`;
    if (v.caps.rolling === null) keep.delete('cap.calls-per-week');
    else
      Object.assign(capRule('cap.calls-per-week')['event'].params, {
        max: v.caps.rolling[0],
        period: `P${v.caps.rolling[1]}D`,
      });
    // A deterministic shuffle from the drawn number: rule order must never matter.
    const kept = rules.filter((r) => keep.has(r['id']));
    set['rules'] = kept
      .map((r, i) => ({ r, k: (i * 7919 + v.order * 104729) % 1_000_003 }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.r);
    return set;
  });
