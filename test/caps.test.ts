import { describe, expect, it } from 'vitest';
import { createPlanner, type PlanInput, type RuleSetInput } from '../src/index.js';
import { checkPlanInvariants } from '../src/testing/index.js';
import { everyDayWindow, ruleSetOf } from './helpers.js';

const Z = '+08:00';

/** A small rule set: calls any day 09:00-17:00, messages 09:00-20:00, and the given cadences and caps. */
function ruleSet(rules: unknown[]): RuleSetInput {
  return ruleSetOf('caps-test', [
    everyDayWindow('window.calls', 'fallback', '09:00', '17:00'),
    everyDayWindow('window.messages', 'message', '09:00', '20:00'),
    ...rules,
  ]);
}
const cadence = (id: string, offsets: string[], channel = 'phone', priority = 1) => ({
  id,
  description: id,
  priority,
  conditions: { all: [] },
  event: { type: 'cadence', params: { anchor: 'purchase', offsets, channel, purpose: id, tolerance: 'P7D' } },
});
const cap = (id: string, params: unknown) => ({ id, description: id, conditions: { all: [] }, event: { type: 'cap', params } });

const input: PlanInput = {
  customer: { id: 'C', contact: { phone: '1', sms: true, wechat: true } },
  // Mon 2026-06-01 10:00
  purchase: { id: 'P', customerId: 'C', purchasedAt: `2026-06-01T10:00:00${Z}`, items: [{ drugCode: 'D', quantity: 1 }] },
  courses: [],
};

describe('caps', () => {
  it('moves the fourth call in seven days past the rolling limit', async () => {
    // Calls due Tue, Wed, Thu, Fri 10:00. At most 3 calls in any 7 days: Fri, Sat, Sun and Mon all share a
    // 7-day span with Tue-Thu; the next Tue (06-09) shares one only with Wed and Thu → Tue 06-09 09:00.
    const planner = createPlanner({
      ruleSet: ruleSet([
        cadence('c', ['P1D', 'P2D', 'P3D', 'P4D']),
        cap('cap.week', { kind: 'rolling', max: 3, period: 'P7D', channels: ['phone'] }),
      ]),
    });
    const plan = await planner.plan(input);
    expect(plan.touchpoints.map((t) => [t.due, t.window.start])).toEqual([
      [`2026-06-02T10:00:00${Z}`, `2026-06-02T10:00:00${Z}`],
      [`2026-06-03T10:00:00${Z}`, `2026-06-03T10:00:00${Z}`],
      [`2026-06-04T10:00:00${Z}`, `2026-06-04T10:00:00${Z}`],
      [`2026-06-05T10:00:00${Z}`, `2026-06-09T09:00:00${Z}`],
    ]);
    expect(plan.touchpoints[3]?.ruleIds).toEqual(['c', 'cap.week', 'window.calls']);
    expect(plan.touchpoints[3]?.reasons).toContain('skipped Fri 06-05: at most 3 routine phone contacts in any P7D (rule cap.week)');
    expect(checkPlanInvariants(plan, input, planner.ruleSet)).toEqual([]);
  });

  it('suppresses a call the caps leave no room for within its tolerance', async () => {
    // One call a week at most; the second, due the next day with 7 days' tolerance, cannot fit.
    const planner = createPlanner({
      ruleSet: ruleSet([cadence('c', ['P1D', 'P2D']), cap('cap.week', { kind: 'rolling', max: 1, period: 'P9D', channels: ['phone'] })]),
    });
    const plan = await planner.plan(input);
    expect(plan.touchpoints).toHaveLength(1);
    expect(plan.suppressed).toHaveLength(1);
    expect(plan.suppressed[0]?.ruleIds).toEqual(['cap.week']);
    expect(plan.suppressed[0]?.reason).toMatch(
      /^no allowed slot between Wed 06-03 10:00 and Wed 06-10 10:00: Wed 06-03: at most 1 routine phone contacts in any P9D \(rule cap\.week\)/,
    );
  });

  it('does not count messages against call caps, but merges them on a call day', async () => {
    const planner = createPlanner({
      ruleSet: ruleSet([
        cadence('call', ['P1D', 'P3D'], 'phone', 2),
        cadence('msg', ['P1D', 'P2D'], 'sms', 1),
        cap('cap.gap', { kind: 'min-gap', gap: 'P2D', channels: ['phone'] }),
        cap('cap.day', { kind: 'per-day', max: 1 }),
      ]),
    });
    const plan = await planner.plan(input);
    // Tue: call (priority 2) placed first, the Tue message merges into it. Wed: the message stands alone.
    // Thu: a call 2 days after Tuesday's.
    expect(plan.touchpoints.map((t) => [t.channel, t.purpose, t.window.start])).toEqual([
      ['phone', 'call+msg', `2026-06-02T10:00:00${Z}`],
      ['sms', 'msg', `2026-06-03T10:00:00${Z}`],
      ['phone', 'call', `2026-06-04T10:00:00${Z}`],
    ]);
  });

  it('without caps, same-day contacts stay apart', async () => {
    const planner = createPlanner({ ruleSet: ruleSet([cadence('a', ['P1D']), cadence('b', ['P1D'], 'sms')]) });
    const plan = await planner.plan(input);
    expect(plan.touchpoints.map((t) => t.purpose).sort()).toEqual(['a', 'b']);
  });
});
