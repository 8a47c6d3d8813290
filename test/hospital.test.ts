/**
 * A stay in hospital (issue 34 item 7, SPEC §9; seed 002: 如遇特殊情況，立即回訪，登記住院時間 — register the dates of
 * the stay). An outcome records it as `true` (from the contact on, until a contact is made or a new purchase) or as
 * `{ from, until? }`; routine contacts due while it lasts are held, and a check-in call follows the discharge
 * (cadence.discharge-check-in: the day after, within 2 days). Golden plans worked out by hand from the default
 * rules: a customer without membership buys D (10 days' supply) on Thu 03-05 10:20; the medication check
 * (cadence.regular-7d, +P7D) is due Thu 03-12 10:20 and goes at 15:00, the preferred window (Tue–Thu 15:00–18:00).
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, InputError, type PlanInput } from '../src/index.js';
import { goldenInput, planOf } from './golden-helpers.js';
import { contactRecord } from './helpers.js';

const Z = '+08:00';

/** A care call of P made at 10:00 on a day of March 2026, its outcome as given. */
const careCall = (id: string, day: string, outcome?: object) =>
  contactRecord({
    id,
    purchaseId: 'P',
    purpose: 'care-call',
    due: `2026-03-${day}T10:00:00${Z}`,
    window: { start: `2026-03-${day}T10:00:00${Z}`, end: `2026-03-${day}T11:00:00${Z}` },
    status: 'done',
    at: `2026-03-${day}T10:00:00${Z}`,
    ...(outcome === undefined ? {} : { outcome: outcome as never }),
  });

/** The plan of that purchase made Mon 03-09 12:00, after a care call at 10:00 that recorded a stay. */
function withStay(hospitalised: unknown): PlanInput {
  return {
    ...goldenInput({ asOf: `2026-03-09T12:00:00${Z}` }),
    history: { contacts: [careCall('tp_x', '09', { hospitalised })] },
  };
}

const planner = createPlanner({ ruleSet: defaultRuleSet });

