/**
 * Golden plans: one scenario per bullet of SPEC §5, each expected plan worked
 * out by hand from the default rules. Default windows, in the customer's time:
 * preferred TUE-THU 15:00-18:00; fallback MON-SAT 09:30-11:30 and 14:30-18:00;
 * messages every day 09:00-20:00; urgent every day 08:00-21:00.
 */
import { describe, expect, it } from 'vitest';
import { expectTouchpoints, goldenInput, planOf } from './golden-helpers.js';
import { createPlanner, defaultRuleSet } from '../src/index.js';

const Z = '+08:00';

const input = goldenInput;
const loyal = { membership: { tier: 'loyal' as const, registeredAt: `2019-05-20T10:00:00${Z}` } };
const regular = { membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` } };

describe('SPEC §5: loyal members, 3+2+3', () => {
  it('calls at +3 days, +14 days and +1 month, each in the first preferred slot within 7 days', async () => {
    // Purchase Thu 03-05 10:20.
    // +P3D  = Sun 03-08 10:20 → first TUE-THU 15:00 slot after it: Tue 03-10 15:00 (≤ Sun 03-15 10:20).
    // +P14D = Thu 03-19 10:20 → same day 15:00.
    // +P1M  = Sun 04-05 10:20 → Tue 04-07 15:00 (Sun and Mon have no preferred hours; they are 清明 holidays too,
    //   and a skipped day is named with its cause, so the holiday rule is named: issue 17, item 8).
    const plan = await planOf(input({ customer: loyal }));
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-03-08T10:20:00${Z}`, `2026-03-10T15:00:00${Z}`, `2026-03-10T18:00:00${Z}`, ['cadence.loyal-3-2-3', 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-03-19T10:20:00${Z}`, `2026-03-19T15:00:00${Z}`, `2026-03-19T18:00:00${Z}`, ['cadence.loyal-3-2-3', 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-04-05T10:20:00${Z}`, `2026-04-07T15:00:00${Z}`, `2026-04-07T18:00:00${Z}`, ['cadence.loyal-3-2-3', 'holiday.cn-public-holidays', 'window.preferred']],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Sun 03-08 10:20: 3 days after purchase (rule cadence.loyal-3-2-3)',
      'moved from Sun 03-08 10:20 to Tue 03-10 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
    expect(plan.touchpoints[2]?.reasons).toEqual([
      'due Sun 04-05 10:20: 1 month after purchase (rule cadence.loyal-3-2-3)',
      'skipped Sun 04-05 to Mon 04-06: holiday 清明节 (rule holiday.cn-public-holidays)',
      'moved from Sun 04-05 10:20 to Tue 04-07 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
    expect(plan.suppressed).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.ruleSet.id).toBe('default');
  });
});

