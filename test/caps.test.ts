import { describe, expect, it } from 'vitest';
import { createPlanner, type FollowUpPlan, type PlanInput, type RuleSetInput } from '../src/index.js';
import { checkPlanInvariants } from '../src/testing/index.js';
import { contactRecord, everyDayWindow, ruleSetOf } from './helpers.js';

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
const withTolerance = (rule: ReturnType<typeof cadence>, tolerance: string, kind?: string) => ({
  ...rule,
  event: { ...rule.event, params: { ...rule.event.params, tolerance, ...(kind ? { kind } : {}) } },
});
/** The plan of `given` under these rules, checked against every invariant. */
const plan = async (rules: unknown[], given: PlanInput = input) => {
  const planner = createPlanner({ ruleSet: ruleSet(rules) });
  const result = await planner.plan(given);
  expect(checkPlanInvariants(result, given, planner.ruleSet)).toEqual([]);
  return result;
};
/** A complaint's call, within 24 hours of its report. */
const complaint = {
  id: 'esc',
  description: 'esc',
  priority: 100,
  conditions: { all: [{ fact: 'incident', path: '$.type', operator: 'equal', value: 'complaint' }] },
  event: {
    type: 'escalation',
    params: { channel: 'phone', urgency: 'high', purpose: 'complaint', start: 'report', deadline: 'PT24H' },
  },
};
const cap = (id: string, params: unknown) => ({
  id,
  description: id,
  conditions: { all: [] },
  event: { type: 'cap', params },
});