describe('a stay in hospital', () => {
  it('registered from Mon 03-09 to Mon 03-16: the check due Thu 03-12 is held; a check-in follows the discharge', async () => {
    // cadence.discharge-check-in: +P1D from the discharge, Tue 03-17 18:00, within 2 days (to Thu 03-19 18:00). Tuesday's
    // preferred window ends at 18:00: the first preferred slot is Wed 03-18 15:00.
    const plan = await planOf(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-16T18:00:00${Z}` }));
    expect(plan.touchpoints.map((t) => [t.purpose, t.due, t.window.start, t.reasons[0]])).toEqual([
      [
        'discharge-check-in',
        `2026-03-17T18:00:00${Z}`,
        `2026-03-18T15:00:00${Z}`,
        'due Tue 03-17 18:00: 1 day after the discharge from hospital (Mon 03-16 18:00) (rule cadence.discharge-check-in)',
      ],
    ]);
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.candidate.due, s.reason])).toEqual([
      [
        'medication-check',
        `2026-03-12T10:20:00${Z}`,
        'held: the customer is in hospital from Mon 03-09 08:00 until Mon 03-16 18:00 (contact tp_x); routine contacts due in that time are not made',
      ],
    ]);
    // Held by the history, not by a rule: the rule that asked for the check is the one named.
    expect(plan.suppressed.map((s) => s.ruleIds)).toEqual([['cadence.regular-7d']]);
  });

  it('registered until Wed 03-11 18:00: the check due after it goes, one call with the check-in, Fri 03-13 09:30', async () => {
    // Check-in due Thu 03-12 18:00 (to Sat 03-14 18:00); the check due Thu 03-12 10:20 (7 days after): windows that
    // meet within 3 days are one call. No preferred slot after Thursday 18:00 in reach; the fallback hours open Fri
    // 03-13 09:30.
    const plan = await planOf(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-11T18:00:00${Z}` }));
    expect(plan.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['discharge-check-in+medication-check', `2026-03-13T09:30:00${Z}`],
    ]);
    expect(plan.suppressed).toEqual([]);
  });

  it('an open stay ends with the next contact made (Fri 03-20 10:00): the check-in is due the day after', async () => {
    // Due Sat 03-21 10:00, within 2 days; calls stay 2 days apart from Friday's (cap.call-gap) and Sunday has no call
    // window: Mon 03-23 09:30.
    const back = careCall('tp_y', '20');
    const input = withStay(true);
    const plan = await planOf({
      ...input,
      asOf: `2026-03-20T12:00:00${Z}`,
      history: { contacts: [...input.history!.contacts!, back] },
    });
    const checkIn = plan.touchpoints.find((t) => t.purpose.startsWith('discharge-check-in'));
    expect([checkIn?.window.start, checkIn?.reasons[0]]).toEqual([
      `2026-03-23T09:30:00${Z}`,
      'due Sat 03-21 10:00: 1 day after the discharge from hospital (Fri 03-20 10:00) (rule cadence.discharge-check-in)',
    ]);
  });

  it('is the customer’s, once: a replan of two purchases plans one check-in; a purchase after the discharge none', async () => {
    const stay = { from: `2026-03-09T08:00:00${Z}`, until: `2026-03-16T18:00:00${Z}` };
    const input = withStay(stay);
    const earlier = {
      purchase: { ...input.purchase, id: 'P0', purchasedAt: `2026-03-02T10:00:00${Z}` },
      courses: input.courses,
    };
    const replan = await planner.replan({
      customer: input.customer,
      history: {
        purchases: [earlier, { purchase: input.purchase, courses: input.courses }],
        contacts: input.history!.contacts!,
      },
      asOf: `2026-03-09T12:00:00${Z}`,
    });
    expect(replan.touchpoints.filter((t) => t.purpose === 'discharge-check-in').map((t) => t.window.start)).toEqual([
      `2026-03-18T15:00:00${Z}`,
    ]);
    // Bought Wed 03-18 10:00, after the discharge: the pharmacist saw them; no check-in in this purchase's plan.
    const after = await planOf({
      ...input,
      purchase: { ...input.purchase, id: 'P2', purchasedAt: `2026-03-18T10:00:00${Z}` },
      asOf: undefined,
      history: {
        purchases: [{ purchase: input.purchase, courses: input.courses }],
        contacts: input.history!.contacts!,
      },
    } as PlanInput);
    expect(after.touchpoints.some((t) => t.purpose.includes('discharge-check-in'))).toBe(false);
  });

  it('with no end known (true, or from alone): every routine contact waits, as it did', async () => {
    for (const stay of [true, { from: `2026-03-09T08:00:00${Z}` }]) {
      const plan = await planOf(withStay(stay));
      expect(plan.touchpoints).toEqual([]);
      expect(plan.suppressed[0]?.reason).toMatch(
        /^held: the customer has been in hospital since Mon 03-09 (10|08):00 \(contact tp_x\)/,
      );
    }
  });

  it('says it in Chinese', async () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const plan = await zh.plan(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-16T18:00:00${Z}` }));
    expect(plan.suppressed[0]?.reason).toBe(
      '暂缓：顾客 3月9日 周一 08:00 至 3月16日 周一 18:00 住院（联系 tp_x）；这段时间内到期的常规联系不做',
    );
  });

  it('holds what is due from its first minute, up to but not at its end: the check due Thu 03-12 10:20', async () => {
    const held = async (stay: { from: string; until: string }) =>
      (await planOf(withStay(stay))).suppressed.some((s) => s.explanations[0]?.code === 'held.hospital');
    // Ending at the due: the check is not held (it goes with the check-in the day after).
    expect(await held({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-12T10:20:00${Z}` })).toBe(false);
    expect(await held({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-12T10:21:00${Z}` })).toBe(true);
    // Starting at the due: held; a minute after it: the check goes at 15:00 that day.
    expect(await held({ from: `2026-03-12T10:20:00${Z}`, until: `2026-03-16T18:00:00${Z}` })).toBe(true);
    const after = await planOf(withStay({ from: `2026-03-12T10:21:00${Z}`, until: `2026-03-16T18:00:00${Z}` }));
    expect(after.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['medication-check', `2026-03-12T15:00:00${Z}`],
      ['discharge-check-in', `2026-03-18T15:00:00${Z}`],
    ]);
  });

  it('refuses an end before the start, and a stay that is not one, at their paths', async () => {
    const paths = async (stay: unknown) => {
      try {
        await planner.plan(withStay(stay));
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues.map((i) => `${i.path}: ${i.message}`);
      }
    };
    expect(await paths({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-09T08:00:00${Z}` })).toEqual([
      'history.contacts[0].outcome.hospitalised.until: must be after hospitalised.from',
    ]);
    expect((await paths({ until: `2026-03-16T18:00:00${Z}` })).join('\n')).toMatch(
      /^history\.contacts\[0\]\.outcome\.hospitalised/,
    );
    expect((await paths('yes')).join('\n')).toMatch(/^history\.contacts\[0\]\.outcome\.hospitalised/);
  });
});
