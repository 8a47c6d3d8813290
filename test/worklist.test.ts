import { said } from './helpers.js';
import { describe, expect, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  maskPhone,
  summarizeWorklist,
  type FollowUpPlan,
  type PlanInput,
  type StaffMember,
  type Worklist,
  type WorklistOptions,
} from '../src/index.js';
import { complaint, regular } from './worklist-helpers.js';
import { assertWorklistInvariants } from '../src/testing/index.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });

const plansOf = (inputs: PlanInput[]): Promise<FollowUpPlan[]> => Promise.all(inputs.map((i) => planner.plan(i)));
const all = (list: Worklist) => list.days.flatMap((d) => d.assignments.map((a) => ({ ...a, date: d.date })));
const WEEK = { from: '2026-03-09', days: 7 } as const;

describe('plans carry what a worklist needs', () => {
  it('a routine contact carries its tolerance, the plan the rules in force and the display fields', async () => {
    const plan = await planner.plan(regular(1));
    const [tp] = plan.touchpoints;
    // cadence.regular-7d: 7 days after purchase, tolerance P7D after due.
    expect(tp?.tolerance).toEqual({ earliest: '2026-03-09T10:00:00+08:00', latest: '2026-03-16T10:00:00+08:00' });
    expect(plan.policy.ruleIds).toContain('window.preferred');
    expect(plan.policy.ruleIds).toContain('cap.call-gap');
    expect(plan.policy.ruleIds).not.toContain('cadence.regular-7d');
    expect(plan.display).toEqual({
      customerName: '顾客1',
      phone: '13800001001',
      drugNames: [{ drugCode: 'LORA-10', name: '氯雷他定片' }],
    });
  });

  it('escalations carry no tolerance; an input without names, phone or drug names has no display', async () => {
    const input = regular(2);
    const plan = await planner.plan({
      ...input,
      customer: { id: 'C2', contact: {} },
      purchase: {
        ...input.purchase,
        customerId: 'C2',
        incidents: [{ type: 'complaint', reportedAt: '2026-03-02T11:00:00+08:00' }],
      },
      courses: [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }],
    });
    expect(plan.display).toBeUndefined();
    const escalation = plan.touchpoints.find((t) => t.kind === 'escalation');
    expect(escalation).toBeDefined();
    expect(escalation?.tolerance).toBeUndefined();
  });

  it("a customer's own preferred windows travel with the plan", async () => {
    const input = regular(3);
    const plan = await planner.plan({
      ...input,
      customer: { ...input.customer, preferredWindows: [{ days: ['MON'], from: '19:00', to: '20:00' }] },
    });
    expect(plan.policy.preferredWindows).toEqual([{ days: ['MON'], from: '19:00', to: '20:00' }]);
  });
});

