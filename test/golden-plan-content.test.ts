/**
 * Golden plans for the plan-content half of seed fidelity (issue 18, SPEC §8.1), each worked out by hand from the
 * default rules and the seed sentence it follows. Default windows, in the customer's time: preferred TUE-THU
 * 15:00-18:00; fallback MON-SAT 09:30-11:30 and 14:30-18:00; messages every day 09:00-20:00.
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet } from '../src/index.js';
import { checkPlanInvariants } from '../src/testing/index.js';
import { goldenInput as input, planOf } from './golden-helpers.js';

const Z = '+08:00';
const regular = { membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` } };
const starts = (plan: Awaited<ReturnType<typeof planOf>>) =>
  plan.touchpoints.map((t) => [t.purpose, t.channel, t.window.start]);

describe('blackouts by kind', () => {
  it("an accountant mother buying child medicine at the month's end gets the dosing message at once", async () => {
    // Seed 000: "customers, especially mothers of children ... should immediately follow up with a text message after
    // purchasing the medicine"; and "it is best not to disturb the accountant at the beginning or end of the month".
    // Regular member, 会计, Mon 06-29 10:00 (among June's last 5 days), for a child, WeChat consented.
    // Message: due Mon 06-29 10:00 → at once (the month-edge and holiday blackouts hold back checks and refills only).
    // Check +P3D Thu 07-02 10:00 within 2 days: 07-02..04 are July's first 5 days → moved later (up to 3 days): Mon
    //   07-06 09:30 (no preferred hours on Monday).
    // Check +P7D Mon 07-06 10:00 within P2D, and regular +P7D, same due, within 7 days: near-duplicates (SPEC §8.1) →
    //   one call in [Mon 07-06 10:00, Wed 07-08 10:00]: Tue 07-07 15:00 is a day after Monday's call (calls 2 days
    //   apart), Wed 15:00 is past the shared window; fallback Mon 07-06 10:00 → one contact a day: merged into
    //   Monday's call, every purpose kept.
    const plan = await planOf(
      input({
        customer: { ...regular, occupation: '会计', contact: { phone: '137', wechat: true } },
        purchase: { purchasedAt: `2026-06-29T10:00:00${Z}`, for: 'child' },
      }),
    );
    expect(starts(plan)).toEqual([
      ['medication-instructions', 'wechat', `2026-06-29T10:00:00${Z}`],
      ['condition-check+medication-check', 'phone', `2026-07-06T09:30:00${Z}`],
    ]);
    expect(plan.suppressed).toEqual([]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Mon 06-29 10:00: the day of purchase (rule cadence.child-instructions)',
      'at Mon 06-29 10:00: message hours every day 09:00-20:00 (rule window.message)',
    ]);
  });

  it('a blackout without channels or kinds still holds back every routine contact', () => {
    const ruleSet = structuredClone(defaultRuleSet) as {
      rules: { id: string; event: { params: Record<string, unknown> } }[];
    };
    for (const r of ruleSet.rules) if (r.id === 'holiday.cn-public-holidays') delete r.event.params['kinds'];
    const planner = createPlanner({ ruleSet: ruleSet as typeof defaultRuleSet });
    // For a child on 春节 Tue 02-17 10:00: the message's whole tolerance (to Wed 02-18 10:00) is a holiday → dropped.
    const child = input({
      customer: { contact: { phone: '1', wechat: true } },
      purchase: { purchasedAt: `2026-02-17T10:00:00${Z}`, for: 'child' },
    });
    return planner.plan(child).then((plan) => {
      expect(plan.suppressed.map((s) => s.candidate.purpose)).toContain('medication-instructions');
      expect(checkPlanInvariants(plan, child, planner)).toEqual([]);
    });
  });
});

describe('home visits have caps too', () => {
  it('a no-phone intensive-programme customer is visited on no two days in a row, at most twice a week', async () => {
    // Seed 003: 以免造成多人同时到一位患者家中回访 (lest several staff call on one patient at once).
    // Walk-in tagged intensive-program, no phone: every routine call becomes a home visit. Mon 11-02 10:00, 30 days'
    // supply (to Wed 12-02 10:00). Intensive dues (within 1 day, up to 2 days later): Tue 11-03, Thu 11-05, Sun 11-08,
    // Thu 11-12, Tue 11-17, Sun 11-22, Fri 11-27; the walk-in check Mon 11-09 (within 7 days).
    // 11-03 → Tue 15:00. 11-05 → Thu 15:00 (2 days on; 2 in the week). 11-08 → Mon 11-09 09:30 would be a third
    //   visit in 11-03..09 → moved later: Tue 11-10, preferred 15:00. Walk-in 11-09 → Tue 11-10 15:00: merged.
    // 11-12 → Thu 15:00. 11-17 → Tue 15:00. 11-22 → Mon 11-23 09:30. 11-27 → Fri 10:00 (fallback from the due).
    const plan = await planOf(
      input({
        customer: { contact: {}, tags: ['intensive-program'] },
        purchase: { purchasedAt: `2026-11-02T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1 }],
      }),
    );
    expect(starts(plan)).toEqual([
      ['intensive-check', 'home-visit', `2026-11-03T15:00:00${Z}`],
      ['intensive-check', 'home-visit', `2026-11-05T15:00:00${Z}`],
      ['intensive-check+medication-check', 'home-visit', `2026-11-10T15:00:00${Z}`],
      ['intensive-check', 'home-visit', `2026-11-12T15:00:00${Z}`],
      ['intensive-check', 'home-visit', `2026-11-17T15:00:00${Z}`],
      ['intensive-check', 'home-visit', `2026-11-23T09:30:00${Z}`],
      ['intensive-check', 'home-visit', `2026-11-27T10:00:00${Z}`],
    ]);
    expect(plan.touchpoints[2]?.ruleIds).toContain('cap.visits-per-week');
  });
});

describe('near-duplicates merge; when a cap must choose, the higher-priority rule survives', () => {
  it('a 5-day ibuprofen course for a child gets two calls, not three', async () => {
    // Seed 001: people have no patience for calls that bring them nothing new (人们对于不感兴趣……的事情普遍没有
    // 耐心); a follow-up should be clear and brief (确保传达清晰、简洁的信息). Regular member, WeChat consented,
    // Fri 06-05 10:00, ibuprofen for a child: 15 doses, 3 a day → 5 days.
    // Message: due Fri 10:00 → at once (message hours 09:00-20:00).
    // Check +P3D: due Mon 06-08 10:00 within 2 days → no preferred hours Monday → Tue 06-09 15:00.
    // Check +P7D: due Fri 06-12 10:00 within 2 days (to Sun 06-14 10:00); regular +P7D: same due, within P7D. On its
    //   own each would first have Fri 06-12 10:00 (fallback; no preferred hours Fri-Sun) → their windows meet: one
    //   call, placed in the shared window [Fri 06-12 10:00, Sun 06-14 10:00] → Fri 10:00, 3 days after Tuesday's.
    // 0.1 made a third call, the regular check on Tue 06-16 (day 11).
    const plan = await planOf(
      input({
        customer: { ...regular, contact: { phone: '137', wechat: true } },
        purchase: { purchasedAt: `2026-06-05T10:00:00${Z}`, for: 'child', items: [{ drugCode: 'IBU', quantity: 1 }] },
        courses: [{ drugCode: 'IBU', name: '布洛芬混悬液', unitsPerPack: 15, dosePerDay: 3 }],
      }),
    );
    expect(starts(plan)).toEqual([
      ['medication-instructions', 'wechat', `2026-06-05T10:00:00${Z}`],
      ['condition-check', 'phone', `2026-06-09T15:00:00${Z}`],
      ['condition-check+medication-check', 'phone', `2026-06-12T10:00:00${Z}`],
    ]);
    expect(plan.touchpoints[2]?.ruleIds).toEqual([
      'cadence.child-condition-check',
      'cadence.regular-7d',
      'cap.one-per-day',
      'window.fallback',
    ]);
    expect(plan.suppressed).toEqual([]);
  });

  it("a loyal member's 3-day check and a chronic care call that would land 3 days apart are one call", async () => {
    // Loyal member, Fri 06-05 10:00, metformin 60 tablets, 2 a day → 30 days, runs out Sun 07-05 10:00.
    // Loyal +P3D: due Mon 06-08 10:00 within P7D; on its own: Tue 06-09 15:00 (preferred).
    // Care call +P7D: due Fri 06-12 10:00 within 3 days (to Mon 06-15 10:00); on its own: Fri 10:00 (fallback).
    // They meet: inside both tolerances and within 3 days of each one's own slot → [Fri 06-12 10:00, Fri 15:00];
    //   no preferred hours Friday → fallback Fri 06-12 10:00-11:30, the care call (priority 15) leading.
    // Loyal +P14D: due Fri 06-19 10:00: 端午 Fri 06-19 to Sun 06-21 → Tue 06-23 15:00.
    // Refill: due Wed 07-01 10:00 (run-out - P4D), placed from Tue 06-30 10:00 → Tue 06-30 15:00 ("moved earlier").
    // Loyal +P1M: due Sun 07-05 10:00 → Tue 07-07 15:00 (a refill is another kind: no merge with it).
    // Greeting: 中秋节 Fri 09-25 → 09:00 (WeChat).
    const plan = await planOf(
      input({
        customer: {
          membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
          contact: { phone: '137', wechat: true },
        },
        purchase: { purchasedAt: `2026-06-05T10:00:00${Z}`, items: [{ drugCode: 'METF', quantity: 1 }] },
        courses: [{ drugCode: 'METF', unitsPerPack: 60, dosePerDay: 2, chronic: true }],
      }),
    );
    expect(starts(plan)).toEqual([
      ['care-call+medication-check', 'phone', `2026-06-12T10:00:00${Z}`],
      ['medication-check', 'phone', `2026-06-23T15:00:00${Z}`],
      ['refill-reminder', 'phone', `2026-06-30T15:00:00${Z}`],
      ['medication-check', 'phone', `2026-07-07T15:00:00${Z}`],
      ['festival-greeting', 'wechat', `2026-09-25T09:00:00${Z}`],
    ]);
    // The merged call keeps the earlier due and both rules, and says what was merged.
    expect(plan.touchpoints[0]).toMatchObject({
      due: `2026-06-08T10:00:00${Z}`,
      ruleIds: ['cadence.chronic-care', 'cadence.loyal-3-2-3', 'cap.one-per-day', 'window.fallback'],
    });
    expect(plan.touchpoints[0]?.reasons.slice(0, 3)).toEqual([
      'due Fri 06-12 10:00: 7 days after purchase (rule cadence.chronic-care)',
      'merged medication check (phone, due Mon 06-08 10:00) into this contact: routine contacts whose windows meet within 3 days are one contact, at a time inside the tolerance of each (rule cap.one-per-day)',
      '  medication check: due Mon 06-08 10:00: 3 days after purchase (rule cadence.loyal-3-2-3)',
    ]);
  });

  it("the intensive programme's call (priority 25) keeps its slot; a regular check merges into it", async () => {
    // Seed 003's intensive programme calls at 1, 3, 6, 10 and 15 days, then every 5 days. Regular member tagged
    // intensive-program, Mon 11-02 10:00, 12 days of supply (runs out Sat 11-14 10:00): calls due Tue 11-03, Thu
    // 11-05, Sun 11-08, Thu 11-12 (each within 1 day). The regular check is due Mon 11-09 10:00 within P7D.
    // Placed highest priority first: Tue 11-03 15:00, Thu 11-05 15:00; Sun 11-08 and the regular check share Mon
    // 11-09 10:00 (the end of the programme call's tolerance, the regular check's due) → one call, fallback hours;
    // Thu 11-12 15:00, 3 days later. By due (0.1), the regular check took Wed 11-11 and pushed the day-10
    // programme call out of its preferred hours to Fri 11-13 09:30.
    const plan = await planOf(
      input({
        customer: { ...regular, tags: ['intensive-program'] },
        purchase: { purchasedAt: `2026-11-02T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 12, dosePerDay: 1 }],
      }),
    );
    expect(starts(plan)).toEqual([
      ['intensive-check', 'phone', `2026-11-03T15:00:00${Z}`],
      ['intensive-check', 'phone', `2026-11-05T15:00:00${Z}`],
      ['intensive-check+medication-check', 'phone', `2026-11-09T10:00:00${Z}`],
      ['intensive-check', 'phone', `2026-11-12T15:00:00${Z}`],
    ]);
  });
});

describe('chronic care follows the supply', () => {
  it('a 90-day supply gets a monthly care call while it lasts, not only days 8 and 85', async () => {
    // Seed 004: 對于購買慢性病藥品的顧客,每月進行一次電話回訪 (a monthly call for chronic-medicine customers).
    // Regular member, Mon 03-02 10:00, 90 days' supply (to Sun 05-31 10:00).
    // Care call +P7D Mon 03-09 → Tue 03-10 15:00, the regular check (same due) merged into it.
    // Monthly +P1M Thu 04-02 → 15:00; +P2M Sat 05-02 (劳动节 05-01..05) → Wed 05-06 15:00; +P3M Tue 06-02 is past
    //   the run-out. Refill due Wed 05-27 10:00, from Tue 05-26 10:00 → Tue 15:00.
    const plan = await planOf(
      input({
        customer: regular,
        purchase: { purchasedAt: `2026-03-02T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 90, dosePerDay: 1, chronic: true }],
      }),
    );
    expect(starts(plan)).toEqual([
      ['care-call+medication-check', 'phone', `2026-03-10T15:00:00${Z}`],
      ['care-call', 'phone', `2026-04-02T15:00:00${Z}`],
      ['care-call', 'phone', `2026-05-06T15:00:00${Z}`],
      ['refill-reminder', 'phone', `2026-05-26T15:00:00${Z}`],
    ]);
    expect(plan.touchpoints[1]?.ruleIds).toEqual(['cadence.chronic-monthly-care', 'window.preferred']);
  });
});

describe('a self-introduction message, off by default', () => {
  it('is not sent unless enabled; enabled, it goes the day of the purchase', async () => {
    // Seed 001: 诈骗电话频出……遇到陌生号码大多选择直接挂断 (people hang up on numbers they do not know).
    const loyal = input({
      customer: {
        membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
        contact: { phone: '1', wechat: true },
      },
    });
    const off = await planOf(loyal);
    expect(off.touchpoints.map((t) => t.purpose)).not.toContain('self-introduction');
    const ruleSet = structuredClone(defaultRuleSet) as { rules: { id: string; enabled?: boolean }[] };
    for (const r of ruleSet.rules) if (r.id === 'cadence.self-introduction') r.enabled = true;
    const planner = createPlanner({ ruleSet: ruleSet as typeof defaultRuleSet });
    const on = await planner.plan(loyal);
    // Thu 03-05 10:20, in message hours: at once, by WeChat.
    expect(on.touchpoints[0]).toMatchObject({
      kind: 'message',
      channel: 'wechat',
      purpose: 'self-introduction',
      window: { start: `2026-03-05T10:20:00${Z}`, end: `2026-03-05T20:00:00${Z}` },
    });
    expect(checkPlanInvariants(on, loyal, planner)).toEqual([]);
  });
});

describe('incidents shape the routine plan', () => {
  const chronicAndMore = {
    purchase: {
      purchasedAt: `2026-07-06T09:00:00${Z}`,
      items: [
        { drugCode: 'D', quantity: 2 },
        { drugCode: 'E', quantity: 1 },
      ],
    },
    courses: [
      { drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true },
      { drugCode: 'E', unitsPerPack: 10, dosePerDay: 1 },
    ],
  };

  it('a wrong drug holds back the refill reminders and routine checks of that drug while it is open', async () => {
    // Seed 000: "In the case of wrong medicine, the customer must also be visited within the shortest possible time";
    // the customer given the wrong drug is not reminded to buy it again.
    // Regular member, Mon 07-06 09:00: D chronic (60 days), E (10 days); wrong drug D reported Mon 07-06 14:00.
    // Critical call 14:00-15:00. Held (D only): the care call (07-13), the monthly care call (08-06), the refill (08-31).
    // The medication check is about D and E (+P7D Mon 07-13 09:00) → Tue 07-14 15:00.
    const plan = await planOf(
      input({
        customer: regular,
        ...chronicAndMore,
        purchase: {
          ...chronicAndMore.purchase,
          incidents: [{ type: 'wrong-drug', reportedAt: `2026-07-06T14:00:00${Z}`, drugCode: 'D' }],
        },
      }),
    );
    expect(starts(plan)).toEqual([
      ['wrong-drug-recall', 'phone', `2026-07-06T14:00:00${Z}`],
      ['medication-check', 'phone', `2026-07-14T15:00:00${Z}`],
    ]);
    const held =
      'held: wrong-drug reported Mon 07-06 14:00 for D; no follow-up or refill contact for that drug while it is open (rule escalation.wrong-drug)';
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.candidate.due, s.reason, s.ruleIds])).toEqual([
      ['care-call', `2026-07-13T09:00:00${Z}`, held, ['escalation.wrong-drug']],
      ['care-call', `2026-08-06T09:00:00${Z}`, held, ['escalation.wrong-drug']],
      ['refill-reminder', `2026-08-31T09:00:00${Z}`, held, ['escalation.wrong-drug']],
    ]);
  });

  it('once resolved, the hold ends: contacts due after the resolution go ahead', async () => {
    // Resolved Wed 07-08 10:00: every routine contact is due later → the 60-day plan of the chronic golden, plus the
    // critical call: care call and check merged Tue 07-14 15:00, monthly care Thu 08-06 15:00, refill Mon 08-31 09:30.
    const plan = await planOf(
      input({
        customer: regular,
        ...chronicAndMore,
        purchase: {
          ...chronicAndMore.purchase,
          incidents: [
            {
              type: 'wrong-drug',
              reportedAt: `2026-07-06T14:00:00${Z}`,
              drugCode: 'D',
              resolvedAt: `2026-07-08T10:00:00${Z}`,
            },
          ],
        },
      }),
    );
    expect(plan.suppressed).toEqual([]);
    expect(starts(plan).map((row) => row[0])).toEqual([
      'wrong-drug-recall',
      'care-call+medication-check',
      'care-call',
      'refill-reminder',
    ]);
  });

  it('a resolved complaint gets a feedback call the day after', async () => {
    // Seed 004: 處理完成后,及時將處理結果反饋給顧客 (once dealt with, tell the customer the outcome promptly).
    // Walk-in, Mon 03-02 10:00; complaint reported Mon 15:00 → high-urgency call 15:00-21:00 (urgent hours end);
    // resolved Wed 03-04 11:00 → feedback due Thu 03-05 11:00, within 2 days → Thu 15:00 (preferred).
    // The walk-in check, +P7D Mon 03-09 10:00 → Tue 03-10 15:00.
    const plan = await planOf(
      input({
        purchase: {
          purchasedAt: `2026-03-02T10:00:00${Z}`,
          incidents: [
            { type: 'complaint', reportedAt: `2026-03-02T15:00:00${Z}`, resolvedAt: `2026-03-04T11:00:00${Z}` },
          ],
        },
      }),
    );
    expect(starts(plan)).toEqual([
      ['complaint-resolution', 'phone', `2026-03-02T15:00:00${Z}`],
      ['complaint-feedback', 'phone', `2026-03-05T15:00:00${Z}`],
      ['medication-check', 'phone', `2026-03-10T15:00:00${Z}`],
    ]);
    expect(plan.touchpoints[1]).toMatchObject({
      kind: 'follow-up',
      urgency: 'routine',
      ruleIds: ['escalation.complaint', 'window.preferred'],
    });
    expect(plan.touchpoints[1]?.reasons[0]).toBe(
      'due Thu 03-05 11:00: 1 day after the complaint was resolved (Wed 03-04 11:00) (rule escalation.complaint)',
    );
  });
});

describe('festival greetings', () => {
  it('greets a loyal member on the day of 春节 (正月初一), on the holiday, by WeChat', async () => {
    // Seed 002: 逢年過節打招呼 (greet them on festivals) — on the festival, not on the first day off (issue 34 item 2).
    // Loyal, WeChat consented, Thu 01-22 10:00; horizon to Fri 05-22. 春节 is off from Sun 02-15 (腊月廿八), its day
    // is Tue 02-17 (正月初一, marked "festival" in the calendar; 中秋节, 09-25, is past the horizon): greeting due
    // Tue 02-17 00:00, within a day → message hours, 09:00 — a holiday, but the holiday blackout
    // holds back checks and refills only. The loyal checks: +P3D Sun 01-25 → Tue 01-27 15:00; +P14D Thu 02-05 →
    // 15:00; +P1M Sun 02-22 (春节 to Mon 02-23) → Tue 02-24 15:00.
    const plan = await planOf(
      input({
        customer: {
          membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
          contact: { phone: '1', wechat: true },
        },
        purchase: { purchasedAt: `2026-01-22T10:00:00${Z}` },
      }),
    );
    expect(starts(plan)).toEqual([
      ['medication-check', 'phone', `2026-01-27T15:00:00${Z}`],
      ['medication-check', 'phone', `2026-02-05T15:00:00${Z}`],
      ['festival-greeting', 'wechat', `2026-02-17T09:00:00${Z}`],
      ['medication-check', 'phone', `2026-02-24T15:00:00${Z}`],
    ]);
    expect(plan.touchpoints[2]).toMatchObject({
      kind: 'greeting',
      due: `2026-02-17T00:00:00${Z}`,
      ruleIds: ['cadence.festival-greeting', 'window.message'],
    });
    expect(plan.touchpoints[2]?.reasons[0]).toBe(
      'due Tue 02-17 00:00: the day of 春节 (Tue 02-17) (rule cadence.festival-greeting)',
    );
  });

  it('greets the patients in a follow-up programme too: a chronic medicine, or the intensive programme (issue 34 item 2)', async () => {
    // Seed 002, of the patients followed up (對買藥的患者電話回訪…主要體現關愛患者…逢年過節打招呼): a regular member who
    // buys metformin (chronic) on Thu 01-22 10:00, WeChat consented, is greeted on Tue 02-17 09:00 like a loyal member;
    // so is a regular member in the intensive programme; a regular member buying an antibiotic is not.
    const greeting = async (overrides: Parameters<typeof input>[0]) =>
      (await planOf(input(overrides))).touchpoints.find((t) => t.purpose === 'festival-greeting');
    const customer = { ...regular, contact: { phone: '1', wechat: true } };
    const purchase = { purchasedAt: `2026-01-22T10:00:00${Z}` };
    const chronic = await greeting({
      customer,
      purchase,
      courses: [{ drugCode: 'D', name: '二甲双胍片', unitsPerPack: 60, dosePerDay: 1, chronic: true }],
    });
    expect(chronic).toMatchObject({
      kind: 'greeting',
      channel: 'wechat',
      due: `2026-02-17T00:00:00${Z}`,
      window: { start: `2026-02-17T09:00:00${Z}` },
      ruleIds: ['cadence.festival-greeting', 'window.message'],
    });
    const intensive = await greeting({ customer: { ...customer, tags: ['intensive-program'] }, purchase });
    expect(intensive?.window.start).toBe(`2026-02-17T09:00:00${Z}`);
    expect(await greeting({ customer, purchase })).toBeUndefined();
  });

  it('sends none to a member who takes no messages, and counts a greeting toward one contact a day', async () => {
    const noMessages = await planOf(
      input({
        customer: { membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` }, contact: { phone: '1' } },
        purchase: { purchasedAt: `2026-01-22T10:00:00${Z}` },
      }),
    );
    expect(
      [...noMessages.touchpoints, ...noMessages.suppressed.map((x) => x.candidate)].map((t) => t.purpose),
    ).not.toContain('festival-greeting');
    // Loyal, Wed 09-09 10:00: +P14D Wed 09-23 → 15:00; 中秋节 Fri 09-25 greeting → 09:00; +P1M Fri 10-09 → Tue 10-13.
    // A purchase Tue 09-22 10:00 with +P3D Fri 09-25 (中秋节, a holiday) moves the check, not onto the greeting's day.
    const plan = await planOf(
      input({
        customer: {
          membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
          contact: { phone: '1', wechat: true },
        },
        purchase: { purchasedAt: `2026-09-22T10:00:00${Z}` },
      }),
    );
    const greeting = plan.touchpoints.find((t) => t.purpose.includes('festival-greeting'));
    expect(greeting?.window.start).toBe(`2026-09-25T09:00:00${Z}`);
    const sameDay = plan.touchpoints.filter((t) => t.window.start.startsWith('2026-09-25'));
    expect(sameDay).toHaveLength(1);
  });
});

describe('consultations', () => {
  it('calls back someone who asked but did not buy, within 3 days, and plans no medication check', async () => {
    // Seed 002: 對於咨詢後沒有購買的……要及時分析原因……以便下次回訪找到合適的切入點 (follow up those who asked but
    // did not buy). A loyal member consults on Mon 03-02 16:00 (purchase.kind consultation, no items): call due Tue
    // 03-03 16:00, within 2 days → Tue 16:00, in preferred hours. No 3+2+3 checks: nothing was sold.
    const plan = await planOf({
      customer: {
        id: 'C',
        membership: { tier: 'loyal', registeredAt: `2019-05-20T10:00:00${Z}` },
        contact: { phone: '1' },
      },
      purchase: { id: 'P', customerId: 'C', kind: 'consultation', purchasedAt: `2026-03-02T16:00:00${Z}` },
      courses: [],
    });
    expect(starts(plan)).toEqual([['consultation-follow-up', 'phone', `2026-03-03T16:00:00${Z}`]]);
    expect(plan.touchpoints[0]).toMatchObject({
      kind: 'follow-up',
      drugCodes: [],
      ruleIds: ['cadence.consultation-callback', 'window.preferred'],
    });
    expect(plan.suppressed).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });
});