describe('SPEC §5: new members, 1+1+2 from registration', () => {
  it('calls within the first week of registration, then a month and two months after it; checks the purchase too', async () => {
    // Seed 004: 對于新注冊會員,在注冊后一周內進行首次回訪 (a new member's first contact within a week of registration).
    // Registered at the purchase, Fri 02-20 11:00, in the Spring Festival holidays (02-15..23).
    // First week: due Sat 02-21 11:00, within 6 days (to Fri 02-27 11:00, 7 days after registering): Sat 02-21 to
    //   Mon 02-23 are 春节 → Tue 02-24 15:00, the first preferred slot.
    // +P1M = Fri 03-20 11:00, inside Friday's fallback hours (09:30-11:30): the next preferred slot, Tue 03-24, is
    //   four days later, more than the preferred window's one-day slack — on time comes first (seed 000: the checks
    //   at fixed days after the event) → Fri 03-20 11:00-11:30, with the reason saying so.
    // +P2M = Mon 04-20 11:00 → Tue 04-21 15:00 (the preferred slot is one day after Monday's, within the slack).
    // The purchase's own medication check, as any other member's (issue 34 item 4; seed 001: 每一到两周给顾客打一次回访
    // 电话): due Fri 02-27 11:00 (7 days). On its own its first slot is Tue 03-03 15:00 — but the first-week call may
    // run to Fri 02-27 11:00 (6 days' tolerance), so the two can meet at that moment: near-duplicates of one kind and
    // channel merge (rule cap.one-per-day, seed 001's 骚扰电话频出), into one call on Fri 02-27, a fallback-window day
    // (not Tue–Thu): 11:00–11:30, within the first week of registration (seed 004) and on the check's due.
    const plan = await planOf(
      input({
        customer: { membership: { tier: 'new', registeredAt: `2026-02-20T11:00:00${Z}` } },
        purchase: { purchasedAt: `2026-02-20T11:00:00${Z}` },
      }),
    );
    const rules = ['cadence.new-member-1-1-2', 'window.preferred'];
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'member-thematic-visit+medication-check', `2026-02-21T11:00:00${Z}`, `2026-02-27T11:00:00${Z}`, `2026-02-27T11:30:00${Z}`, ['cadence.new-member-first-week', 'cadence.regular-7d', 'cap.one-per-day', 'window.fallback']],
      ['follow-up', 'phone', 'routine', 'member-thematic-visit', `2026-03-20T11:00:00${Z}`, `2026-03-20T11:00:00${Z}`, `2026-03-20T11:30:00${Z}`, ['cadence.new-member-1-1-2', 'window.fallback']],
      ['follow-up', 'phone', 'routine', 'member-thematic-visit', `2026-04-20T11:00:00${Z}`, `2026-04-21T15:00:00${Z}`, `2026-04-21T18:00:00${Z}`, rules],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Sat 02-21 11:00: 1 day after registration (rule cadence.new-member-first-week)',
      'merged medication check (phone, due Fri 02-27 11:00) into this contact: routine contacts whose windows meet within 3 days are one contact, at a time inside the tolerance of each (rule cap.one-per-day)',
      '  medication check: due Fri 02-27 11:00: 7 days after purchase (rule cadence.regular-7d)',
      'no preferred slot within the tolerance (6 days after due for member thematic call, 7 days after due for medication check, each at most 3 days past its own first slot)',
      'moved from Sat 02-21 11:00 to Fri 02-27 11:00: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
    expect(plan.touchpoints[1]?.reasons).toEqual([
      'due Fri 03-20 11:00: 1 month after registration (rule cadence.new-member-1-1-2)',
      'on time comes first: the first preferred slot (Tue 03-24 15:00) is more than 1 day after the earliest allowed one',
      'at Fri 03-20 11:00: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
  });

  it('drops a registration-anchored contact whose tolerance ended before the purchase', async () => {
    // Registered Thu 01-08; purchase Mon 01-26: the first-week call (due Fri 01-09, tolerance to Thu 01-15, and up to
    // 7 days later by its overflow policy: Thu 01-22) ended before asOf = purchase.
    const plan = await planOf(
      input({
        customer: { membership: { tier: 'new', registeredAt: `2026-01-08T10:00:00${Z}` } },
        purchase: { purchasedAt: `2026-01-26T10:00:00${Z}` },
      }),
    );
    expect(plan.suppressed.map((s) => [s.candidate.due, s.reason])).toEqual([
      [
        `2026-01-09T10:00:00${Z}`,
        'its tolerance (6 days after due) ended Thu 01-15 10:00, and its overflow (up to 7 days later (rule cadence.new-member-first-week)) Thu 01-22 10:00, before asOf Mon 01-26 10:00',
      ],
    ]);
    // The purchase's medication check: due Mon 02-02 10:00 → Tue 02-03 15:00 (issue 34 item 4).
    // +P1M = Sun 02-08 10:00 → Tue 02-10 15:00; +P2M = Sun 03-08 10:00 → Tue 03-10 15:00.
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual([`2026-02-03T15:00:00${Z}`, `2026-02-10T15:00:00${Z}`, `2026-03-10T15:00:00${Z}`]);
  });
});

describe('SPEC §5: regular members and walk-ins', () => {
  it.each([
    ['a walk-in', {}],
    ['a regular member', regular],
  ])('%s gets one medication-check 7 days after the purchase', async (_label, customer) => {
    // Purchase Mon 06-01 09:00 → due Mon 06-08 09:00 → Tue 06-09 15:00.
    const plan = await planOf(input({ customer, purchase: { purchasedAt: `2026-06-01T09:00:00${Z}` } }));
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-06-08T09:00:00${Z}`, `2026-06-09T15:00:00${Z}`, `2026-06-09T18:00:00${Z}`, ['cadence.regular-7d', 'window.preferred']],
    ]);
  });
});

describe('SPEC §5: medicine for a child', () => {
  it('sends instructions the next morning when bought after message hours, then calls at +3 and +7 days', async () => {
    // Walk-in, for a child, Sat 06-13 20:30 (after 20:00).
    // message: due Sat 20:30, within 1 day → Sun 06-14 09:00-20:00 (wechat, consented).
    // call +P3D: due Tue 06-16 20:30, within 2 days → Wed 06-17 15:00 (Tue 15-18 is before the due).
    // call +P7D: due Sat 06-20 20:30, within 2 days (to Mon 06-22 20:30): no preferred hours Sat-Mon; fallback hours
    //   on Sat 06-20 are a 端午 holiday (Sun has none) → Mon 06-22 09:30-11:30.
    // walk-in +P7D: same due, lower priority, within 7 days: the two calls' windows meet (SPEC §8.1, near-duplicates
    //   merge) → one call where the condition check (priority 20) goes: Mon 06-22 09:30, both purposes kept.
    const plan = await planOf(
      input({
        customer: { contact: { phone: '137', wechat: true } },
        purchase: { purchasedAt: `2026-06-13T20:30:00${Z}`, for: 'child' },
      }),
    );
    expectTouchpoints(plan, [
      ['message', 'wechat', 'routine', 'medication-instructions', `2026-06-13T20:30:00${Z}`, `2026-06-14T09:00:00${Z}`, `2026-06-14T20:00:00${Z}`, ['cadence.child-instructions', 'window.message']],
      ['follow-up', 'phone', 'routine', 'condition-check', `2026-06-16T20:30:00${Z}`, `2026-06-17T15:00:00${Z}`, `2026-06-17T18:00:00${Z}`, ['cadence.child-condition-check', 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'condition-check+medication-check', `2026-06-20T20:30:00${Z}`, `2026-06-22T09:30:00${Z}`, `2026-06-22T11:30:00${Z}`, ['cadence.child-condition-check', 'cadence.regular-7d', 'cap.one-per-day', 'holiday.cn-public-holidays', 'window.fallback']],
    ]);
    expect(plan.touchpoints[2]?.reasons).toEqual([
      'due Sat 06-20 20:30: 7 days after purchase (rule cadence.child-condition-check)',
      'merged medication check (phone, due Sat 06-20 20:30) into this contact: routine contacts whose windows meet within 3 days are one contact, at a time inside the tolerance of each (rule cap.one-per-day)',
      '  medication check: due Sat 06-20 20:30: 7 days after purchase (rule cadence.regular-7d)',
      // Sun 06-21 has no call hours but is 端午 too: named (issue 17, item 8), one run with Saturday.
      'skipped Sat 06-20 to Sun 06-21: holiday 端午节 (rule holiday.cn-public-holidays)',
      'no preferred slot within the tolerance (2 days after due for condition check, 7 days after due for medication check, each at most 3 days past its own first slot)',
      'moved from Sat 06-20 20:30 to Mon 06-22 09:30: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
  });

  it('treats a pediatric course bought for oneself the same way, and messages the same day when in hours', async () => {
    // Purchase Tue 09-08 10:00 (in message hours): message at once, 10:00-20:00.
    const plan = await planOf(
      input({
        customer: { contact: { phone: '137', wechat: true } },
        purchase: { purchasedAt: `2026-09-08T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 10, dosePerDay: 1, pediatric: true }],
      }),
    );
    expect(plan.touchpoints[0]).toMatchObject({ purpose: 'medication-instructions', channel: 'wechat', window: { start: `2026-09-08T10:00:00${Z}`, end: `2026-09-08T20:00:00${Z}` } });
    expect(plan.touchpoints[0]?.reasons[1]).toBe('at Tue 09-08 10:00: message hours every day 09:00-20:00 (rule window.message)');
    // Calls due Fri 09-11 and Tue 09-15 10:00; the walk-in check due Tue 09-15 too lands on the same day and merges.
    expect(plan.touchpoints.filter((t) => t.purpose.startsWith('condition-check')).map((t) => [t.due, t.purpose])).toEqual([
      [`2026-09-11T10:00:00${Z}`, 'condition-check'],
      [`2026-09-15T10:00:00${Z}`, 'condition-check+medication-check'],
    ]);
  });
});

