/**
 * A chain's worklist, store by store, so that memory follows the largest store rather than the chain: the plans file
 * is read once to see which staff pool each plan's contacts go to (its store's staff, or the shared desk), pools that
 * share a customer are joined (their caps and supersedes stay together), and each group is read again and planned on
 * its own. No two groups share a staff member or a customer, so the lists joined are the list of the whole.
 */
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { Assignment, OverflowEntry, StaffMember, Worklist, WorklistPlan } from '../index.js';
import type { ParsedWorklistPlan } from '../worklist/parse.js';

/** Where a plan's contacts go, as the worklist's pools decide it (staff/pools in src/worklist/staff.ts). */
export function poolKeyOf(storeId: unknown, staff: readonly StaffMember[]): string {
  const store = typeof storeId === 'string' ? storeId.trim() || null : null;
  const stores = new Set(staff.map((s) => s.storeId?.trim() || null));
  if (store !== null && stores.has(store)) return `store ${store}`;
  if (stores.has(null)) return 'desk';
  // No desk: a plan without a store goes to everyone, which joins every pool.
  return store === null ? 'all' : `store ${store}`;
}

/** Groups of pool keys that share a customer (union-find over the pools of each customer's plans). */
export class PoolGroups {
  private readonly parent = new Map<string, string>();
  private readonly firstPool = new Map<string, string>();
  private everyone = false;

  private find(key: string): string {
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as string;
    // Path halving is not needed: there are few pools.
    return root;
  }

  /** A plan of `customerId` whose contacts go to `pool`. */
  add(customerId: string, pool: string): void {
    if (pool === 'all') this.everyone = true;
    if (!this.parent.has(pool)) this.parent.set(pool, pool);
    const first = this.firstPool.get(customerId);
    if (first === undefined) this.firstPool.set(customerId, pool);
    else {
      const a = this.find(first);
      const b = this.find(pool);
      if (a !== b) this.parent.set(a < b ? b : a, a < b ? a : b);
    }
  }

  /** The group of each pool (its smallest key); one group for all when a plan goes to everyone. */
  groupOf(pool: string): string {
    return this.everyone ? 'all' : this.find(pool);
  }

  get groups(): string[] {
    return [...new Set([...this.parent.keys()].map((k) => this.groupOf(k)))].sort(byCodeUnits);
  }
}

const PLAN_FIELDS = [
  'customerId',
  'purchaseId',
  'ruleSet',
  'asOf',
  'timeZone',
  'storeId',
  'display',
  'policy',
  'touchpoints',
  'supersedes',
];
const TOUCHPOINT_FIELDS = [
  'id',
  'purchaseId',
  'kind',
  'channel',
  'urgency',
  'purpose',
  'due',
  'window',
  'tolerance',
  'ruleIds',
  'reasons',
  'drugCodes',
];
/** A data-only plan's touchpoints have no reasons: their explanations are rendered instead. */
const DATA_TOUCHPOINT_FIELDS = [...TOUCHPOINT_FIELDS, 'explanations'];

/** The fields of `value` named, as a new object (anything but a plain object is returned as it is, to be refused). */
function pick(value: unknown, fields: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(from, field)) out[field] = from[field];
  return out;
}

/**
 * A plan as the worklist reads it, copied without what it does not read — labels, suppressed contacts, warnings,
 * unknown fields, explanations beside reasons — and without the reasons of contacts outside [from, to] (local dates; those only count
 * toward the caps, and are never listed). A new object of the fields kept: a chain's week fits in a store's memory.
 */
export function slim(plan: unknown, from: string, to: string): WorklistPlan {
  const p = pick(plan, PLAN_FIELDS) as Record<string, unknown>;
  if (p !== null && typeof p === 'object' && Array.isArray(p['touchpoints']))
    p['touchpoints'] = (p['touchpoints'] as unknown[]).map((raw) => {
      const data = raw !== null && typeof raw === 'object' && !Object.hasOwn(raw, 'reasons');
      const t = pick(raw, data ? DATA_TOUCHPOINT_FIELDS : TOUCHPOINT_FIELDS) as {
        reasons?: unknown;
        explanations?: unknown;
        window?: { start?: unknown };
      } | null;
      if (t === null || typeof t !== 'object') return t;
      const start = typeof t.window?.start === 'string' ? t.window.start.slice(0, 10) : '';
      const outside = start < from || start > to;
      if (Array.isArray(t.reasons) && outside) t.reasons = [];
      if (Array.isArray(t.explanations) && outside) t.explanations = [];
      return t;
    });
  return p as unknown as WorklistPlan;
}

