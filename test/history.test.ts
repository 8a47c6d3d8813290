/**
 * Customer history (issue 19, SPEC §8.2): earlier purchases and what became of earlier contacts. Plans worked out by
 * hand from the default rules; windows in the customer's time: preferred TUE-THU 15:00-18:00, fallback MON-SAT
 * 09:30-11:30 and 14:30-18:00.
 */
import { describe, expect, it } from 'vitest';
import { InputError, type FollowUpPlan, type PlanInput } from '../src/index.js';
import { checkPlanInvariants } from '../src/testing/index.js';
import { planner } from './golden-helpers.js';
import { contactRecord, sale } from './helpers.js';
import { retryTouchpointId, touchpointId } from '../src/plan/ids.js';

const Z = '+08:00';
type Contact = NonNullable<NonNullable<PlanInput['history']>['contacts']>[number];
type Earlier = NonNullable<NonNullable<PlanInput['history']>['purchases']>[number];

const loyal = {
  id: 'C',
  membership: { tier: 'loyal' as const, registeredAt: `2019-05-20T10:00:00${Z}` },
  contact: { phone: '138' },
};
const regular = {
  id: 'C',
  membership: { tier: 'regular' as const, registeredAt: `2021-02-10T15:00:00${Z}` },
  contact: { phone: '138' },
};
const amox = (id: string, at: string): Earlier => sale(id, at, 'AMOX');
const metformin = (id: string, at: string): Earlier => sale(id, at, 'METF');
/** A plan's touchpoints as history contacts, `planned`. */
const asContacts = (plan: FollowUpPlan): Contact[] =>
  plan.touchpoints.map((t) => ({ ...t, purchaseId: plan.purchaseId, status: 'planned' as const }));
const starts = (plan: FollowUpPlan) => plan.touchpoints.map((t) => [t.purpose, t.window.start]);

async function planOf(input: PlanInput): Promise<FollowUpPlan> {
  const plan = await planner.plan(input);
  expect(checkPlanInvariants(plan, input, planner.ruleSet)).toEqual([]);
  return plan;
}

