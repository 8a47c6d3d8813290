import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  type FollowUpPlan,
  type PlanInput,
  type Worklist,
  type WorklistOptions,
} from '../src/index.js';
import { arbPlanInput, arbWorklistOptions, checkWorklist } from '../src/testing/index.js';
import { complaint, regular } from './worklist-helpers.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const RUNS = Number(process.env['RX_WORKLIST_RUNS'] ?? 40);

/** 5–40 purchases, of 30 customers at most (some buy twice), from three weeks before the range into it. */
const arbInputs: fc.Arbitrary<PlanInput[]> = fc
  .array(
    arbPlanInput({
      zones: ['Asia/Shanghai', 'America/New_York', undefined],
      from: '2026-02-20T00:00:00+08:00',
      to: '2026-03-20T00:00:00+08:00',
    }),
    {
      minLength: 5,
      maxLength: 40,
    },
  )
  .chain((inputs) =>
    fc.tuple(
      fc.constant(inputs),
      fc.array(fc.constantFrom('A', 'B', 'C', null), { minLength: inputs.length, maxLength: inputs.length }),
    ),
  )
  .map(([inputs, stores]) =>
    inputs.map((input, i) => {
      const customerId = `C${i % 30}`;
      return {
        ...input,
        customer: { ...input.customer, id: customerId },
        purchase: { ...input.purchase, id: `P${i}`, customerId, storeId: stores[i] ?? null },
      };
    }),
  );

const scenario = (inputs: PlanInput[]): Promise<FollowUpPlan[]> =>
  Promise.all(inputs.map((input) => planner.plan(input)));

describe('worklist properties', () => {
  it('capacity, exactly-once, escalations first, moves within tolerance and windows, caps, continuity, stores, hours', async () => {
    await fc.assert(
      fc.asyncProperty(arbInputs, arbWorklistOptions(), async (raw, options) => {
        const plans = await scenario(raw);
        const list = planner.worklist(plans, options);
        expect(checkWorklist(planner, plans, options, list)).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261127 },
    );
  });

  it('gives the same worklist whatever the order of the plans', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbInputs,
        arbWorklistOptions(),
        fc.integer({ min: 0, max: 1_000 }),
        async (raw, options, rotate) => {
          const plans = await scenario(raw);
          const shuffled = [
            ...plans.slice(rotate % Math.max(1, plans.length)),
            ...plans.slice(0, rotate % Math.max(1, plans.length)),
          ].reverse();
          expect(planner.worklist(shuffled, options)).toEqual(planner.worklist(plans, options));
        },
      ),
      { numRuns: Math.ceil(RUNS / 2), seed: 20261128 },
    );
  });
});