describe('SPEC §5: special-instruction drugs', () => {
  it('messages the instructions the same day and calls at onset', async () => {
    // Regular member, sms consent only; purchase Tue 09-08 10:00; onsetDays 5.
    // message: wechat not consented → sms (channel.message-consent) at Tue 09-08 10:00-20:00.
    // onset call: due Sun 09-13 10:00, within 2 days (to Tue 09-15 10:00).
    // regular +P7D: due Tue 09-15 10:00 (within 7 days). The two calls' windows meet (seed 001: customers tire of
    //   repeated calls; SPEC §8.1: windows that can meet within 3 days merge): the onset call's tolerance ends Tue
    //   09-15 10:00, the check's begins then → one call at that moment, in fallback hours (09:30-11:30): Tue 09-15
    //   10:00-11:30, the onset check (priority 20) leading.
    const plan = await planOf(
      input({
        customer: { ...regular, contact: { phone: '139', sms: true } },
        purchase: { purchasedAt: `2026-09-08T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 10, dosePerDay: 1, specialInstructions: true, onsetDays: 5 }],
      }),
    );
    expectTouchpoints(plan, [
      ['message', 'sms', 'routine', 'medication-instructions', `2026-09-08T10:00:00${Z}`, `2026-09-08T10:00:00${Z}`, `2026-09-08T20:00:00${Z}`, ['cadence.special-instructions-message', 'channel.message-consent', 'window.message']],
      ['follow-up', 'phone', 'routine', 'onset-check+medication-check', `2026-09-13T10:00:00${Z}`, `2026-09-15T10:00:00${Z}`, `2026-09-15T11:30:00${Z}`, ['cadence.special-instructions-onset', 'cadence.regular-7d', 'cap.one-per-day', 'window.fallback']],
    ]);
    expect(plan.touchpoints[0]?.reasons[1]).toBe('channel wechat → sms: the customer has not consented to wechat (rule channel.message-consent)');
    expect(plan.touchpoints[1]?.reasons[0]).toBe('due Sun 09-13 10:00: the day of expected onset (day 5) (rule cadence.special-instructions-onset)');
  });
});

describe('SPEC §5: chronic drugs', () => {
  it('makes a care call within 10 days, merges a same-day call, and reminds 3-5 days before the supply runs out', async () => {
    // Regular member; purchase Mon 07-06 09:00; 2 packs × 30 / 1 a day = 60 days → supply ends Fri 09-04 09:00.
    // care call: due Mon 07-13 09:00, within 3 days → Tue 07-14 15:00.
    // regular +P7D: same due, lower priority: near-duplicates (windows meet within 3 days) → one call, placed as the
    //   care call's was, Tue 07-14 15:00.
    // monthly care (more than 5 weeks of supply; seed 004: 對于購買慢性病藥品的顧客,每月進行一次電話回訪): +P1M Thu
    //   08-06 09:00 → 15:00; +P2M Sun 09-06 is not before the supply end.
    // refill: due 09-04 - P4D = Mon 08-31 09:00, placed in [Sun 08-30 09:00, Tue 09-01 09:00]: no preferred slot
    //   (Tue 15:00 is too late) → fallback Mon 08-31 09:30.
    const plan = await planOf(
      input({
        customer: regular,
        purchase: { purchasedAt: `2026-07-06T09:00:00${Z}`, items: [{ drugCode: 'D', quantity: 2 }] },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
      }),
    );
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'care-call+medication-check', `2026-07-13T09:00:00${Z}`, `2026-07-14T15:00:00${Z}`, `2026-07-14T18:00:00${Z}`, ['cadence.chronic-care', 'cadence.regular-7d', 'cap.one-per-day', 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'care-call', `2026-08-06T09:00:00${Z}`, `2026-08-06T15:00:00${Z}`, `2026-08-06T18:00:00${Z}`, ['cadence.chronic-monthly-care', 'window.preferred']],
      ['refill', 'phone', 'routine', 'refill-reminder', `2026-08-31T09:00:00${Z}`, `2026-08-31T09:30:00${Z}`, `2026-08-31T11:30:00${Z}`, ['cadence.chronic-refill', 'window.fallback']],
    ]);
    expect(plan.touchpoints[0]?.reasons).toContain(
      'merged medication check (phone, due Mon 07-13 09:00) into this contact: routine contacts whose windows meet within 3 days are one contact, at a time inside the tolerance of each (rule cap.one-per-day)',
    );
    expect(plan.touchpoints[2]?.reasons[0]).toBe('due Mon 08-31 09:00: 4 days before supply end (60 days) (rule cadence.chronic-refill)');
  });

  it('uses courseDays instead of the supply computation when given', async () => {
    // courseDays 20 → supply ends Sun 03-22 10:00 → refill due Wed 03-18 10:00, placed in [Tue 03-17 10:00,
    // Thu 03-19 10:00] → the first preferred slot is Tue 03-17 15:00.
    const plan = await planOf(input({ courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true, courseDays: 20 }], purchase: { purchasedAt: `2026-03-02T10:00:00${Z}` } }));
    const refill = plan.touchpoints.find((t) => t.kind === 'refill');
    expect(refill?.due).toBe(`2026-03-18T10:00:00${Z}`);
    expect(refill?.window.start).toBe(`2026-03-17T15:00:00${Z}`);
  });
});

describe('SPEC §5: intensive programme', () => {
  it('calls at +1, 3, 6, 10, 15 days, then every 5 days before the supply runs out, within the caps', async () => {
    // Regular member tagged intensive-program; purchase Mon 11-02 10:00; 30 days of supply → ends Wed 12-02 10:00.
    // Dues (tolerance P1D): Tue 11-03, Thu 11-05, Sun 11-08, Thu 11-12, Tue 11-17, then Sun 11-22, Fri 11-27
    // (12-02 is not before the supply end). Plus the regular +P7D due Mon 11-09 (tolerance P7D).
    // Near-duplicates (SPEC §8.1): the Sun 11-08 check's tolerance ends Mon 11-09 10:00, where the regular check's
    //   begins → one group, sharing the single moment Mon 11-09 10:00. Higher priority places first (SPEC §8.1:
    //   when a cap must choose, the higher-priority rule survives — the programme's calls, priority 25).
    // Tue 11-03 → 15:00. Thu 11-05 → 15:00 (2 days after). Sun 11-08 + regular: Mon 11-09 10:00 in fallback hours
    //   (09:30-11:30; 3rd call in 11-03..11-09: allowed). Thu 11-12 → 15:00 (3 days after Monday).
    //   Tue 11-17 → 15:00. Sun 11-22 → Mon 11-23 09:30. Fri 11-27 → Fri 10:00 (fallback from the due).
    const plan = await planOf(
      input({
        customer: { ...regular, tags: ['intensive-program'] },
        purchase: { purchasedAt: `2026-11-02T10:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1 }],
      }),
    );
    const ip = 'cadence.intensive-program';
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-03T10:00:00${Z}`, `2026-11-03T15:00:00${Z}`, `2026-11-03T18:00:00${Z}`, [ip, 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-05T10:00:00${Z}`, `2026-11-05T15:00:00${Z}`, `2026-11-05T18:00:00${Z}`, [ip, 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'intensive-check+medication-check', `2026-11-08T10:00:00${Z}`, `2026-11-09T10:00:00${Z}`, `2026-11-09T11:30:00${Z}`, [ip, 'cadence.regular-7d', 'cap.one-per-day', 'window.fallback']],
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-12T10:00:00${Z}`, `2026-11-12T15:00:00${Z}`, `2026-11-12T18:00:00${Z}`, [ip, 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-17T10:00:00${Z}`, `2026-11-17T15:00:00${Z}`, `2026-11-17T18:00:00${Z}`, [ip, 'window.preferred']],
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-22T10:00:00${Z}`, `2026-11-23T09:30:00${Z}`, `2026-11-23T11:30:00${Z}`, [ip, 'window.fallback']],
      ['follow-up', 'phone', 'routine', 'intensive-check', `2026-11-27T10:00:00${Z}`, `2026-11-27T10:00:00${Z}`, `2026-11-27T11:30:00${Z}`, [ip, 'window.fallback']],
    ]);
    expect(plan.touchpoints[5]?.reasons[0]).toBe('due Sun 11-22 10:00: 15 days after purchase + 1 × 5 days (rule cadence.intensive-program)');
    expect(plan.suppressed).toEqual([]);
  });
});

describe('SPEC §5: intensive programme, two drugs with different supply ends', () => {
  it('each check lists the drugs still being taken on its due date', async () => {
    // Same customer and purchase (Mon 11-02 10:00). E: 12 days of supply → ends Sat 11-14 10:00, listed first;
    // D: 30 days → ends Wed 12-02 10:00. Intensive dues 11-03, 11-05, 11-08, 11-12 are before both ends → [D, E];
    // 11-17, 11-22, 11-27 only before D's → [D]. Placement is the one-drug plan's (drug codes do not move contacts).
    const plan = await planOf(
      input({
        customer: { ...regular, tags: ['intensive-program'] },
        purchase: { purchasedAt: `2026-11-02T10:00:00${Z}`, items: [{ drugCode: 'E', quantity: 1 }, { drugCode: 'D', quantity: 1 }] },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1 }, { drugCode: 'E', unitsPerPack: 12, dosePerDay: 1 }],
      }),
    );
    const checks = plan.touchpoints.filter((t) => t.purpose.startsWith('intensive-check')).map((t) => [t.due.slice(5, 10), t.window.start.slice(5, 16), t.drugCodes]);
    expect(checks).toEqual([
      ['11-03', '11-03T15:00', ['D', 'E']],
      ['11-05', '11-05T15:00', ['D', 'E']],
      ['11-08', '11-09T10:00', ['D', 'E']],
      ['11-12', '11-12T15:00', ['D', 'E']],
      ['11-17', '11-17T15:00', ['D']],
      ['11-22', '11-23T09:30', ['D']],
      ['11-27', '11-27T10:00', ['D']],
    ]);
  });
});

describe('SPEC §5: occupation blackout', () => {
  it('keeps routine contacts off the first 5 days of the month for an accountant (会计)', async () => {
    // Purchase Fri 04-24 18:45 → due Fri 05-01 18:45 (to Fri 05-08 18:45); the first preferred day, Tue 05-05,
    // is among the first 5 of the month → Wed 05-06 15:00. Every skipped day is named, Fri 05-01 to Tue 05-05 (also
    // 劳动节; the accountant rule, first in rule order, is the cause named).
    const plan = await planOf(input({ customer: { ...regular, occupation: '会计' }, purchase: { purchasedAt: `2026-04-24T18:45:00${Z}` } }));
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-05-01T18:45:00${Z}`, `2026-05-06T15:00:00${Z}`, `2026-05-06T18:00:00${Z}`, ['cadence.regular-7d', 'blackout.accountant-month-edges', 'window.preferred']],
    ]);
    expect(plan.touchpoints[0]?.reasons[1]).toBe('skipped Fri 05-01 to Tue 05-05: first 5 days of the month (rule blackout.accountant-month-edges)');
  });

  it('calls right after the month edge when the whole tolerance falls on month-end and month-start days', async () => {
    // Seed 000: "it is best not to disturb the accountant at the beginning or end of the month" — not "never call".
    // Purchase Fri 03-20 10:00 → due Fri 03-27 10:00, tolerance to Fri 04-03 10:00: 03-27..31 are the last 5 days,
    // 04-01..03 the first 5 → no slot; its overflow policy moves it up to 14 days later: Sat 04-04 and Sun 04-05 are
    // the first 5 days too, Mon 04-06 is 清明节 → Tue 04-07, preferred hours (15:00) before fallback ones that day.
    const plan = await planOf(input({ customer: { ...regular, occupation: ' Accountant ' }, purchase: { purchasedAt: `2026-03-20T10:00:00${Z}` } }));
    expect(plan.suppressed).toEqual([]);
    expectTouchpoints(plan, [
      ['follow-up', 'phone', 'routine', 'medication-check', `2026-03-27T10:00:00${Z}`, `2026-04-07T15:00:00${Z}`, `2026-04-07T18:00:00${Z}`, ['cadence.regular-7d', 'blackout.accountant-month-edges', 'holiday.cn-public-holidays', 'window.preferred']],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Fri 03-27 10:00: 7 days after purchase (rule cadence.regular-7d)',
      'skipped Fri 03-27 to Tue 03-31: last 5 days of the month (rule blackout.accountant-month-edges)',
      'skipped Wed 04-01 to Sun 04-05: first 5 days of the month (rule blackout.accountant-month-edges)',
      'skipped Mon 04-06: holiday 清明节 (rule holiday.cn-public-holidays)',
      'no preferred slot within the tolerance (7 days after due)',
      'no fallback slot within the tolerance (7 days after due)',
      'moved later, by its overflow policy: up to 14 days later (rule cadence.regular-7d)',
      'moved from Fri 03-27 10:00 to Tue 04-07 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
  });

  it.each(['会计师', '注册会计师', '财务经理', '出纳员', 'Senior Accountant', '高级会计（总账）'])(
    'keeps %s off the first 5 days of the month too: accountants by the words of their title (issue 34 item 3)',
    async (occupation) => {
      // Seed 000: "it is best not to disturb the accountant at the beginning or end of the month": a title that holds
      // the trade (会计 in 注册会计师, 财务 in 财务经理, 出纳 in 出纳员, accountant in Senior Accountant) is the
      // accountant's plan above, to the minute.
      const plan = await planOf(input({ customer: { ...regular, occupation }, purchase: { purchasedAt: `2026-04-24T18:45:00${Z}` } }));
      expectTouchpoints(plan, [
        ['follow-up', 'phone', 'routine', 'medication-check', `2026-05-01T18:45:00${Z}`, `2026-05-06T15:00:00${Z}`, `2026-05-06T18:00:00${Z}`, ['cadence.regular-7d', 'blackout.accountant-month-edges', 'window.preferred']],
      ]);
    },
  );

  it.each(['审计师', '会议主持', 'accounting teacher', '计师'])('leaves %s alone: no word of the vocabulary in the title', async (occupation) => {
    // 会议 is not 会计; "accounting" is not "accountant"; 计师 holds no trade of the list.
    const plan = await planOf(input({ customer: { ...regular, occupation }, purchase: { purchasedAt: `2026-04-24T18:45:00${Z}` } }));
    expect(plan.touchpoints[0]?.ruleIds).not.toContain('blackout.accountant-month-edges');
  });

  it('leaves other occupations alone', async () => {
    const plan = await planOf(input({ customer: { ...regular, occupation: 'teacher' }, purchase: { purchasedAt: `2026-04-24T18:45:00${Z}` } }));
    // due Fri 05-01 (劳动节 05-01..05) → the holiday blocks instead → Wed 05-06 15:00, for another reason.
    expect(plan.touchpoints[0]?.ruleIds).toEqual(['cadence.regular-7d', 'holiday.cn-public-holidays', 'window.preferred']);
  });
});

