/**
 * A chain's worklist, store by store, so that memory follows the largest store rather than the chain: the plans file
 * is read once to see which staff pool each plan's contacts go to (its store's staff, or the shared desk), pools that
 * share a customer are joined (their caps and supersedes stay together), and each group is read again and planned on
 * its own. No two groups share a staff member or a customer, so the lists joined are the list of the whole.
 */
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { Assignment, OverflowEntry, StaffMember, Worklist, WorklistPlan } from '../index.js';

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

/**
 * A plan as the worklist reads it, without what it does not: explanations, suppressed contacts, warnings, and the
 * reasons of contacts outside [from, to] (local dates; those only count toward the caps, and are never listed).
 */
export function slim(plan: WorklistPlan, from: string, to: string): WorklistPlan {
  const p = plan as WorklistPlan & { suppressed?: unknown; warnings?: unknown; warningExplanations?: unknown };
  delete p.suppressed;
  delete p.warnings;
  delete p.warningExplanations;
  if (Array.isArray(p.touchpoints))
    for (const t of p.touchpoints as unknown as ({
      explanations?: unknown;
      label?: unknown;
      reasons?: unknown;
      window?: { start?: unknown };
    } | null)[]) {
      if (t === null || typeof t !== 'object') continue;
      delete t.explanations;
      delete t.label;
      const start = typeof t.window?.start === 'string' ? t.window.start.slice(0, 10) : '';
      if (Array.isArray(t.reasons) && (start < from || start > to)) t.reasons = [];
    }
  return p;
}

const RANK: Readonly<Record<string, number>> = { critical: 0, high: 1, routine: 2 };
const byOverflow = (a: OverflowEntry, b: OverflowEntry): number =>
  byCodeUnits(a.date, b.date) || (RANK[a.urgency] ?? 3) - (RANK[b.urgency] ?? 3) || byCodeUnits(a.touchpointId, b.touchpointId);
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
