/**
 * `rx-followup plan --thread`: a file of purchases in time order, each planned with the history of the same
 * customer's earlier purchases in the file — their purchases and the contacts of their plans, as the ERP would have
 * them after applying each plan (superseded contacts cancelled, touchpoints planned). Memory: per customer seen
 * within the last `MAX_THREAD_DAYS` of purchases, at most `MAX_HISTORY_PURCHASES` purchases and
 * `MAX_HISTORY_CONTACTS` contacts (the oldest go first); a customer not seen for longer is forgotten.
 */
import type { FollowUpPlan } from '../plan/types.js';
import { plannedContact } from '../plan/planned-contact.js';
import { cliWords, type CliSay } from './cli-words.js';
import { z } from 'zod';
import {
  DrugCourseSchema,
  MAX_HISTORY_CONTACTS,
  MAX_HISTORY_PURCHASES,
  PurchaseSchema,
  type PlanInput,
} from '../schema/input.js';

type History = NonNullable<PlanInput['history']>;
type Earlier = NonNullable<History['purchases']>[number];
type Contact = NonNullable<History['contacts']>[number];

/** How long a customer's thread stays open after their last purchase in the file: a long horizon and then some. */
export const MAX_THREAD_DAYS = 400;
const DAY_MS = 86_400_000;

interface Thread {
  lastMs: number;
  purchases: Earlier[];
  contacts: Contact[];
}

/** What threading makes of one record: the input to plan, or why it cannot be. */
export type Threaded =
  { readonly ok: true; readonly input: PlanInput } | { readonly ok: false; readonly error: string };

export class CustomerThreads {
  private readonly threads = new Map<string, Thread>();
  private lastMs = Number.NEGATIVE_INFINITY;
  private sweptMs = Number.NEGATIVE_INFINITY;

  /** Open customers (for tests of the bound). */
  get size(): number {
    return this.threads.size;
  }

  /**
   * The record with its customer's thread as its history (joined to a history it brings), or an error for a record
   * out of time order. A record without a customer id or a purchase time is passed on as it is: planning reports it.
   */
  attach(json: unknown, words: CliSay = cliWords('en')): Threaded {
    const input = json as {
      customer?: { id?: unknown };
      purchase?: { purchasedAt?: unknown };
      history?: History | null;
    };
    const customerId = input?.customer?.id;
    const at = typeof input?.purchase?.purchasedAt === 'string' ? Date.parse(input.purchase.purchasedAt) : Number.NaN;
    if (typeof customerId !== 'string' || Number.isNaN(at)) return { ok: true, input: json as PlanInput };
    // Time order is kept by the records planned: one refused (a purchase in year 9999) does not move it on.
    if (at < this.lastMs)
      return { ok: false, error: words('out-of-order', { purchasedAt: String(input.purchase?.purchasedAt) }) };
    // Swept once a day of purchases at most: a customer not seen for MAX_THREAD_DAYS is forgotten.
    if (at - this.sweptMs > DAY_MS) {
      this.sweptMs = at;
      for (const [id, thread] of this.threads)
        if (thread.lastMs < at - MAX_THREAD_DAYS * DAY_MS) this.threads.delete(id);
    }
    const thread = this.threads.get(customerId);
    if (thread === undefined) return { ok: true, input: json as PlanInput };
    const own = input.history ?? {};
    // The same purchase again (planned once more): its earlier plan's contacts are its own, not an earlier purchase's.
    // A purchase or contact the record's own history lists too is the record's (not listed twice).
    const purchaseId = (json as { purchase: { id?: unknown } }).purchase.id;
    const ownPurchases = new Set((own.purchases ?? []).map((p) => p?.purchase?.id));
    const ownContacts = new Set((own.contacts ?? []).map((c) => c?.id));
    const history: History = {
      purchases: [
        ...thread.purchases.filter((p) => p.purchase.id !== purchaseId && !ownPurchases.has(p.purchase.id)),
        ...(own.purchases ?? []),
      ],
      contacts: [...thread.contacts.filter((c) => !ownContacts.has(c.id)), ...(own.contacts ?? [])],
    };
    return { ok: true, input: { ...(json as PlanInput), history } };
  }

  /** After a plan: its purchase and touchpoints join the customer's thread; what it supersedes is cancelled. */
  remember(input: PlanInput, plan: FollowUpPlan): void {
    const at = Date.parse(String(input.purchase.purchasedAt));
    if (at > this.lastMs) this.lastMs = at;
    let thread = this.threads.get(plan.customerId);
    if (thread === undefined) {
      thread = { lastMs: at, purchases: [], contacts: [] };
      this.threads.set(plan.customerId, thread);
    }
    thread.lastMs = at;
    const superseded = new Set(plan.supersedes.map((s) => s.id));
    const planned = new Set(plan.touchpoints.map((t) => t.id));
    thread.contacts = thread.contacts
      .filter((c) => !planned.has(c.id))
      .map((c) => (superseded.has(c.id) ? { ...c, status: 'cancelled' as const } : c));
    // Only what a history holds: a contact's record (not its reasons), the purchase's and courses' own fields (not the
    // ERP's other columns, however large a record is).
    for (const t of plan.touchpoints) thread.contacts.push(plannedContact(t, plan));
    thread.purchases = thread.purchases.filter((p) => p.purchase.id !== input.purchase.id);
    const purchase = PurchaseSchema.safeParse(input.purchase);
    const courses = z.array(DrugCourseSchema).safeParse(input.courses);
    thread.purchases.push({
      purchase: purchase.success ? purchase.data : input.purchase,
      courses: courses.success ? courses.data : input.courses,
    });
    if (thread.purchases.length > MAX_HISTORY_PURCHASES)
      thread.purchases.splice(0, thread.purchases.length - MAX_HISTORY_PURCHASES);
    // Contacts of purchases no longer listed would be refused: they go with them, then the oldest beyond the bound.
    const kept = new Set(thread.purchases.map((p) => p.purchase.id));
    thread.contacts = thread.contacts.filter((c) => kept.has(c.purchaseId));
    if (thread.contacts.length > MAX_HISTORY_CONTACTS)
      thread.contacts.splice(0, thread.contacts.length - MAX_HISTORY_CONTACTS);
  }
}
