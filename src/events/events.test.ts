/** The event-type modules: each type's checks and compiled form, worked out by hand; the registry and the schema agree. */
import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../calendar/local-date.js';
import type { Issue } from '../errors.js';
import { EventSchema, type RuleSet } from '../schema/ruleset.js';
import { blackoutEvent } from './blackout.js';
import { cadenceEvent } from './cadence.js';
import { callWindowEvent, compileWindows } from './call-window.js';
import { CAPS_OK, CapLedger, capEvent, type CountedContact } from './cap.js';
import type { CheckContext, CompileContext } from './event-module.js';
import { EVENT_MODULES, EVENT_TYPES, policyInForce, rulesByStage, stageOf } from './index.js';
import { compileRuleSet } from '../plan/compile.js';
import { defaultRuleSet } from '../rules/default-rules.js';
import { validateRuleSet } from '../rules/validate.js';

const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return toEpochDay({ year: y, month: m, day: d });
};

function checked(
  check: (ctx: CheckContext) => void,
  horizon = 'P120D',
  horizonDays = 120,
): Pick<Issue, 'path' | 'message'>[] {
  const issues: Pick<Issue, 'path' | 'message'>[] = [];
  check({
    issue: ({ path, message }) => issues.push({ path, message }),
    calendarRef: (name, path) => issues.push({ path, message: `calendar ${name}` }),
    horizon,
    horizonDays,
  });
  return issues;
}

const ruleSet: RuleSet = {
  id: 'x',
  version: '1',
  defaults: { timeZone: 'Asia/Shanghai', horizon: 'P120D' },
  calendars: {
    cn: {
      holidays: [
        { date: '2026-10-01', name: '国庆节' },
        { date: '2026-10-02', name: '国庆节' },
        { date: '2026-10-10', name: 'not really' },
      ],
      workdays: ['2026-10-10'],
    },
  },
  rules: [],
};
const ctx: CompileContext = { ruleSet, workdaysOf: () => new Set([day('2026-10-10')]) };
const rule = { id: 'r', priority: 5 };

describe('the registry', () => {
  it('lists the event types the schema accepts, each with the schema of its params', () => {
    const options = (EventSchema as unknown as { options: { shape: { type: { value: string }; params: unknown } }[] })
      .options;
    expect(options.map((o) => o.shape.type.value)).toEqual(EVENT_TYPES);
    for (const o of options)
      expect(o.shape.params).toBe(EVENT_MODULES[o.shape.type.value as keyof typeof EVENT_MODULES].params);
  });
});

describe('cadence', () => {
  it('compiles offsets, repeats and tolerances, and how reasons name them', () => {
    const params = cadenceEvent.params.parse({
      anchor: 'supply-end',
      offsets: ['-P4D', 'P1M'],
      channel: 'phone',
      purpose: 'x',
      tolerance: 'P1D',
      toleranceBefore: 'P1D',
      repeat: { every: 'P2W' },
    });
    const c = cadenceEvent.compile(rule, params, ctx);
    expect(c.toleranceParams).toEqual({ tolAfter: 'P1D', tolBefore: 'P1D' });
    expect(c.toleranceBefore).toMatchObject({ sign: -1, days: 1 });
    expect(c.repeat).toMatchObject({ sign: 1, weeks: 2 });
    expect(c.offsets[0]).toMatchObject({ sign: -1, days: 4 });
  });

  it('refuses a repeat under an hour and durations past the longest horizon', () => {
    const params = cadenceEvent.params.parse({
      anchor: 'purchase',
      offsets: ['P800D'],
      channel: 'phone',
      purpose: 'x',
      tolerance: 'P1D',
      repeat: { every: 'PT30M' },
    });
    expect(checked((c) => cadenceEvent.check(params, c))).toEqual([
      { path: 'event.params.offsets[0]', message: '"P800D" is longer than the longest horizon (731 days)' },
      { path: 'event.params.repeat.every', message: 'must be at least one hour' },
    ]);
  });
});