describe('planner.worklist', () => {
  it('levels five Tuesday calls of one person across the week, each inside its tolerance and call windows', async () => {
    // Five regular members bought Mon 03-02 10:00: each call is due Mon 03-09 10:00 and planned for the preferred
    // window Tue 03-10 15:00 (TUE-THU 15:00-18:00), with a tolerance to Mon 03-16 10:00.
    const plans = await plansOf([1, 2, 3, 4, 5].map((i) => regular(i)));
    expect(new Set(plans.map((p) => p.touchpoints[0]?.window.start))).toEqual(new Set(['2026-03-10T15:00:00+08:00']));
    // Levelling only moves calls off a day over the person's capacity (40) — or over the target asked for, here 1 a
    // day (issue 33: at 10 calls against 40 of capacity, calls stay in their preferred window; see below).
    const untouched = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] });
    expect(all(untouched).every((r) => r.start === '2026-03-10T15:00:00+08:00' && r.moved === undefined)).toBe(true);
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }], target: 1 });
    const rows = all(list);
    expect(rows).toHaveLength(5);
    expect(list.overflow).toEqual([]);
    // Five calls over seven working days: at most one a day.
    const perDay = new Map<string, number>();
    for (const r of rows) perDay.set(r.date, (perDay.get(r.date) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    for (const r of rows) {
      expect(r.start >= '2026-03-09T10:00:00+08:00' && r.start <= '2026-03-16T10:00:00+08:00').toBe(true);
      const hm = r.start.slice(11, 16);
      // Monday to Saturday, a fallback window (09:30-11:30, 14:30-18:00) or the preferred one; never Sunday.
      expect(r.date).not.toBe('2026-03-15');
      expect((hm >= '09:30' && hm < '11:30') || (hm >= '14:30' && hm < '18:00')).toBe(true);
    }
    const stayed = rows.filter((r) => r.moved === undefined);
    expect(stayed).toHaveLength(1);
    expect(stayed[0]?.start).toBe('2026-03-10T15:00:00+08:00');
    // Monday is the nearest day below the average: the first move goes there, at 10:00 (due 10:00, in 09:30-11:30).
    const monday = rows.find((r) => r.date === '2026-03-09');
    expect(monday?.start).toBe('2026-03-09T10:00:00+08:00');
    expect(monday?.moved).toBe(
      'from Tue 03-10 15:00 to Mon 03-09 10:00: levelling the load: S1 had 5 calls on Tue 03-10, about 1 a day in this range; fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    );
  });

  it('in zh-CN: the purpose, the move and the overflow in Chinese (the same assignments as in English)', async () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const plans = await Promise.all([1, 2, 3, 4, 5].map((i) => zh.plan(regular(i))));
    const staff = [{ id: 'S1', storeId: 'A', calls: 40 }];
    const list = zh.worklist(plans, { ...WEEK, staff, target: 1 });
    const english = planner.worklist(await plansOf([1, 2, 3, 4, 5].map((i) => regular(i))), {
      ...WEEK,
      staff,
      target: 1,
    });
    expect(all(list).map((r) => [r.date, r.start, r.touchpointId])).toEqual(
      all(english).map((r) => [r.date, r.start, r.touchpointId]),
    );
    const monday = all(list).find((r) => r.date === '2026-03-09');
    expect(monday?.purposeText).toBe('用药回访');
    expect(monday?.moved).toBe(
      '从 3月10日 周二 15:00 改到 3月9日 周一 10:00：均衡工作量：S1 在 3月10日 周二 有 5 个电话，本期每天约 1 个；备选通话时段 周一至周六 09:30-11:30（规则：备选通话时段）',
    );
    const nobody = zh.worklist(plans, { ...WEEK, staff: [{ id: 'S9', storeId: 'B', calls: 40 }] });
    expect(nobody.overflow[0]?.reason).toBe('没有人可以联系：门店 A（没有员工，也没有公共服务台）');
  });

  it('in zh-CN: bad options and plans are said in Chinese, at the same paths', () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const bad = (call: () => unknown): readonly { path: string; message: string }[] => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return said((error as InputError).issues);
      }
      throw new Error('no error');
    };
    expect(bad(() => zh.worklist([], { from: '2026-13-01', days: 0, staff: [] }))).toEqual([
      { path: 'options.from', message: '日期 "2026-13-01" 不存在' },
      { path: 'options.days', message: '不能小于 1' },
      { path: 'options.staff', message: '至少要有一名员工' },
    ]);
    expect(
      bad(() =>
        zh.worklist([], {
          from: '2026-03-01',
          days: 7,
          staff: [
            { id: 'a', calls: 1 },
            { id: 'a', calls: 1 },
          ],
        }),
      ),
    ).toContainEqual({
      path: 'options.staff[1].id',
      message: '"a" 也是 staff[0] 的 id',
    });
    expect(
      bad(() => zh.worklist('x' as never, { from: '2026-03-01', days: 7, staff: [{ id: 'a', calls: 1 }] })),
    ).toEqual([{ path: 'plans', message: '必须是计划列表' }]);
  });

  it('with level: false, contacts stay where the plans put them while capacity allows', async () => {
    const plans = await plansOf([1, 2, 3].map((i) => regular(i)));
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }], level: false });
    expect(all(list).map((r) => [r.date, r.moved])).toEqual([
      ['2026-03-10', undefined],
      ['2026-03-10', undefined],
      ['2026-03-10', undefined],
    ]);
  });

  it('never exceeds capacity: over it, contacts move to the nearest day with room, and what cannot move overflows', async () => {
    const plans = await plansOf([1, 2, 3, 4].map((i) => regular(i)));
    const list = planner.worklist(plans, {
      from: '2026-03-10',
      days: 1,
      staff: [{ id: 'S1', storeId: 'A', calls: 3 }],
    });
    expect(list.days[0]?.assignments).toHaveLength(3);
    expect(list.overflow).toHaveLength(1);
    expect(list.overflow[0]).toMatchObject({ date: '2026-03-10', staffId: 'S1', channel: 'phone', urgency: 'routine' });
    expect(list.overflow[0]?.reason).toBe(
      "S1's 3 calls on Tue 03-10 were taken, and no other day of the range within its tolerance has an allowed slot with room",
    );
  });

  it('gives one person at most the 40 calls a day pharmacy practice sets', async () => {
    // Seed practice (staffing): "每人每天可打40个回访电话,家访5-10户" — each person can make 40 follow-up calls a day.
    // 45 calls planned for Tue 03-10 15:00, a one-day list: 40 assigned, 5 overflow (nothing to move to).
    const plans = await plansOf(Array.from({ length: 45 }, (_, i) => regular(i + 1)));
    const list = planner.worklist(plans, {
      from: '2026-03-10',
      days: 1,
      staff: [{ id: 'S1', storeId: 'A', calls: 40, visits: 8 }],
    });
    expect(list.days[0]?.assignments).toHaveLength(40);
    expect(list.overflow).toHaveLength(5);
    expect(new Set(list.overflow.map((o) => o.reason))).toEqual(
      new Set([
        "S1's 40 calls on Tue 03-10 were taken, and no other day of the range within its tolerance has an allowed slot with room",
      ]),
    );
  });

  it('assigns escalations first: a complaint takes the last call of the day, and the routine call moves', async () => {
    const complaint = regular(9, '2026-03-09T20:00:00+08:00');
    complaint.purchase.incidents = [{ type: 'complaint', reportedAt: '2026-03-10T09:00:00+08:00' }];
    const plans = await plansOf([regular(1), complaint]);
    const escalation = plans[1]?.touchpoints.find((t) => t.kind === 'escalation');
    expect(escalation?.window.start.slice(0, 10)).toBe('2026-03-10');
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 1 }], level: false });
    const tuesday = list.days.find((d) => d.date === '2026-03-10')?.assignments ?? [];
    expect(tuesday.map((a) => a.urgency)).toEqual(['high']);
    const routine = all(list).find((r) => r.customerId === 'C1');
    expect(routine?.date).toBe('2026-03-09');
    expect(routine?.moved).toMatch(/^from Tue 03-10 15:00 to Mon 03-09 10:00: S1's 1 call on Tue 03-10 was taken; /);
  });

  it("an escalation goes to someone else of the store when the customer's person is full, never to another store", async () => {
    const complaint = (i: number): PlanInput => {
      const input = regular(i, '2026-03-02T10:00:00+08:00');
      input.purchase.incidents = [{ type: 'complaint', reportedAt: '2026-03-10T09:00:00+08:00' }];
      return input;
    };
    const plans = await plansOf([complaint(8), complaint(9)]);
    // Both customers are A1's (owners); A1 has one call a day: the second escalation goes to A2, not to B1.
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'B1', storeId: 'B', calls: 40 },
        { id: 'A1', storeId: 'A', calls: 1 },
        { id: 'A2', storeId: 'A', calls: 1 },
      ],
      owners: { C8: 'A1', C9: 'A1' },
      level: false,
    });
    const tuesday = list.days.find((d) => d.date === '2026-03-10')?.assignments ?? [];
    expect(tuesday.map((a) => [a.staffId, a.urgency])).toEqual([
      ['A1', 'high'],
      ['A2', 'high'],
    ]);
    expect(new Set(tuesday.map((a) => a.customerId))).toEqual(new Set(['C8', 'C9']));
    // Their routine calls stay with A1, on other days.
    expect(
      all(list)
        .filter((r) => r.urgency === 'routine')
        .map((r) => r.staffId),
    ).toEqual(['A1', 'A1']);
    expect(list.overflow).toEqual([]);
  });

  it('keeps each customer with one person, and a store with its own staff; staff without a store take the rest', async () => {
    // Seed practice: 坚持"一表到底"的原则 — from the purchase to the end of the service, one record (one person).
    const inputs = [1, 2, 3, 4, 5, 6].map((i) =>
      regular(i, '2026-03-02T10:00:00+08:00', i <= 3 ? 'A' : i <= 5 ? 'B' : null),
    );
    // Customer 1 buys again: two plans, one person.
    inputs.push({
      ...regular(1, '2026-03-04T10:00:00+08:00'),
      purchase: { ...regular(1).purchase, id: 'P1b', purchasedAt: '2026-03-04T10:00:00+08:00' },
    });
    const plans = await plansOf(inputs);
    const staff = [
      { id: 'A1', storeId: 'A', calls: 40 },
      { id: 'A2', storeId: 'A', calls: 40 },
      { id: 'D1', calls: 40 },
    ];
    const list = planner.worklist(plans, { from: '2026-03-09', days: 14, staff });
    const rows = all(list);
    const owner = new Map<string, Set<string>>();
    for (const r of rows) owner.set(r.customerId, (owner.get(r.customerId) ?? new Set()).add(r.staffId));
    for (const set of owner.values()) expect(set.size).toBe(1);
    for (const r of rows)
      expect(
        r.staffId.startsWith(r.purchaseId.startsWith('P1') || ['P2', 'P3'].includes(r.purchaseId) ? 'A' : 'D'),
      ).toBe(true);
    expect(rows.filter((r) => r.customerId === 'C1')).toHaveLength(2);
  });

  it("respects a person's working days and hours, moving within tolerance and windows", async () => {
    const plans = await plansOf([regular(1)]);
    // S1 does not work Tuesdays, and works mornings only: the Tue 15:00 call moves to Mon 03-09 10:00 (09:30-11:30).
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        {
          id: 'S1',
          storeId: 'A',
          calls: 40,
          days: ['MON', 'WED', 'THU', 'FRI', 'SAT'],
          hours: { from: '09:00', to: '12:00' },
        },
      ],
    });
    const [row] = all(list);
    expect(row?.start).toBe('2026-03-09T10:00:00+08:00');
    expect(row?.end).toBe('2026-03-09T11:30:00+08:00');
    expect(row?.moved).toBe(
      'from Tue 03-10 15:00 to Mon 03-09 10:00: S1 does not work Tue 03-10; fallback call window Mon-Sat 09:30-11:30 (rule window.fallback)',
    );
    // Off on Monday 03-09 too: Wednesday morning (fallback 09:30-11:30).
    const off = planner.worklist(plans, {
      ...WEEK,
      staff: [
        {
          id: 'S1',
          storeId: 'A',
          calls: 40,
          days: ['MON', 'WED', 'THU', 'FRI', 'SAT'],
          hours: { from: '09:00', to: '12:00' },
          off: ['2026-03-09'],
        },
      ],
    });
    expect(all(off)[0]?.start).toBe('2026-03-11T09:30:00+08:00');
  });

  it('gives a contact to a colleague of the store, with why, before it overflows for want of its owner', async () => {
    // C1's call is Tue 03-10 15:00 (preferred window). C1 is S1's, who does not work Tuesdays; a one-day list leaves
    // nowhere to move it. S2 of the same store works Tuesdays with calls free: S2 makes it (issue 33, item 3).
    const plans = await plansOf([regular(1)]);
    const staff: StaffMember[] = [
      { id: 'S1', storeId: 'A', calls: 40, days: ['MON', 'WED', 'THU', 'FRI', 'SAT'] },
      { id: 'S2', storeId: 'A', calls: 5 },
    ];
    const list = planner.worklist(plans, { from: '2026-03-10', days: 1, staff, owners: { C1: 'S1' } });
    expect(list.overflow).toEqual([]);
    expect(all(list).map((r) => [r.staffId, r.start, r.moved, r.handover])).toEqual([
      [
        'S2',
        '2026-03-10T15:00:00+08:00',
        undefined,
        'continuity gives way: S1 does not work Tue 03-10, and no other day of the range within its tolerance has an allowed slot with room; S2 of the same store makes it',
      ],
    ]);
  });

  it('rolls a call past its tolerance, as its cadence allows, before it overflows; a rolled call says so', async () => {
    // Ten regular checks planned Tue 03-10 15:00, tolerance to Mon 03-16 10:00; one person, one call a day, two weeks.
    // Within the tolerance: Mon 03-09 to Sat 03-14 and Mon 03-16 09:30 — seven days. The other three roll on
    // (cadence.regular-7d: up to 14 days later) to Tue 03-17, Wed 03-18 and Thu 03-19 (issue 33, item 4).
    const plans = await plansOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => regular(i)));
    const options = { from: '2026-03-09', days: 14, staff: [{ id: 'S1', storeId: 'A', calls: 1 }] };
    const list = planner.worklist(plans, options);
    expect(list.overflow).toEqual([]);
    const rows = all(list);
    expect(rows).toHaveLength(10);
    const rolled = rows.filter((r) => r.rolled !== undefined);
    expect(rolled.map((r) => r.date)).toEqual(['2026-03-17', '2026-03-18', '2026-03-19']);
    expect(rolled.every((r) => r.rolled?.from === '2026-03-10T15:00:00+08:00')).toBe(true);
    expect(rolled[0]?.rolled?.reason).toMatch(
      /^rolled from Tue 03-10 15:00 to Tue 03-17 .*, past its tolerance as rule cadence\.regular-7d allows: /,
    );
    assertWorklistInvariants(planner, plans, options, list);
  });

  it('rolls a first care call earlier first, as its policy looks earlier (issue 34 item 1), then later', async () => {
    // Eight walk-ins buy a chronic drug Thu 03-05 10:00: each plan has one call, care call + 7-day check merged, Thu
    // 03-12 15:00, tolerance to Sun 03-15 10:00; cadence.chronic-care looks up to 4 days earlier (from Sun 03-08
    // 10:00) before up to 7 days later. One person, one call a day: Thu, Fri, Sat within the tolerance; the next
    // three roll earlier — Mon 03-09, Tue 03-10, Wed 03-11 (no call hours on Sunday) — and the last two later, Mon 03-16
    // and Tue 03-17.
    const inputs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => {
      const input = regular(i, '2026-03-05T10:00:00+08:00');
      delete (input.customer as { membership?: unknown }).membership;
      input.courses = [{ drugCode: 'LORA-10', name: '氯雷他定片', unitsPerPack: 20, dosePerDay: 1, chronic: true }];
      return input;
    });
    const plans = await plansOf(inputs);
    const options = { from: '2026-03-05', days: 14, staff: [{ id: 'S1', storeId: 'A', calls: 1 }] };
    const list = planner.worklist(plans, options);
    expect(list.overflow).toEqual([]);
    const calls = all(list).filter((r) => r.purpose === 'care-call+medication-check');
    expect(calls.map((r) => [r.date, r.rolled === undefined ? '' : 'rolled'])).toEqual([
      ['2026-03-09', 'rolled'],
      ['2026-03-10', 'rolled'],
      ['2026-03-11', 'rolled'],
      ['2026-03-12', ''],
      ['2026-03-13', ''],
      ['2026-03-14', ''],
      ['2026-03-16', 'rolled'],
      ['2026-03-17', 'rolled'],
    ]);
    expect(calls[0]?.rolled?.reason).toMatch(
      /^rolled from Thu 03-12 15:00 to Mon 03-09 09:30, past its tolerance as rule cadence\.chronic-care allows: /,
    );
    assertWorklistInvariants(planner, plans, options, list);
  });

  it('gives a complaint reported at 20:50 to the first person on duty the next morning; one no one can take is flagged', async () => {
    // Reported Tue 03-10 20:50, 24 hours to act: the window runs to Wed 20:50 (issue 33, item 5; it was 20:50-21:00).
    const input = regular(1);
    input.purchase.incidents = [{ type: 'complaint', reportedAt: '2026-03-10T20:50:00+08:00' }];
    const [plan] = await plansOf([{ ...input, asOf: '2026-03-10T20:50:00+08:00' }]);
    const escalation = plan?.touchpoints.find((t) => t.kind === 'escalation');
    expect(escalation?.window).toEqual({ start: '2026-03-10T20:50:00+08:00', end: '2026-03-11T20:50:00+08:00' });
    const staff: StaffMember[] = [{ id: 'S1', storeId: 'A', calls: 40, hours: { from: '09:00', to: '18:00' } }];
    const two = planner.worklist([plan as FollowUpPlan], { from: '2026-03-10', days: 2, staff });
    expect(
      all(two)
        .filter((r) => r.kind === 'escalation')
        .map((r) => [r.staffId, r.start]),
    ).toEqual([['S1', '2026-03-11T09:00:00+08:00']]);
    expect(two.unstaffedEscalations).toEqual([]);
    // A list of Tuesday alone: no one works 20:50-21:00 → flagged, and in overflow with what a person needs.
    const one = planner.worklist([plan as FollowUpPlan], { from: '2026-03-10', days: 1, staff, maskPhone: true });
    expect(one.unstaffedEscalations).toHaveLength(1);
    expect(one.unstaffedEscalations[0]).toMatchObject({
      customerId: 'C1',
      purpose: 'complaint-resolution',
      window: { start: '2026-03-10T20:50:00+08:00', end: '2026-03-11T20:50:00+08:00' },
    });
    expect(one.overflow.map((o) => o.touchpointId)).toContain(one.unstaffedEscalations[0]?.touchpointId);
    // It heads the CSV / workbook rows and the --summary report.
    const { summaryText, worklistRows } = await import('../src/cli/worklist-rows.js');
    const { sheetWords } = await import('../src/cli/worklist-words.js');
    expect(worklistRows(one)[0]).toMatchObject({
      status: 'unstaffed',
      purpose: 'complaint resolution',
      time: 'Tue 20:50–Wed 20:50',
    });
    expect(worklistRows(one, sheetWords('zh-CN'))[0]).toMatchObject({
      status: '无人可接',
      time: '周二 20:50–周三 20:50',
      urgency: '紧急',
    });
    expect(summaryText(summarizeWorklist(one), one).split('\n').slice(0, 2)).toEqual([
      'Escalations no one can take before their deadline (1): act on these by hand',
      expect.stringMatching(/^ {2}! 2026-03-10 Tue 20:50–Wed 20:50 {2}high {2}complaint resolution {2}C1 .*138\*{4}/),
    ]);
  });

  it('store by store (the CLI reading a file) gives the worklist of the whole chain', async () => {
    // Stores A and B with staff of their own, C without (the shared desk); C1 buys at both B and C.
    const inputs = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
      regular(i, `2026-03-0${(i % 5) + 1}T1${i % 3}:00:00+08:00`, ['A', 'B', 'C'][i % 3] as string),
    );
    const both = regular(1, '2026-03-04T10:00:00+08:00', 'C');
    both.purchase.id = 'P1-C';
    const plans = await plansOf([...inputs, both]);
    const staff: StaffMember[] = [
      { id: 'A1', storeId: 'A', calls: 2 },
      { id: 'B1', storeId: 'B', calls: 1 },
      { id: 'D1', calls: 2 },
    ];
    const options = { ...WEEK, staff, target: 1 };
    const { PoolGroups, poolKeyOf, joinWorklists } = await import('../src/cli/worklist-groups.js');
    const groups = new PoolGroups();
    for (const p of plans) groups.add(p.customerId, poolKeyOf(p.storeId, staff));
    // B and the desk share C1: one group; A is its own.
    expect(groups.groups).toEqual(['desk', 'store A']);
    const lists = groups.groups.map((g) =>
      planner.worklist(
        plans.filter((p) => groups.groupOf(poolKeyOf(p.storeId, staff)) === g),
        options,
      ),
    );
    expect(joinWorklists(lists)).toEqual(planner.worklist(plans, options));
  });

  it('the command reading a file store by store, each plan validated and trimmed as it is read, gives the library’s list', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Writable } = await import('node:stream');
    const { runWorklistCommand } = await import('../src/cli/worklist-command.js');
    const inputs = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
      regular(i, `2026-03-0${(i % 5) + 1}T1${i % 3}:00:00+08:00`, ['A', 'B', 'C'][i % 3] as string),
    );
    // A plan as an ERP stores it: unknown fields beside the plan's own, which the command drops as it reads.
    const plans = (await plansOf([...inputs, complaint(10)])).map((p, i) => ({
      ...p,
      erpRow: i,
      touchpoints: p.touchpoints.map((t) => ({ ...t, erp: 'x' })),
    }));
    const staff: StaffMember[] = [
      { id: 'A1', storeId: 'A', calls: 2 },
      { id: 'B1', storeId: 'B', calls: 1 },
      { id: 'D1', calls: 2, hours: { from: '09:00', to: '17:00' } },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'rx-worklist-'));
    writeFileSync(join(dir, 'plans.ndjson'), plans.map((p) => JSON.stringify(p)).join('\n'));
    writeFileSync(join(dir, 'staff.json'), JSON.stringify({ staff, owners: { C2: 'D1' } }));
    const out = join(dir, 'list.json');
    const args = [
      '--rules',
      'rules',
      '--input',
      join(dir, 'plans.ndjson'),
      '--staff',
      join(dir, 'staff.json'),
      '--from',
      '2026-03-09',
    ];
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    expect(
      await runWorklistCommand([...args, '--format', 'json', '--output', out, '--target', '1'], {
        stdin: process.stdin,
        stdout: sink,
        stderr: sink,
        env: {},
      }),
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      planner.worklist(plans, { ...WEEK, staff, owners: { C2: 'D1' }, target: 1 }),
    );
  });

  it('the command names the roster’s problems with the plans’, and stops reading a file after 1,000 problems', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Writable } = await import('node:stream');
    const { runWorklistCommand } = await import('../src/cli/worklist-command.js');
    const dir = mkdtempSync(join(tmpdir(), 'rx-worklist-'));
    const [plan] = await plansOf([regular(1)]);
    writeFileSync(join(dir, 'plans.ndjson'), `${JSON.stringify(plan)}\n{"customerId":"C9"\n`);
    writeFileSync(join(dir, 'bad.ndjson'), '{\n'.repeat(5_000));
    writeFileSync(join(dir, 'staff.json'), JSON.stringify([{ id: 'A1', calls: -1 }]));
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const run = (input: string): Promise<unknown> =>
      runWorklistCommand(
        ['--rules', 'rules', '--input', join(dir, input), '--staff', join(dir, 'staff.json'), '--from', '2026-03-09'],
        {
          stdin: process.stdin,
          stdout: sink,
          stderr: sink,
          env: {},
        },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
    const both = (await run('plans.ndjson')) as InputError;
    expect(both).toBeInstanceOf(InputError);
    expect(both.issues.map((i) => i.path)).toEqual(['line 2, column 19', 'options.staff[0].calls']);
    const many = (await run('bad.ndjson')) as InputError;
    expect(many.issues).toHaveLength(1_002);
    expect(many.issues.at(-1)?.path).toBe('options.staff[0].calls');
    expect(many.issues.at(-2)?.message).toContain('1000 problems; the rest of the input is not read');
  });

  it('moves no call out of its preferred window while the day is under capacity (10 calls against 40)', async () => {
    const plans = await plansOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => regular(i)));
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] });
    expect(all(list).map((r) => [r.start, r.moved])).toEqual(
      Array.from({ length: 10 }, () => ['2026-03-10T15:00:00+08:00', undefined]),
    );
  });

  it("keeps the customer's caps when it moves contacts: calls two days apart", async () => {
    // A loyal member: calls at 3 days after purchase and + P14D. Bought Fri 03-06 10:00 and Mon 02-23 10:00 (two plans).
    const loyal = (id: string, at: string): PlanInput => ({
      customer: {
        id: 'L1',
        membership: { tier: 'loyal', registeredAt: '2019-01-01T10:00:00+08:00' },
        contact: { phone: '1' },
      },
      purchase: { id, customerId: 'L1', storeId: 'A', purchasedAt: at, items: [{ drugCode: 'AMOX', quantity: 1 }] },
      courses: [{ drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 3 }],
    });
    const plans = await plansOf([loyal('L-a', '2026-03-06T10:00:00+08:00'), loyal('L-b', '2026-02-23T10:00:00+08:00')]);
    const fillers = await plansOf([2, 3, 4, 5, 6, 7].map((i) => regular(i)));
    // Levelled to about one call a day (target 1), so that calls move.
    const list = planner.worklist([...plans, ...fillers], {
      ...WEEK,
      staff: [{ id: 'S1', storeId: 'A', calls: 40 }],
      target: 1,
    });
    const days = all(list)
      .filter((r) => r.customerId === 'L1')
      .map((r) => Number(r.date.slice(8)))
      .sort((a, b) => a - b);
    for (let k = 1; k < days.length; k++)
      expect((days[k] as number) - (days[k - 1] as number)).toBeGreaterThanOrEqual(2);
  });

  it('gives the same worklist whatever the order of the plans', async () => {
    const plans = await plansOf(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
        regular(i, `2026-03-0${(i % 5) + 1}T1${i % 3}:00:00+08:00`, i % 2 ? 'A' : 'B'),
      ),
    );
    const options = {
      ...WEEK,
      staff: [
        { id: 'A1', storeId: 'A', calls: 2 },
        { id: 'B1', storeId: 'B', calls: 2 },
      ],
    };
    const first = planner.worklist(plans, options);
    expect(planner.worklist([...plans].reverse(), options)).toEqual(first);
    expect(planner.worklist([...plans.slice(3), ...plans.slice(0, 3)], options)).toEqual(first);
  });

  it('lists a purpose in words, the drug names and the name; masks phones when asked', async () => {
    const plans = await plansOf([regular(1)]);
    const [row] = all(
      planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }], maskPhone: true }),
    );
    expect(row).toMatchObject({
      customerName: '顾客1',
      phone: '138****1001',
      drugNames: ['氯雷他定片'],
      purposeText: 'medication check',
    });
    expect(row?.reasons[0]).toBe('due Mon 03-09 10:00: 7 days after purchase (rule cadence.regular-7d)');
    expect(maskPhone('+86 138 0000 1001')).toBe('+86 138 **** 1001');
    expect(maskPhone('0755-1234')).toBe('****-1234');
    // Full-width digits are digits; an extension is hidden whole (issue 35: they kept 11 and 7 digits).
    expect(maskPhone('１３８０００１１００１')).toBe('１３８****１００１');
    expect(maskPhone('13800001001 ext 55')).toBe('138****1001 ext **');
    expect(maskPhone('13800001001转8')).toBe('138****1001转*');
    // A merged contact's purposes, each by the name the rule set gives it.
    const merged = await planner.plan({ ...regular(2), purchase: { ...regular(2).purchase, for: 'child' } });
    const mergedRow = all(planner.worklist([merged], { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] })).find(
      (r) => r.purpose.includes('+'),
    );
    // Seed practice: a child's day-7 condition check and the regular 7-day medication check are one call.
    expect([mergedRow?.purpose, mergedRow?.purposeText]).toEqual([
      'condition-check+medication-check',
      'condition check, medication check',
    ]);
  });

  it('leaves out contacts a newer plan supersedes, and lists each touchpoint id once', async () => {
    const plans = await plansOf([regular(1)]);
    const old = plans[0] as FollowUpPlan;
    const newer: FollowUpPlan = {
      ...old,
      purchaseId: 'P1-new',
      asOf: '2026-03-05T10:00:00+08:00',
      supersedes: [{ id: old.touchpoints[0]?.id as string, reason: 'r', explanations: [], ruleIds: [] }],
      touchpoints: [],
    };
    expect(all(planner.worklist([old, newer], { ...WEEK, staff: [{ id: 'S1', calls: 40 }] }))).toHaveLength(0);
    expect(all(planner.worklist([old, old], { ...WEEK, staff: [{ id: 'S1', calls: 40 }] }))).toHaveLength(1);
  });

  it('lists only the current contacts of a re-planned purchase when both its plans are given, and counts the others', async () => {
    // A loyal customer's AMOX (3+2+3: three calls) planned Mon 03-02; re-planned after a repeat purchase on Thu 03-05
    // (restart): the second plan supersedes the first plan's three calls. Given both, only the new ones are listed.
    const loyal = (id: string, at: string): PlanInput => ({
      customer: {
        id: 'L1',
        membership: { tier: 'loyal', registeredAt: '2019-01-01T10:00:00+08:00' },
        contact: { phone: '1' },
      },
      purchase: { id, customerId: 'L1', storeId: 'A', purchasedAt: at, items: [{ drugCode: 'AMOX', quantity: 1 }] },
      courses: [{ drugCode: 'AMOX', unitsPerPack: 24, dosePerDay: 3 }],
    });
    const [first] = await plansOf([loyal('L-a', '2026-03-02T10:00:00+08:00')]);
    const history = {
      purchases: [loyal('L-a', '2026-03-02T10:00:00+08:00')],
      contacts: (first as FollowUpPlan).touchpoints.map((t) => ({
        ...t,
        purchaseId: 'L-a',
        status: 'planned' as const,
      })),
    };
    const second = await planner.plan({
      ...loyal('L-b', '2026-03-05T10:00:00+08:00'),
      history: {
        purchases: history.purchases.map((p) => ({ purchase: p.purchase, courses: p.courses })),
        contacts: history.contacts,
      },
    });
    expect(second.supersedes).toHaveLength(3);
    const options = { from: '2026-03-02', days: 62, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] };
    const list = planner.worklist([first as FollowUpPlan, second], options);
    const listed = [...all(list).map((r) => r.touchpointId), ...list.overflow.map((o) => o.touchpointId)].sort();
    expect(listed).toEqual(second.touchpoints.map((t) => t.id).sort());
    expect(list.warnings).toContain('3 contacts left out: a newer plan of the same customer supersedes them');
  });

  it("never lets one customer's plan supersede another's contacts; an id two customers hold is a warning, each keeps theirs", async () => {
    const [c1, c2] = (await plansOf([regular(1), regular(2)])) as [FollowUpPlan, FollowUpPlan];
    const staff = [{ id: 'S1', storeId: 'A', calls: 40 }];
    // An older plan of C2 that names C1's contact in supersedes: C1's contact stays.
    const meddling: FollowUpPlan = {
      ...c2,
      asOf: '2026-03-01T10:00:00+08:00',
      supersedes: [{ id: c1.touchpoints[0]!.id, reason: 'r', explanations: [], ruleIds: [] }],
    };
    expect(
      all(planner.worklist([c1, meddling], { ...WEEK, staff }))
        .map((r) => r.customerId)
        .sort(),
    ).toEqual(['C1', 'C2']);
    // The same touchpoint id in both customers' plans: both listed, with a warning.
    const twin: FollowUpPlan = { ...c2, touchpoints: c2.touchpoints.map((t) => ({ ...t, id: c1.touchpoints[0]!.id })) };
    const list = planner.worklist([c1, twin], { ...WEEK, staff });
    expect(
      all(list)
        .map((r) => r.customerId)
        .sort(),
    ).toEqual(['C1', 'C2']);
    expect(list.warnings).toEqual([
      `touchpoint ${c1.touchpoints[0]!.id} is in plans of customers C1 and C2: each keeps theirs`,
    ]);
  });

  it('keeps an owner for a customer whose id is __proto__ (a plain key, issue 35)', async () => {
    const [plan] = (await plansOf([regular(1)])) as [FollowUpPlan];
    const odd = { ...plan, customerId: '__proto__' };
    const staff = [
      { id: 'S1', storeId: 'A', calls: 40 },
      { id: 'S2', storeId: 'A', calls: 40 },
    ];
    const owners = JSON.parse('{"__proto__":"S2"}') as Record<string, string>;
    expect(all(planner.worklist([odd], { ...WEEK, staff, owners })).map((r) => r.staffId)).toEqual(['S2']);
    expect(() =>
      planner.worklist([odd], { ...WEEK, staff, owners: JSON.parse('{"__proto__":""}') as Record<string, string> }),
    ).toThrow(InputError);
  });

  it('refuses a touchpoint whose window ends at or before its start, with its path', async () => {
    const [plan] = (await plansOf([regular(1)])) as [FollowUpPlan];
    const bad = {
      ...plan,
      touchpoints: [
        {
          ...plan.touchpoints[0]!,
          window: { start: plan.touchpoints[0]!.window.start, end: plan.touchpoints[0]!.window.start },
        },
      ],
    };
    expect(() => planner.worklist([bad], { ...WEEK, staff: [{ id: 'S1', calls: 40 }] })).toThrow(InputError);
    try {
      planner.worklist([bad], { ...WEEK, staff: [{ id: 'S1', calls: 40 }] });
    } catch (error) {
      expect(said((error as InputError).issues)).toEqual([
        { path: 'plans[0].touchpoints[0].window.end', message: 'must be after window.start' },
      ]);
    }
  });

  it('does not move contacts of plans made with other rules, and says so', async () => {
    const [plan] = await plansOf([regular(1)]);
    const other = { ...(plan as FollowUpPlan), ruleSet: { id: 'other', version: '9', hash: 'f'.repeat(64) } };
    const list = planner.worklist([other], { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40, days: ['MON'] }] });
    expect(list.overflow).toHaveLength(1);
    expect(list.warnings).toEqual([
      'plan P1 was made with rule set other 9 (hash ffffffffffff), not these rules: its contacts stay where the plan put them',
    ]);
  });

  it('warns of a roster key that looks like a field (it is ignored, like any key that is not one)', async () => {
    const plans = await plansOf([regular(1)]);
    const roster = [{ id: 'S1', storeId: 'A', calls: 40, visit: 2, store_id: 'B', badge: 7 }];
    const list = planner.worklist(plans, { ...WEEK, staff: roster } as unknown as WorklistOptions);
    expect(list.warnings).toEqual([
      'options.staff[0].store_id is not an input field and was ignored: did you mean storeId?',
      'options.staff[0].visit is not an input field and was ignored: did you mean visits?',
    ]);
    // The same list otherwise.
    expect(list.days).toEqual(
      planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] }).days,
    );
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' }).worklist(plans, {
      ...WEEK,
      staff: roster,
    } as unknown as WorklistOptions);
    expect(zh.warnings).toContain('options.staff[0].visit 不是输入字段，已被忽略：是否应为 visits？');
  });

  it("lists messages for the customer's person without capacity; calls over a zero capacity overflow", async () => {
    // A parent buying for a child (the default rules: a dosing message at once, calls on days 3 and 7).
    const child: PlanInput = {
      customer: { id: 'K1', contact: { phone: '13800002001', wechat: true } },
      purchase: {
        id: 'PK1',
        customerId: 'K1',
        storeId: 'A',
        purchasedAt: '2026-03-09T10:00:00+08:00',
        for: 'child',
        items: [{ drugCode: 'IBU', quantity: 1 }],
      },
      courses: [{ drugCode: 'IBU', unitsPerPack: 20, dosePerDay: 4, pediatric: true }],
    };
    const plans = await plansOf([child]);
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 0 }] });
    const rows = all(list);
    expect(rows.map((r) => [r.date, r.channel, r.staffId])).toEqual([['2026-03-09', 'wechat', 'S1']]);
    // The day-3 call (Thu 03-12 15:00) needs a call S1 does not have; the day-7 one falls after the week (Tue 03-17).
    expect(list.overflow.map((o) => [o.date, o.channel, o.staffId])).toEqual([['2026-03-12', 'phone', 'S1']]);
  });

  it("gives an escalation outside one person's hours to another of the store who works then", async () => {
    const plans = await plansOf([complaint(9)]);
    const list = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'A1', storeId: 'A', calls: 40, hours: { from: '14:00', to: '18:00' } },
        { id: 'A2', storeId: 'A', calls: 40, hours: { from: '08:00', to: '12:00' } },
      ],
      owners: { C9: 'A1' },
    });
    const escalation = all(list).find((r) => r.urgency !== 'routine');
    // The complaint came Tue 09:00: its window is 09:00-21:00 that day; A1 works from 14:00, so A1 takes it then.
    expect(escalation).toMatchObject({ staffId: 'A1', start: '2026-03-10T14:00:00+08:00' });
    const morning = planner.worklist(plans, {
      ...WEEK,
      staff: [
        { id: 'A1', storeId: 'A', calls: 40, days: ['MON'] },
        { id: 'A2', storeId: 'A', calls: 40, hours: { from: '08:00', to: '12:00' } },
      ],
      owners: { C9: 'A1' },
    });
    expect(all(morning).find((r) => r.urgency !== 'routine')).toMatchObject({
      staffId: 'A2',
      start: '2026-03-10T09:00:00+08:00',
      end: '2026-03-10T12:00:00+08:00',
    });
  });

  it('overflows what no one can take, with why', async () => {
    const plans = await plansOf([regular(1, '2026-03-02T10:00:00+08:00', 'Z')]);
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }] });
    expect(list.overflow.map((o) => o.reason)).toEqual([
      'no one to make it: store Z, which has no staff (and there is no shared desk)',
    ]);
  });

  it('summarises per day and person, and per week', async () => {
    const plans = await plansOf([1, 2, 3].map((i) => regular(i)));
    const list = planner.worklist(plans, { ...WEEK, staff: [{ id: 'S1', storeId: 'A', calls: 40 }], level: false });
    const summary = summarizeWorklist(list);
    expect(summary.days).toEqual([
      { date: '2026-03-10', staffId: 'S1', calls: 3, visits: 0, messages: 0, escalations: 0, moved: 0, overflow: 0 },
    ]);
    expect(summary.weeks).toEqual([
      { date: '2026-03-09', staffId: 'S1', calls: 3, visits: 0, messages: 0, escalations: 0, moved: 0, overflow: 0 },
    ]);
  });

  it('names every problem of bad options and plans, with its path, in one InputError', async () => {
    const [plan] = await plansOf([regular(1)]);
    const bad = {
      ...(plan as FollowUpPlan),
      touchpoints: [
        { ...(plan as FollowUpPlan).touchpoints[0], window: { start: 'soon', end: '2026-03-10T18:00:00+08:00' } },
      ],
    };
    let error: unknown;
    try {
      planner.worklist([bad as FollowUpPlan, null as unknown as FollowUpPlan], {
        from: '2026-02-30',
        days: 0,
        staff: [
          { id: 'S1', calls: -1 },
          { id: 'S1', calls: 1, hours: { from: '12:00', to: '09:00' } },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues.map((i) => i.path);
    expect(issues).toEqual(
      expect.arrayContaining([
        'options.from',
        'options.days',
        'options.staff[0].calls',
        'options.staff[1].id',
        'options.staff[1].hours.to',
        'plans[0].touchpoints[0].window.start',
        'plans[1]',
      ]),
    );
    expect((error as InputError).message.startsWith('Invalid worklist input')).toBe(true);
  });
});
