// The nightly job: plan the day's purchases with each customer's history, and apply the plans — cancel what they
// supersede, upsert their touchpoints by id — in one transaction. Re-running a night changes nothing.
import type { ContactRecord, CustomerProfile, DrugCourse, FollowUpPlan, Planner, Purchase } from 'rx-followup';
import type { Db } from './db.js';

interface PurchaseRow {
  id: string;
  customer_id: string;
  purchase: Purchase;
  courses: DrugCourse[];
}

/** Plans every purchase made in [from, to), in time order, as of `asOf`; returns how many contacts it wrote. */
export async function runNight(
  db: Db,
  planner: Planner,
  from: string,
  to: string,
  asOf: string,
): Promise<{ purchases: number; upserted: number; cancelled: number }> {
  return db.transaction(async (tx) => {
    const day = await tx.query<PurchaseRow>(
      'SELECT id, customer_id, purchase, courses FROM purchases WHERE purchased_at >= $1 AND purchased_at < $2 ORDER BY purchased_at, id',
      [from, to],
    );
    let upserted = 0;
    let cancelled = 0;
    for (const row of day.rows) {
      const [{ profile }] = (await tx.query<{ profile: CustomerProfile }>('SELECT profile FROM customers WHERE id = $1', [row.customer_id])).rows as [
        { profile: CustomerProfile },
      ];
      // The customer's earlier purchases (at most 200, the newest) and the contacts of those and of this one.
      const earlier = await tx.query<PurchaseRow>(
        `SELECT id, customer_id, purchase, courses FROM purchases
          WHERE customer_id = $1 AND (purchased_at, id) < (SELECT purchased_at, id FROM purchases WHERE id = $2)
          ORDER BY purchased_at DESC, id DESC LIMIT 200`,
        [row.customer_id, row.id],
      );
      const ids = [row.id, ...earlier.rows.map((p) => p.id)];
      const contacts = await tx.query<{
        touchpoint: FollowUpPlan['touchpoints'][number];
        purchase_id: string;
        status: ContactRecord['status'];
        attempted_at: string | null;
      }>(
        `SELECT touchpoint, purchase_id, status, attempted_at FROM contacts
          WHERE purchase_id = ANY($1) ORDER BY starts_at DESC, id LIMIT 1000`,
        [ids],
      );
      const plan = await planner.plan({
        customer: profile,
        purchase: row.purchase,
        courses: row.courses,
        asOf,
        history: {
          purchases: earlier.rows.map((p) => ({ purchase: p.purchase, courses: p.courses })),
          contacts: contacts.rows.map((c) => ({
            ...c.touchpoint,
            purchaseId: c.purchase_id,
            status: c.status,
            ...(c.attempted_at === null ? {} : { at: new Date(c.attempted_at).toISOString() }),
          })),
        },
      });
      if (plan.supersedes.length > 0) {
        const r = await tx.query(`UPDATE contacts SET status = 'cancelled' WHERE id = ANY($1) AND status = 'planned' RETURNING id`, [
          plan.supersedes.map((s) => s.id),
        ]);
        cancelled += r.rows.length;
      }
      for (const t of plan.touchpoints) {
        // A contact already made keeps its status; a planned one takes the new plan's window.
        await tx.query(
          `INSERT INTO contacts (id, customer_id, purchase_id, urgency, channel, starts_at, touchpoint)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET starts_at = EXCLUDED.starts_at, touchpoint = EXCLUDED.touchpoint
           WHERE contacts.status = 'planned'`,
          [t.id, plan.customerId, plan.purchaseId, t.urgency, t.channel, t.window.start, JSON.stringify(t)],
        );
        upserted++;
      }
    }
    return { purchases: day.rows.length, upserted, cancelled };
  });
}