describe('a plan with history: open contacts, supersedes and caps across purchases', () => {
  it('a loyal customer buying three times in five days gets one 3+2+3 series, not three', async () => {
    // Each purchase restarts the loyal series (cadence.loyal-3-2-3, onRepeat restart): its plan supersedes the open
    // contacts of the earlier one, which the ERP cancels. P3, Fri 03-06 10:00: +P3D Mon 03-09 → Tue 03-10 15:00
    // (Mon 10:00 fallback is the earliest; Tuesday's preferred hours are one day later, within the slack);
    // +P14D Fri 03-20 10:00, inside Friday's fallback hours (09:30-11:30): the next preferred slot, Tue 03-24, is
    // four days later, more than the one day's slack — on time comes first (seed 000, '3+2+3') → Fri 03-20 10:00;
    // +P1M Mon 04-06 (清明 04-04 to 04-06) → Tue 04-07 15:00.
    let contacts: Contact[] = [];
    const purchases: Earlier[] = [];
    const plans: FollowUpPlan[] = [];
    for (const [id, at] of [
      ['P1', `2026-03-02T10:00:00${Z}`],
      ['P2', `2026-03-04T10:00:00${Z}`],
      ['P3', `2026-03-06T10:00:00${Z}`],
    ] as const) {
      const bought = amox(id, at);
      const plan = await planOf({
        customer: loyal,
        ...bought,
        history: { purchases: [...purchases], contacts: [...contacts] },
      });
      const cancelled = new Set(plan.supersedes.map((s) => s.id));
      contacts = [
        ...contacts.map((c) => (cancelled.has(c.id) ? { ...c, status: 'cancelled' as const } : c)),
        ...asContacts(plan),
      ];
      purchases.push(bought);
      plans.push(plan);
    }
    // Every superseded id was a planned contact of the purchase before.
    expect(plans[1]?.supersedes.map((s) => s.id).sort()).toEqual(plans[0]?.touchpoints.map((t) => t.id).sort());
    expect(plans[2]?.supersedes.map((s) => s.id).sort()).toEqual(plans[1]?.touchpoints.map((t) => t.id).sort());
    expect(plans[2]?.supersedes[0]?.reason).toBe(
      'superseded: purchase P3 plans cadence.loyal-3-2-3 afresh for AMOX (it restarts on a new purchase)',
    );
    const open = contacts.filter((c) => c.status === 'planned').map((c) => [c.purchaseId, c.window.start]);
    expect(open).toEqual([
      ['P3', `2026-03-10T15:00:00${Z}`],
      ['P3', `2026-03-20T10:00:00${Z}`],
      ['P3', `2026-04-07T15:00:00${Z}`],
    ]);
  });

  it('contacts kept from an earlier purchase and new ones together merge where they are near and keep the caps', async () => {
    // P1 Mon 07-06 09:00, metformin, loyal: the loyal check +P3D Thu 07-09 15:00, the care call +P7D Mon 07-13 →
    // Tue 07-14 15:00 (4 days apart: no merge), +P14D Mon 07-20 → Tue 07-21 15:00, the refill reminder Fri 07-31
    // 09:30, +P1M Thu 08-06 → 15:00; all left open. P2 Fri 07-10 10:00, another drug (issue 34 item 5: near-duplicates
    // merge across purchases, seed 001 — calls too close together harass):
    // - +P3D Mon 07-13 10:00, within 7 days (first slot Tue 07-14 15:00, preferred, a day after Monday's fallback), and
    //   P1's care call (Mon 07-13 09:00 to Thu 07-16 09:00, first slot Tue 07-14 15:00) share [Mon 07-13 10:00, Thu
    //   07-16 09:00] → P1's care call re-issued, Tue 07-14 15:00, with the check in it (was kept off that day: Thu 07-16).
    // - +P14D Fri 07-24 10:00 (first slot then: Tuesday's preferred hours are 4 days later) and P1's +P14D (Mon 07-20
    //   09:00 to Mon 07-27 09:00, first slot Tue 07-21 15:00, so at most Fri 07-24 15:00) share Fri 07-24 10:00-15:00
    //   → Fri 07-24 10:00 (fallback; one rule, two drugs): P1's check moved 3 days later.
    // - +P1M Mon 08-10 10:00 is more than 3 days after P1's first slot (Thu 08-06 15:00) → its own, Tue 08-11 15:00.
    const p1 = await planOf({ customer: loyal, ...metformin('P1', `2026-07-06T09:00:00${Z}`) });
    expect(starts(p1)).toEqual([
      ['medication-check', `2026-07-09T15:00:00${Z}`],
      ['care-call', `2026-07-14T15:00:00${Z}`],
      ['medication-check', `2026-07-21T15:00:00${Z}`],
      ['refill-reminder', `2026-07-31T09:30:00${Z}`],
      ['medication-check', `2026-08-06T15:00:00${Z}`],
    ]);
    const p2 = await planOf({
      customer: loyal,
      ...amox('P2', `2026-07-10T10:00:00${Z}`),
      history: { purchases: [metformin('P1', `2026-07-06T09:00:00${Z}`)], contacts: asContacts(p1) },
    });
    expect(starts(p2)).toEqual([
      ['care-call+medication-check', `2026-07-14T15:00:00${Z}`],
      ['medication-check', `2026-07-24T10:00:00${Z}`],
      ['medication-check', `2026-08-11T15:00:00${Z}`],
    ]);
    expect(p2.touchpoints.map((t) => [t.id, t.purchaseId, t.drugCodes])).toEqual([
      [p1.touchpoints[1]?.id, 'P1', ['AMOX', 'METF']],
      [p1.touchpoints[2]?.id, 'P1', ['AMOX', 'METF']],
      [expect.stringMatching(/^tp_/), undefined, ['AMOX']],
    ]);
    // P2 restarts the loyal series for AMOX only: P1's contacts, for METF, stay (two of them re-issued).
    expect(p2.supersedes).toEqual([]);
  });

  it('a chronic re-purchase extends the supply: the refill reminder follows the new run-out, the care call does not restart', async () => {
    // P1 Mon 07-06 09:00, 30 days → runs out Wed 08-05 09:00; its refill reminder (Fri 07-31 09:30) is open.
    // P2 Tue 07-28 10:00, 30 more: 8 days still in hand (07-28 to 08-05) → runs out Fri 09-04 09:00 → refill due
    // Mon 08-31 09:00, placed from Sun 08-30 09:00 to Tue 09-01 09:00 → fallback Mon 08-31 09:30; P1's reminder is
    // superseded. The care call (onRepeat keep) is not planned again; the regular check +P7D Tue 08-04 → 15:00.
    const p1 = await planOf({ customer: regular, ...metformin('P1', `2026-07-06T09:00:00${Z}`) });
    const refill1 = p1.touchpoints.find((t) => t.kind === 'refill');
    expect(refill1?.window.start).toBe(`2026-07-31T09:30:00${Z}`);
    const contacts = asContacts(p1).map((c, i) =>
      i === 0 ? { ...c, status: 'done' as const, at: `2026-07-14T15:10:00${Z}` } : c,
    );
    const input: PlanInput = {
      customer: regular,
      ...metformin('P2', `2026-07-28T10:00:00${Z}`),
      history: { purchases: [metformin('P1', `2026-07-06T09:00:00${Z}`)], contacts },
    };
    const p2 = await planOf(input);
    expect(starts(p2)).toEqual([
      ['medication-check', `2026-08-04T15:00:00${Z}`],
      ['refill-reminder', `2026-08-31T09:30:00${Z}`],
    ]);
    expect(p2.touchpoints[1]?.reasons[0]).toBe(
      'due Mon 08-31 09:00: 4 days before supply end (30 days, after 8 days still in hand from an earlier purchase) (rule cadence.chronic-refill)',
    );
    expect(p2.supersedes).toEqual([
      {
        id: refill1?.id,
        reason: 'superseded: purchase P2 plans cadence.chronic-refill afresh for METF (it restarts on a new purchase)',
        explanations: [
          { code: 'superseded.restart', params: { purchase: 'P2', rule: 'cadence.chronic-refill', drugs: 'METF' } },
        ],
        ruleIds: ['cadence.chronic-refill'],
      },
    ]);
    // Re-planning the same purchase later with the same history (and its own plan in it) gives the same ids and
    // supersedes nothing of its own.
    const again = await planOf({
      ...input,
      asOf: `2026-07-29T08:00:00${Z}`,
      history: { ...input.history, contacts: [...contacts, ...asContacts(p2)] },
    });
    expect(again.touchpoints.map((t) => t.id)).toEqual(p2.touchpoints.map((t) => t.id));
    expect(again.supersedes.map((s) => s.id)).toEqual([refill1?.id]);
  });

  it("a new member's series is planned once per customer, with ids that do not depend on the purchase", async () => {
    // Registered Mon 03-02 10:00, first purchase 10:30: first-week call due Tue 03-03 10:00 → 15:00; +P1M Thu 04-02
    // → 15:00; +P2M Sat 05-02 (劳动节 05-01 to 05-05) → Wed 05-06 15:00. Each purchase has its own medication check
    // too (issue 34 item 4): P1's due Mon 03-09 10:30 → Tue 03-10 15:00 (the first-week call could go no later than
    // Fri 03-06 15:00, three days past its first slot: they do not meet). A second purchase, Mon 03-09 10:00, plans
    // none of the series again, only its own check: due Mon 03-16 10:00 → Tue 03-17 15:00, in place of P1's.
    const member = {
      id: 'C',
      membership: { tier: 'new' as const, registeredAt: `2026-03-02T10:00:00${Z}` },
      contact: { phone: '138' },
    };
    const first = amox('P1', `2026-03-02T10:30:00${Z}`);
    const p1 = await planOf({ customer: member, ...first });
    expect(starts(p1)).toEqual([
      ['member-thematic-visit', `2026-03-03T15:00:00${Z}`],
      ['medication-check', `2026-03-10T15:00:00${Z}`],
      ['member-thematic-visit', `2026-04-02T15:00:00${Z}`],
      ['member-thematic-visit', `2026-05-06T15:00:00${Z}`],
    ]);
    const p2 = await planOf({
      customer: member,
      ...amox('P2', `2026-03-09T10:00:00${Z}`),
      history: { purchases: [first], contacts: asContacts(p1) },
    });
    expect(starts(p2)).toEqual([['medication-check', `2026-03-17T15:00:00${Z}`]]);
    // The check restarts on the new purchase of the same drug, as a regular member's does: P1's is superseded.
    expect(p2.supersedes.map((x) => [x.id, x.ruleIds])).toEqual([[p1.touchpoints[1]?.id, ['cadence.regular-7d']]]);
    // The same series planned from another purchase has the same ids.
    const series = (plan: FollowUpPlan): string[] =>
      plan.touchpoints.filter((t) => t.purpose === 'member-thematic-visit').map((t) => t.id);
    const alone = await planOf({ customer: member, ...amox('P9', `2026-03-02T10:30:00${Z}`) });
    expect(series(alone)).toEqual(series(p1));
    expect(series(alone)).toHaveLength(3);
  });
});