const input: PlanInput = {
  customer: { id: 'C', contact: { phone: '1', sms: true, wechat: true } },
  // Mon 2026-06-01 10:00
  purchase: {
    id: 'P',
    customerId: 'C',
    purchasedAt: `2026-06-01T10:00:00${Z}`,
    items: [{ drugCode: 'D', quantity: 1 }],
  },
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
    expect(plan.touchpoints[3]?.reasons).toContain(
      'skipped Fri 06-05: at most 3 routine phone contacts in any 7 days (rule cap.week)',
    );
    expect(checkPlanInvariants(plan, input, planner.ruleSet)).toEqual([]);
  });

  it('suppresses a call the caps leave no room for within its tolerance', async () => {
    // One call a week at most; the second, due the next day with 7 days' tolerance, cannot fit.
    const planner = createPlanner({
      ruleSet: ruleSet([
        cadence('c', ['P1D', 'P2D']),
        cap('cap.week', { kind: 'rolling', max: 1, period: 'P9D', channels: ['phone'] }),
      ]),
    });
    const plan = await planner.plan(input);
    expect(plan.touchpoints).toHaveLength(1);
    expect(plan.suppressed).toHaveLength(1);
    expect(plan.suppressed[0]?.ruleIds).toEqual(['cap.week']);
    expect(plan.suppressed[0]?.reason).toMatch(
      /^no allowed slot between Wed 06-03 10:00 and Wed 06-10 10:00: Wed 06-03: at most 1 routine phone contacts in any 9 days \(rule cap\.week\)/,
    );
    // The same as data: the main explanation, then the day the cap blocked.
    expect(plan.suppressed[0]?.explanations.map((e) => [e.code, e.ruleId])).toContainEqual(['blocked.cap', 'cap.week']);
    expect(plan.suppressed[0]?.explanations[0]?.code).toBe('suppressed.no-slot');
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

  it('counts the contacts already placed on its day and after it: a gap exactly kept, rolling spans reaching forward', async () => {
    // Placement goes by priority: 'hi' (priority 2) first, on its dues; then 'lo' (priority 1), due earlier in time.
    // Calls at least 2 days apart: hi on Thu 06-04 10:00. lo due Tue 06-02 is exactly 2 days before → Tue 10:00; due
    // Wed 06-03, a day before → Wed and Fri are too near Thursday → Sat 06-06 09:00.
    const gap = cap('cap.gap', { kind: 'min-gap', gap: 'P2D', channels: ['phone'] });
    const tuesday = await plan([cadence('hi', ['P3D'], 'phone', 2), cadence('lo', ['P1D']), gap]);
    expect(tuesday.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['lo', `2026-06-02T10:00:00${Z}`],
      ['hi', `2026-06-04T10:00:00${Z}`],
    ]);
    const wednesday = await plan([cadence('hi', ['P3D'], 'phone', 2), cadence('lo', ['P2D']), gap]);
    expect(wednesday.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['hi', `2026-06-04T10:00:00${Z}`],
      ['lo', `2026-06-06T09:00:00${Z}`],
    ]);
    // At most 2 calls in any 7 days: hi on Thu 06-04 and Sat 06-06. lo due Tue 06-02 (7 days' tolerance, to Tue 06-09):
    // every day of its tolerance shares a 7-day span with both of hi's calls (Tue 06-02 to Mon 06-08; for Tue 06-09,
    // Wed 06-03 to Tue 06-09) → no room: suppressed. Counting only the spans that end on the day would allow Tuesday.
    const week = cap('cap.week', { kind: 'rolling', max: 2, period: 'P7D', channels: ['phone'] });
    const full = await plan([cadence('hi', ['P3D', 'P5D'], 'phone', 2), cadence('lo', ['P1D']), week]);
    expect(full.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['hi', `2026-06-04T10:00:00${Z}`],
      ['hi', `2026-06-06T10:00:00${Z}`],
    ]);
    expect(full.suppressed.map((x) => [x.candidate.purpose, x.ruleIds])).toEqual([['lo', ['cap.week']]]);
    // With no per-day cap, the day itself counts: one call a week, a and b both due Tue 06-02 10:00 → a Tuesday, b the
    // first day whose 7-day spans all miss Tuesday, Tue 06-09 09:00.
    const once = cap('cap.once', { kind: 'rolling', max: 1, period: 'P7D', channels: ['phone'] });
    const sameDay = await plan([cadence('a', ['P1D']), cadence('b', ['P1D']), once]);
    expect(sameDay.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['a', `2026-06-02T10:00:00${Z}`],
      ['b', `2026-06-09T09:00:00${Z}`],
    ]);
  });

  it('a contact no slot fits, even past its tolerance by its overflow policy, says the whole span it tried', async () => {
    // Due Wed 06-03 10:00 within a day (to Thu 06-04 10:00); overflow: up to 2 days later (to Sat 06-06 10:00), first up
    // to a day earlier (from Tue 06-02 10:00). Tue to Sat are closed: suppressed, the span from Tue 10:00 to Sat 10:00.
    const c = withTolerance(cadence('c', ['P2D']), 'P1D');
    const overflowing = {
      ...c,
      event: {
        ...c.event,
        params: { ...c.event.params, overflow: { move: 'later', within: 'P2D', earlierWithin: 'P1D' } },
      },
    };
    const closed = {
      id: 'closed',
      description: 'closed',
      conditions: { all: [] },
      event: {
        type: 'blackout',
        params: { kind: 'dates', dates: ['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06'] },
      },
    };
    const result = await plan([overflowing, closed]);
    expect(result.touchpoints).toEqual([]);
    expect(result.suppressed[0]?.explanations[0]).toMatchObject({
      code: 'suppressed.no-slot',
      params: {
        from: `2026-06-02T10:00:00${Z}`,
        to: `2026-06-06T10:00:00${Z}`,
        move: 'later',
        within: 'P2D',
        earlierWithin: 'P1D',
      },
    });
  });

  it('without caps, same-day contacts stay apart', async () => {
    const planner = createPlanner({ ruleSet: ruleSet([cadence('a', ['P1D']), cadence('b', ['P1D'], 'sms')]) });
    const plan = await planner.plan(input);
    expect(plan.touchpoints.map((t) => t.purpose).sort()).toEqual(['a', 'b']);
  });
});

