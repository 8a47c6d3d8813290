/**
 * The simulated store of `simulateProgramme` (simulate.ts), day by day: complaints resolved, the day's purchases
 * planned, the day's worklist, an outcome for each contact made, the night's replans — the store's plans kept as the
 * ERP keeps them (one row per contact id, in the newest plan that holds it).
 */
import type { Planner } from '../planner.js';
import type { AnyPlan } from '../plan/types.js';
import { plannedContact } from '../plan/planned-contact.js';
import type { ContactRecord, CustomerProfile, DrugCourse, Purchase } from '../schema/input.js';
import type { StaffMember, Worklist } from '../worklist/types.js';
import { instant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import type { ProgrammeChecker } from './check-programme.js';
import { checkPlanInvariants } from './invariants.js';
import { checkReplanPasses } from './check-replan.js';
import type { OutcomeRates, ProgrammeOutcome } from './programme-types.js';

/** A customer of the store: their profile, their purchases and their contacts, as the ERP keeps them. */
export interface Customer {
  readonly profile: CustomerProfile;
  readonly store: string;
  purchases: { purchase: Purchase; courses: DrugCourse[] }[];
  contacts: ContactRecord[];
}

/** A purchase's shape, drawn once per run: its lines, for whom, its kind and amount. */
export type PurchaseShape = Omit<Purchase, 'incidents' | 'purchasedAt' | 'id' | 'customerId' | 'storeId'>;

/** What the store is run with. */
export interface StoreSetup {
  readonly planner: Planner<AnyPlan>;
  readonly zone: string;
  readonly staff: StaffMember[];
  readonly courses: ReadonlyMap<string, DrugCourse>;
  readonly draw: () => number;
  readonly rates: Required<OutcomeRates>;
  /** An instant of a local day at `minutes` after midnight, as inputs give it. */
  readonly at: (epochDay: number, minutes: number) => string;
  /** The customer of number `n` (made when first drawn), how many there are, and one by id. */
  readonly customers: {
    readonly no: (n: number) => Customer;
    readonly population: number;
    readonly byId: (id: string) => Customer;
  };
  readonly shapes: readonly PurchaseShape[];
  /** Each purchase's plan checked with {@link checkPlanInvariants} as it is made. */
  readonly checkPlans: boolean;
  readonly perDay: number;
}

type Resolution = { customer: Customer; purchaseId: string; index: number };

export class SimulatedStore {
  private readonly owners: Record<string, string> = {};
  private readonly resolutions = new Map<number, Resolution[]>();
  /** The store's plans by customer, each contact in the newest plan that holds it (one row per id). */
  private readonly stored = new Map<string, AnyPlan[]>();
  /** Which customers have a contact starting on a day (may be stale: a day's plans are checked as they are taken). */
  private readonly onDay = new Map<number, Set<string>>();
  /** The customers whose history changed today: planned again tonight. */
  private changed = new Set<Customer>();

  constructor(
    private readonly setup: StoreSetup,
    private readonly checker: ProgrammeChecker,
  ) {}

  private history(c: Customer): { purchases: Customer['purchases']; contacts: ContactRecord[] } {
    return { purchases: c.purchases.slice(-200), contacts: c.contacts.slice(-1_000) };
  }

  private startDay(t: AnyPlan['touchpoints'][number]): number {
    return localEpochDay(instant(t.window.start), this.setup.zone);
  }

  /** A plan stored as the ERP does: its contacts planned (replacing their rows), what it supersedes cancelled. */
  private apply(c: Customer, plan: AnyPlan): void {
    const planned = new Set(plan.touchpoints.map((t) => t.id));
    const cancelled = new Set(plan.supersedes.map((s) => s.id));
    const mine = (this.stored.get(c.profile.id) ?? [])
      .map((p) =>
        p.touchpoints.some((t) => planned.has(t.id) || cancelled.has(t.id))
          ? { ...p, touchpoints: p.touchpoints.filter((t) => !planned.has(t.id) && !cancelled.has(t.id)) }
          : p,
      )
      .filter((p) => p.touchpoints.length > 0);
    if (plan.touchpoints.length > 0) mine.push(plan);
    this.stored.set(c.profile.id, mine);
    for (const t of plan.touchpoints) {
      const day = this.startDay(t);
      const customers = this.onDay.get(day) ?? new Set<string>();
      customers.add(c.profile.id);
      this.onDay.set(day, customers);
    }
    c.contacts = c.contacts
      .filter((r) => !planned.has(r.id))
      .map((r) => (cancelled.has(r.id) && r.status === 'planned' ? { ...r, status: 'cancelled' } : r));
    for (const t of plan.touchpoints) c.contacts.push(plannedContact(t, plan));
  }

  /** Complaints resolved today: the purchase's incident gets its resolvedAt. */
  resolveComplaints(day: number): void {
    this.changed = new Set<Customer>();
    for (const r of this.resolutions.get(day) ?? []) {
      const bought = r.customer.purchases.find((p) => p.purchase.id === r.purchaseId);
      const incident = bought?.purchase.incidents?.[r.index];
      if (bought === undefined || incident === undefined) continue;
      const incidents = [...(bought.purchase.incidents ?? [])];
      incidents[r.index] = { ...incident, resolvedAt: this.setup.at(day, 10 * 60) };
      bought.purchase = { ...bought.purchase, incidents };
      this.changed.add(r.customer);
    }
    this.resolutions.delete(day);
  }

  /** The day's purchases, 09:00–20:00, planned as they come. */
  async sell(day: number, date: string): Promise<AnyPlan[]> {
    const { draw, customers, shapes, planner, courses } = this.setup;
    const dayPlans: AnyPlan[] = [];
    const sales = Array.from({ length: this.setup.perDay }, (_, k) => ({
      customer: customers.no(Math.floor(draw() * customers.population)),
      minutes: 9 * 60 + Math.floor(draw() * 11 * 60),
      shape: shapes[Math.floor(draw() * shapes.length)] as PurchaseShape,
      k,
    })).sort((a, b) => a.minutes - b.minutes || a.k - b.k);
    for (const { customer, minutes, shape, k } of sales) {
      const purchase: Purchase = {
        ...shape,
        id: `${customer.store}-${date}-${k + 1}`,
        customerId: customer.profile.id,
        storeId: customer.store,
        purchasedAt: this.setup.at(day, minutes),
      };
      const bought = [...new Set((purchase.items ?? []).map((i) => i.drugCode))].sort();
      const own = bought.map((code) => courses.get(code)).filter((c): c is DrugCourse => c !== undefined);
      const input = {
        customer: customer.profile,
        purchase,
        courses: own,
        asOf: purchase.purchasedAt,
        history: this.history(customer),
      };
      try {
        const plan = await planner.plan(input);
        if (this.setup.checkPlans)
          for (const v of checkPlanInvariants(plan, input, planner))
            this.checker.note(
              date,
              'plan-invariant',
              `${purchase.id}${v.touchpointId ? ` ${v.touchpointId}` : ''}: ${v.invariant}: ${v.message}`,
            );
        customer.purchases.push({ purchase, courses: own });
        this.apply(customer, plan);
        dayPlans.push(plan);
        // A restart took away another purchase's merged checks: the night's replan plans them again (docs/history.md).
        if (plan.warningExplanations.some((w) => w.code === 'warning.superseded-carried')) this.changed.add(customer);
      } catch (error) {
        this.checker.note(date, 'plan-refused', `${purchase.id}: ${(error as Error).message}`);
      }
    }
    return dayPlans;
  }

  /** The day's worklist, from the plans with a contact today (each contact in its newest plan). */
  worklistOf(day: number, date: string): Worklist {
    const plans: AnyPlan[] = [];
    for (const id of [...(this.onDay.get(day) ?? [])].sort()) {
      for (const p of this.stored.get(id) ?? []) if (p.touchpoints.some((t) => this.startDay(t) === day)) plans.push(p);
    }
    this.onDay.delete(day);
    try {
      return this.setup.planner.worklist(plans, { from: date, days: 1, staff: this.setup.staff, owners: this.owners });
    } catch (error) {
      this.checker.note(date, 'worklist-refused', (error as Error).message);
      return { days: [{ date, assignments: [] }], overflow: [], unstaffedEscalations: [], warnings: [] };
    }
  }

  /** Each contact made: an outcome, into the customer's history; a contact no one could make is planned again tonight. */
  makeContacts(worklist: Worklist, day: number): ProgrammeOutcome[] {
    const outcomes: ProgrammeOutcome[] = [];
    for (const a of worklist.days[0]?.assignments ?? []) {
      this.owners[a.customerId] = a.staffId;
      const customer = this.setup.customers.byId(a.customerId);
      const outcome = drawOutcome(a, this.setup.rates, this.setup.draw, day, this.resolutions, customer, this.setup.at);
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
      this.changed.add(customer);
    }
    // Rolled, or superseded with why.
    for (const o of worklist.overflow) this.changed.add(this.setup.customers.byId(o.customerId));
    return outcomes;
  }

  /** The night: each customer whose history changed, planned again. */
  async replanChanged(day: number, date: string): Promise<AnyPlan[]> {
    const replans: AnyPlan[] = [];
    for (const customer of [...this.changed].sort((a, b) =>
      a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0,
    )) {
      if (customer.purchases.length === 0) continue;
      try {
        const input = {
          customer: customer.profile,
          history: this.history(customer),
          asOf: this.setup.at(day, 22 * 60),
        };
        const plan = await this.setup.planner.replan(input);
        if (this.setup.checkPlans)
          for (const { purchaseId, violation: v } of await checkReplanPasses(this.setup.planner, input))
            this.checker.note(
              date,
              'plan-invariant',
              `${customer.profile.id} replan of ${purchaseId}${v.touchpointId ? ` ${v.touchpointId}` : ''}: ${v.invariant}: ${v.message}`,
            );
        this.apply(customer, plan);
        replans.push(plan);
      } catch (error) {
        this.checker.note(date, 'replan-refused', `${customer.profile.id}: ${(error as Error).message}`);
      }
    }
    return replans;
  }
}

/** The outcome of one assignment, drawn; an incident it brings to light is recorded on the purchase. */
function drawOutcome(
  a: Worklist['days'][number]['assignments'][number],
  rates: Required<OutcomeRates>,
  draw: () => number,
  day: number,
  resolutions: Map<number, Resolution[]>,
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
