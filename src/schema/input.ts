import { z } from 'zod';
import { parseInstant } from '../calendar/instant.js';
import { localDate, nonEmptyText, offsetDateTime, text, timeZone, windowSchema } from './common.js';


/**
 * A weekly window of local hours: `{ days: ['TUE', 'WED'], from: '15:00', to: '18:00' }`.
 *
 * @example
 * ```ts
 * import { WindowSchema } from 'rx-followup';
 *
 * console.log(WindowSchema.safeParse({ days: ['TUE'], from: '18:00', to: '09:00' }).success); // false: to must be later
 * ```
 */
export const WindowSchema = windowSchema;

export const MAX_ITEMS = 200;
export const MAX_INCIDENTS = 50;
export const MAX_TAGS = 100;

/**
 * The bounds and choices of the input schemas, in one place: the schemas below and the hand-written check in
 * fast-input.ts both read them, so the two cannot drift apart.
 */
export const INPUT_LIMITS = {
  idChars: 200,
  phoneChars: 50,
  nameChars: 500,
  tagChars: 100,
  windows: 50,
  quantity: 100_000,
  amount: 1_000_000,
  courseDays: 3660,
  onsetDays: 365,
} as const;
export const TIERS = ['new', 'regular', 'loyal'] as const;
export const PURCHASED_FOR = ['self', 'child', 'parent', 'spouse', 'other'] as const;
export const INCIDENT_TYPES = ['wrong-drug', 'complaint', 'adverse-reaction', 'inquiry'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

const L = INPUT_LIMITS;
const tags = z.array(nonEmptyText(L.tagChars)).max(MAX_TAGS);

/**
 * zod schema of {@link CustomerProfile}. Unknown fields are ignored.
 *
 * @example
 * ```ts
 * import { CustomerProfileSchema } from 'rx-followup';
 *
 * console.log(CustomerProfileSchema.safeParse({ id: 'c', timeZone: 'Asia/Beijing', contact: {} }).success); // false: not an IANA zone
 * ```
 */
export const CustomerProfileSchema = z.object({
  id: nonEmptyText(L.idChars),
  timeZone: timeZone.optional(),
  birthDate: localDate.optional(),
  occupation: text(L.idChars).optional(),
  membership: z
    .object({
      tier: z.enum(TIERS),
      registeredAt: offsetDateTime,
    })
    .optional(),
  tags: tags.optional(),
  contact: z.object({
    phone: text(L.phoneChars).optional(),
    sms: z.boolean().optional(),
    wechat: z.boolean().optional(),
    doNotCall: z.boolean().optional(),
  }),
  preferredWindows: z.array(WindowSchema).max(L.windows).optional(),
});

/**
 * zod schema of {@link Incident}.
 *
 * @example
 * ```ts
 * import { IncidentSchema } from 'rx-followup';
 *
 * console.log(IncidentSchema.parse({ type: 'complaint', reportedAt: '2026-03-05T21:30:00+08:00' }).type); // complaint
 * ```
 */
export const IncidentSchema = z.object({
  type: z.enum(INCIDENT_TYPES),
  reportedAt: offsetDateTime,
  severity: z.enum(SEVERITIES).optional(),
  note: text().optional(),
});

/**
 * zod schema of {@link Purchase}.
 *
 * @example
 * ```ts
 * import { PurchaseSchema } from 'rx-followup';
 *
 * const result = PurchaseSchema.safeParse({ id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00Z', items: [{ drugCode: 'D', quantity: 0 }] });
 * console.log(result.success); // false: quantity must be greater than 0
 * ```
 */
export const PurchaseSchema = z.object({
  id: nonEmptyText(L.idChars),
  customerId: nonEmptyText(L.idChars),
  storeId: text(L.idChars).optional(),
  purchasedAt: offsetDateTime,
  for: z.enum(PURCHASED_FOR).optional(),
  items: z
    .array(
      z.object({
        drugCode: nonEmptyText(L.idChars),
        quantity: z
          .number({ error: 'must be a number' })
          .int({ error: 'must be a whole number of packs' })
          .positive({ error: 'must be greater than 0' })
          .max(L.quantity),
      }),
    )
    .min(1, { error: 'must list at least one item' })
    .max(MAX_ITEMS, { error: `must list at most ${MAX_ITEMS} items` }),
  incidents: z.array(IncidentSchema).max(MAX_INCIDENTS, { error: `must list at most ${MAX_INCIDENTS} incidents` }).optional(),
});

const positive = z.number({ error: 'must be a number' }).positive({ error: 'must be greater than 0' }).max(L.amount);

/**
 * zod schema of {@link DrugCourse}.
 *
 * @example
 * ```ts
 * import { DrugCourseSchema } from 'rx-followup';
 *
 * console.log(DrugCourseSchema.parse({ drugCode: 'METF-500', unitsPerPack: 30, dosePerDay: 1, chronic: true }).chronic); // true
 * ```
 */
export const DrugCourseSchema = z.object({
  drugCode: nonEmptyText(L.idChars),
  name: text(L.nameChars).optional(),
  unitsPerPack: positive,
  dosePerDay: positive,
  courseDays: z.number().int({ error: 'must be a whole number of days' }).positive({ error: 'must be greater than 0' }).max(L.courseDays).optional(),
  chronic: z.boolean().optional(),
  pediatric: z.boolean().optional(),
  specialInstructions: z.boolean().optional(),
  onsetDays: z.number().int({ error: 'must be a whole number of days' }).nonnegative({ error: 'must not be negative' }).max(L.onsetDays).optional(),
  tags: tags.optional(),
});

/**
 * zod schema of {@link PlanInput}, with the checks that span fields (a purchase by this customer, one course per drug, incidents after the purchase). `parsePlanInput` turns its issues into an `InputError`.
 *
 * @example
 * ```ts
 * import { PlanInputSchema } from 'rx-followup';
 *
 * const result = PlanInputSchema.safeParse({ customer: { id: 'a', contact: {} }, purchase: { id: 'p', customerId: 'b', purchasedAt: '2026-03-05T10:00:00Z', items: [{ drugCode: 'D', quantity: 1 }] }, courses: [] });
 * console.log(result.success); // false: purchase.customerId is not this customer
 * ```
 */
export const PlanInputSchema = z
  .object({
    customer: CustomerProfileSchema,
    purchase: PurchaseSchema,
    courses: z.array(DrugCourseSchema).max(MAX_ITEMS * 2),
    asOf: offsetDateTime.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.purchase.customerId !== input.customer.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['purchase', 'customerId'],
        message: `"${input.purchase.customerId}" is not this customer ("${input.customer.id}")`,
      });
    }
    const seen = new Map<string, number>();
    input.courses.forEach((course, index) => {
      const first = seen.get(course.drugCode);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['courses', index, 'drugCode'], message: `duplicate course for "${course.drugCode}" (also courses[${first}])` });
      } else seen.set(course.drugCode, index);
    });
    const purchased = parseInstant(input.purchase.purchasedAt);
    if (purchased.ok) {
      input.purchase.incidents?.forEach((incident, index) => {
        const reported = parseInstant(incident.reportedAt);
        if (reported.ok && reported.epochMs < purchased.epochMs) {
          ctx.addIssue({ code: 'custom', path: ['purchase', 'incidents', index, 'reportedAt'], message: 'is before purchase.purchasedAt' });
        }
      });
    }
  });

/** A weekly window of local hours. */
export type Window = z.infer<typeof WindowSchema>;
/** Who the customer is and how they may be reached. */
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;
/** Something that went wrong after a sale, reported to the pharmacy. */
export type Incident = z.infer<typeof IncidentSchema>;
/** One sale. */
export type Purchase = z.infer<typeof PurchaseSchema>;
/** Course metadata of one drug. */
export type DrugCourse = z.infer<typeof DrugCourseSchema>;
/** Everything `plan()` needs for one purchase. */
export type PlanInput = z.infer<typeof PlanInputSchema>;
