/**
 * A store run day by day, as an ERP runs the follow-up programme: the day's purchases planned as they come, the
 * day's worklist, an outcome for each contact made, written into history, and the nightly replans of the customers
 * whose history changed. {@link checkProgramme} holds the run to the promises of the whole programme.
 */
import fc from 'fast-check';
import { createPlanner, type Planner } from '../planner.js';
import type { AnyPlan } from '../plan/types.js';
import type { RuleSetInput } from '../schema/ruleset.js';
import type { CustomerProfile, DrugCourse } from '../schema/input.js';
import type { StaffMember, WorkDay } from '../worklist/types.js';
import { formatInstant } from '../calendar/instant.js';
import { formatLocalDate, fromEpochDay, dateEpochDay } from '../calendar/local-date.js';
import { fromFloating } from '../calendar/zone.js';
import { arbCourse, arbCustomer, arbPurchase } from './arbitraries.js';
import { ProgrammeChecker, limitsOf } from './check-programme.js';
import { SimulatedStore, type Customer } from './simulated-store.js';
import type { ProgrammeDay, ProgrammeOptions, ProgrammeRun } from './programme-types.js';

export type * from './programme-types.js';

const DAY = 86_400_000;
/** Bounds of a run (SECURITY.md): days 1–366, purchases a day, customers, stores, staff per store. */
const MAX_PURCHASES_PER_DAY = 10_000;
const MAX_CUSTOMERS = 100_000;
const MAX_STORES = 100;
const MAX_STAFF_PER_STORE = 100;
const MINUTE = 60_000;

const PATTERNS: readonly (readonly WorkDay[])[] = [
  ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  ['TUE', 'WED', 'THU', 'FRI', 'SAT'],
  ['MON', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
  ['MON', 'TUE', 'THU', 'SAT', 'SUN'],
];

/** A small seeded generator (mulberry32): the run's own draws, reproducible from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function rosterOf(stores: readonly string[], staff: ProgrammeOptions['staff']): StaffMember[] {
  if (typeof staff !== 'number') return [...staff];
  const roster: StaffMember[] = [];
  for (const store of stores)
    for (let k = 1; k <= Math.min(MAX_STAFF_PER_STORE, staff); k++)
      roster.push({
        id: `${store}-${k}`,
        storeId: store,
        calls: 40,
        visits: 8,
        days: PATTERNS[(k - 1) % PATTERNS.length] as readonly WorkDay[],
        hours: { from: '09:00', to: '18:00' },
      });
  return roster;
}

const DRUGS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'];

/** One course per drug, its supplies kept under a year: a store's catalogue. */
function catalogue(seed: number): Map<string, DrugCourse> {
  const courses = new Map<string, DrugCourse>();
  DRUGS.forEach((code, i) => {
    const [course] = fc.sample(arbCourse(fc.constant(code)), { seed: seed + i, numRuns: 1 });
    if (course !== undefined)
      courses.set(code, {
        ...course,
        unitsPerPack: Math.min(course.unitsPerPack, 60),
        dosePerDay: Math.max(course.dosePerDay, 1),
      });
  });
  return courses;
}

/**
 * Runs a store (or a chain) day by day with the rules given and returns every day's plans, worklist, outcomes and
 * replans, with what broke a promise of the programme (checked every day, see {@link checkProgramme}). Deterministic:
 * the same options and rules give the same run.
 *
 * @example
 * ```ts
 * import { defaultRuleSet } from 'rx-followup';
 * import { simulateProgramme } from 'rx-followup/testing';
 *
 * const run = await simulateProgramme({ seed: 1, days: 7, stores: 1, staff: 2, purchasesPerDay: 10 }, defaultRuleSet);
 * console.log(run.days.length, run.violations); // 7 []
 * ```
 */
export async function simulateProgramme(
  options: ProgrammeOptions,
  ruleSet: RuleSetInput | Planner<AnyPlan>,
): Promise<ProgrammeRun> {
  // Given rules, its own planner plans data only (the checks read the data; a run keeps every plan): a planner
  // given is used as it is, texts and all.
  const planner: Planner<AnyPlan> = 'plan' in ruleSet ? ruleSet : createPlanner({ ruleSet, reasons: 'data' });
  const days = Math.max(1, Math.min(366, Math.floor(options.days)));
  const perDay = Math.max(0, Math.min(MAX_PURCHASES_PER_DAY, Math.floor(options.purchasesPerDay)));
  const stores =
    typeof options.stores === 'number'
      ? Array.from({ length: Math.max(1, Math.min(MAX_STORES, Math.floor(options.stores))) }, (_, i) => `S${i + 1}`)
      : [...options.stores];
  const staff = rosterOf(stores, options.staff);
  const zone = planner.ruleSet.defaults.timeZone;
  const rates = {
    notReached: 0.2,
    declined: 0.03,
    stoppedMedication: 0.02,
    complaint: 0.01,
    wrongDrug: 0.003,
    adverseReaction: 0.005,
    ...options.outcomes,
  };
  const draw = random(options.seed);
  const courses = catalogue(options.seed);
  const firstDay = dateEpochDay(options.from ?? '2026-03-02');
  const at = (epochDay: number, minutes: number): string =>
    formatInstant(fromFloating(epochDay * DAY + minutes * MINUTE, zone), zone);

  const population = Math.max(1, Math.min(MAX_CUSTOMERS, Math.floor(options.customers ?? perDay * 20)));
  // Each customer is made when first drawn (from the seed and their number): a run keeps only those who bought.
  const customerArb = arbCustomer({ zones: [undefined], ruleSet: planner.ruleSet }, fromFloating(firstDay * DAY, zone));
  const byId = new Map<string, Customer>();
  const customerNo = (n: number): Customer => {
    const id = `C${n + 1}`;
    let c = byId.get(id);
    if (c === undefined) {
      const [p] = fc.sample(customerArb, { seed: (options.seed * 1_000_003 + n) | 0, numRuns: 1 });
      c = {
        profile: { ...(p as CustomerProfile), id },
        store: stores[n % stores.length] as string,
        purchases: [],
        contacts: [],
      };
      byId.set(id, c);
    }
    return c;
  };
  const shapes = fc
    .sample(arbPurchase({ drugCodes: DRUGS }), { seed: options.seed + 1, numRuns: 200 })
    .map(({ incidents: _, purchasedAt: __, id: ___, customerId: ____, storeId: _____, ...shape }) => shape);

  const checker = new ProgrammeChecker(staff, limitsOf(planner.ruleSet));
  const customers = { no: customerNo, population, byId: (id: string) => byId.get(id) as Customer };
  const store = new SimulatedStore(
    {
      planner,
      zone,
      staff,
      courses,
      draw,
      rates,
      at,
      customers,
      shapes,
      perDay,
      checkPlans: options.checkPlans === true,
    },
    checker,
  );
  const record: ProgrammeDay[] = [];
  for (let d = 0; d < days; d++) {
    const day = firstDay + d;
    const date = formatLocalDate(fromEpochDay(day));
    store.resolveComplaints(day);
    const plans = await store.sell(day, date);
    const worklist = store.worklistOf(day, date);
    const outcomes = store.makeContacts(worklist, day);
    const replans = await store.replanChanged(day, date);
    const result: ProgrammeDay = { date, plans, worklist, outcomes, replans };
    checker.day(result);
    record.push(result);
  }
  return { days: record, violations: checker.violations, staff, limits: checker.limits };
}
