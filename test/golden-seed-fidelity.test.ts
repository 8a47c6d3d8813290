/**
 * Golden plans for the time and placement half of seed fidelity (issue 17, SPEC §8.1): calendars that know their
 * limits, contacts that move instead of vanishing. Each expected plan is worked out by hand from the default rules
 * and the sentence of the seed it follows. Default windows, in the customer's time: preferred TUE-THU 15:00-18:00;
 * fallback MON-SAT 09:30-11:30 and 14:30-18:00 (and on make-up workdays); messages every day 09:00-20:00; urgent
 * every day 08:00-21:00.
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet } from '../src/index.js';
import { goldenInput, planOf } from './golden-helpers.js';

const Z = '+08:00';

const input = goldenInput;
const loyal = { membership: { tier: 'loyal' as const, registeredAt: `2019-05-20T10:00:00${Z}` } };

describe('holiday data: the State Council notice for 2026', () => {
  it('opens fallback hours on Sunday 01-04, a make-up workday of 元旦', async () => {
    // Notice: 元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    // A walk-in buys for a child on Thu 01-01 10:00: condition check +P3D due Sun 01-04 10:00, within 2 days (to Tue
    // 01-06 10:00). No preferred slot (Tue 15:00 is past it); Sun 01-04 is a workday → fallback 10:00-11:30.
    const plan = await planOf(input({ purchase: { purchasedAt: `2026-01-01T10:00:00${Z}`, for: 'child' } }));
    const check = plan.touchpoints.find((t) => t.purpose === 'condition-check');
    expect(check?.window).toEqual({ start: `2026-01-04T10:00:00${Z}`, end: `2026-01-04T11:30:00${Z}` });
    expect(check?.reasons.at(-1)).toBe(
      'at Sun 01-04 10:00: fallback call window Mon-Sat 09:30-11:30 (make-up workday) (rule window.fallback)',
    );
  });
});

describe('calendars know their coverage', () => {
  it('warns when a plan runs past the holiday calendar, and says so on each contact placed past it', async () => {
    // Loyal, Sun 12-20 10:00; the horizon runs to Sat 2027-04-19 10:00, the calendar's published dates cover 2026
    // only. +P3D Wed 12-23 10:00 → 15:00. +P14D Sun 01-03 10:00 → Tue 01-05 15:00; +P1M Wed 01-20 10:00 → 15:00:
    // whether those days are holidays is known only provisionally. Past 2026 the calendar keeps the statutory days
    // (issue 34 item 10; golden change, reason: the warning names them): 元旦 Fri 01-01; 春节 除夕 Fri 02-05 to 初三
    // Mon 02-08 (正月初一 2027 = 02-06); 清明 2027 = Mon 04-05. No contact falls on one.
    const plan = await planOf(input({ customer: loyal, purchase: { purchasedAt: `2026-12-20T10:00:00${Z}` } }));
    expect(plan.warnings).toEqual([
      'calendar cn-public-holidays has published dates through 2026-12-31, and this plan runs to 2027-04-19: until the next dates are added, it keeps the statutory holidays, provisionally (元旦 Fri 01-01, 春节 Fri 02-05 – Mon 02-08, 清明节 Mon 04-05); make-up workdays are not known',
    ]);
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual([
      `2026-12-23T15:00:00${Z}`,
      `2027-01-05T15:00:00${Z}`,
      `2027-01-20T15:00:00${Z}`,
    ]);
    expect(plan.touchpoints[0]?.reasons.some((r) => r.includes('not known'))).toBe(false);
    expect(plan.touchpoints[1]?.reasons.at(-1)).toBe(
      'Tue 01-05 is past the published dates of calendar cn-public-holidays (through 2026-12-31): the statutory holidays are kept, provisionally; make-up workdays are not known',
    );
  });

  it('does not warn while the horizon stays within the coverage', async () => {
    const plan = await planOf(input({ customer: loyal, purchase: { purchasedAt: `2026-03-05T10:20:00${Z}` } }));
    expect(plan.warnings).toEqual([]);
  });
});

describe('overdue escalations start at the next urgent opening', () => {
  it('a nightly batch at 03:00 calls about a complaint reported days ago at 08:00, marked overdue, first in the plan', async () => {
    // Seed 000: complaints and inquiries should be dealt with as soon as possible — not at 3 a.m.
    // Walk-in, purchase Sun 03-01 10:00; complaint reported Mon 03-02 10:00 (deadline Tue 03-03 10:00); the batch
    // runs Thu 03-05 03:00. Next urgent opening: Thu 03-05 08:00; the deadline has passed → overdue: that whole
    // opening, 08:00-21:00, so whoever is on duty first makes it (issue 33: staff starting at 09:00 see it).
    // The medication check (+P7D Sun 03-08 10:00) → Tue 03-10 15:00, after it.
    const plan = await planOf(
      input({
        purchase: {
          purchasedAt: `2026-03-01T10:00:00${Z}`,
          incidents: [{ type: 'complaint', reportedAt: `2026-03-02T10:00:00${Z}` }],
        },
        asOf: `2026-03-05T03:00:00${Z}`,
      }),
    );
    expect(plan.touchpoints.map((t) => [t.purpose, t.window.start, t.window.end])).toEqual([
      ['complaint-resolution', `2026-03-05T08:00:00${Z}`, `2026-03-05T21:00:00${Z}`],
      ['medication-check', `2026-03-10T15:00:00${Z}`, `2026-03-10T18:00:00${Z}`],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'reported Mon 03-02 10:00: complaint; high phone contact within 24 hours (rule escalation.complaint)',
      'reported before asOf Thu 03-05 03:00: from Thu 03-05 08:00, the next opening of urgent hours every day 08:00-21:00 (rule window.urgent)',
      'overdue: the deadline Tue 03-03 10:00 passed before Thu 03-05 08:00; contact first thing',
      'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)',
    ]);
    expect(plan.warnings).toEqual([
      'incident 0 (complaint): the complaint resolution deadline 2026-03-03T10:00:00+08:00 passed before the contact could start (2026-03-05T08:00:00+08:00)',
    ]);
  });

  it('a report from before asOf, found within urgent hours, is called at asOf', async () => {
    // Inquiry reported Thu 03-05 07:00, batch at 09:30 the same day: urgent hours are open → at 09:30, not 07:00.
    const plan = await planOf(
      input({
        purchase: {
          purchasedAt: `2026-03-05T06:00:00${Z}`,
          incidents: [{ type: 'inquiry', reportedAt: `2026-03-05T07:00:00${Z}` }],
        },
        asOf: `2026-03-05T09:30:00${Z}`,
      }),
    );
    expect(plan.touchpoints[0]).toMatchObject({
      purpose: 'inquiry-answer',
      window: { start: `2026-03-05T09:30:00${Z}`, end: `2026-03-05T21:00:00${Z}` },
    });
  });
});

describe('move instead of drop', () => {
  it('a refill reminder whose days fall in 国庆 comes before the holiday, never after the run-out', async () => {
    // Seed 003: 第二次,购药25天左右,即服完药的前3-5天,以说服继续购买为目的 (the refill call 3-5 days before the supply ends).
    // Walk-in, chronic, 60 days' supply from Sat 08-08 10:00: runs out Wed 10-07 10:00; reminder due Sat 10-03
    // 10:00, placed Fri 10-02 10:00 to Sun 10-04 10:00 — all 国庆节. Its overflow policy moves it up to 7 days
    // earlier: Thu 10-01 is 国庆 too → Wed 09-30, preferred hours, 15:00.
    const plan = await planOf(
      input({
        purchase: { purchasedAt: `2026-08-08T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 60, dosePerDay: 1, chronic: true }],
      }),
    );
    const refill = plan.touchpoints.find((t) => t.purpose === 'refill-reminder');
    expect(refill?.window).toEqual({ start: `2026-09-30T15:00:00${Z}`, end: `2026-09-30T18:00:00${Z}` });
    expect(refill?.ruleIds).toEqual(['cadence.chronic-refill', 'holiday.cn-public-holidays', 'window.preferred']);
    expect(refill?.reasons).toEqual([
      'due Sat 10-03 10:00: 4 days before supply end (60 days) (rule cadence.chronic-refill)',
      'skipped Fri 10-02 to Sun 10-04: holiday 国庆节 (rule holiday.cn-public-holidays)',
      'no preferred slot within the tolerance (1 day before to 1 day after due)',
      'no fallback slot within the tolerance (1 day before to 1 day after due)',
      'moved earlier, by its overflow policy: up to 7 days earlier (rule cadence.chronic-refill)',
      'moved earlier, from Sat 10-03 10:00 to Wed 09-30 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
  });
});

describe("the customer's own hours win", () => {
  it('calls a customer who gave Sunday mornings only on Sundays, moving what does not fit', async () => {
    // Walk-in for a child, Mon 03-02 10:00, "Sundays 10:00-12:00 only", WeChat consented.
    // Message same day (message hours are not the customer's call hours): Mon 03-02 10:00.
    // Check +P3D Thu 03-05 10:00 within 2 days (to Sat 03-07): no Sunday; the fallback hours (Thu 10:00) no longer
    //   apply → moved later by its overflow policy (up to P9D) → Sun 03-08 10:00.
    // Check +P7D Mon 03-09 10:00 within P2D, up to 9 days later (to Wed 03-20 10:00): Sun 03-15 10:00. (Up to 3 days
    //   later, it was dropped; issue 33 item 6: the default rules move promises, they do not drop them.)
    // Walk-in check +P7D Mon 03-09 10:00 within 7 days → Sun 03-15 10:00 too: one routine contact a day, merged.
    const plan = await planOf(
      input({
        customer: {
          contact: { phone: '137', wechat: true },
          preferredWindows: [{ days: ['SUN'], from: '10:00', to: '12:00' }],
        },
        purchase: { purchasedAt: `2026-03-02T10:00:00${Z}`, for: 'child' },
      }),
    );
    expect(plan.touchpoints.map((t) => [t.purpose, t.channel, t.window.start])).toEqual([
      ['medication-instructions', 'wechat', `2026-03-02T10:00:00${Z}`],
      ['condition-check', 'phone', `2026-03-08T10:00:00${Z}`],
      ['condition-check+medication-check', 'phone', `2026-03-15T10:00:00${Z}`],
    ]);
    expect(plan.touchpoints[2]?.reasons[3]).toBe(
      "moved from Mon 03-09 10:00 to Sun 03-15 10:00: customer's own preferred hours Sun 10:00-12:00 (rule window.preferred)",
    );
    expect(plan.suppressed).toEqual([]);
  });
});

describe('holidays move promises; they do not drop them (issue 33 item 6)', () => {
  // 2026 notice: 国庆节 10月1日至7日放假 (Thu 10-08 is a workday); 春节 2月15日至23日放假.
  const walkIn = { contact: { phone: '137' } };

  it('a complaint resolved on 09-30 gets its feedback call after 国庆, with the reason', async () => {
    // Feedback +P1D Thu 10-01 16:00 within 2 days: all 国庆 → its overflow policy, up to 10 days later → the first
    // allowed slot, Thu 10-08 15:00 (preferred window), where it joins the walk-in medication check of the same day.
    const plan = await planOf(
      input({
        customer: walkIn,
        purchase: {
          purchasedAt: `2026-09-28T10:00:00${Z}`,
          incidents: [
            { type: 'complaint', reportedAt: `2026-09-29T10:00:00${Z}`, resolvedAt: `2026-09-30T16:00:00${Z}` },
          ],
        },
        asOf: `2026-09-30T16:00:00${Z}`,
      }),
    );
    const feedback = plan.touchpoints.find((t) => t.purpose.split('+').includes('complaint-feedback'));
    expect(feedback?.window.start).toBe(`2026-10-08T15:00:00${Z}`);
    expect(feedback?.reasons).toContain(
      'moved later, by its overflow policy: up to 10 days later (rule escalation.complaint)',
    );
    expect(plan.suppressed).toEqual([]);
  });

  it('a consultation on 09-30 gets its call on the first workday after', async () => {
    const plan = await planOf(
      input({
        customer: walkIn,
        purchase: { purchasedAt: `2026-09-30T10:00:00${Z}`, kind: 'consultation', items: undefined },
      }),
    );
    expect(plan.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['consultation-follow-up', `2026-10-08T15:00:00${Z}`],
    ]);
  });

  it("a child's day-3 check bought before 春节 goes right after the holiday", async () => {
    // Bought Fri 02-13: day 3 is Mon 02-16, inside 春节 (02-15 to 02-23; the make-up workday Sat 02-14 is before it) →
    // Tue 02-24 15:00, the first allowed slot after (it meets the day-7 check there: one contact).
    const plan = await planOf(
      input({ customer: walkIn, purchase: { purchasedAt: `2026-02-13T10:00:00${Z}`, for: 'child' } }),
    );
    const check = plan.touchpoints.find((t) => t.purpose.split('+').includes('condition-check'));
    expect(check?.window.start).toBe(`2026-02-24T15:00:00${Z}`);
    expect(plan.suppressed.filter((s) => s.candidate.purpose === 'condition-check')).toEqual([]);
  });
});

describe('message-first customers (issue 34 item 8)', () => {
  // Seed 001: 尤其Z世代，朋友间交流以文字为主，和家人打电话言简意赅 — some would rather read than talk.
  const regular = { membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` } };
  const purchase = { purchasedAt: `2026-06-01T09:00:00${Z}` };

  it('a routine call goes as a WeChat message, in message hours, when the customer prefers messages and consented', async () => {
    // Regular member, Mon 06-01 09:00: the check due Mon 06-08 09:00 (7 days). By phone it would wait for Tue 06-09
    // 15:00 (preferred call window); as a WeChat message it goes at its due, Mon 06-08 09:00 (messages 09:00-20:00).
    const plan = await planOf(
      input({ customer: { ...regular, contact: { phone: '138', wechat: true, prefers: 'message' } }, purchase }),
    );
    expect(plan.touchpoints.map((t) => [t.purpose, t.channel, t.window.start, t.ruleIds])).toEqual([
      [
        'medication-check',
        'wechat',
        `2026-06-08T09:00:00${Z}`,
        ['cadence.regular-7d', 'channel.message-first', 'window.message'],
      ],
    ]);
    expect(plan.touchpoints[0]?.reasons).toContain(
      'channel phone → wechat: the customer prefers messages to calls (rule channel.message-first)',
    );
  });

  it('the call stays when no message channel is consented, or the customer prefers the phone', async () => {
    for (const contact of [
      { phone: '138', prefers: 'message' as const },
      { phone: '138', wechat: true, prefers: 'phone' as const },
    ]) {
      const plan = await planOf(input({ customer: { ...regular, contact }, purchase }));
      expect(plan.touchpoints.map((t) => [t.channel, t.window.start])).toEqual([['phone', `2026-06-09T15:00:00${Z}`]]);
    }
  });
});

describe('reasons name what moved a contact (issue 34 item 11)', () => {
  it('a blackout that blocks every preferred slot is named, with its rule, when the call falls back to another window', async () => {
    // The rules guide's teachers' exam week, Mon 07-06 to Fri 07-10 (seed 000: consider the member's occupation).
    // A regular member, a teacher, buys Sat 06-27 10:00: the check is due Sat 07-04 10:00, within 7 days (to Sat
    // 07-11 10:00). Preferred days in reach, Tue 07-07 to Thu 07-09, are exam days → no preferred slot; the fallback
    // window takes it at its due, Sat 07-04 10:00 — and the reasons say why not Tuesday: the exam week (every day of it
    // the preferred search walked, Mon 07-06 to Fri 07-10), by its rule.
    const { createPlanner, defaultRuleSet } = await import('../src/index.js');
    const exams = {
      id: 'blackout.teachers-exams',
      description: 'Teachers: no checks or refill reminders in exam week.',
      priority: 10,
      conditions: {
        all: [{ fact: 'customer', path: '$.occupationKey', operator: 'in', value: ['teacher', '教师', '老师'] }],
      },
      event: {
        type: 'blackout',
        params: {
          kind: 'dates',
          dates: ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10'],
          kinds: ['follow-up', 'refill'],
        },
      },
    };
    const planner = createPlanner({
      ruleSet: { ...defaultRuleSet, rules: [...(defaultRuleSet.rules ?? []), exams] } as typeof defaultRuleSet,
    });
    const regular = {
      membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` },
      occupation: '老师',
    };
    const plan = await planner.plan(input({ customer: regular, purchase: { purchasedAt: `2026-06-27T10:00:00${Z}` } }));
    expect(plan.touchpoints.map((t) => [t.window.start, t.ruleIds])).toEqual([
      [`2026-07-04T10:00:00${Z}`, ['cadence.regular-7d', 'blackout.teachers-exams', 'window.fallback']],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Sat 07-04 10:00: 7 days after purchase (rule cadence.regular-7d)',
      'skipped Mon 07-06 to Fri 07-10: blackout date (rule blackout.teachers-exams)',
      'no preferred slot within the tolerance (7 days after due)',
      'at Sat 07-04 10:00: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
  });
});

describe('on time beats the preferred window by days (issue 34 item 1)', () => {
  it("a loyal member's 3-day check goes on day 3, not the next Tuesday", async () => {
    // Seed 000: '3+2+3' (3 days + 2 weeks + 1 month) medication treatment course follow-up visits for loyal members.
    // Bought Tue 11-03 10:00: +P3D Fri 11-06 10:00 is inside Friday's fallback hours (09:30-11:30), the earliest
    // allowed slot; the first preferred slot, Tue 11-10 15:00, is 4 days later — more than the preferred window's
    // one-day slack → Fri 11-06 10:00. +P14D Tue 11-17 10:00 → 15:00 the same day (preferred); +P1M Thu 12-03 10:00 →
    // 15:00 the same day. Days 3, 14 and 30, as the seed counts them.
    const plan = await planOf(input({ customer: loyal, purchase: { purchasedAt: `2026-11-03T10:00:00${Z}` } }));
    expect(plan.touchpoints.map((t) => [t.window.start, t.ruleIds.at(-1)])).toEqual([
      [`2026-11-06T10:00:00${Z}`, 'window.fallback'],
      [`2026-11-17T15:00:00${Z}`, 'window.preferred'],
      [`2026-12-03T15:00:00${Z}`, 'window.preferred'],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Fri 11-06 10:00: 3 days after purchase (rule cadence.loyal-3-2-3)',
      'on time comes first: the first preferred slot (Tue 11-10 15:00) is more than 1 day after the earliest allowed one',
      'at Fri 11-06 10:00: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
  });

  it('the preferred window still wins within a day of the earliest slot', async () => {
    // Bought Thu 03-05 10:20 (the golden default): +P3D Sun 03-08 10:20 has no slot on Sunday; the earliest is Mon
    // 03-09 09:30 (fallback), and Tue 03-10 15:00 (preferred) is one day after it, within the slack → Tuesday, as
    // before. No "on time" reason.
    const plan = await planOf(input({ customer: loyal }));
    expect(plan.touchpoints[0]?.window.start).toBe(`2026-03-10T15:00:00${Z}`);
    expect(plan.touchpoints[0]?.explanations.map((e) => e.code)).not.toContain('preferred-later');
  });

  it('a slack of seven days (a rule param) lets the preferred window wait a week, as 0.2 did', async () => {
    const { createPlanner, defaultRuleSet } = await import('../src/index.js');
    const rules = (defaultRuleSet.rules ?? []).map((r) =>
      r.id === 'window.preferred'
        ? { ...r, event: { ...r.event, params: { ...(r.event.params as object), slack: 'P7D' } } }
        : r,
    );
    const planner = createPlanner({ ruleSet: { ...defaultRuleSet, rules } as typeof defaultRuleSet });
    const plan = await planner.plan(input({ customer: loyal, purchase: { purchasedAt: `2026-11-03T10:00:00${Z}` } }));
    expect(plan.touchpoints[0]?.window.start).toBe(`2026-11-10T15:00:00${Z}`);
  });

  it('a first care call that 国庆 would push past its tenth day goes before the holiday', async () => {
    // Seed 003: 第一次:购药10日之内,以关心问候,指导用药,联络感情为目的 (the first call within 10 days of the purchase).
    // A walk-in buys a chronic drug (30 days) on Thu 09-24 10:00. The care call is due Thu 10-01 10:00, within 3
    // days (to Sun 10-04 10:00): all 国庆节 (10-01 to 10-07). Its overflow policy first looks up to 4 days before the
    // due (from Sun 09-27 10:00): Wed 09-30 15:00, preferred hours, is the nearest slot → day 6, not Thu 10-08 (day 14).
    // The walk-in's 7-day check, due the same moment with 7 days' tolerance (to Thu 10-08 10:00), has no earlier
    // move: Thu 10-08 09:30, the first workday after the holiday (its preferred 15:00 is past the tolerance).
    const plan = await planOf(
      input({
        purchase: { purchasedAt: `2026-09-24T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
      }),
    );
    const care = plan.touchpoints.find((t) => t.purpose === 'care-call');
    expect(care?.window).toEqual({ start: `2026-09-30T15:00:00${Z}`, end: `2026-09-30T18:00:00${Z}` });
    expect(care?.reasons).toEqual([
      'due Thu 10-01 10:00: 7 days after purchase (rule cadence.chronic-care)',
      'skipped Thu 10-01 to Sun 10-04: holiday 国庆节 (rule holiday.cn-public-holidays)',
      'no preferred slot within the tolerance (3 days after due)',
      'no fallback slot within the tolerance (3 days after due)',
      'moved earlier, by its overflow policy: up to 4 days earlier (rule cadence.chronic-care)',
      'moved earlier, from Thu 10-01 10:00 to Wed 09-30 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
    expect(plan.touchpoints.find((t) => t.purpose === 'medication-check')?.window.start).toBe(
      `2026-10-08T09:30:00${Z}`,
    );
    // The checker knows how far earlier the policy reaches: Tue 09-29 15:00 is within it, Fri 09-25 (中秋) is not.
    const { checkPlanInvariants } = await import('../src/testing/index.js');
    const { planner } = await import('./golden-helpers.js');
    const given = input({
      purchase: { purchasedAt: `2026-09-24T10:00:00${Z}` },
      courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
    });
    const movedTo = (start: string, end: string) => ({
      ...plan,
      touchpoints: plan.touchpoints.map((t) => (t === care ? { ...t, window: { start, end } } : t)),
    });
    const tolerance = (p: typeof plan) =>
      checkPlanInvariants(p, given, planner.ruleSet).filter((v) => v.invariant === 'tolerance');
    expect(tolerance(movedTo(`2026-09-29T15:00:00${Z}`, `2026-09-29T18:00:00${Z}`))).toEqual([]);
    expect(tolerance(movedTo(`2026-09-26T10:00:00${Z}`, `2026-09-26T11:30:00${Z}`))).toHaveLength(1);
  });

  it('says both ways in a contact it drops: up to 4 days earlier or 7 days later', async () => {
    // The same care call, planned as of Sun 10-11 09:00: its reach (Sun 09-27 10:00 to Sun 10-11 10:00) has an hour
    // left, on a Sunday without call hours → dropped, the reason naming both moves of its policy.
    const plan = await planOf(
      input({
        purchase: { purchasedAt: `2026-09-24T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
        asOf: `2026-10-11T09:00:00${Z}`,
      }),
    );
    const care = plan.suppressed.find((s) => s.candidate.purpose === 'care-call');
    expect(care?.reason).toContain('up to 4 days earlier or 7 days later (rule cadence.chronic-care)');
  });
});

describe('calls at the hours this customer answers (issue 34 item 6, second half)', () => {
  // Seed 001: 每个消费者对信息的接收习惯不一样,接听回访电话的时间也不一样 (each customer answers calls at their own
  // times); 选择合适的时间……以提高回访的接通率 (pick the time that raises the answer rate).
  const earlier = {
    purchase: {
      id: 'P0',
      customerId: 'C',
      purchasedAt: `2026-09-10T10:00:00${Z}`,
      items: [{ drugCode: 'E', quantity: 1 }],
    },
    courses: [{ drugCode: 'E', unitsPerPack: 5, dosePerDay: 1 }],
  };
  const call = (
    id: string,
    at: string,
    status: 'done' | 'not-reached' | 'declined',
    channel: 'phone' | 'wechat' = 'phone',
  ) => ({
    id,
    purchaseId: 'P0',
    kind: 'follow-up' as const,
    channel,
    urgency: 'routine' as const,
    purpose: 'medication-check',
    due: at,
    window: { start: at, end: at.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`) },
    status,
    at,
  });
  // Not reached Tue 09-15 15:10 and Wed 09-16 15:05 (afternoons); reached Thu 09-17 10:00 (a morning).
  const mornings = [
    call('h1', `2026-09-15T15:10:00${Z}`, 'not-reached'),
    call('h2', `2026-09-16T15:05:00${Z}`, 'not-reached'),
    call('h3', `2026-09-17T10:00:00${Z}`, 'done'),
  ];
  const buy = (contacts: ReturnType<typeof call>[]) => ({
    ...input({ customer: loyal, purchase: { purchasedAt: `2026-11-03T10:00:00${Z}` } }),
    history: { purchases: [earlier], contacts },
  });

  it('a customer who answers in the morning is called in the morning, with why', async () => {
    // Loyal, bought Tue 11-03 10:00 (as in item 1's golden: Fri 11-06 10:00, Tue 11-17 15:00, Thu 12-03 15:00).
    // The history: mornings 1 of 1 answered, afternoons 0 of 2 → mornings. +P3D Fri 11-06 10:00 is a morning
    // already (no reason). +P14D Tue 11-17 10:00: the preferred hours (15:00) are the afternoon; the first morning
    // slot is Tuesday's fallback at its due, 10:00 → Tue 11-17 10:00. +P1M Thu 12-03 10:00 → 10:00 the same way.
    const plan = await planOf(buy(mornings));
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual([
      `2026-11-06T10:00:00${Z}`,
      `2026-11-17T10:00:00${Z}`,
      `2026-12-03T10:00:00${Z}`,
    ]);
    expect(plan.touchpoints[0]?.explanations.map((e) => e.code)).not.toContain('answers-at');
    expect(plan.touchpoints[1]?.reasons).toEqual([
      'due Tue 11-17 10:00: 14 days after purchase (rule cadence.loyal-3-2-3)',
      'at a time of day this customer answers: the morning (1 of 1 call answered, 0 of 2 at other times)',
      'at Tue 11-17 10:00: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
    const zh = await createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' }).plan(buy(mornings));
    expect(zh.touchpoints[1]?.reasons[1]).toBe(
      '在顾客常接电话的时段：上午（打 1 次接通 1 次，其他时段打 2 次接通 0 次）',
    );
  });

  it('no part of the day stands out: answered alike, only messages, or only evenings the windows never open', async () => {
    const plain = (await planOf(buy([]))).touchpoints.map((t) => t.window.start);
    expect(plain).toEqual([`2026-11-06T10:00:00${Z}`, `2026-11-17T15:00:00${Z}`, `2026-12-03T15:00:00${Z}`]);
    // One answered in the morning and one in the afternoon: the same rate.
    const alike = [call('h1', `2026-09-15T15:10:00${Z}`, 'done'), call('h3', `2026-09-17T10:00:00${Z}`, 'declined')];
    expect((await planOf(buy(alike))).touchpoints.map((t) => t.window.start)).toEqual(plain);
    // Messages read in the morning say nothing about when the customer picks up the phone.
    const messages = mornings.map((c) => ({ ...c, channel: 'wechat' as const }));
    expect((await planOf(buy(messages))).touchpoints.map((t) => t.window.start)).toEqual(plain);
    // Answers only in the evening (19:00): no call window opens then, so the calls go as they would.
    const evenings = [...mornings.slice(0, 2), call('h3', `2026-09-17T19:00:00${Z}`, 'done')];
    const plan = await planOf(buy(evenings));
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual(plain);
    expect(plan.touchpoints.flatMap((t) => t.explanations.map((e) => e.code))).not.toContain('answers-at');
  });

  it('a retry goes in the morning this customer answers, not the afternoon it missed', async () => {
    // This purchase's +P3D check was made Fri 11-06 10:00; its +P14D check, called Tue 11-17 15:00, was not reached.
    // Planned as of Wed 11-18 08:00: the retry is due Wed 11-18 15:00 (the next day, within a day, to Thu 11-19
    // 15:00). The afternoon is avoided (where it was missed), and the mornings are where the customer answers (2 of 2,
    // against 0 of 3): Wednesday's afternoon slots are skipped, the first morning slot is Thu 11-19 09:30 (fallback).
    const own = (id: string, at: string, due: string, status: 'done' | 'not-reached') => ({
      ...call(id, at, status),
      purchaseId: 'P',
      due,
      ruleIds: ['cadence.loyal-3-2-3'],
    });
    const made = own('m0', `2026-11-06T10:00:00${Z}`, `2026-11-06T10:00:00${Z}`, 'done');
    const missed = own('m1', `2026-11-17T15:00:00${Z}`, `2026-11-17T10:00:00${Z}`, 'not-reached');
    const plan = await planOf({ ...buy([...mornings, made, missed]), asOf: `2026-11-18T08:00:00${Z}` });
    const retry = plan.touchpoints.find((t) => t.ruleIds[0] === 'retry.not-reached');
    expect(retry?.window.start).toBe(`2026-11-19T09:30:00${Z}`);
    expect(retry?.reasons.slice(1, 3)).toEqual([
      'at another time of day than the call not reached (Tue 11-17 15:00, in the afternoon): at the same hour people are often in the same meeting, meal or drive',
      'at a time of day this customer answers: the morning (2 of 2 calls answered, 0 of 3 at other times)',
    ]);
  });
});