describe('which earlier contacts the caps count', () => {
  // P1: a regular customer's check, due Mon 03-09 (7 days after Mon 03-02), placed Tue 03-10 15:00 (preferred
  // TUE-THU). A call made Mon 03-09 16:00 (for P0) is within two days of it: routine calls keep two days apart
  // (cap.call-gap, P2D), so the check goes to Wed 03-11 15:00. Urgent calls are not routine calls: none is counted.
  const made = (kind: 'follow-up' | 'escalation', urgency: 'routine' | 'high', purpose: string, rule: string) =>
    contactRecord({
      id: 'tp_made',
      purchaseId: 'P0',
      kind,
      urgency,
      purpose,
      due: `2026-03-09T16:00:00${Z}`,
      window: { start: `2026-03-09T16:00:00${Z}`, end: `2026-03-09T17:00:00${Z}` },
      ruleIds: [rule],
      status: 'done',
      at: `2026-03-09T16:00:00${Z}`,
    });
  const checkAfter = async (contact: Contact) =>
    starts(
      await planOf({
        customer: regular,
        ...sale('P1', `2026-03-02T10:00:00${Z}`, 'LORA-10'),
        asOf: `2026-03-09T18:00:00${Z}`,
        history: { purchases: [amox('P0', `2026-02-20T10:00:00${Z}`)], contacts: [contact] },
      }),
    );

  it('a routine call made the day before keeps the check two days off', async () => {
    expect(await checkAfter(made('follow-up', 'routine', 'medication-check', 'cadence.regular-7d'))).toEqual([
      ['medication-check', `2026-03-11T15:00:00${Z}`],
    ]);
  });

  it('an escalation call made the day before does not, nor an urgent follow-up', async () => {
    const today = [['medication-check', `2026-03-10T15:00:00${Z}`]];
    expect(await checkAfter(made('escalation', 'high', 'complaint-resolution', 'escalation.complaint'))).toEqual(today);
    expect(await checkAfter(made('follow-up', 'high', 'medication-check', 'cadence.regular-7d'))).toEqual(today);
  });
});

