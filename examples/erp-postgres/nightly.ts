// The nightly job: plan the day's purchases with each customer's history, replan the customers whose history
// changed without a purchase (an outcome recorded), and apply the plans — cancel what they supersede, upsert their
// touchpoints by id — in one transaction. Re-running a night changes nothing.
import type { ContactRecord, CustomerProfile, DrugCourse, FollowUpPlan, Planner, Purchase } from 'rx-followup';
import type { Db } from './db.js';

interface PurchaseRow {
  id: string;
  customer_id: string;
  purchase: Purchase;
  courses: DrugCourse[];
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type ContactRow = {
  touchpoint: FollowUpPlan['touchpoints'][number];
  purchase_id: string;
  status: ContactRecord['status'];
  attempted_at: string | null;
};

/**
 * The customer's purchases (at most 200, the newest: those before `purchaseId` when given, else those by `asOf`) and
 * their contacts.
 */
async function historyOf(tx: Tx, customerId: string, purchaseId?: string, asOf?: string) {
  const earlier = await tx.query<PurchaseRow>(
    purchaseId === undefined
      ? `SELECT id, customer_id, purchase, courses FROM purchases WHERE customer_id = $1 AND purchased_at <= $2
          ORDER BY purchased_at DESC, id DESC LIMIT 200`
      : `SELECT id, customer_id, purchase, courses FROM purchases
          WHERE customer_id = $1 AND (purchased_at, id) < (SELECT purchased_at, id FROM purchases WHERE id = $2)
          ORDER BY purchased_at DESC, id DESC LIMIT 200`,
    purchaseId === undefined ? [customerId, asOf] : [customerId, purchaseId],
  );
  const ids = [...(purchaseId === undefined ? [] : [purchaseId]), ...earlier.rows.map((p) => p.id)];
  const contacts = await tx.query<ContactRow>(
    `SELECT touchpoint, purchase_id, status, attempted_at FROM contacts WHERE purchase_id = ANY($1) ORDER BY starts_at DESC, id LIMIT 1000`,
    [ids],
  );
  return {
    purchases: earlier.rows.map((p) => ({ purchase: p.purchase, courses: p.courses })),
    contacts: contacts.rows.map((c) => ({
      ...c.touchpoint,
      purchaseId: c.purchase_id,
      status: c.status,
      ...(c.attempted_at === null ? {} : { at: new Date(c.attempted_at).toISOString() }),
    })),
  };
}

/** Applies a plan: cancels what it supersedes, upserts its touchpoints by id (each under its own purchase). */
async function apply(tx: Tx, plan: FollowUpPlan): Promise<{ upserted: number; cancelled: number }> {
  let cancelled = 0;
  if (plan.supersedes.length > 0) {
    const r = await tx.query(
      `UPDATE contacts SET status = 'cancelled' WHERE id = ANY($1) AND status = 'planned' RETURNING id`,
      [plan.supersedes.map((s) => s.id)],
    );
    cancelled = r.rows.length;
  }
  for (const t of plan.touchpoints) {
    // A contact already made keeps its status; a planned one takes the new plan's window.
    await tx.query(
      `INSERT INTO contacts (id, customer_id, purchase_id, urgency, channel, starts_at, touchpoint)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET starts_at = EXCLUDED.starts_at, touchpoint = EXCLUDED.touchpoint
       WHERE contacts.status = 'planned'`,
      [t.id, plan.customerId, t.purchaseId ?? plan.purchaseId, t.urgency, t.channel, t.window.start, JSON.stringify(t)],
    );
  }
  return { upserted: plan.touchpoints.length, cancelled };
}

async function profileOf(tx: Tx, customerId: string): Promise<CustomerProfile> {
  const [row] = (
    await tx.query<{ profile: CustomerProfile }>('SELECT profile FROM customers WHERE id = $1', [customerId])
  ).rows;
  return (row as { profile: CustomerProfile }).profile;
}

/**
 * One night: `plan` for every purchase made in [from, to), in time order; then `replan` for every customer whose
 * history changed in that time without a purchase (a contact attempted: its retry, the end of a pause, …). All as of
 * `asOf`, in one transaction; returns what it wrote.
 */
export async function runNight(
  db: Db,
  planner: Planner,
  from: string,
  to: string,
  asOf: string,
): Promise<{ purchases: number; replanned: number; upserted: number; cancelled: number }> {
  return db.transaction(async (tx) => {
    const day = await tx.query<PurchaseRow>(
      'SELECT id, customer_id, purchase, courses FROM purchases WHERE purchased_at >= $1 AND purchased_at < $2 ORDER BY purchased_at, id',
      [from, to],
    );
    let upserted = 0;
    let cancelled = 0;
    for (const row of day.rows) {
      const plan = await planner.plan({
        customer: await profileOf(tx, row.customer_id),
        purchase: row.purchase,
        courses: row.courses,
        asOf,
        history: await historyOf(tx, row.customer_id, row.id),
      });
      const r = await apply(tx, plan);
      upserted += r.upserted;
      cancelled += r.cancelled;
    }
    // Customers with an outcome since the last night and no purchase that day: what their history still owes.
    const changed = await tx.query<{ customer_id: string }>(
      `SELECT DISTINCT customer_id FROM contacts WHERE attempted_at >= $1 AND attempted_at < $2
         AND customer_id NOT IN (SELECT customer_id FROM purchases WHERE purchased_at >= $1 AND purchased_at < $2)
       ORDER BY customer_id`,
      [from, to],
    );
    for (const { customer_id } of changed.rows) {
      const plan = await planner.replan({
        customer: await profileOf(tx, customer_id),
        history: await historyOf(tx, customer_id, undefined, asOf),
        asOf,
      });
      const r = await apply(tx, plan);
      upserted += r.upserted;
      cancelled += r.cancelled;
    }
    return { purchases: day.rows.length, replanned: changed.rows.length, upserted, cancelled };
  });
}