/**
 * Validated plans of a chain repeat themselves: the same rule set, policy, zone, store, kinds, purposes, rule ids and
 * many of the same window times. A table that gives each such value once, so that a store's plans take a fraction of
 * the memory (V8 keeps every string JSON.parse makes apart). Parsed plans are read-only, so sharing is safe.
 */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, unknown>();

  private text(value: string): string {
    const found = this.strings.get(value);
    if (found !== undefined) return found;
    this.strings.set(value, value);
    return value;
  }

  private object<T>(value: T): T {
    if (value === undefined) return value;
    const key = JSON.stringify(value);
    const found = this.objects.get(key);
    if (found !== undefined) return found as T;
    this.objects.set(key, value);
    return value;
  }

  /** The plan with its repeated values shared (changed in place: a plan just validated, held by no one else). */
  share(plan: ParsedWorklistPlan): ParsedWorklistPlan {
    const p = plan as Mutable<ParsedWorklistPlan>;
    p.ruleSet = this.object(p.ruleSet);
    p.policy = this.object(p.policy);
    p.timeZone = this.text(p.timeZone);
    if (p.storeId !== undefined) p.storeId = this.text(p.storeId);
    if (p.display?.drugNames !== undefined) p.display.drugNames = this.object(p.display.drugNames);
    for (const t of p.touchpoints as Mutable<ParsedWorklistPlan['touchpoints'][number]>[]) {
      t.kind = this.text(t.kind) as typeof t.kind;
      t.channel = this.text(t.channel) as typeof t.channel;
      t.urgency = this.text(t.urgency) as typeof t.urgency;
      t.purpose = this.text(t.purpose);
      t.due = this.text(t.due);
      t.window = this.object(t.window);
      if (t.tolerance !== undefined) t.tolerance = this.object(t.tolerance);
      if (t.ruleIds !== undefined) t.ruleIds = this.object(t.ruleIds);
      t.drugCodes = this.object(t.drugCodes);
      if (t.reasons?.length === 0) t.reasons = NO_REASONS;
    }
    return p;
  }
}

const NO_REASONS: string[] = [];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const RANK: Readonly<Record<string, number>> = { critical: 0, high: 1, routine: 2 };
const byOverflow = (a: OverflowEntry, b: OverflowEntry): number =>
  byCodeUnits(a.date, b.date) ||
  (RANK[a.urgency] ?? 3) - (RANK[b.urgency] ?? 3) ||
  byCodeUnits(a.touchpointId, b.touchpointId);
const byAssignment = (a: Assignment, b: Assignment): number =>
  byCodeUnits(a.staffId, b.staffId) ||
  Date.parse(a.start) - Date.parse(b.start) ||
  (RANK[a.urgency] ?? 3) - (RANK[b.urgency] ?? 3) ||
  byCodeUnits(a.touchpointId, b.touchpointId);

/** The worklists of the groups as one, in the worklist's own orders. */
export function joinWorklists(lists: readonly Worklist[]): Worklist {
  if (lists.length === 1) return lists[0] as Worklist;
  const first = lists[0];
  if (first === undefined) return { days: [], overflow: [], unstaffedEscalations: [], warnings: [] };
  return {
    days: first.days.map((d, i) => ({
      date: d.date,
      assignments: sortInPlace(
        lists.flatMap((l) => l.days[i]?.assignments ?? []),
        byAssignment,
      ),
    })),
    overflow: sortInPlace(
      lists.flatMap((l) => l.overflow),
      byOverflow,
    ),
    unstaffedEscalations: sortInPlace(
      lists.flatMap((l) => l.unstaffedEscalations),
      byOverflow,
    ),
    warnings: [...new Set(lists.flatMap((l) => l.warnings))].sort(byCodeUnits),
  };
}