describe('an escalation made is not called again; one not reached is, until reached', () => {
  // A complaint reported Tue 03-03 10:00 is called about at once (urgent hours); planned again at 12:00 with what
  // became of the call. A wrong drug reported at the same moment shares the call (purposes joined with '+').
  const lora = (incidents: NonNullable<PlanInput['purchase']['incidents']>) =>
    sale('P1', `2026-03-02T10:00:00${Z}`, 'LORA-10', { purchase: { incidents } });
  const reported = `2026-03-03T10:00:00${Z}`;
  const complaint = { type: 'complaint' as const, reportedAt: reported };
  const wrongDrug = { type: 'wrong-drug' as const, reportedAt: reported };
  const after = async (bought: Omit<PlanInput, 'customer'>, status: 'done' | 'not-reached') => {
    const first = await planOf({ customer: regular, ...bought, asOf: reported });
    const contacts = asContacts(first).map((c) => (c.kind === 'escalation' ? { ...c, status, at: c.window.start } : c));
    const again = await planOf({
      customer: regular,
      ...bought,
      asOf: `2026-03-03T12:00:00${Z}`,
      history: { contacts },
    });
    const escalations = (plan: FollowUpPlan) =>
      plan.touchpoints.filter((t) => t.kind === 'escalation').map((t) => [t.id, t.purpose, t.window.start]);
    return { first: escalations(first), again: escalations(again) };
  };

  it('one incident: not reached, called again at 12:00 (same id); made, not again', async () => {
    const notReached = await after(lora([complaint]), 'not-reached');
    expect(notReached.first).toEqual([[notReached.first[0]?.[0], 'complaint-resolution', reported]]);
    expect(notReached.again).toEqual([[notReached.first[0]?.[0], 'complaint-resolution', `2026-03-03T12:00:00${Z}`]]);
    expect((await after(lora([complaint]), 'done')).again).toEqual([]);
  });

  it('two incidents in one call: made, neither is called again; not reached, the call again', async () => {
    const made = await after(lora([complaint, wrongDrug]), 'done');
    expect(made.first.map(([, purpose]) => purpose)).toEqual(['complaint-resolution+wrong-drug-recall']);
    expect(made.again).toEqual([]);
    const notReached = await after(lora([complaint, wrongDrug]), 'not-reached');
    expect(notReached.again.map(([, purpose, start]) => [purpose, start])).toEqual([
      ['complaint-resolution+wrong-drug-recall', `2026-03-03T12:00:00${Z}`],
    ]);
  });
});