describe('SPEC §5: holidays', () => {
  it('moves a check whose whole tolerance lies in the 9-day Spring Festival holiday to right after it', async () => {
    // Loyal, purchase Thu 02-12 10:00. +P3D = Sun 02-15 10:00 (to Sun 02-22 10:00): every day 02-15..23 is 春节 →
    // moved later by its overflow policy (issue 17: checks pushed past a long holiday come after it): Tue 02-24 15:00.
    // +P14D = Thu 02-26 10:00 → 15:00 (2 days after Tuesday's call: the gap cap allows it). +P1M = Thu 03-12 → 15:00.
    const plan = await planOf(input({ customer: loyal, purchase: { purchasedAt: `2026-02-12T10:00:00${Z}` } }));
    expect(plan.suppressed).toEqual([]);
    expect(plan.touchpoints.map((t) => t.window.start)).toEqual([`2026-02-24T15:00:00${Z}`, `2026-02-26T15:00:00${Z}`, `2026-03-12T15:00:00${Z}`]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'due Sun 02-15 10:00: 3 days after purchase (rule cadence.loyal-3-2-3)',
      'skipped Sun 02-15 to Mon 02-23: holiday 春节 (rule holiday.cn-public-holidays)',
      'no preferred slot within the tolerance (7 days after due)',
      'no fallback slot within the tolerance (7 days after due)',
      'moved later, by its overflow policy: up to 14 days later (rule cadence.loyal-3-2-3)',
      'moved from Sun 02-15 10:00 to Tue 02-24 15:00: preferred call window Tue-Thu 15:00-18:00 (rule window.preferred)',
    ]);
  });

  it('calls on a Sunday make-up workday (调休) in fallback hours', async () => {
    // Walk-in for a child, purchase Thu 09-17 10:00: call +P3D due Sun 09-20 10:00 within 2 days (to Tue 09-22 10:00).
    // No preferred slot (Tue 15:00 too late); Sun 09-20 is a make-up workday → fallback 10:00-11:30 that day.
    const plan = await planOf(input({ customer: { contact: { phone: '1', sms: true } }, purchase: { purchasedAt: `2026-09-17T10:00:00${Z}`, for: 'child' } }));
    const call = plan.touchpoints.find((t) => t.purpose === 'condition-check');
    expect(call?.window).toEqual({ start: `2026-09-20T10:00:00${Z}`, end: `2026-09-20T11:30:00${Z}` });
    expect(call?.reasons.at(-1)).toBe('at Sun 09-20 10:00: fallback call window Mon-Sat 09:30-11:30 (make-up workday) (rule window.fallback)');
  });
});

