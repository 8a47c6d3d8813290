/** Customer histories for generated inputs (`arbPlanInput({ history: true })`). */
import fc from 'fast-check';
import { CONTACT_STATUSES, type PlanInput } from '../schema/input.js';
import { iso } from './iso.js';

const DAY = 86_400_000;

/** A drawn outcome as a contact records it; a stay in hospital `true`/`false`, or `{ from, until? }` days from the contact. */
function outcomeOf(
  drawn: { stoppedMedication?: boolean; adverseReaction?: boolean; hospitalised?: boolean | [number, number | null] },
  startMs: number,
  zone: string | undefined,
) {
  const { hospitalised, ...rest } = drawn;
  if (hospitalised === undefined || typeof hospitalised === 'boolean')
    return hospitalised === undefined ? rest : { ...rest, hospitalised };
  const [fromDays, days] = hospitalised;
  const from = startMs + fromDays * DAY;
  return {
    ...rest,
    hospitalised: {
      from: iso(from, zone, false),
      ...(days === null ? {} : { until: iso(from + days * DAY, zone, false) }),
    },
  };
}

/** The input with a history drawn for it (most of the time): earlier purchases (mostly of its drugs), and contacts. */
export function arbHistoryFor(
  input: PlanInput,
  purchasedAt: number,
  zone: string | undefined,
  codes: readonly string[],
): fc.Arbitrary<PlanInput> {
  const asOf = input.asOf === undefined ? purchasedAt : Date.parse(String(input.asOf));
  const drugs = codes.length > 0 ? codes : ['D1'];
  const earlier = fc.array(
    fc.record({
      daysBefore: fc.integer({ min: 1, max: 60 }),
      // Mostly this purchase's drugs (a repeat), sometimes another (its checks may merge with this plan's).
      drug: fc.constantFrom(...drugs, 'D0'),
      quantity: fc.integer({ min: 1, max: 4 }),
      chronic: fc.boolean(),
      // Half of them with the check their plan made still open: which of the tier's dues, hours after it, and whether
      // the purchase was recent enough for that check to lie ahead.
      check: fc.option(fc.tuple(fc.nat({ max: 2 }), fc.integer({ min: 0, max: 48 }), fc.boolean()), { freq: 2 }),
    }),
    { maxLength: 3 },
  );
  const contact = fc.record({
    purchase: fc.nat(),
    dayOffset: fc.integer({ min: -30, max: 30 }),
    hour: fc.integer({ min: 8, max: 19 }),
    status: fc.constantFrom(...CONTACT_STATUSES),
    channel: fc.constantFrom('phone' as const, 'phone' as const, 'wechat' as const, 'home-visit' as const),
    kind: fc.constantFrom('follow-up' as const, 'refill' as const),
    purpose: fc.constantFrom('medication-check', 'refill-reminder', 'care-call'),
    outcome: fc.option(
      fc.record(
        {
          stoppedMedication: fc.boolean(),
          adverseReaction: fc.boolean(),
          // A stay as `true`, or registered: days from the contact, and how long (open when not known).
          hospitalised: fc.oneof(
            fc.boolean(),
            fc.tuple(fc.integer({ min: -3, max: 10 }), fc.option(fc.integer({ min: 1, max: 30 }))),
          ),
        },
        { requiredKeys: [] },
      ),
      { freq: 4 },
    ),
  });
  return fc.option(fc.tuple(earlier, fc.array(contact, { maxLength: 20 })), { freq: 5 }).map((drawn) => {
    if (drawn === null) return input;
    const loyal = input.customer.membership?.tier === 'loyal';
    // The days after its purchase a check of the tier's cadence is due.
    const dueDays = (which: number): number => (loyal ? ([3, 14, 30][which] as number) : 7);
    const buys = drawn[0].map((b) =>
      b.check?.[2] === true ? { ...b, daysBefore: 1 + (b.daysBefore % (dueDays(b.check[0]) - 1)) } : b,
    );
    const contacts = drawn[1];
    const purchases = buys.map((b, i) => ({
      purchase: {
        id: `E${i + 1}`,
        customerId: input.customer.id,
        purchasedAt: iso(purchasedAt - b.daysBefore * DAY, zone, false),
        items: [{ drugCode: b.drug, quantity: b.quantity }],
      },
      courses: [{ drugCode: b.drug, unitsPerPack: 30, dosePerDay: 1, chronic: b.chronic }],
    }));
    // The open checks of the earlier purchases' plans, as the default rules make them (a loyal customer's 3 days,
    // 14 days or a month after the purchase; anyone else's 7 days), so a new plan's contacts may merge into them.
    const checks = buys.flatMap((b, i) => {
      if (b.check === null) return [];
      const [which, hours] = b.check;
      const due = purchasedAt - (b.daysBefore - dueDays(which)) * DAY;
      const start = due + hours * 3_600_000;
      return [
        {
          id: `tp_e${i}`,
          purchaseId: `E${i + 1}`,
          kind: 'follow-up' as const,
          channel: 'phone' as const,
          urgency: 'routine' as const,
          purpose: 'medication-check',
          due: iso(due, zone, false),
          window: { start: iso(start, zone, false), end: iso(start + 3_600_000, zone, false) },
          ruleIds: [loyal ? 'cadence.loyal-3-2-3' : 'cadence.regular-7d'],
          drugCodes: [b.drug],
          status: 'planned' as const,
        },
      ];
    });
    const owners = [input.purchase.id, ...purchases.map((p) => p.purchase.id)];
    const records = contacts.map((c, i) => {
      const owner = owners[c.purchase % owners.length] as string;
      let start = purchasedAt + c.dayOffset * DAY + (c.hour - 10) * 3_600_000;
      const attempted = c.status === 'done' || c.status === 'not-reached' || c.status === 'declined';
      // An attempt never lies after asOf.
      if (attempted && start > asOf) start = asOf - DAY;
      const drug =
        owner === input.purchase.id
          ? (input.purchase.items?.[0]?.drugCode ?? 'D1')
          : (buys[owners.indexOf(owner) - 1]?.drug ?? 'D1');
      return {
        id: `tp_h${i}`,
        purchaseId: owner,
        kind: c.kind,
        channel: c.channel,
        urgency: 'routine' as const,
        purpose: c.purpose,
        due: iso(start, zone, false),
        window: { start: iso(start, zone, false), end: iso(start + 3_600_000, zone, false) },
        ruleIds: [c.kind === 'refill' ? 'cadence.chronic-refill' : 'cadence.regular-7d'],
        drugCodes: [drug],
        status: c.status,
        ...(attempted ? { at: iso(start, zone, false) } : {}),
        ...(c.outcome === null ? {} : { outcome: outcomeOf(c.outcome, start, zone) }),
      };
    });
    return { ...input, history: { purchases, contacts: [...checks, ...records] } };
  });
}