describe('cap', () => {
  it('compiles its days and channels: a per-day cap counts every channel', () => {
    expect(
      capEvent.compile(rule, capEvent.params.parse({ kind: 'min-gap', gap: 'P2D', channels: ['phone'] }), ctx),
    ).toMatchObject({
      days: 2,
      channels: new Set(['phone']),
    });
    expect(
      capEvent.compile(
        rule,
        capEvent.params.parse({ kind: 'rolling', max: 3, period: 'P1W', channels: ['phone', 'home-visit'] }),
        ctx,
      ).days,
    ).toBe(7);
    expect(capEvent.compile(rule, capEvent.params.parse({ kind: 'per-day', max: 1 }), ctx).channels).toEqual(
      new Set(['phone', 'sms', 'wechat', 'home-visit']),
    );
  });

  it('a ledger counts a merged contact in the place of the one it replaces, on its day and for each cap', () => {
    const perDay = capEvent.compile(rule, capEvent.params.parse({ kind: 'per-day', max: 2 }), ctx);
    const gap = capEvent.compile(
      { id: 'gap', priority: 5 },
      capEvent.params.parse({ kind: 'min-gap', gap: 'P2D', channels: ['phone'] }),
      ctx,
    );
    const d = day('2026-10-12');
    const contact = (purpose: string): CountedContact => ({
      epochDay: d,
      channel: 'phone',
      purpose,
      earlierContactId: null,
    });
    const [check, refill, merged] = [contact('check'), contact('refill'), contact('check+visit')];
    const perDayOnly = new CapLedger([perDay]);
    perDayOnly.record(check);
    perDayOnly.record(refill);
    // The day is full: a third contact merges into the last one counted.
    expect(perDayOnly.verdict(d, 'phone')).toEqual({ merge: refill, rule: perDay });
    perDayOnly.replace(refill, merged);
    expect(perDayOnly.verdict(d, 'phone')).toEqual({ merge: merged, rule: perDay });
    // Replaced where it was: the first of the day is still the first.
    perDayOnly.replace(check, contact('check again'));
    expect(perDayOnly.verdict(d, 'phone')).toEqual({ merge: merged, rule: perDay });
    // A min-gap cap names the day's first contact: the merged one, once it replaced it.
    const withGap = new CapLedger([gap]);
    withGap.record(check);
    withGap.replace(check, merged);
    expect(withGap.verdict(d + 1, 'phone')).toMatchObject({ blocked: { why: 'cap.gap', purpose: 'check+visit' } });
    // After a removal (positions kept from then on) a replacement still lands in place.
    withGap.record(refill);
    withGap.remove(merged);
    withGap.replace(refill, check);
    expect(withGap.verdict(d + 1, 'phone')).toMatchObject({ blocked: { purpose: 'check' } });
    withGap.remove(check);
    expect(withGap.verdict(d + 1, 'phone')).toEqual(CAPS_OK);
  });

  it('a gap or period is at least a day and at most the horizon', () => {
    expect(
      checked((c) => capEvent.check(capEvent.params.parse({ kind: 'min-gap', gap: 'P0D', channels: ['phone'] }), c)),
    ).toEqual([{ path: 'event.params.gap', message: 'must be at least one day' }]);
    expect(
      checked((c) =>
        capEvent.check(capEvent.params.parse({ kind: 'rolling', max: 1, period: 'P121D', channels: ['phone'] }), c),
      ),
    ).toEqual([{ path: 'event.params.period', message: '"P121D" is longer than the rule set\'s horizon (P120D)' }]);
  });
});

describe('blackout', () => {
  it('month edges: the first and the last days of each month, whatever its length', () => {
    const { blocks } = blackoutEvent.compile(
      rule,
      blackoutEvent.params.parse({ kind: 'month-days', first: 5, last: 5 }),
      ctx,
    );
    expect(blocks(day('2026-02-05'))).toEqual({ why: 'month-first', first: 5 });
    expect(blocks(day('2026-02-06'))).toBeNull();
    // February 2026 has 28 days: its last 5 are the 24th to the 28th.
    expect(blocks(day('2026-02-23'))).toBeNull();
    expect(blocks(day('2026-02-24'))).toEqual({ why: 'month-last', last: 5 });
    expect(blocks(day('2026-03-27'))).toEqual({ why: 'month-last', last: 5 });
    expect(blocks(day('2026-03-26'))).toBeNull();
  });

  it('holidays by name, a make-up workday never one', () => {
    const { blocks } = blackoutEvent.compile(
      rule,
      blackoutEvent.params.parse({ kind: 'holidays', calendar: 'cn' }),
      ctx,
    );
    expect(blocks(day('2026-10-01'))).toEqual({ why: 'holiday', holiday: '国庆节' });
    // One reason object per holiday: its days compare equal (a run of them is one reason).
    expect(blocks(day('2026-10-02'))).toBe(blocks(day('2026-10-01')));
    expect(blocks(day('2026-10-10'))).toBeNull();
    expect(
      checked((c) => blackoutEvent.check(blackoutEvent.params.parse({ kind: 'holidays', calendar: 'us' }), c)),
    ).toEqual([{ path: 'event.params.calendar', message: 'calendar us' }]);
  });
});