describe('SPEC §5: escalations', () => {
  it('calls about a wrong drug reported on a Saturday night at 08:00 next morning, whatever do-not-call says', async () => {
    // Report Sat 11-07 22:40, after urgent hours (08:00-21:00) → Sun 11-08 08:00, until the deadline, 12h (Sun 10:40).
    const plan = await planOf(
      input({
        customer: { contact: { phone: '136', doNotCall: true } },
        purchase: { purchasedAt: `2026-11-07T15:00:00${Z}`, incidents: [{ type: 'wrong-drug', reportedAt: `2026-11-07T22:40:00${Z}` }] },
      }),
    );
    expectTouchpoints(plan, [
      ['escalation', 'phone', 'critical', 'wrong-drug-recall', `2026-11-07T22:40:00${Z}`, `2026-11-08T08:00:00${Z}`, `2026-11-08T10:40:00${Z}`, ['escalation.wrong-drug', 'window.urgent']],
    ]);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      'reported Sat 11-07 22:40: wrong-drug; critical phone contact within 12 hours (rule escalation.wrong-drug)',
      'from Sun 11-08 08:00: the report is outside urgent hours every day 08:00-21:00 (rule window.urgent)',
      'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)',
    ]);
    // The walk-in medication check is held back while the wrong drug (no drugCode: every line) is open — before
    // do-not-call would drop it for want of a consented channel (issue 18, item 4).
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.reason])).toEqual([
      ['medication-check', 'held: wrong-drug reported Sat 11-07 22:40; no follow-up or refill contact for this purchase while it is open (rule escalation.wrong-drug)'],
    ]);
  });

  it('calls at once and visits within 24 hours after an adverse reaction, even on a holiday', async () => {
    // Report Thu 10-01 14:00 (国庆节): the call's deadline (12h) is Fri 02:00, at night: its window ends when urgent
    // hours do, Thu 21:00. The home visit's (24h) is Fri 14:00, within Fri's urgent hours: the window runs to it, and
    // a worklist gives it to the first person on duty (issue 33, item 5: a window runs until its deadline).
    const plan = await planOf(
      input({
        customer: loyal,
        purchase: { purchasedAt: `2026-09-29T10:00:00${Z}`, incidents: [{ type: 'adverse-reaction', reportedAt: `2026-10-01T14:00:00${Z}`, severity: 'high' }] },
      }),
    );
    const escalations = plan.touchpoints.filter((t) => t.kind === 'escalation');
    expect(escalations.map((t) => [t.channel, t.urgency, t.purpose, t.window.start, t.window.end]).sort()).toEqual([
      ['home-visit', 'critical', 'adverse-reaction-visit', `2026-10-01T14:00:00${Z}`, `2026-10-02T14:00:00${Z}`],
      ['phone', 'critical', 'adverse-reaction-check', `2026-10-01T14:00:00${Z}`, `2026-10-01T21:00:00${Z}`],
    ]);
    // Same start, same urgency: listed by id.
    expect(escalations.map((t) => t.id)).toEqual(escalations.map((t) => t.id).sort());
    expect(plan.touchpoints.slice(0, 2)).toEqual(escalations);
    // The loyal checks (+P3D Fri 10-02, +P14D Tue 10-13, +P1M Thu 10-29) are about the one drug the open adverse
    // reaction concerns: held back, with the reason (issue 18, item 4).
    expect(plan.touchpoints).toHaveLength(2);
    expect(plan.suppressed.map((s) => [s.candidate.due, s.ruleIds])).toEqual([
      [`2026-10-02T10:00:00${Z}`, ['escalation.adverse-reaction-call']],
      [`2026-10-13T10:00:00${Z}`, ['escalation.adverse-reaction-call']],
      [`2026-10-29T10:00:00${Z}`, ['escalation.adverse-reaction-call']],
    ]);
  });

  it('turns an urgent call into a home visit within 24 hours when there is no phone number', async () => {
    // Adverse reaction, no phone: the call becomes a home visit within 24 hours and merges with the visit.
    const plan = await planOf(
      input({
        customer: { contact: { wechat: true } },
        purchase: { purchasedAt: `2026-03-02T09:00:00${Z}`, incidents: [{ type: 'adverse-reaction', reportedAt: `2026-03-03T06:30:00${Z}` }] },
      }),
    );
    const visits = plan.touchpoints.filter((t) => t.kind === 'escalation');
    // Report Tue 03-03 06:30 → from 08:00 to 21:00, when urgent hours end (the deadline, Wed 03-04 06:30, is later).
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      channel: 'home-visit',
      urgency: 'critical',
      purpose: 'adverse-reaction-check+adverse-reaction-visit',
      window: { start: `2026-03-03T08:00:00${Z}`, end: `2026-03-03T21:00:00${Z}` },
      ruleIds: ['escalation.adverse-reaction-call', 'channel.escalation-no-phone', 'window.urgent', 'escalation.adverse-reaction-visit'],
    });
    // Why, in order: the report asks for a call within 12 hours; channel.escalation-no-phone ("becomes a home visit
    // within 24 hours of the report") makes it a visit; urgent hours (08:00-21:00 every day) start after the 06:30
    // report; the safety note; then the visit rule's own contact, merged in.
    expect(visits[0]?.reasons.slice(0, 5)).toEqual([
      'reported Tue 03-03 06:30: adverse-reaction; critical phone contact within 12 hours (rule escalation.adverse-reaction-call)',
      'channel phone → home-visit within 24 hours: no phone number on file (rule channel.escalation-no-phone)',
      'from Tue 03-03 08:00: the report is outside urgent hours every day 08:00-21:00 (rule window.urgent)',
      'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)',
      'merged adverse-reaction visit into this home-visit contact for the same report',
    ]);
  });

  it('says so, and makes no call, when there is no phone and no escalation channel policy', async () => {
    // Without channel.escalation-no-phone, the adverse-reaction call to a customer with no phone has no channel: it
    // is suppressed by the rule that asked for it, with a warning. The visit rule's own contact stays: from 08:00,
    // when urgent hours start, to 21:00 (its 24-hour deadline, Wed 06:30, falls at night).
    const rules = {
      ...defaultRuleSet,
      rules: (defaultRuleSet.rules ?? []).filter((r) => r.id !== 'channel.escalation-no-phone'),
    };
    const plan = await createPlanner({ ruleSet: rules }).plan(
      input({
        customer: { contact: { wechat: true } },
        purchase: { purchasedAt: `2026-03-02T09:00:00${Z}`, incidents: [{ type: 'adverse-reaction', reportedAt: `2026-03-03T06:30:00${Z}` }] },
      }),
    );
    expect(
      plan.touchpoints.filter((t) => t.kind === 'escalation').map((t) => [t.channel, t.purpose, t.window.start, t.window.end]),
    ).toEqual([['home-visit', 'adverse-reaction-visit', `2026-03-03T08:00:00${Z}`, `2026-03-03T21:00:00${Z}`]]);
    const suppressed = plan.suppressed.filter((s) => s.candidate.kind === 'escalation');
    expect(suppressed.map((s) => [s.candidate.purpose, s.candidate.channel, s.ruleIds, s.reason])).toEqual([
      [
        'adverse-reaction-check',
        'phone',
        ['escalation.adverse-reaction-call'],
        'no phone number on file, and no channel-policy rule covers escalations',
      ],
    ]);
    expect(plan.warnings).toContain(
      'incident 0 (adverse-reaction): no phone number and no usable escalation channel: contact the customer by other means',
    );
  });

  it.each([
    // Within 24 hours of the report: the window runs to the deadline, or to the end of the last urgent opening (08:00-21:00)
    // before it when the deadline falls at night.
    ['complaint', 'complaint-resolution', `2026-05-15T21:30:00${Z}`, `2026-05-16T08:00:00${Z}`, `2026-05-16T21:00:00${Z}`],
    ['inquiry', 'inquiry-answer', `2026-05-15T12:00:00${Z}`, `2026-05-15T12:00:00${Z}`, `2026-05-16T12:00:00${Z}`],
  ])('answers a %s with high urgency within 24 hours', async (type, purpose, reportedAt, start, end) => {
    const plan = await planOf(input({ purchase: { purchasedAt: `2026-05-15T10:00:00${Z}`, incidents: [{ type: type as 'complaint', reportedAt }] } }));
    expect(plan.touchpoints[0]).toMatchObject({ kind: 'escalation', channel: 'phone', urgency: 'high', purpose, due: reportedAt, window: { start, end } });
  });
});

