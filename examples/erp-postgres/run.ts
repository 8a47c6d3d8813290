// A week of purchases through the nightly job, on embedded PGlite (or the server in DATABASE_URL), then the checks a
// pharmacy would make of its contacts table: no duplicates, and per customer across purchases one routine contact a
// day and calls at least 2 days apart. Run: npx tsx examples/erp-postgres/run.ts
import { createPlanner, defaultRuleSet, type CustomerProfile, type DrugCourse, type Purchase } from 'rx-followup';
import { openDb } from './db.js';
import { runNight } from './nightly.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
const db = await openDb();

// 24 customers, each buying on some days of the week of Mon 2026-06-01 (fixed, so every run is the same week).
const TIERS = ['loyal', 'regular', 'new'] as const;
const DRUGS: DrugCourse[] = [
  { drugCode: 'AMOX', name: 'Amoxicillin 500 mg', unitsPerPack: 24, dosePerDay: 3 },
  { drugCode: 'METF', name: '二甲双胍片', unitsPerPack: 30, dosePerDay: 1, chronic: true },
  { drugCode: 'IBU', name: 'Ibuprofen', unitsPerPack: 20, dosePerDay: 2, pediatric: true },
];
for (let c = 0; c < 24; c++) {
  const id = `C${String(c + 1).padStart(2, '0')}`;
  const profile: CustomerProfile = {
    id,
    membership: {
      tier: TIERS[c % 3] as (typeof TIERS)[number],
      registeredAt: c % 3 === 2 ? '2026-05-28T10:00:00+08:00' : '2024-01-10T10:00:00+08:00',
    },
    contact: { phone: `1380000${String(c).padStart(4, '0')}`, wechat: c % 2 === 0 },
    ...(c % 5 === 0 ? { tags: ['intensive-program'] } : {}),
  };
  await db.query('INSERT INTO customers (id, profile) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    id,
    JSON.stringify(profile),
  ]);
  // Purchases on days (c mod 3), then +2 and +4 for every other customer: repeat buyers of the same drug.
  const days = c % 2 === 0 ? [c % 3, (c % 3) + 2, (c % 3) + 4] : [c % 3];
  for (const [k, d] of days.entries()) {
    const course = DRUGS[(c + (c % 4 === 0 ? 0 : k)) % DRUGS.length] as DrugCourse;
    const at = `2026-06-${String(1 + d).padStart(2, '0')}T${String(9 + (c % 8)).padStart(2, '0')}:15:00+08:00`;
    const purchase: Purchase = {
      id: `P${id}-${k + 1}`,
      customerId: id,
      storeId: 'S1',
      purchasedAt: at,
      items: [{ drugCode: course.drugCode, quantity: 1 }],
    };
    await db.query(
      'INSERT INTO purchases (id, customer_id, purchased_at, purchase, courses) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [purchase.id, id, at, JSON.stringify(purchase), JSON.stringify([course])],
    );
  }
}

/** A seeded answer rate (7 in 10 reached), so every run reports the same outcomes: no Math.random. */
let seed = 20260601;
const answered = (): boolean => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 4_294_967_296 < 0.7;
};

/** Contacts whose window started in [from, until): made, or not reached, as the call centre reports back. */
async function callCentre(from: string, until: string): Promise<void> {
  const due = await db.query<{ id: string }>(
    `SELECT id FROM contacts WHERE status = 'planned' AND starts_at >= $1 AND starts_at < $2 ORDER BY starts_at, id`,
    [from, until],
  );
  for (const row of due.rows)
    await db.query('UPDATE contacts SET status = $2, attempted_at = starts_at WHERE id = $1', [
      row.id,
      answered() ? 'done' : 'not-reached',
    ]);
}

const nights: string[] = [];
for (let d = 0; d < 7; d++) {
  const from = `2026-06-${String(1 + d).padStart(2, '0')}T00:00:00+08:00`;
  const to = `2026-06-${String(2 + d).padStart(2, '0')}T00:00:00+08:00`;
  const asOf = `2026-06-${String(2 + d).padStart(2, '0')}T03:00:00+08:00`;
  await callCentre(from, to);
  const r = await runNight(db, planner, from, to, asOf);
  nights.push(
    `${from.slice(0, 10)}: ${r.purchases} purchases, ${r.replanned} customers replanned, ${r.upserted} contacts written, ${r.cancelled} superseded`,
  );
}
console.log(nights.join('\n'));

// Every routine call not reached got its retry the same night (or, with the retries used up, a message).
const missed =
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE status = 'not-reached' AND urgency = 'routine'`,
    )
  ).rows[0]?.n ?? 0;
const retries =
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contacts WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(touchpoint->'explanations') e WHERE e->>'code' LIKE 'due.retry%')`,
    )
  ).rows[0]?.n ?? 0;
console.log(`${missed} routine calls not reached, ${retries} retries planned`);

// Idempotent: the last night again changes nothing.
const snapshot = async () =>
  JSON.stringify((await db.query('SELECT id, status, starts_at FROM contacts ORDER BY id')).rows);
const before = await snapshot();
await runNight(db, planner, '2026-06-07T00:00:00+08:00', '2026-06-08T00:00:00+08:00', '2026-06-08T03:00:00+08:00');
const problems: string[] = [];
if ((await snapshot()) !== before) problems.push('re-running a night changed the contacts table');
if (missed > 0 && retries === 0) problems.push(`${missed} calls not reached and no retry planned`);

// The checks: open and made routine contacts of one customer, across all their purchases.
const rows = (
  await db.query<{
    customer_id: string;
    channel: string;
    day: string;
    starts_at: string;
    purpose: string;
    due: string;
  }>(
    `SELECT customer_id, channel, to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, starts_at,
            touchpoint->>'purpose' AS purpose, touchpoint->>'due' AS due
       FROM contacts WHERE urgency = 'routine' AND status IN ('planned', 'done') ORDER BY customer_id, starts_at`,
  )
).rows;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const byCustomer = new Map<string, typeof rows>();
for (const r of rows) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
for (const [customer, list] of byCustomer) {
  const days = list.map((r) => r.day);
  if (new Set(days).size !== days.length)
    problems.push(`${customer}: two routine contacts on one day (${days.join(', ')})`);
  const seen = new Set(list.map((r) => `${r.purpose}|${r.due}`));
  if (seen.size !== list.length) problems.push(`${customer}: the same contact twice`);
  const calls = list.filter((r) => r.channel === 'phone').map((r) => dayNumber(r.day));
  for (let i = 1; i < calls.length; i++)
    if ((calls[i] as number) - (calls[i - 1] as number) < 2) problems.push(`${customer}: calls less than 2 days apart`);
}
const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts')).rows[0]?.n ?? 0;
await db.close();
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `${total} contacts for ${byCustomer.size} customers: no duplicates, one routine contact a day and calls 2 days apart per customer, idempotent re-run`,
);