describe('outcomes of earlier contacts', () => {
  const p1Input: PlanInput = { customer: regular, ...metformin('P1', `2026-07-06T09:00:00${Z}`) };
  // P1 (regular, metformin, Mon 07-06 09:00) planned the care call with the regular check Tue 07-14 15:00 and the
  // refill reminder Fri 07-31 09:30; the call was made Tue 07-14 15:10, and P1 is planned again the next morning.
  const withOutcome = async (status: Contact['status'], outcome?: Contact['outcome']) => {
    const p1 = await planner.plan(p1Input);
    const contacts = asContacts(p1).map((c, i) =>
      i === 0 ? { ...c, status, at: `2026-07-14T15:10:00${Z}`, ...(outcome ? { outcome } : {}) } : c,
    );
    return { p1, plan: await planOf({ ...p1Input, asOf: `2026-07-15T08:00:00${Z}`, history: { contacts } }) };
  };

  it('stoppedMedication ends the refill reminders and checks of that drug (seed 003: 患者已停药还在回访)', async () => {
    const { p1, plan } = await withOutcome('done', { stoppedMedication: true });
    expect(plan.touchpoints).toEqual([]);
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.reason])).toContainEqual([
      'refill-reminder',
      `held: the customer stopped taking METF (contact ${p1.touchpoints[0]?.id}, Tue 07-14 15:10); no more checks or refill reminders for it`,
    ]);
    // Its open refill reminder is no longer in the plan: superseded.
    expect(plan.supersedes.map((s) => [s.id, s.reason])).toEqual([
      [p1.touchpoints[1]?.id, `superseded: re-planned, purchase P1's plan no longer holds it`],
    ]);
  });

  it('buying the drug again after stopping it brings its checks back: the stop was before this purchase', async () => {
    // Stopped Tue 07-14; bought again Mon 08-03: the new purchase's check, due Mon 08-10, goes Tue 08-11 15:00
    // (preferred TUE-THU) with the care call; the refill reminder is planned too. Nothing is held.
    const p1 = await planner.plan(p1Input);
    const contacts = asContacts(p1).map((c, i) =>
      i === 0
        ? { ...c, status: 'done' as const, at: `2026-07-14T15:10:00${Z}`, outcome: { stoppedMedication: true } }
        : c,
    );
    const again = await planOf({
      customer: regular,
      ...metformin('P2', `2026-08-03T10:00:00${Z}`),
      history: { purchases: [metformin('P1', `2026-07-06T09:00:00${Z}`)], contacts },
    });
    expect(again.touchpoints.map((t) => t.purpose)).toEqual(['care-call+medication-check', 'refill-reminder']);
    expect(again.touchpoints[0]?.window.start).toBe(`2026-08-11T15:00:00${Z}`);
    expect(again.suppressed.filter((s) => s.explanations.some((e) => e.code.startsWith('held.')))).toEqual([]);
  });

  it('a declined call pauses routine calls for 30 days', async () => {
    // Declined Tue 07-14 15:10 → calls wait until Thu 08-13 15:10. The refill reminder may start no later than Sun
    // 08-02 09:00 (its tolerance; its overflow moves it earlier, not later): dropped, with the reason.
    const { plan } = await withOutcome('declined');
    expect(plan.touchpoints).toEqual([]);
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.reason])).toContainEqual([
      'refill-reminder',
      `routine calls paused until Thu 08-13 15:10: the customer declined a call (contact ${(await planner.plan(p1Input)).touchpoints[0]?.id}); it may start no later than Sun 08-02 09:00`,
    ]);
  });

  it('a declined call moves a check that may wait to the end of the pause', async () => {
    // P2 Mon 07-20 10:00, another drug, regular: +P7D Mon 07-27 10:00, within 7 days and up to 14 more (to Mon
    // 08-17 10:00) → paused until Thu 08-13 15:10 → Thu 08-13 15:10 (preferred hours, from the pause's end).
    const p1 = await planner.plan(p1Input);
    const contacts = asContacts(p1).map((c, i) =>
      i === 0 ? { ...c, status: 'declined' as const, at: `2026-07-14T15:10:00${Z}` } : c,
    );
    const plan = await planOf({
      customer: regular,
      ...amox('P2', `2026-07-20T10:00:00${Z}`),
      history: { purchases: [metformin('P1', `2026-07-06T09:00:00${Z}`)], contacts },
    });
    expect(starts(plan)).toEqual([['medication-check', `2026-08-13T15:10:00${Z}`]]);
  });

  it('a stay in hospital holds every routine contact until a contact is made or the customer buys again', async () => {
    const { plan } = await withOutcome('done', { hospitalised: true });
    expect(plan.touchpoints).toEqual([]);
    expect(plan.suppressed[0]?.reason).toMatch(/^held: the customer has been in hospital since Tue 07-14 15:10/);
  });
});

