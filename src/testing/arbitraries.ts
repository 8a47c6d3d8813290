import fc from 'fast-check';
import { arbHistoryFor } from './arb-history.js';
import { iso } from './iso.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import type { CustomerProfile, DrugCourse, Incident, PlanInput, Purchase, Window } from '../schema/input.js';
import type { RuleSet } from '../schema/ruleset.js';
import { arbInstant, DAY, DAYS, DEFAULT_ZONES, ms, OCCUPATIONS, TAGS, vocabulary } from './arb-basics.js';

export { DEFAULT_ZONES };

/** Options of {@link arbPlanInput} and the other arbitraries. */
export interface ArbitraryOptions {
  /** IANA zones to draw customers from; `undefined` in the list means "no timeZone: the rule set's default". */
  readonly zones?: readonly (string | undefined)[];
  /** Purchases fall between these instants (ISO-8601 with offset). Default 2026-01-01 to 2028-12-31. */
  readonly from?: string;
  readonly to?: string;
  /** Draw occupations and tags from this rule set's conditions as well as the built-in lists. */
  readonly ruleSet?: RuleSet;
  /** Drug codes to draw from. Default D1…D6. */
  readonly drugCodes?: readonly string[];
  /**
   * `arbPlanInput` only: give most inputs a `history` — up to 3 earlier purchases of the same customer (days to weeks
   * before, often of the same drugs), half of them with the check their plan made still open (as the default rules
   * make it: a new plan's contacts may merge into it), and up to 20 contacts of their plans and of this purchase's,
   * with random status and outcomes, attempts never after `asOf`. Default `false`.
   */
  readonly history?: boolean;
}

/** An ISO-8601 string for an instant, in the zone's offset or in UTC. */

const arbWindow: fc.Arbitrary<Window> = fc
  .tuple(
    fc.subarray([...DAYS], { minLength: 1 }),
    fc.integer({ min: 6 * 4, max: 21 * 4 }),
    fc.integer({ min: 1, max: 16 }),
  )
  .map(([days, fromQ, lengthQ]) => {
    const from = fromQ * 15;
    const to = Math.min(from + lengthQ * 15, 24 * 60);
    const clock = (m: number): string =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { days, from: clock(from), to: clock(to) };
  });

/**
 * A customer profile: tiers, walk-ins, occupations (accountants included), tags,
 * every consent and do-not-call combination, with or without a phone, own windows.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbCustomer } from 'rx-followup/testing';
 *
 * console.log(fc.sample(arbCustomer({ zones: ['Asia/Shanghai'] }), { numRuns: 3, seed: 1 }).length); // 3
 * ```
 */
export function arbCustomer(options: ArbitraryOptions = {}, purchasedAt?: number): fc.Arbitrary<CustomerProfile> {
  const zones = options.zones ?? DEFAULT_ZONES;
  const occupations = [
    ...new Set([
      ...OCCUPATIONS,
      ...vocabulary(options.ruleSet, '$.occupationKey'),
      ...vocabulary(options.ruleSet, '$.occupationWords'),
    ]),
  ];
  const tags = [...new Set([...TAGS, ...vocabulary(options.ruleSet, '$.tags')])];
  const anchor = purchasedAt ?? ms('2026-06-01T00:00:00Z');
  return fc
    .record(
      {
        id: fc.constantFrom('C1', 'C-2', '客户3'),
        timeZone: fc.constantFrom(...zones),
        birthDate: fc
          .integer({ min: 0, max: 90 * 365 })
          .map((days) => formatLocalDate(fromEpochDay(Math.floor(anchor / DAY) - days))),
        occupation: fc.constantFrom(...occupations),
        membership: fc.record({
          tier: fc.constantFrom('new' as const, 'regular' as const, 'loyal' as const),
          registeredAtOffset: fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }),
        }),
        tags: fc.subarray(tags),
        contact: fc.record(
          {
            phone: fc.constantFrom('13800000000', '+86 139 0000 0000', '   '),
            sms: fc.boolean(),
            wechat: fc.boolean(),
            doNotCall: fc.boolean(),
            prefers: fc.constantFrom('phone' as const, 'message' as const),
          },
          { requiredKeys: [] },
        ),
        preferredWindows: fc.array(arbWindow, { minLength: 1, maxLength: 2 }),
        utc: fc.boolean(),
      },
      { requiredKeys: ['id', 'contact', 'utc'] },
    )
    .map(({ membership, utc, timeZone, ...rest }) => {
      const customer: CustomerProfile = { ...rest } as CustomerProfile;
      if (timeZone !== undefined) customer.timeZone = timeZone;
      else delete customer.timeZone;
      if (membership) {
        customer.membership = {
          tier: membership.tier,
          registeredAt: iso(anchor - membership.registeredAtOffset * 60_000, timeZone, utc),
        };
      }
      return customer;
    });
}

