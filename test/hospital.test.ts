/**
 * A stay in hospital (issue 34 item 7, SPEC §9; seed 002: 如遇特殊情況，立即回訪，登記住院時間 — register the dates of
 * the stay). An outcome records it as `true` (from the contact on, until a contact is made or a new purchase) or as
 * `{ from, until? }`; routine contacts due while it lasts are held. Golden plans worked out by hand from the default
 * rules: a customer without membership buys D (10 days' supply) on Thu 03-05 10:20; the medication check
 * (cadence.regular-7d, +P7D) is due Thu 03-12 10:20 and goes at 15:00, the preferred window (Tue–Thu 15:00–18:00).
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, InputError, type PlanInput } from '../src/index.js';
import { goldenInput, planOf } from './golden-helpers.js';
import { contactRecord } from './helpers.js';

const Z = '+08:00';

/** The plan of that purchase made Mon 03-09 12:00, after a care call at 10:00 that recorded a stay. */
function withStay(hospitalised: unknown): PlanInput {
  const call = contactRecord({
    id: 'tp_x',
    purchaseId: 'P',
    purpose: 'care-call',
    due: `2026-03-09T10:00:00${Z}`,
    window: { start: `2026-03-09T10:00:00${Z}`, end: `2026-03-09T11:00:00${Z}` },
    status: 'done',
    at: `2026-03-09T10:00:00${Z}`,
    outcome: { hospitalised } as never,
  });
  return { ...goldenInput({ asOf: `2026-03-09T12:00:00${Z}` }), history: { contacts: [call] } } as PlanInput;
}

describe('a stay in hospital', () => {
  it('registered from Mon 03-09 to Mon 03-16: the check due Thu 03-12 is held, and says until when', async () => {
    const plan = await planOf(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-16T18:00:00${Z}` }));
    expect(plan.touchpoints).toEqual([]);
    expect(plan.suppressed.map((s) => [s.candidate.purpose, s.candidate.due, s.reason])).toEqual([
      [
        'medication-check',
        `2026-03-12T10:20:00${Z}`,
        'held: the customer is in hospital from Mon 03-09 08:00 until Mon 03-16 18:00 (contact tp_x); routine contacts due in that time are not made',
      ],
    ]);
  });

  it('registered until Wed 03-11 18:00: the check due after it goes, Thu 03-12 15:00', async () => {
    const plan = await planOf(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-11T18:00:00${Z}` }));
    expect(plan.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([['medication-check', `2026-03-12T15:00:00${Z}`]]);
    expect(plan.suppressed).toEqual([]);
  });

  it('with no end known (true, or from alone): every routine contact waits, as it did', async () => {
    for (const stay of [true, { from: `2026-03-09T08:00:00${Z}` }]) {
      const plan = await planOf(withStay(stay));
      expect(plan.touchpoints).toEqual([]);
      expect(plan.suppressed[0]?.reason).toMatch(/^held: the customer has been in hospital since Mon 03-09 (10|08):00 \(contact tp_x\)/);
    }
  });

  it('says it in Chinese', async () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const plan = await zh.plan(withStay({ from: `2026-03-09T08:00:00${Z}`, until: `2026-03-16T18:00:00${Z}` }));
    expect(plan.suppressed[0]?.reason).toBe('暂缓：顾客 3月9日 周一 08:00 至 3月16日 周一 18:00 住院（联系 tp_x）；这段时间内到期的常规联系不做');
  });

  it('refuses an end before the start, and a stay that is not one, at their paths', async () => {
    const planner = createPlanner({ ruleSet: defaultRuleSet });
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
    expect((await paths({ until: `2026-03-16T18:00:00${Z}` })).join('\n')).toMatch(/^history\.contacts\[0\]\.outcome\.hospitalised/);
    expect((await paths('yes')).join('\n')).toMatch(/^history\.contacts\[0\]\.outcome\.hospitalised/);
  });
});