describe('history facts', () => {
  it('counts purchases, contacts, contacts not reached in 90 days and days since the last contact', async () => {
    const { buildFacts } = await import('../src/facts/build-facts.js');
    const { parsePlanInput } = await import('../src/schema/parse-input.js');
    const p1 = await planner.plan({ customer: regular, ...metformin('P1', `2026-07-06T09:00:00${Z}`) });
    const contacts = asContacts(p1).map((c, i) =>
      i === 0
        ? { ...c, status: 'done' as const, at: `2026-07-14T15:10:00${Z}` }
        : { ...c, status: 'not-reached' as const, at: `2026-07-31T09:40:00${Z}` },
    );
    const facts = buildFacts(
      parsePlanInput({
        customer: regular,
        ...amox('P2', `2026-08-10T10:00:00${Z}`),
        history: { purchases: [metformin('P1', `2026-07-06T09:00:00${Z}`)], contacts },
      }),
      'Asia/Shanghai',
    );
    // Last contact made Tue 07-14 15:10 → asOf Mon 08-10 10:00: 26 whole days.
    expect(facts.customer.history).toEqual({
      purchases: 1,
      contacts: 2,
      notReached90Days: 1,
      daysSinceLastContact: 26,
    });
    expect(facts.lines[0]?.fact.carriedOverDays).toBe(0);
  });
});

describe('a history is validated like every input', () => {
  const problems = async (history: unknown): Promise<string[]> => {
    try {
      await planner.plan({ customer: regular, ...amox('P2', `2026-07-10T10:00:00${Z}`), history } as PlanInput);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).issues.map((i) => `${i.path}: ${i.message}`);
    }
  };
  const contact = contactRecord;

  it('refuses a record of the wrong shape', async () => {
    expect(
      await problems({
        contacts: [contact({ status: 'lost' as Contact['status'] }), contact({ id: '', window: undefined as never })],
      }),
    ).toEqual([
      'history.contacts[0].status: Invalid option: expected one of "planned"|"done"|"not-reached"|"declined"|"cancelled"',
      'history.contacts[1].id: must not be empty',
      'history.contacts[1].window: Invalid input: expected object, received undefined',
    ]);
  });

  it('names every problem across purchases and contacts with its path', async () => {
    const other = amox('P1', `2026-07-06T09:00:00${Z}`);
    expect(
      await problems({
        purchases: [
          { ...other, purchase: { ...other.purchase, customerId: 'X' } },
          amox('P1', `2026-07-06T09:00:00${Z}`),
          amox('P3', `2026-07-11T09:00:00${Z}`),
        ],
        contacts: [
          contact({}),
          contact({ purchaseId: 'P7' }),
          contact({ id: 'tp_2', status: 'done', at: `2026-07-11T09:00:00${Z}` }),
          contact({ id: 'tp_3', window: { start: `2026-07-09T18:00:00${Z}`, end: `2026-07-09T15:00:00${Z}` } }),
        ],
      }),
    ).toEqual([
      'history.purchases[0].purchase.customerId: "X" is not this customer ("C")',
      'history.purchases[1].purchase.id: "P1" is listed twice (also history.purchases[0])',
      'history.purchases[2].purchase.purchasedAt: is after purchase.purchasedAt: a history lists earlier purchases',
      'history.contacts[1].purchaseId: "P7" is neither this purchase nor one of history.purchases',
      'history.contacts[1].id: "tp_1" is listed twice (also history.contacts[0])',
      'history.contacts[2].at: is done at 2026-07-11T09:00:00+08:00, after asOf: a contact cannot have been attempted in the future',
      'history.contacts[3].window.end: must be after window.start',
    ]);
  });

  it('accepts null for an absent history and its lists', async () => {
    expect(await problems(null)).toEqual([]);
    expect(await problems({ purchases: null, contacts: null })).toEqual([]);
  });
});

