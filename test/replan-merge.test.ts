/**
 * How a replan's passes become one plan (src/plan/replan-merge.ts): what the ERP has already is not said again, the
 * plan's header is the latest pass's, what an outcome holds back is cancelled by id and held with why. Worked out by
 * hand from the default rules: a regular customer's medication check 7 days after purchase in the preferred window
 * (TUE-THU 15:00-18:00); a chronic drug's monthly care calls and its refill reminder; a customer who stopped taking a
 * drug gets no more checks or refill reminders for it (停药的顾客不再提醒续药); a customer who asked not to be called
 * gets no routine call, and no message without consent.
 */
import { describe, expect, it } from 'vitest';
import type { FollowUpPlan, PlanInput } from '../src/index.js';
import { planner } from './golden-helpers.js';
import { applyPlan as apply, sale } from './helpers.js';

const Z = '+08:00';
type Contact = NonNullable<NonNullable<PlanInput['history']>['contacts']>[number];

const customer = {
  id: 'C',
  membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` },
  contact: { phone: '13800001001' },
};
/** Bought Mon 03-02 at store A: a 6-day course; its check is Tue 03-10 15:00-18:00 (7 days on, the preferred window). */
const lora = sale('P1', `2026-03-02T10:00:00${Z}`, 'LORA-10', { name: '氯雷他定片', purchase: { storeId: 'A' } });
/** Bought Wed 03-04 at store B: a chronic drug, 90 days. */
const metf = sale('P3', `2026-03-04T10:00:00${Z}`, 'METF', {
  quantity: 3,
  name: '二甲双胍片',
  purchase: { storeId: 'B' },
});

const ids = (plan: FollowUpPlan): string[] => plan.touchpoints.map((t) => t.id);

describe('replan: the passes merged into one plan', () => {
  it('an open contact stored as planned is not said again; stored otherwise in any one field, it is planned again', async () => {
    const p1 = await planner.plan({ customer, ...lora });
    const check = p1.touchpoints[0]!;
    expect([check.purpose, check.channel, check.window.start]).toEqual([
      'medication-check',
      'phone',
      `2026-03-10T15:00:00${Z}`,
    ]);
    const stored = apply([], p1);
    const replan = (contacts: Contact[]) =>
      planner.replan({ customer, history: { purchases: [lora], contacts }, asOf: `2026-03-02T12:00:00${Z}` });
    const same = await replan(stored);
    expect([same.touchpoints, same.supersedes, same.suppressed]).toEqual([[], [], []]);
    // The ERP holds the check with one field not as the plan has it: the replan says the check again, as planned.
    const changes: [string, Partial<Contact>][] = [
      ['kind', { kind: 'refill' }],
      ['channel', { channel: 'sms' }],
      ['urgency', { urgency: 'high' }],
      ['purpose', { purpose: 'care-call' }],
      ['ruleIds', { ruleIds: ['cadence.regular-7d'] }],
      ['window start', { window: { start: `2026-03-10T15:01:00${Z}`, end: check.window.end } }],
      ['window end', { window: { start: check.window.start, end: `2026-03-10T17:59:00${Z}` } }],
    ];
    for (const [field, change] of changes) {
      const plan = await replan(stored.map((c) => ({ ...c, ...change })));
      expect(ids(plan), field).toEqual([check.id]);
      const again = plan.touchpoints[0]!;
      expect([again.kind, again.channel, again.urgency, again.purpose, again.ruleIds, again.window], field).toEqual([
        check.kind,
        check.channel,
        check.urgency,
        check.purpose,
        check.ruleIds,
        check.window,
      ]);
      expect(again.purchaseId, field).toBeUndefined();
    }
  });

  it("the header is the latest pass's: its purchase, store, asOf, zone and policy; the drug names of every pass, by code", async () => {
    const p1 = await planner.plan({ customer, ...lora });
    const p3 = await planner.plan({ customer, ...metf, history: { purchases: [lora], contacts: apply([], p1) } });
    const contacts = apply(apply([], p1), p3);
    // A later purchase with no contact stored for it (nor its drug in another's) is not planned again: P3's pass
    // stays the latest.
    const later = sale('P4', `2026-03-06T10:00:00${Z}`, 'AMOX', { purchase: { storeId: 'C' } });
    const plan = await planner.replan({
      customer,
      history: { purchases: [later, lora, metf], contacts },
      asOf: `2026-03-12T18:00:00${Z}`,
    });
    expect(plan.customerId).toBe('C');
    expect(plan.purchaseId).toBe('P3');
    expect(plan.storeId).toBe('B');
    expect(plan.asOf).toBe(`2026-03-12T18:00:00${Z}`);
    expect(plan.timeZone).toBe('Asia/Shanghai');
    expect(plan.ruleSet).toEqual(p3.ruleSet);
    expect(plan.policy).toEqual(p3.policy);
    expect(plan.policy.ruleIds).toContain('cap.one-per-day');
    expect(plan.display).toEqual({
      phone: '13800001001',
      drugNames: [
        { drugCode: 'LORA-10', name: '氯雷他定片' },
        { drugCode: 'METF', name: '二甲双胍片' },
      ],
    });
  });

  it('what an outcome holds back is cancelled, by id, and held with why, by due', async () => {
    // P3's plan merges P1's check into its first care call (Wed 03-11 15:00, P1's id) and plans care calls Tue 04-07
    // and Wed 05-06 and a refill reminder Thu 05-28. The first call is done: the customer stopped taking METF.
    const p1 = await planner.plan({ customer, ...lora });
    const p3 = await planner.plan({ customer, ...metf, history: { purchases: [lora], contacts: apply([], p1) } });
    expect(p3.touchpoints.map((t) => [t.purpose, t.window.start.slice(0, 10)])).toEqual([
      ['care-call+medication-check', '2026-03-11'],
      ['care-call', '2026-04-07'],
      ['care-call', '2026-05-06'],
      ['refill-reminder', '2026-05-28'],
    ]);
    const [first, ...rest] = p3.touchpoints;
    const contacts = apply(apply([], p1), p3).map((c) =>
      c.id === first!.id
        ? { ...c, status: 'done' as const, at: c.window.start, outcome: { stoppedMedication: true } }
        : c,
    );
    const plan = await planner.replan({
      customer,
      history: { purchases: [lora, metf], contacts },
      asOf: `2026-03-12T18:00:00${Z}`,
    });
    expect(plan.touchpoints).toEqual([]);
    const byId = rest.map((t) => t.id).sort((a, b) => (a < b ? -1 : 1));
    expect(plan.supersedes.map((s) => s.id)).toEqual(byId);
    expect(plan.suppressed.map((s) => s.candidate.id)).toEqual(rest.map((t) => t.id));
    for (const s of plan.suppressed) expect(s.reason).toMatch(/^held: the customer stopped taking METF/);
  });

  it('no pass (every horizon over): the latest purchase, the asOf given, no policy, nothing planned', async () => {
    const p1 = await planner.plan({ customer, ...lora });
    const p3 = await planner.plan({ customer, ...metf, history: { purchases: [lora], contacts: apply([], p1) } });
    const plan = await planner.replan({
      customer,
      history: { purchases: [metf, lora], contacts: apply(apply([], p1), p3) },
      asOf: `2027-06-12T18:00:00${Z}`,
    });
    expect(plan).toMatchObject({
      customerId: 'C',
      purchaseId: 'P3',
      storeId: 'B',
      asOf: `2027-06-12T18:00:00${Z}`,
      timeZone: 'Asia/Shanghai',
      ruleSet: p3.ruleSet,
      policy: { ruleIds: [] },
      touchpoints: [],
      suppressed: [],
      supersedes: [],
      warnings: [],
    });
    expect('display' in plan).toBe(false);
  });

  it('a routine contact suppressed again (never stored) is not news; a suppression of an open contact is', async () => {
    // No calls (doNotCall) and no message consent: the check is suppressed; the complaint's call is made (urgent).
    const dnc = { ...customer, contact: { phone: '13800001001', doNotCall: true } };
    const complaint = { type: 'complaint' as const, reportedAt: `2026-03-02T12:00:00${Z}` };
    const bought = { ...lora, purchase: { ...lora.purchase, incidents: [complaint] } };
    const plan = await planner.plan({ customer: dnc, ...bought, asOf: complaint.reportedAt });
    expect(plan.touchpoints.map((t) => t.kind)).toEqual(['escalation']);
    expect(plan.suppressed.map((s) => s.ruleIds)).toEqual([['channel.do-not-call']]);
    const replan = await planner.replan({
      customer: dnc,
      history: { purchases: [bought], contacts: apply([], plan) },
      asOf: `2026-03-02T13:00:00${Z}`,
    });
    expect(replan.suppressed).toEqual([]);
  });

  it("a pass's warnings are the plan's; no store named, none in the plan", async () => {
    // Bought Tue 12-01 (no store): the plan runs 120 days, to 2027-03-31, past the holiday calendar's published
    // dates (to 2026-12-31): it keeps 2027's statutory 元旦 (01-01) and 春节 (02-05 – 02-08) provisionally, and says so.
    const december = sale('P5', `2026-12-01T10:00:00${Z}`, 'METF', { quantity: 3 });
    const plan = await planner.plan({ customer, ...december });
    const replan = await planner.replan({
      customer,
      history: { purchases: [december], contacts: apply([], plan) },
      asOf: `2026-12-05T10:00:00${Z}`,
    });
    expect(replan.touchpoints).toEqual([]);
    expect(replan.warningExplanations).toEqual([
      {
        code: 'warning.calendar-provisional',
        params: {
          calendar: 'cn-public-holidays',
          through: '2026-12-31',
          last: '2027-03-31',
          holidays: '元旦 2027-01-01/2027-01-01,春节 2027-02-05/2027-02-08',
        },
      },
    ]);
    expect(replan.warnings).toEqual(plan.warnings);
    expect('storeId' in replan).toBe(false);
  });

  it("a purchase whose check went into an earlier purchase's call is planned again when that call is cancelled", async () => {
    // P1 (METF, Tue 03-03): the care call and check Tue 03-10 15:00, a care call Fri 04-03 10:00, … P2 (AMOX, Wed
    // 03-25): its check, due Wed 04-01, joins P1's call of Fri 04-03 (near-duplicates), which now lists AMOX; P2 has
    // no contact of its own. The 03-10 call's outcome, entered on 03-26: the customer stopped METF. The replan: P1's
    // pass holds its METF calls and cancels them, the 04-03 call with them; P2, planned again because that call
    // listed its drug, finds it cancelled: its check goes alone, on its own day, Wed 04-01 15:00.
    const metfP1 = sale('P1', `2026-03-03T10:00:00${Z}`, 'METF', {
      quantity: 3,
      name: '二甲双胍片',
      purchase: { storeId: 'B' },
    });
    const amox = sale('P2', `2026-03-25T10:00:00${Z}`, 'AMOX');
    const p1 = await planner.plan({ customer, ...metfP1 });
    const [first, april] = p1.touchpoints;
    expect(april?.window.start).toBe(`2026-04-03T10:00:00${Z}`);
    const made = apply([], p1).map((c) =>
      c.id === first!.id ? { ...c, status: 'done' as const, at: c.window.start } : c,
    );
    const p2 = await planner.plan({ customer, ...amox, history: { purchases: [metfP1], contacts: made } });
    expect(p2.touchpoints.map((t) => [t.id, t.purpose, t.drugCodes])).toEqual([
      [april!.id, 'care-call+medication-check', ['AMOX', 'METF']],
    ]);
    const contacts = apply(made, p2).map((c) =>
      c.id === first!.id ? { ...c, outcome: { stoppedMedication: true } } : c,
    );
    const plan = await planner.replan({
      customer,
      history: { purchases: [metfP1, amox], contacts },
      asOf: `2026-03-26T12:00:00${Z}`,
    });
    expect(plan.touchpoints.map((t) => [t.purpose, t.drugCodes, t.window.start, t.purchaseId])).toEqual([
      ['medication-check', ['AMOX'], `2026-04-01T15:00:00${Z}`, undefined],
    ]);
    expect(plan.supersedes.map((s) => s.id)).toContain(april!.id);
  });
});