/**
 * A drug course: chronic, pediatric, special instructions, onset days, course days, any supply.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbCourse } from 'rx-followup/testing';
 *
 * console.log(fc.sample(arbCourse(), { numRuns: 3, seed: 1 }).length); // 3
 * ```
 */
export function arbCourse(
  drugCode: fc.Arbitrary<string> = fc.constantFrom('D1', 'D2', 'D3'),
): fc.Arbitrary<DrugCourse> {
  return fc.record(
    {
      drugCode,
      name: fc.constantFrom('Amoxicillin 500 mg', '二甲双胍片', 'Ibuprofen'),
      unitsPerPack: fc.integer({ min: 1, max: 120 }),
      dosePerDay: fc.constantFrom(0.5, 1, 2, 3, 4, 6),
      courseDays: fc.integer({ min: 1, max: 180 }),
      chronic: fc.boolean(),
      pediatric: fc.boolean(),
      specialInstructions: fc.boolean(),
      onsetDays: fc.integer({ min: 0, max: 14 }),
      tags: fc.subarray(['antibiotic', 'otc', 'rx']),
    },
    { requiredKeys: ['drugCode', 'unitsPerPack', 'dosePerDay'] },
  );
}

/**
 * An incident reported within ~10 days of `purchasedAt`, at any hour.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbIncident } from 'rx-followup/testing';
 *
 * console.log(fc.sample(arbIncident(Date.UTC(2026, 2, 5, 2), 'Asia/Shanghai'), { numRuns: 3, seed: 1 }).length); // 3
 * ```
 */
export function arbIncident(
  purchasedAt: number,
  zone?: string,
  drugCodes: readonly string[] = [],
): fc.Arbitrary<Incident> {
  return fc
    .record(
      {
        type: fc.constantFrom(
          'wrong-drug' as const,
          'complaint' as const,
          'adverse-reaction' as const,
          'inquiry' as const,
        ),
        minutesAfter: fc.oneof(fc.integer({ min: 0, max: 48 * 60 }), fc.integer({ min: 0, max: 240 * 60 })),
        severity: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
        note: fc.constantFrom('拿错药', 'rash after 2 doses'),
        drug: fc.nat({ max: 7 }),
        resolvedMinutesLater: fc.integer({ min: 0, max: 30 * 24 * 60 }),
        utc: fc.boolean(),
      },
      { requiredKeys: ['type', 'minutesAfter', 'utc'] },
    )
    .map(({ minutesAfter, utc, drug, resolvedMinutesLater, ...rest }) => {
      const reported = purchasedAt + minutesAfter * 60_000;
      return {
        ...rest,
        reportedAt: iso(reported, zone, utc),
        // The line it concerns: one of the purchase's drugs, when they are given.
        ...(drug === undefined || drugCodes.length === 0
          ? {}
          : { drugCode: drugCodes[drug % drugCodes.length] as string }),
        ...(resolvedMinutesLater === undefined
          ? {}
          : { resolvedAt: iso(reported + resolvedMinutesLater * 60_000, zone, utc) }),
      };
    });
}

/** Two incidents as reported at the first one's moment (resolved when it was, if it was). */
function atOneMoment(incidents: Incident[]): Incident[] {
  const [first, second] = incidents;
  if (first === undefined || second === undefined) return incidents;
  const { resolvedAt: _, ...rest } = second;
  return [
    first,
    {
      ...rest,
      reportedAt: first.reportedAt,
      ...(first.resolvedAt === undefined || first.resolvedAt === null ? {} : { resolvedAt: first.resolvedAt }),
    },
  ];
}