describe('SPEC §5: channels', () => {
  it('turns routine calls into WeChat for do-not-call customers who consented', async () => {
    // Loyal, do-not-call, wechat: +P3D Sun 03-08 10:20 → message hours → at once, 10:20-20:00.
    const plan = await planOf(input({ customer: { ...loyal, contact: { phone: '1', doNotCall: true, wechat: true } } }));
    expect(plan.touchpoints.map((t) => [t.channel, t.window.start, t.ruleIds])).toEqual([
      ['wechat', `2026-03-08T10:20:00${Z}`, ['cadence.loyal-3-2-3', 'channel.do-not-call', 'window.message']],
      ['wechat', `2026-03-19T10:20:00${Z}`, ['cadence.loyal-3-2-3', 'channel.do-not-call', 'window.message']],
      // +P1M Sun 04-05 10:20 is 清明; 04-06 too → Tue 04-07 09:00.
      ['wechat', `2026-04-07T09:00:00${Z}`, ['cadence.loyal-3-2-3', 'channel.do-not-call', 'holiday.cn-public-holidays', 'window.message']],
    ]);
  });

  it('visits chronic customers with no phone number at home, in call hours', async () => {
    const plan = await planOf(
      input({
        customer: { ...regular, contact: {} },
        purchase: { purchasedAt: `2026-07-06T09:00:00${Z}` },
        courses: [{ drugCode: 'D', unitsPerPack: 30, dosePerDay: 1, chronic: true }],
      }),
    );
    expect(plan.touchpoints.map((t) => [t.channel, t.purpose, t.window.start])).toEqual([
      ['home-visit', 'care-call+medication-check', `2026-07-14T15:00:00${Z}`],
      // supply 30 days → ends Wed 08-05 09:00 → refill due Sat 08-01 09:00 in [Fri 07-31 09:00, Sun 08-02 09:00]:
      // no preferred slot → fallback Fri 07-31 09:30.
      ['home-visit', 'refill-reminder', `2026-07-31T09:30:00${Z}`],
    ]);
    expect(plan.touchpoints[1]?.ruleIds).toContain('channel.no-phone-home-visit');
  });

  it('messages other customers with no phone number where they consented, else drops the call', async () => {
    const sms = await planOf(input({ customer: { contact: { sms: true } }, purchase: { purchasedAt: `2026-06-01T09:00:00${Z}` } }));
    expect(sms.touchpoints.map((t) => [t.channel, t.window.start, t.ruleIds])).toEqual([
      ['sms', `2026-06-08T09:00:00${Z}`, ['cadence.regular-7d', 'channel.no-phone-message', 'window.message']],
    ]);
    const none = await planOf(input({ customer: { contact: {} }, purchase: { purchasedAt: `2026-06-01T09:00:00${Z}` } }));
    expect(none.touchpoints).toEqual([]);
    expect(none.suppressed.map((s) => [s.reason, s.ruleIds])).toEqual([
      ['no phone number on file; none of wechat, sms may be used (rule channel.no-phone-message)', ['channel.no-phone-message']],
    ]);
  });
});