describe('contacts not reached are tried again (retry.not-reached)', () => {
  // P1 (regular, metformin, Mon 07-06 09:00) planned the care call with the regular check Tue 07-14 15:00 and the
  // refill reminder Fri 07-31 09:30. The customer takes WeChat messages: a patient with a chronic medicine, greeted on
  // 中秋节, Fri 09-25 09:00 (issue 34 item 2; not in the history below, so each replan plans it, with its own id).
  const customer = { ...regular, contact: { phone: '138', wechat: true } };
  const p1Input: PlanInput = { customer, ...metformin('P1', `2026-07-06T09:00:00${Z}`) };
  const replanAfter = async (attempts: string[]) => {
    const p1 = await planner.plan(p1Input);
    const [call, refill] = asContacts(p1) as [Contact, Contact];
    const missed = attempts.map((at, i) => ({
      ...call,
      id: i === 0 ? call.id : `${call.id}-retry-${i}`,
      status: 'not-reached' as const,
      at,
    }));
    const last = attempts[attempts.length - 1] as string;
    return planOf({
      ...p1Input,
      asOf: last.replace(/T\d\d:\d\d/, 'T20:00'),
      history: { contacts: [...missed, refill] },
    });
  };

  it('the next day, within a day', async () => {
    // Not reached Tue 07-14 15:10 → retry due Wed 07-15 15:10, within 1 day (to Thu 07-16 15:10), at another time of
    // day than the afternoon it was missed in (seed 001: 开会、吃饭、开车 at the same hour): no preferred hours in the
    // morning, the fallback's morning opens Thu 07-16 09:30. The call not reached is not planned again (it is in the
    // history), the refill reminder is (its own id).
    const plan = await replanAfter([`2026-07-14T15:10:00${Z}`]);
    expect(starts(plan)).toEqual([
      ['care-call+medication-check', `2026-07-16T09:30:00${Z}`],
      ['refill-reminder', `2026-07-31T09:30:00${Z}`],
      ['festival-greeting', `2026-09-25T09:00:00${Z}`],
    ]);
    expect(plan.touchpoints[0]?.ruleIds[0]).toBe('retry.not-reached');
    expect(plan.touchpoints[0]?.reasons[0]).toMatch(
      /^due Wed 07-15 15:10: retry 1 of 2: not reached Tue 07-14 15:10 \(contact tp_\w+\) \(rule retry\.not-reached\)$/,
    );
    // A retry's id names the call it tries again, so a retry due when another contact of its purpose was due never
    // takes that one's id.
    const retry = plan.touchpoints[0] as FollowUpPlan['touchpoints'][number];
    const retried = String(retry.explanations[0]?.params['contact']);
    expect(retried).toMatch(/^tp_[0-9a-f]{16}$/);
    expect(retry.id).toBe(retryTouchpointId('P1', retry.kind, retry.purpose, retry.due, retried));
    expect(retry.id).not.toBe(touchpointId('P1', retry.kind, retry.purpose, retry.due));
    expect(plan.touchpoints[0]?.reasons).toContain(
      'at another time of day than the call not reached (Tue 07-14 15:10, in the afternoon): at the same hour people are often in the same meeting, meal or drive',
    );
    expect(plan.supersedes).toEqual([]);
  });

  it('after two retries, one message; after that, nothing', async () => {
    // Not reached Tue 07-14 15:10, Wed 07-15 15:10, Thu 07-16 16:00 → a WeChat message due Fri 07-17 16:00 (message
    // hours 09:00-20:00).
    const third = await replanAfter([`2026-07-14T15:10:00${Z}`, `2026-07-15T15:10:00${Z}`, `2026-07-16T16:00:00${Z}`]);
    expect(third.touchpoints.map((t) => [t.purpose, t.channel, t.window.start])[0]).toEqual([
      'care-call+medication-check',
      'wechat',
      `2026-07-17T16:00:00${Z}`,
    ]);
    const fourth = await replanAfter([
      `2026-07-14T15:10:00${Z}`,
      `2026-07-15T15:10:00${Z}`,
      `2026-07-16T16:00:00${Z}`,
      `2026-07-17T16:05:00${Z}`,
    ]);
    expect(starts(fourth)).toEqual([
      ['refill-reminder', `2026-07-31T09:30:00${Z}`],
      ['festival-greeting', `2026-09-25T09:00:00${Z}`],
    ]);
  });
});

