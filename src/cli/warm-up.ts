/**
 * Before its first batch, a worker plans a few hundred small made-up purchases and throws the output away.
 *
 * Why: V8 decides once, per allocation site, whether the objects made there should go straight to the old
 * generation ("pretenuring"), from the first collection that sees at least 100 of them: if at least 85% are still
 * alive then, they always will be. A worker's first collections come early, and when one falls in the middle of a
 * large plan (a hundred candidate contacts, all alive until the plan is done) V8 decided that every candidate of
 * every later plan belongs in the old generation; that worker then ran a major collection every ~150 ms (about 90
 * in 200,000 lines instead of 10–20). Small ordinary plans first settle those decisions the right way: in ten
 * runs of 200,000 lines side by side, half had such a worker without the warm-up and none with it. With three
 * made-up purchases it still happened in about 1 run of 12 (20,000 lines, one worker, `--trace-gc`); with the five
 * below, which also take the paths of a zone with DST, a customer without a phone, simultaneous incidents and a
 * walk-in's child, in none of 60 — and V8 recompiled less after them (see docs/performance.md). Planning is
 * pure, so nothing these plans leave behind (memoised zone offsets, day texts, window tables) can change a later
 * plan.
 */
import type { RawRecord } from './records.js';

const contact = { phone: '13800000000', wechat: true, sms: true };
const course = (drugCode: string, extra: object = {}): object => ({
  drugCode,
  unitsPerPack: 24,
  dosePerDay: 3,
  ...extra,
});
/** A purchase input, planned as of the purchase unless `asOf` says otherwise. */
const input = (
  id: string,
  purchasedAt: string,
  items: readonly (readonly [drugCode: string, quantity: number])[],
  extra: { customer?: object; purchase?: object; courses: object[]; asOf?: string },
): object => ({
  customer: { id, contact, ...extra.customer },
  purchase: {
    id,
    customerId: id,
    purchasedAt,
    items: items.map(([drugCode, quantity]) => ({ drugCode, quantity })),
    ...extra.purchase,
  },
  courses: extra.courses,
  asOf: extra.asOf ?? purchasedAt,
});

/** Ordinary purchases between them meeting cadences, refills, windows, blackouts, channel policy, caps and escalations. */
const INPUTS: readonly object[] = [
  input(
    'w1',
    '2026-03-05T10:20:00+08:00',
    [
      ['A', 2],
      ['B', 1],
    ],
    {
      customer: { membership: { tier: 'loyal', registeredAt: '2020-01-01T10:00:00+08:00' }, occupation: '会计' },
      courses: [course('A', { chronic: true }), course('B', { specialInstructions: true, onsetDays: 5 })],
    },
  ),
  input('w2', '2026-09-28T19:00:00+08:00', [['C', 1]], {
    customer: { contact: { wechat: false, sms: true } },
    // Resolved the next morning: the checks due after it go ahead.
    purchase: {
      for: 'child',
      incidents: [
        {
          type: 'adverse-reaction',
          severity: 'medium',
          reportedAt: '2026-09-29T22:10:00+08:00',
          resolvedAt: '2026-09-30T09:00:00+08:00',
        },
      ],
    },
    courses: [course('C', { pediatric: true })],
  }),
  input('w3', '2026-05-12T08:05:00+08:00', [['D', 3]], {
    customer: {
      membership: { tier: 'new', registeredAt: '2026-05-01T09:00:00+08:00' },
      contact: { phone: '13800000000', doNotCall: true, wechat: true },
      preferredWindows: [{ days: ['TUE', 'THU'], from: '19:00', to: '21:00' }],
      tags: ['intensive-program'],
    },
    courses: [course('D', { chronic: true, courseDays: 30 })],
    asOf: '2026-05-20T00:00:00+08:00',
  }),
  // No phone, a zone with DST, two incidents at once, two lines.
  input(
    'w4',
    '2026-03-06T17:45:00-05:00',
    [
      ['E', 1],
      ['F', 4],
    ],
    {
      customer: {
        membership: { tier: 'regular', registeredAt: '2025-11-02T09:00:00-05:00' },
        contact: { wechat: true, sms: true },
        timeZone: 'America/New_York',
      },
      purchase: {
        incidents: [
          { type: 'wrong-drug', reportedAt: '2026-03-07T23:30:00-05:00', drugCode: 'E' },
          { type: 'complaint', reportedAt: '2026-03-07T23:30:00-05:00' },
        ],
      },
      courses: [course('E'), course('F', { chronic: true })],
    },
  ),
  // A walk-in buying for a child before the National Day holidays, in UTC, with an inquiry.
  input('w5', '2026-09-29T09:00:00Z', [['G', 2]], {
    customer: { timeZone: 'UTC', preferredWindows: [{ days: ['MON', 'WED', 'FRI'], from: '08:00', to: '10:00' }] },
    purchase: { for: 'child', incidents: [{ type: 'inquiry', reportedAt: '2026-09-29T11:00:00Z' }] },
    courses: [course('G', { pediatric: true, specialInstructions: true })],
  }),
];

const ROUNDS = 48;
/** Records per warm-up batch: small, so that a rule set of large plans stops early (see {@link WARM_UP_MAX_BYTES}). */
const BATCH = 20;
/**
 * A worker stops warming up once the made-up plans came to this many bytes of output: the default rules' 240 plans
 * come to about 2.4 MB; a rule set whose plans run to thousands of contacts (an hourly message) has settled V8's
 * decisions long before — its 240 plans took 5 s before the first real one.
 */
export const WARM_UP_MAX_BYTES = 4 << 20;

/** The made-up purchases {@link ROUNDS} times over, as records, in batches of {@link BATCH}. */
export function warmUpBatches(): RawRecord[][] {
  const texts = INPUTS.map((input) => JSON.stringify(input));
  const batches: RawRecord[][] = [];
  for (let i = 0; i < ROUNDS * texts.length; i += BATCH) {
    const batch: RawRecord[] = [];
    for (let j = i; j < Math.min(i + BATCH, ROUNDS * texts.length); j++)
      batch.push({ line: j + 1, text: texts[j % texts.length] as string });
    batches.push(batch);
  }
  return batches;
}

/** The made-up purchases, for tests. */
export const WARM_UP_INPUTS = INPUTS;