/**
 * A purchase: one to four lines, for self or others, with or without incidents.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbPurchase } from 'rx-followup/testing';
 *
 * console.log(fc.sample(arbPurchase({ from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' }), { numRuns: 3, seed: 1 }).length); // 3
 * ```
 */
export function arbPurchase(
  options: ArbitraryOptions = {},
  customerId = 'C1',
  purchasedAt?: number,
  zone?: string,
): fc.Arbitrary<Purchase> {
  const codes = options.drugCodes ?? ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'];
  const instant = purchasedAt === undefined ? arbInstant(options) : fc.constant(purchasedAt);
  const items = fc.array(
    fc.record({ drugCode: fc.constantFrom(...codes), quantity: fc.integer({ min: 1, max: 12 }) }),
    {
      minLength: 1,
      maxLength: 4,
    },
  );
  // One purchase in ten a consultation: someone who asked and bought nothing.
  const consultation = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
  return fc.tuple(instant, items, consultation).chain(([at, sold, consulted]) => {
    const lines = consulted ? [] : sold;
    return fc
      .record(
        {
          id: fc.constantFrom('P1', 'P-2026-0001', '单据42'),
          storeId: fc.constantFrom('S1', 'SH-PD-007'),
          for: fc.constantFrom(
            'self' as const,
            'child' as const,
            'parent' as const,
            'spouse' as const,
            'other' as const,
          ),
          // What it came to, in the store's currency: whole amounts and cents.
          amount: fc.oneof(
            fc.integer({ min: 0, max: 5_000 }),
            fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100),
          ),
          // One pair in four reported at one moment (a customer back at the counter with a complaint and the wrong
          // drug): their calls are one call.
          incidents: fc
            .tuple(
              fc.array(
                arbIncident(
                  at,
                  zone,
                  lines.map((l) => l.drugCode),
                ),
                { maxLength: 2 },
              ),
              fc.integer({ min: 0, max: 3 }),
            )
            .map(([incidents, n]) => (n === 0 ? atOneMoment(incidents) : incidents)),
          utc: fc.boolean(),
        },
        { requiredKeys: ['id', 'utc'] },
      )
      .map(({ utc, ...rest }) => ({
        ...rest,
        ...(consulted ? { kind: 'consultation' as const } : { items: lines }),
        customerId,
        purchasedAt: iso(at, zone, utc),
      }));
  });
}

/**
 * A whole valid `PlanInput`: a customer, a purchase by them, courses for most
 * of the purchased drugs (a missing one exercises the warning), and
 * sometimes an `asOf` after the purchase.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { arbPlanInput, assertPlanInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * await fc.assert(fc.asyncProperty(arbPlanInput(), async (input) => {
 *   assertPlanInvariants(await planner.plan(input), input, planner.ruleSet);
 * }), { numRuns: 50, seed: 42 });
 * ```
 */
export function arbPlanInput(options: ArbitraryOptions = {}): fc.Arbitrary<PlanInput> {
  const zones = options.zones ?? DEFAULT_ZONES;
  return fc.tuple(arbInstant(options), fc.constantFrom(...zones)).chain(([purchasedAt, zone]) =>
    arbCustomer({ ...options, zones: [zone] }, purchasedAt).chain((customer) =>
      arbPurchase(options, customer.id, purchasedAt, zone).chain((purchase) => {
        const codes = [...new Set((purchase.items ?? []).map((i) => i.drugCode))].sort();
        return fc
          .record(
            {
              courses: fc.tuple(...codes.map((code) => fc.option(arbCourse(fc.constant(code)), { freq: 6 }))),
              asOfMinutes: fc.oneof(
                { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 * 24 * 60 }) },
                { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * 24 * 60 }) },
              ),
            },
            { requiredKeys: ['courses'] },
          )
          .map(({ courses, asOfMinutes }) => {
            const input: PlanInput = {
              customer,
              purchase,
              courses: courses.filter((c): c is DrugCourse => c !== null),
            };
            if (asOfMinutes !== undefined) input.asOf = iso(purchasedAt + asOfMinutes * 60_000, zone, false);
            return input;
          })
          .chain((input) =>
            options.history === true ? arbHistoryFor(input, purchasedAt, zone, codes) : fc.constant(input),
          );
      }),
    ),
  );
}
