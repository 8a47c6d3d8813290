/**
 * The last stage: what a plan shows of its contacts — the display fields, a routine contact's tolerance, which records
 * carry a window — and the contacts left out past the last day plans reach (2200-12-31), with the warning that says
 * so. The base input (test/helpers.ts): a loyal member in Shanghai buys AMOX on Thu 2026-03-05 10:00; the default
 * rules check on it 3, 14 and 31 days after (due 03-08, 03-19, 04-05 at 10:00), each within 7 days after its due.
 */
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type PlanInput } from '../index.js';
import { baseInput, withPatch } from '../../test/helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet, reasons: 'data' });

describe('the display fields', () => {
  it("the customer's name and phone trimmed, one name per drug (the first), blank names left out, by drug code", async () => {
    const input: PlanInput = {
      ...baseInput(),
      customer: { ...baseInput().customer, name: '  王芳 ', contact: { phone: ' 13800000000 ' } },
      courses: [
        { drugCode: 'ZZ', name: ' 阿莫西林胶囊 ', unitsPerPack: 24, dosePerDay: 3 },
        { drugCode: 'AMOX', name: '  ', unitsPerPack: 24, dosePerDay: 3 },
        { drugCode: 'BB', name: '氯雷他定片', unitsPerPack: 10, dosePerDay: 1 },
      ],
    };
    input.purchase.items = [
      { drugCode: 'ZZ', quantity: 1 },
      { drugCode: 'AMOX', quantity: 1 },
      { drugCode: 'BB', quantity: 1 },
      { drugCode: 'ZZ', quantity: 2 },
    ];
    const plan = await planner.plan(input);
    expect(plan.display).toEqual({
      customerName: '王芳',
      phone: '13800000000',
      drugNames: [
        { drugCode: 'BB', name: '氯雷他定片' },
        { drugCode: 'ZZ', name: '阿莫西林胶囊' },
      ],
    });
    // In the order the plan's JSON shows them.
    expect(Object.keys(plan).slice(4, 7)).toEqual(['timeZone', 'display', 'policy']);
  });

  it('each only when given; no `display` at all without a name, a phone or a drug name', async () => {
    const named = await planner.plan(withPatch(baseInput(), 'customer.name', '王芳'));
    expect(named.display).toEqual({ customerName: '王芳', phone: '13800000000' });
    const withoutPhone = withPatch(baseInput(), 'customer.contact', { wechat: true });
    const bare = await planner.plan(withoutPhone);
    expect('display' in bare).toBe(false);
    const drugOnly = await planner.plan(withPatch(withoutPhone, 'courses[0].name', '阿莫西林胶囊'));
    expect(drugOnly.display).toEqual({ drugNames: [{ drugCode: 'AMOX', name: '阿莫西林胶囊' }] });
  });
});

describe("a contact's record", () => {
  it('a routine touchpoint shows its tolerance (due to 7 days after) beside its window; an escalation, no tolerance', async () => {
    const routine = (await planner.plan(baseInput())).touchpoints[0];
    // Due Sun 03-08 10:00; the preferred hours (Tue–Thu 15:00–18:00) give Tue 03-10.
    expect(routine?.window).toEqual({ start: '2026-03-10T15:00:00+08:00', end: '2026-03-10T18:00:00+08:00' });
    expect(routine?.tolerance).toEqual({ earliest: '2026-03-08T10:00:00+08:00', latest: '2026-03-15T10:00:00+08:00' });
    // An adverse reaction reported Fri 03-06 14:00: its visit and call are escalations, placed at once.
    const reported = withPatch(baseInput(), 'purchase.incidents', [
      { type: 'adverse-reaction', reportedAt: '2026-03-06T14:00:00+08:00' },
    ]);
    const plan = await planner.plan(reported);
    const escalations = plan.touchpoints.filter((t) => t.kind === 'escalation');
    expect(escalations.map((t) => t.purpose).sort()).toEqual(['adverse-reaction-check', 'adverse-reaction-visit']);
    for (const t of escalations) {
      expect(t.window.start).toBe('2026-03-06T14:00:00+08:00');
      expect('tolerance' in t).toBe(false);
    }
    // The routine checks wait behind the escalation and are suppressed here: a suppressed record has no window and
    // no tolerance.
    expect(plan.suppressed.length).toBeGreaterThan(0);
    for (const s of plan.suppressed) {
      expect('window' in s.candidate).toBe(false);
      expect('tolerance' in s.candidate).toBe(false);
    }
  });
});

describe('contacts past the last day plans reach (2200-12-31)', () => {
  it('are left out, counted in a warning: a purchase on 2200-12-20 keeps its 3-day check only', async () => {
    // Due 12-23, 2201-01-03 and 2201-01-20: the last two fall after 2200-12-31.
    const plan = await planner.plan(withPatch(baseInput(), 'purchase.purchasedAt', '2200-12-20T10:00:00+08:00'));
    expect(plan.touchpoints.map((t) => t.due)).toEqual(['2200-12-23T10:00:00+08:00']);
    expect(plan.warningExplanations).toContainEqual({
      code: 'warning.beyond-calendar',
      params: { count: 2, last: '2200-12-31' },
    });
  });

  it('a routine contact counts to the end of its tolerance: due 12-28, free to start until 2201-01-04, it is left out', async () => {
    // Bought 12-25 10:00: checks due 12-28, 2201-01-08, 2201-01-25; the first is placed in 2200 but may start as late
    // as 2201-01-04 10:00, a date past the last: all three left out.
    const plan = await planner.plan(withPatch(baseInput(), 'purchase.purchasedAt', '2200-12-25T10:00:00+08:00'));
    expect(plan.touchpoints).toEqual([]);
    expect(plan.warningExplanations).toContainEqual({
      code: 'warning.beyond-calendar',
      params: { count: 3, last: '2200-12-31' },
    });
  });

  it('no warning when every contact is within it', async () => {
    const plan = await planner.plan(baseInput());
    expect(plan.warningExplanations.map((w) => w.code)).not.toContain('warning.beyond-calendar');
  });
});
