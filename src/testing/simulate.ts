/**
 * A store run day by day, as an ERP runs the follow-up programme: the day's purchases planned as they come, the
 * day's worklist, an outcome for each contact made, written into history, and the nightly replans of the customers
 * whose history changed. {@link checkProgramme} holds the run to the promises of the whole programme.
 */
import fc from 'fast-check';
import { createPlanner, type Planner } from '../planner.js';
import type { AnyPlan } from '../plan/types.js';
import { plannedContact } from '../plan/planned-contact.js';
import type { RuleSetInput } from '../schema/ruleset.js';
import type { ContactRecord, CustomerProfile, DrugCourse, Purchase } from '../schema/input.js';
import type { StaffMember, WorkDay, Worklist } from '../worklist/types.js';
import { formatInstant, instant } from '../calendar/instant.js';
import { formatLocalDate, fromEpochDay, dateEpochDay } from '../calendar/local-date.js';
import { fromFloating, localEpochDay } from '../calendar/zone.js';
import { arbCourse, arbCustomer, arbPurchase } from './arbitraries.js';
import { ProgrammeChecker, limitsOf } from './check-programme.js';
import type {
  OutcomeRates,
  ProgrammeDay,
  ProgrammeOptions,
  ProgrammeOutcome,
  ProgrammeRun,
} from './programme-types.js';

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

interface Customer {
  readonly profile: CustomerProfile;
  readonly store: string;
  purchases: { purchase: Purchase; courses: DrugCourse[] }[];
  contacts: ContactRecord[];
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
  const record: ProgrammeDay[] = [];
  const owners: Record<string, string> = {};
  const resolutions = new Map<number, { customer: Customer; purchaseId: string; index: number }[]>();

  const history = (c: Customer) => ({ purchases: c.purchases.slice(-200), contacts: c.contacts.slice(-1_000) });
  // The store's plans by customer, each contact in the newest plan that holds it (as the ERP keeps one row per id).
  const stored = new Map<string, AnyPlan[]>();
  // Which customers have a contact starting on a day (may be stale: a day's plans are checked as they are taken).
  const onDay = new Map<number, Set<string>>();
  const startDay = (t: AnyPlan['touchpoints'][number]): number => localEpochDay(instant(t.window.start), zone);
  const apply = (c: Customer, plan: AnyPlan): void => {
    const planned = new Set(plan.touchpoints.map((t) => t.id));
    const cancelled = new Set(plan.supersedes.map((s) => s.id));
    const mine = (stored.get(c.profile.id) ?? [])
      .map((p) =>
        p.touchpoints.some((t) => planned.has(t.id) || cancelled.has(t.id))
          ? { ...p, touchpoints: p.touchpoints.filter((t) => !planned.has(t.id) && !cancelled.has(t.id)) }
          : p,
      )
      .filter((p) => p.touchpoints.length > 0);
    if (plan.touchpoints.length > 0) mine.push(plan);
    stored.set(c.profile.id, mine);
    for (const t of plan.touchpoints) {
      const day = startDay(t);
      const customers = onDay.get(day) ?? new Set<string>();
      customers.add(c.profile.id);
      onDay.set(day, customers);
    }
    c.contacts = c.contacts
      .filter((r) => !planned.has(r.id))
      .map((r) => (cancelled.has(r.id) && r.status === 'planned' ? { ...r, status: 'cancelled' } : r));
    for (const t of plan.touchpoints) c.contacts.push(plannedContact(t, plan));
  };