describe('near-duplicates (a per-day cap with mergeWithin)', () => {
  const oneADay = (mergeWithin?: string) =>
    cap('cap.day', { kind: 'per-day', max: 1, ...(mergeWithin ? { mergeWithin } : {}) });

  it('merges calls whose windows meet within the bound, at a time in the tolerance of each', async () => {
    // a: due Tue 06-02 10:00 within 1 day (to Wed 10:00); b: due Thu 06-04 10:00 within P7D. On their own: Tue 10:00
    // and Thu 10:00. Their tolerances never meet (a ends Wed 10:00) → two calls, whatever mergeWithin says.
    const apart = await plan([withTolerance(cadence('a', ['P1D']), 'P1D'), cadence('b', ['P3D']), oneADay('P3D')]);
    expect(apart.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['a', `2026-06-02T10:00:00${Z}`],
      ['b', `2026-06-04T10:00:00${Z}`],
    ]);
    // a within 7 days: its window meets b's from Thu 10:00, and Thu 10:00 is 2 days past a's own first slot (Tue
    // 10:00) → one call, Thu 10:00, both purposes, the earlier due kept.
    const merged = await plan([cadence('a', ['P1D']), cadence('b', ['P3D']), oneADay('P3D')]);
    expect(merged.touchpoints.map((t) => [t.purpose, t.due, t.window.start, t.ruleIds])).toEqual([
      ['a+b', `2026-06-02T10:00:00${Z}`, `2026-06-04T10:00:00${Z}`, ['a', 'b', 'cap.day', 'window.calls']],
    ]);
    expect(merged.touchpoints[0]?.reasons).toContain(
      'merged b (phone, due Thu 06-04 10:00) into this contact: routine contacts whose windows meet within 3 days are one contact, at a time inside the tolerance of each (rule cap.day)',
    );
    // mergeWithin P1D: Thu is 2 days past a's first slot → apart again.
    expect((await plan([cadence('a', ['P1D']), cadence('b', ['P3D']), oneADay('P1D')])).touchpoints).toHaveLength(2);
    // Without mergeWithin, only same-day contacts merge (0.1).
    expect((await plan([cadence('a', ['P1D']), cadence('b', ['P3D']), oneADay()])).touchpoints).toHaveLength(2);
  });

  it('merges at exactly mergeWithin days past the first slot, not a day more (the boundary)', async () => {
    // a: due Tue 06-02 10:00, within 7 days; first slot on its own Tue 10:00. b due Fri 06-05 10:00: exactly 3 days
    // past a's first slot → one call, Fri 10:00. b due Sat 06-06 10:00: 4 days past → two calls, each on its own.
    const three = await plan([cadence('a', ['P1D']), cadence('b', ['P4D']), oneADay('P3D')]);
    expect(three.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([['a+b', `2026-06-05T10:00:00${Z}`]]);
    const four = await plan([cadence('a', ['P1D']), cadence('b', ['P5D']), oneADay('P3D')]);
    expect(four.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['a', `2026-06-02T10:00:00${Z}`],
      ['b', `2026-06-06T10:00:00${Z}`],
    ]);
    // The checker holds a merged contact to the limit (issue 36 item 5): the same a+b call a day later, Sat 06-06
    // 10:00, is inside both tolerances but 4 days past a's own first slot.
    const rules = [cadence('a', ['P1D']), cadence('b', ['P4D']), oneADay('P3D')];
    const late = structuredClone(three);
    (late.touchpoints[0] as (typeof late.touchpoints)[number]).window = {
      start: `2026-06-06T10:00:00${Z}`,
      end: `2026-06-06T11:00:00${Z}`,
    };
    expect(checkPlanInvariants(late, input, ruleSet(rules)).map((v) => v.message)).toContainEqual(
      `merged a (due 2026-06-02T10:00:00${Z}) starts 2026-06-06T10:00:00${Z}, more than P3D after its own first slot 2026-06-02T10:00:00${Z} (rule cap.day)`,
    );
    expect(checkPlanInvariants(three, input, ruleSet(rules))).toEqual([]);
  });

  it("never merges a cadence's own occurrences, other kinds or other channels", async () => {
    // One cadence at +1 and +2 days, within 7 days each: its own rhythm, two calls.
    expect((await plan([cadence('a', ['P1D', 'P2D']), oneADay('P3D')])).touchpoints).toHaveLength(2);
    // A call and a message due the same moment on different days' reach: a message is not a call.
    const channels = await plan([cadence('a', ['P1D']), cadence('m', ['P2D'], 'sms'), oneADay('P3D')]);
    expect(channels.touchpoints.map((t) => [t.purpose, t.channel])).toEqual([
      ['a', 'phone'],
      ['m', 'sms'],
    ]);
    // A refill reminder and a check: kinds that blackouts may treat apart.
    const kinds = await plan([
      cadence('a', ['P1D']),
      withTolerance(cadence('r', ['P2D']), 'P7D', 'refill'),
      oneADay('P3D'),
    ]);
    expect(kinds.touchpoints.map((t) => t.purpose)).toEqual(['a', 'r']);
  });

  it('places the members on their own when the window they share has no slot the caps allow', async () => {
    // a (priority 2) due Tue 10:00 within P1D, b due Wed 10:00 within 7 days: they share Wed 10:00 only. c (priority
    // 3, due Tue 10:00, no tolerance) is placed first, and calls at least 2 days apart block Wednesday → the merged
    // call has no slot. On their own: a on Tuesday, where c at 10:00 lies in a's tolerance → merges into it; b on
    // Thursday, from the window's opening at 09:00.
    const result = await plan([
      withTolerance(cadence('c', ['P1D'], 'phone', 3), 'P0D'),
      withTolerance(cadence('a', ['P1D'], 'phone', 2), 'P1D'),
      cadence('b', ['P2D']),
      cap('cap.gap', { kind: 'min-gap', gap: 'P2D', channels: ['phone'] }),
      oneADay('P3D'),
    ]);
    expect(result.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['c+a', `2026-06-02T10:00:00${Z}`],
      ['b', `2026-06-04T09:00:00${Z}`],
    ]);
  });

  it("merges one rule's contacts for different drugs, never its own occurrences or a customer series' (no drugs)", async () => {
    // One rule, two drugs: D runs out Sat 06-06 10:00 (5 days), E Sun 06-07 10:00 (6 days); a reminder 1 day before
    // each, within 7 days: due Fri 06-05 and Sat 06-06 10:00 → one call for both drugs at Sat 10:00 (inside both
    // tolerances, a day past D's own first slot). (Mutation testing found no test for this.)
    const twoDrugs: PlanInput = {
      ...input,
      purchase: {
        ...input.purchase,
        items: [
          { drugCode: 'D', quantity: 1 },
          { drugCode: 'E', quantity: 1 },
        ],
      },
      courses: [
        { drugCode: 'D', unitsPerPack: 5, dosePerDay: 1 },
        { drugCode: 'E', unitsPerPack: 6, dosePerDay: 1 },
      ],
    };
    const reminder = {
      ...cadence('r', ['-P1D']),
      event: {
        type: 'cadence',
        params: { anchor: 'supply-end', offsets: ['-P1D'], channel: 'phone', purpose: 'r', tolerance: 'P7D' },
      },
    };
    const merged = await plan([reminder, oneADay('P3D')], twoDrugs);
    expect(merged.touchpoints.map((t) => [t.purpose, t.window.start, t.drugCodes])).toEqual([
      ['r', `2026-06-06T10:00:00${Z}`, ['D', 'E']],
    ]);
    // A registration-anchored series has no drugs: its calls a day apart stay two calls.
    const member: PlanInput = {
      ...input,
      customer: { ...input.customer, membership: { tier: 'new', registeredAt: `2026-06-01T10:00:00${Z}` } },
    };
    const series = {
      ...cadence('s', ['P1D', 'P2D']),
      event: {
        type: 'cadence',
        params: { anchor: 'registration', offsets: ['P1D', 'P2D'], channel: 'phone', purpose: 's', tolerance: 'P7D' },
      },
    };
    expect((await plan([series, oneADay('P3D')], member)).touchpoints.map((t) => t.window.start)).toEqual([
      `2026-06-02T10:00:00${Z}`,
      `2026-06-03T10:00:00${Z}`,
    ]);
  });

  it('keeps contacts on either side of an incident report apart', async () => {
    // A complaint reported Tue 06-02 12:00: a (due Tue 10:00) need not wait for its escalation, b (due Wed 10:00)
    // must → no merge; b waits for the complaint call and a goes first.
    const reported: PlanInput = {
      ...input,
      purchase: { ...input.purchase, incidents: [{ type: 'complaint', reportedAt: `2026-06-02T12:00:00${Z}` }] },
    };
    const result = await plan([cadence('a', ['P1D']), cadence('b', ['P2D']), complaint, oneADay('P3D')], reported);
    expect(result.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([
      ['a', `2026-06-02T10:00:00${Z}`],
      ['complaint', `2026-06-02T12:00:00${Z}`],
      ['b', `2026-06-03T10:00:00${Z}`],
    ]);
  });

  it('refuses a mergeWithin shorter than a day or longer than the horizon', () => {
    const issues = (mergeWithin: string) => {
      try {
        createPlanner({ ruleSet: ruleSet([oneADay(mergeWithin)]) });
        return [];
      } catch (e) {
        return (e as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
      }
    };
    expect(issues('P0D')).toEqual(['rules[2].event.params.mergeWithin: must be at least one day']);
    expect(issues('PT12H')[0]).toMatch(/^rules\[2\]\.event\.params\.mergeWithin: /);
    expect(issues('P200D')).toEqual([
      `rules[2].event.params.mergeWithin: "P200D" is longer than the rule set's horizon (P120D)`,
    ]);
    expect(issues('P3D')).toEqual([]);
  });
});