describe('SPEC §5: horizon and asOf', () => {
  it('plans nothing before asOf and nothing past the 120-day horizon', async () => {
    // Chronic, 200 days of supply: runs out Mon 09-21 10:20 (26 + 30 + 31 + 30 + 31 + 31 + 21 days), refill due
    // Thu 09-17 10:20, past the horizon (Thu 03-05 10:20 + 120 days = Fri 07-03 10:20).
    const plan = await planOf(
      input({
        customer: loyal,
        courses: [{ drugCode: 'D', unitsPerPack: 200, dosePerDay: 1, chronic: true }],
        asOf: `2026-03-16T00:00:00${Z}`,
      }),
    );
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.reason])).toEqual([
      ['refill-reminder', 'due Thu 09-17 10:20 is beyond the horizon (120 days after the purchase, ends Fri 07-03 10:20)'],
    ]);
    // The loyal +P3D call (due Sun 03-08 10:20, tolerance to Sun 03-15 10:20) and the care call (due Thu 03-12,
    // tolerance to Sun 03-15) ended before asOf, so the window they share does too (no merge ahead of placement);
    // their overflow policies (up to 14 and 7 days later) still reach it. The care call (priority 15) goes first:
    // the first allowed slot from Mon 03-16 00:00 is that day's fallback 09:30 (a preferred Tuesday is a day later);
    // the loyal call lands on the same day and merges into it (one routine contact a day). +P14D Thu 03-19 15:00 (3 days later, 3 calls in 7 days at most). +P1M Sun 04-05 → Tue 04-07 (清明),
    // where the monthly care call (200 days of supply; priority 15, placed first) due the same moment is: merged.
    // Monthly care +P2M Tue 05-05 (劳动节) → Wed 05-06 15:00; +P3M Fri 06-05 10:20, inside Friday's fallback hours
    // (the next preferred slot, Tue 06-09, is four days later: more than the one-day slack, so on time comes first)
    // → Fri 06-05 10:20; +P4M Sun 07-05 is past the horizon (Fri 07-03 10:20), so never made.
    expect(plan.touchpoints.map((t) => [t.window.start, t.purpose])).toEqual([
      [`2026-03-16T09:30:00${Z}`, 'care-call+medication-check'],
      [`2026-03-19T15:00:00${Z}`, 'medication-check'],
      [`2026-04-07T15:00:00${Z}`, 'care-call+medication-check'],
      [`2026-05-06T15:00:00${Z}`, 'care-call'],
      [`2026-06-05T10:20:00${Z}`, 'care-call'],
    ]);
    expect(plan.touchpoints[0]?.reasons.slice(0, 4)).toEqual([
      'due Thu 03-12 10:20: 7 days after purchase (rule cadence.chronic-care)',
      'its tolerance (3 days after due) ended Sun 03-15 10:20, before asOf Mon 03-16 00:00',
      'moved later, by its overflow policy: up to 7 days later (rule cadence.chronic-care)',
      'moved from Thu 03-12 10:20 to Mon 03-16 09:30: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
    expect(plan.touchpoints[0]?.reasons.slice(5, 9)).toEqual([
      '  medication check: due Sun 03-08 10:20: 3 days after purchase (rule cadence.loyal-3-2-3)',
      '  medication check: its tolerance (7 days after due) ended Sun 03-15 10:20, before asOf Mon 03-16 00:00',
      '  medication check: moved later, by its overflow policy: up to 14 days later (rule cadence.loyal-3-2-3)',
      '  medication check: moved from Sun 03-08 10:20 to Mon 03-16 09:30: fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    ]);
    // Both dues kept: the merged contact's is the earlier.
    expect(plan.touchpoints[0]?.due).toBe(`2026-03-08T10:20:00${Z}`);
  });
});