  for (let d = 0; d < days; d++) {
    const day = firstDay + d;
    const date = formatLocalDate(fromEpochDay(day));
    const changed = new Set<Customer>();
    // Complaints resolved today: the purchase's incident gets its resolvedAt.
    for (const r of resolutions.get(day) ?? []) {
      const bought = r.customer.purchases.find((p) => p.purchase.id === r.purchaseId);
      const incident = bought?.purchase.incidents?.[r.index];
      if (bought === undefined || incident === undefined) continue;
      const incidents = [...(bought.purchase.incidents ?? [])];
      incidents[r.index] = { ...incident, resolvedAt: at(day, 10 * 60) };
      bought.purchase = { ...bought.purchase, incidents };
      changed.add(r.customer);
    }
    resolutions.delete(day);

    // The day's purchases, 09:00–20:00, planned as they come.
    const dayPlans: AnyPlan[] = [];
    const sales = Array.from({ length: perDay }, (_, k) => ({
      customer: customerNo(Math.floor(draw() * population)),
      minutes: 9 * 60 + Math.floor(draw() * 11 * 60),
      shape: shapes[Math.floor(draw() * shapes.length)] as (typeof shapes)[number],
      k,
    })).sort((a, b) => a.minutes - b.minutes || a.k - b.k);
    for (const { customer, minutes, shape, k } of sales) {
      const purchase: Purchase = {
        ...shape,
        id: `${customer.store}-${date}-${k + 1}`,
        customerId: customer.profile.id,
        storeId: customer.store,
        purchasedAt: at(day, minutes),
      };
      const bought = [...new Set((purchase.items ?? []).map((i) => i.drugCode))].sort();
      const own = bought.map((code) => courses.get(code)).filter((c): c is DrugCourse => c !== undefined);
      const input = {
        customer: customer.profile,
        purchase,
        courses: own,
        asOf: purchase.purchasedAt,
        history: history(customer),
      };
      try {
        const plan = await planner.plan(input);
        customer.purchases.push({ purchase, courses: own });
        apply(customer, plan);
        dayPlans.push(plan);
        // A restart took away another purchase's merged checks: the night's replan plans them again (docs/history.md).
        if (plan.warningExplanations.some((w) => w.code === 'warning.superseded-carried')) changed.add(customer);
      } catch (error) {
        checker.note(date, 'plan-refused', `${purchase.id}: ${(error as Error).message}`);
      }
    }

    // The day's worklist, from the plans with a contact today (each contact in its newest plan).
    const plans: AnyPlan[] = [];
    for (const id of [...(onDay.get(day) ?? [])].sort()) {
      for (const p of stored.get(id) ?? []) if (p.touchpoints.some((t) => startDay(t) === day)) plans.push(p);
    }
    onDay.delete(day);
    let worklist: Worklist;
    try {
      worklist = planner.worklist(plans, { from: date, days: 1, staff, owners });
    } catch (error) {
      checker.note(date, 'worklist-refused', (error as Error).message);
      worklist = { days: [{ date, assignments: [] }], overflow: [], unstaffedEscalations: [], warnings: [] };
    }

    // Each contact made: an outcome, into the customer's history.
    const outcomes: ProgrammeOutcome[] = [];
    for (const a of worklist.days[0]?.assignments ?? []) {
      owners[a.customerId] = a.staffId;
      const customer = byId.get(a.customerId) as Customer;
      const outcome = drawOutcome(a, rates, draw, day, resolutions, customer, at);
      outcomes.push(outcome);
      customer.contacts = customer.contacts.map((r) =>
        r.id === a.touchpointId
          ? {
              ...r,
              status: outcome.status,
              at: outcome.at,
              ...(outcome.outcome === undefined ? {} : { outcome: outcome.outcome }),
            }
          : r,
      );
      changed.add(customer);
    }
    // A contact no one could make is planned again tonight (rolled, or superseded with why).
    for (const o of worklist.overflow) changed.add(byId.get(o.customerId) as Customer);

    // The night: each customer whose history changed, planned again.
    const replans: AnyPlan[] = [];
    for (const customer of [...changed].sort((a, b) =>
      a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0,
    )) {
      if (customer.purchases.length === 0) continue;
      try {
        const plan = await planner.replan({
          customer: customer.profile,
          history: history(customer),
          asOf: at(day, 22 * 60),
        });
        apply(customer, plan);
        replans.push(plan);
      } catch (error) {
        checker.note(date, 'replan-refused', `${customer.profile.id}: ${(error as Error).message}`);
      }
    }
    const result: ProgrammeDay = { date, plans: dayPlans, worklist, outcomes, replans };
    checker.day(result);
    record.push(result);
  }
  return { days: record, violations: checker.violations, staff, limits: checker.limits };
}

/** The outcome of one assignment, drawn; an incident it brings to light is recorded on the purchase. */
function drawOutcome(
  a: Worklist['days'][number]['assignments'][number],
  rates: Required<OutcomeRates>,
  draw: () => number,
  day: number,
  resolutions: Map<number, { customer: Customer; purchaseId: string; index: number }[]>,
  customer: Customer,
  at: (day: number, minutes: number) => string,
): ProgrammeOutcome {
  const base = {
    touchpointId: a.touchpointId,
    customerId: a.customerId,
    purchaseId: a.purchaseId,
    staffId: a.staffId,
    at: a.start,
  };
  if (a.channel !== 'phone' && a.channel !== 'home-visit') return { ...base, status: 'done' };
  // One draw against the rates laid end to end.
  const u = draw();
  let edge = rates.notReached;
  if (u < edge) return { ...base, status: 'not-reached' };
  if (a.urgency !== 'routine') return { ...base, status: 'done' };
  if (u < (edge += rates.declined)) return { ...base, status: 'declined' };
  const drugs = a.drugCodes.length > 0;
  if (drugs && u < (edge += rates.stoppedMedication))
    return { ...base, status: 'done', outcome: { stoppedMedication: true } };
  if (drugs && u < (edge += rates.adverseReaction))
    return { ...base, status: 'done', outcome: { adverseReaction: true } };
  const bought = customer.purchases.find((p) => p.purchase.id === a.purchaseId);
  if (bought === undefined || (bought.purchase.incidents ?? []).length >= 5) return { ...base, status: 'done' };
  const wrong = drugs && u < (edge += rates.wrongDrug);
  const complaint = !wrong && u < edge + rates.complaint;
  if (!wrong && !complaint) return { ...base, status: 'done' };
  const incidents = [...(bought.purchase.incidents ?? [])];
  // A contact that took in another purchase's checks lists its drugs too: the wrong drug is one this purchase sold.
  const sold = new Set((bought.purchase.items ?? []).map((i) => i.drugCode));
  const drugCode = a.drugCodes.find((d) => sold.has(d));
  if (wrong && drugCode === undefined) return { ...base, status: 'done' };
  if (wrong && drugCode !== undefined) {
    incidents.push({ type: 'wrong-drug', reportedAt: a.start, drugCode });
    bought.purchase = { ...bought.purchase, incidents };
    return { ...base, status: 'done', incident: { type: 'wrong-drug', drugCode } };
  }
  const after = 1 + Math.floor(draw() * 4);
  incidents.push({ type: 'complaint', reportedAt: a.start });
  bought.purchase = { ...bought.purchase, incidents };
  const list = resolutions.get(day + after) ?? [];
  list.push({ customer, purchaseId: bought.purchase.id, index: incidents.length - 1 });
  resolutions.set(day + after, list);
  return { ...base, status: 'done', incident: { type: 'complaint', resolvedAt: at(day + after, 10 * 60) } };
}