describe('when a cap must choose, the higher-priority rule survives', () => {
  it('places the higher-priority call first, whatever the dues and the rule order', async () => {
    // low (priority 1) due Tue 10:00, high (priority 5) due Wed 10:00, each within 0 days (no room to move); calls at
    // least 2 days apart. By due, low would take Tuesday and high be dropped; by priority, high keeps Wednesday.
    const rules = [
      withTolerance(cadence('low', ['P1D'], 'phone', 1), 'P0D'),
      withTolerance(cadence('high', ['P2D'], 'phone', 5), 'P0D'),
      cap('cap.gap', { kind: 'min-gap', gap: 'P2D', channels: ['phone'] }),
    ];
    for (const order of [rules, [...rules].reverse()]) {
      const planner = createPlanner({ ruleSet: ruleSet(order) });
      const result = await planner.plan(input);
      expect(result.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([['high', `2026-06-03T10:00:00${Z}`]]);
      expect(result.suppressed.map((s) => [s.candidate.purpose, s.ruleIds])).toEqual([['low', ['cap.gap']]]);
      expect(checkPlanInvariants(result, input, planner.ruleSet)).toEqual([]);
    }
  });

  it("joins the day's contact only where no incident was reported between their dues", async () => {
    // high (priority 5) due Tue 06-02 10:00 → Tue 10:00. low (priority 1) due Tue 11:00: the day is taken (one routine
    // contact a day), and high was due first, so low joins it as it is — one call at Tue 10:00 for both.
    const high = cadence('high', ['PT24H'], 'phone', 5);
    const low = cadence('low', ['PT25H'], 'phone', 1);
    const rules = [high, low, complaint, cap('cap.day', { kind: 'per-day', max: 1 })];
    const reportedAt = (at: string): PlanInput => ({
      ...input,
      purchase: { ...input.purchase, incidents: [{ type: 'complaint', reportedAt: at }] },
    });
    const shown = (p: FollowUpPlan) => p.touchpoints.map((t) => [t.purpose, t.window.start]);
    expect(shown(await plan(rules))).toEqual([['high+low', `2026-06-02T10:00:00${Z}`]]);
    // A complaint reported Mon 06-01 12:00, before both dues: both wait for its call, which is Monday's; still one call.
    expect(shown(await plan(rules, reportedAt(`2026-06-01T12:00:00${Z}`)))).toEqual([
      ['complaint', `2026-06-01T12:00:00${Z}`],
      ['high+low', `2026-06-02T10:00:00${Z}`],
    ]);
    // Reported Tue 10:30, between the dues: low waits for the complaint call and high need not, so neither bends —
    // high at 10:00 starts before low may, low cannot move it, and Tuesday is out of low's reach: Wed 09:00.
    expect(shown(await plan(rules, reportedAt(`2026-06-02T10:30:00${Z}`)))).toEqual([
      ['high', `2026-06-02T10:00:00${Z}`],
      ['complaint', `2026-06-02T10:30:00${Z}`],
      ['low', `2026-06-03T09:00:00${Z}`],
    ]);
  });

  it('never joins a contact of an earlier plan: the day it holds is taken, and said so', async () => {
    // The history holds another purchase's call, planned Tue 06-02 10:00–11:00. low, due Tue 11:00, may not join it
    // (it keeps its own plan and id): Tuesday is taken, low goes Wed 09:00 and says why Tuesday was not its day.
    const low = cadence('low', ['PT25H'], 'phone', 1);
    const history = {
      purchases: [{ purchase: { ...input.purchase, id: 'P0', purchasedAt: `2026-05-20T10:00:00${Z}` }, courses: [] }],
      contacts: [
        contactRecord({
          id: 'tp_other',
          purchaseId: 'P0',
          purpose: 'other',
          due: `2026-06-02T10:00:00${Z}`,
          window: { start: `2026-06-02T10:00:00${Z}`, end: `2026-06-02T11:00:00${Z}` },
        }),
      ],
    };
    const result = await plan([low, cap('cap.day', { kind: 'per-day', max: 1 })], { ...input, history });
    expect(result.touchpoints.map((t) => [t.purpose, t.window.start])).toEqual([['low', `2026-06-03T09:00:00${Z}`]]);
    const blocked = result.touchpoints[0]?.explanations.find((e) => e.params['why'] === 'cap.day-taken');
    expect(blocked?.ruleId).toBe('cap.day');
    expect(blocked?.params).toMatchObject({ day: '2026-06-02', purpose: 'other', contact: 'tp_other' });
  });

  it('merges into a same-day contact only where that one starts within its range, else moves it or skips the day', async () => {
    // high (priority 5) due Tue 06-02 16:00, no tolerance → Tue 16:00. low (priority 1) due Mon 15:00 within P1D
    // (to Tue 15:00); Mondays are blacked out → its only slots are Tuesday's, where high sits at 16:00, after low's
    // last start. Both are phone follow-ups → high moves to low's slot, Tue 09:00: one call for both (same day).
    const high = withTolerance(cadence('high', ['PT30H'], 'phone', 5), 'P0D');
    const low = withTolerance(cadence('low', ['PT5H'], 'phone', 1), 'P1D');
    const noMonday = {
      id: 'no-monday',
      description: 'x',
      conditions: { all: [] },
      event: { type: 'blackout', params: { kind: 'weekdays', days: ['MON'] } },
    };
    const moved = await plan([high, low, cap('cap.day', { kind: 'per-day', max: 1 }), noMonday]);
    expect(moved.touchpoints.map((t) => [t.purpose, t.due, t.window.start])).toEqual([
      ['high+low', `2026-06-01T15:00:00${Z}`, `2026-06-02T09:00:00${Z}`],
    ]);
    expect(moved.touchpoints[0]?.reasons).toContain(
      'moved from Tue 06-02 16:00 to Tue 06-02 09:00, where low may go too: fallback call window every day 09:00-17:00 (rule window.calls)',
    );
    // low as a message instead: another channel, so high cannot move to its hours → Tuesday is blocked for it, and
    // with no other day in its tolerance it is dropped, with the reason.
    const message = withTolerance(cadence('low', ['PT5H'], 'sms', 1), 'P1D');
    const blocked = await plan([high, message, cap('cap.day', { kind: 'per-day', max: 1 }), noMonday]);
    expect(blocked.touchpoints.map((t) => t.purpose)).toEqual(['high']);
    expect(blocked.suppressed[0]?.reason).toContain(
      "Tue 06-02: at most one routine contact a day, and that day's high at Tue 06-02 16:00 is outside this contact's tolerance (rule cap.day)",
    );
  });
});