describe('call-window', () => {
  it('compiles days to indexes and bits, times to minutes, and labels runs of days', () => {
    expect(compileWindows([{ days: ['THU', 'TUE', 'WED'], from: '15:00', to: '18:00' }])).toEqual([
      {
        days: [1, 2, 3],
        dayMask: 0b1110,
        from: 900,
        to: 1080,
        label: 'TUE-THU 15:00-18:00',
        daysText: 'TUE-THU',
        hoursText: '15:00-18:00',
      },
    ]);
    expect(compileWindows([{ days: ['MON', 'WED'], from: '09:00', to: '12:00' }])[0]?.label).toBe(
      'MON,WED 09:00-12:00',
    );
    const compiled = callWindowEvent.compile(
      rule,
      callWindowEvent.params.parse({
        use: 'fallback',
        windows: [{ days: ['MON'], from: '09:00', to: '10:00' }],
        makeUpWorkdays: 'cn',
      }),
      ctx,
    );
    expect(compiled.makeUpWorkdays).toEqual(new Set([day('2026-10-10')]));
  });
});

describe('the registry names the stage that reads each event type', () => {
  it('cadences, escalations (per incident) and the policy', () => {
    expect(Object.fromEntries(EVENT_TYPES.map((t) => [t, stageOf(t)]))).toEqual({
      cadence: 'cadence',
      'call-window': 'policy',
      blackout: 'policy',
      escalation: 'escalation',
      'channel-policy': 'policy',
      cap: 'policy',
      retry: 'policy',
    });
  });

  it('sorts compiled rules out by their stage: cadences and escalations by id, the policy in rule order', () => {
    const valid = validateRuleSet(defaultRuleSet);
    if (!valid.ok) throw new Error('the default rules are valid');
    const compiled = compileRuleSet(valid.ruleSet);
    const all = [...compiled.rules.values()];
    const staged = rulesByStage(all);
    const idsOf = (type: string): string[] => all.filter((r) => r.type === type).map((r) => r.id);
    expect([...staged.cadence.keys()]).toEqual(idsOf('cadence'));
    expect([...staged.escalation.keys()]).toEqual(idsOf('escalation'));
    expect(staged.policy.map((r) => r.id)).toEqual(all.filter((r) => stageOf(r.type) === 'policy').map((r) => r.id));
    expect(staged.cadence.size + staged.escalation.size + staged.policy.length).toBe(all.length);
    expect(compiled.cadences).toEqual(staged.cadence);
    expect(compiled.escalations).toEqual(staged.escalation);
    expect(compiled.policyRules).toEqual(staged.policy);
  });

  it("sorts the policy rules in force by type, in rule order, naming the ones a plan's policy shows", () => {
    const valid = validateRuleSet(defaultRuleSet);
    if (!valid.ok) throw new Error('the default rules are valid');
    const compiled = compileRuleSet(valid.ruleSet);
    const all = policyInForce(compiled.policyRules, () => true);
    const types = ['call-window', 'blackout', 'channel-policy', 'cap', 'retry'] as const;
    for (const t of types) {
      expect(all[t].length, t).toBeGreaterThan(0);
      expect(all[t].every((r) => r.type === t)).toBe(true);
    }
    expect(types.reduce((n, t) => n + all[t].length, 0)).toBe(compiled.policyRules.length);
    const shown = compiled.policyRules.filter((r) => ['call-window', 'blackout', 'cap'].includes(r.type));
    expect(all.shownIds).toEqual(shown.map((r) => r.id));
    const first = all['call-window'][0]?.id;
    const without = policyInForce(compiled.policyRules, (id) => id !== first);
    expect(without['call-window'].map((r) => r.id)).toEqual(all['call-window'].slice(1).map((r) => r.id));
    expect(without.shownIds).not.toContain(first);
  });
});