describe('the worklist checker catches corruptions', () => {
  // A fixed busy week: the same scenario for every corruption.
  const options: WorklistOptions = {
    from: '2026-03-09',
    days: 7,
    staff: [
      { id: 'A1', storeId: 'A', calls: 4, visits: 1 },
      { id: 'A2', storeId: 'A', calls: 4, visits: 1, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
      { id: 'B1', storeId: 'B', calls: 6, visits: 2 },
      { id: 'D1', calls: 5, visits: 1 },
    ],
  };
  const setup = async (): Promise<{ plans: FollowUpPlan[]; list: Worklist }> => {
    // Store A: twelve calls due Mon 03-09 (planned Tue 03-10), two escalations on Tue 03-10; store B: six; and the
    // loyal customers of the random sample.
    const crafted = [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => regular(i)), complaint(13), complaint(14)];
    crafted.push(...[15, 16, 17, 18, 19, 20].map((i) => regular(i, '2026-03-03T10:00:00+08:00', 'B')));
    crafted.push({
      ...regular(1, '2026-03-06T10:00:00+08:00'),
      purchase: { ...regular(1).purchase, id: 'P1b', purchasedAt: '2026-03-06T10:00:00+08:00' },
    });
    const [raw] = fc.sample(arbInputs, { numRuns: 1, seed: 99 });
    const plans = await scenario([...crafted, ...(raw as PlanInput[])]);
    const list = planner.worklist(plans, options);
    expect(checkWorklist(planner, plans, options, list)).toEqual([]);
    return { plans, list };
  };
  type Mutable = {
    days: { date: string; assignments: Record<string, unknown>[] }[];
    overflow: Record<string, unknown>[];
    warnings: string[];
  };
  const clone = (list: Worklist): Mutable => structuredClone(list) as unknown as Mutable;
  const invariantsOf = (plans: FollowUpPlan[], list: Mutable): string[] =>
    [...new Set(checkWorklist(planner, plans, options, list as unknown as Worklist).map((v) => v.invariant))].sort();
  const firstRoutineCall = (list: Mutable) => {
    for (const d of list.days)
      for (const a of d.assignments) if (a['channel'] === 'phone' && a['urgency'] === 'routine') return { d, a };
    throw new Error('no routine call');
  };

  it('a contact listed twice, or left out', async () => {
    const { plans, list } = await setup();
    const twice = clone(list);
    const { d, a } = firstRoutineCall(twice);
    d.assignments.push({ ...a });
    expect(invariantsOf(plans, twice)).toContain('exactly-once');
    const lost = clone(list);
    const found = firstRoutineCall(lost);
    found.d.assignments.splice(found.d.assignments.indexOf(found.a), 1);
    expect(invariantsOf(plans, lost)).toEqual(['exactly-once']);
  });

  it('capacity exceeded', async () => {
    const { plans, list } = await setup();
    const over = clone(list);
    const { d, a } = firstRoutineCall(over);
    for (const other of over.days.flatMap((x) => x.assignments))
      if (other['customerId'] === a['customerId']) other['staffId'] = a['staffId'];
    const staffId = a['staffId'];
    let n = 0;
    for (const x of over.days.flatMap((y) => y.assignments))
      if (x['staffId'] === staffId && x['channel'] === 'phone') n++;
    // Pile every one of that person's calls onto one day.
    for (const day of over.days)
      for (const x of [...day.assignments])
        if (day !== d && x['staffId'] === staffId && x['channel'] === 'phone') {
          day.assignments.splice(day.assignments.indexOf(x), 1);
          d.assignments.push(x);
        }
    expect(n).toBeGreaterThan(4);
    expect(invariantsOf(plans, over)).toContain('capacity');
  });

  it('a contact given to another store, or another person than its customer’s', async () => {
    const { plans, list } = await setup();
    const store = clone(list);
    const { a } = firstRoutineCall(store);
    a['staffId'] = a['staffId'] === 'B1' ? 'A1' : 'B1';
    expect(invariantsOf(plans, store)).toContain('store');
    // A customer of store A with more than one contact that week, a routine one handed to the other person of the
    // store without a word: the customer is now with two people.
    const split = clone(list);
    const storeA = split.days
      .flatMap((d) => d.assignments)
      .filter((x) => x['staffId'] === 'A1' || x['staffId'] === 'A2');
    const twice = storeA.find(
      (x) =>
        x['urgency'] === 'routine' &&
        x['handover'] === undefined &&
        storeA.filter((y) => y['customerId'] === x['customerId']).length > 1,
    );
    expect(twice).toBeDefined();
    twice!['staffId'] = twice!['staffId'] === 'A1' ? 'A2' : 'A1';
    const found = invariantsOf(plans, split);
    expect(found.includes('continuity') || found.includes('staff-hours') || found.includes('capacity')).toBe(true);
  });

  it("a contact on a person's day off or outside their hours", async () => {
    const { plans, list } = await setup();
    const off = clone(list);
    const saturday = off.days.find((d) => d.date === '2026-03-14') as Mutable['days'][number];
    const { d, a } = firstRoutineCall(off);
    d.assignments.splice(d.assignments.indexOf(a), 1);
    // A2 works Monday to Friday: the call put on Saturday, as A2's.
    saturday.assignments.push({ ...a, staffId: 'A2' });
    expect(invariantsOf(plans, off)).toContain('staff-hours');
  });

  it('a routine contact moved outside its tolerance or windows, or an escalation moved at all', async () => {
    const { plans, list } = await setup();
    const late = clone(list);
    const { a } = firstRoutineCall(late);
    a['start'] = '2026-03-15T03:00:00+08:00';
    a['moved'] = 'by hand';
    expect(invariantsOf(plans, late)).toContain('moved');
    const unmarked = clone(list);
    const u = firstRoutineCall(unmarked).a;
    const start = new Date(Date.parse(String(u['start'])) - 3_600_000).toISOString();
    u['start'] = start;
    expect(invariantsOf(plans, unmarked)).toContain('moved');
  });

  it("an escalation overflowed while a routine call took its person's room", async () => {
    const { plans, list } = await setup();
    const escalations = list.days
      .flatMap((d) => d.assignments.map((a) => ({ d, a })))
      .filter((x) => x.a.urgency !== 'routine' && x.a.channel === 'phone');
    expect(escalations.length).toBeGreaterThan(0);
    const broken = clone(list);
    const day = broken.days.find((d) => d.date === escalations[0]?.d.date) as Mutable['days'][number];
    const esc = day.assignments.find((a) => a['touchpointId'] === escalations[0]?.a.touchpointId) as Record<
      string,
      unknown
    >;
    day.assignments.splice(day.assignments.indexOf(esc), 1);
    broken.overflow.push({ touchpointId: esc['touchpointId'], customerId: esc['customerId'], reason: 'full' });
    expect(invariantsOf(plans, broken)).toContain('escalations-first');
  });

  it("a move that breaks the customer's caps", async () => {
    const { plans, list } = await setup();
    const broken = clone(list);
    // Two routine calls of one customer put on one day.
    const rows = broken.days
      .flatMap((d) => d.assignments.map((a) => ({ d, a })))
      .filter((x) => x.a['urgency'] === 'routine' && x.a['channel'] === 'phone');
    const pair = rows.find((x) => rows.some((y) => y !== x && y.a['customerId'] === x.a['customerId']));
    expect(pair).toBeDefined();
    const other = rows.find((y) => y !== pair && y.a['customerId'] === pair?.a['customerId']) as (typeof rows)[number];
    other.d.assignments.splice(other.d.assignments.indexOf(other.a), 1);
    pair?.d.assignments.push({ ...other.a, moved: 'by hand' });
    expect(invariantsOf(plans, broken)).toContain('caps');
  });
});