describe('an adverse reaction reported on a contact escalates like an incident', () => {
  it('plans the urgent call and visit once, and holds the drug’s checks and refill reminders', async () => {
    // P1 (regular, metformin, Mon 07-06 09:00): on the care call, made Tue 07-14 15:10, the customer reports a rash.
    // Re-planned at 16:00: the default adverse-reaction rules give a critical call and a home visit from asOf
    // (in urgent hours, 08:00-21:00), and hold the refill reminder of METF while the reaction is open.
    const p1Input: PlanInput = { customer: regular, ...metformin('P1', `2026-07-06T09:00:00${Z}`) };
    const p1 = await planner.plan(p1Input);
    const [call, refill] = asContacts(p1) as [Contact, Contact];
    const reported = {
      ...call,
      status: 'done' as const,
      at: `2026-07-14T15:10:00${Z}`,
      outcome: { adverseReaction: true, note: 'rash' },
    };
    const input: PlanInput = { ...p1Input, asOf: `2026-07-14T16:00:00${Z}`, history: { contacts: [reported, refill] } };
    const plan = await planOf(input);
    expect(plan.touchpoints.map((t) => [t.purpose, t.urgency, t.window.start])).toEqual([
      ['adverse-reaction-check', 'critical', `2026-07-14T16:00:00${Z}`],
      ['adverse-reaction-visit', 'critical', `2026-07-14T16:00:00${Z}`],
    ]);
    expect(plan.suppressed.map((s) => s.candidate.purpose)).toEqual(['refill-reminder']);
    expect(plan.supersedes.map((s) => s.id)).toEqual([refill.id]);
    // Once the call is made, planning again does not plan it again (the visit, still open, stays).
    const made = plan.touchpoints.map((t, i) => ({
      ...t,
      purchaseId: 'P1',
      status: i === 0 ? ('done' as const) : ('planned' as const),
      ...(i === 0 ? { at: `2026-07-14T16:05:00${Z}` } : {}),
    }));
    const again = await planOf({
      ...input,
      asOf: `2026-07-14T16:30:00${Z}`,
      history: { contacts: [reported, refill, ...made] },
    });
    expect(again.touchpoints.map((t) => t.purpose)).toEqual(['adverse-reaction-visit']);
  });
});

describe('the retry event is validated with paths', () => {
  it('refuses a call as the last try, a retry at once, and more than 5 retries', async () => {
    const { validateRuleSet, defaultRuleSet } = await import('../src/index.js');
    const set = structuredClone(defaultRuleSet) as {
      rules: { id: string; event: { type: string; params: Record<string, unknown> } }[];
    };
    const retry = set.rules.find((r) => r.id === 'retry.not-reached') as (typeof set.rules)[number];
    const index = set.rules.indexOf(retry);
    retry.event.params = { after: 'P0D', max: 6, then: ['phone'] };
    const result = validateRuleSet(set as typeof defaultRuleSet);
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      `rules[${index}].event.params.max: Too big: expected number to be <=5`,
    ]);
    retry.event.params = { after: 'P0D', then: ['phone'] };
    const second = validateRuleSet(set as typeof defaultRuleSet);
    expect(second.ok ? [] : second.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      `rules[${index}].event.params.after: must be longer than zero`,
      `rules[${index}].event.params.then[0]: "phone" is not a message channel (sms or wechat)`,
    ]);
  });
});
