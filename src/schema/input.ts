import { z } from 'zod';
import {
  channel,
  localDate,
  nonEmptyText,
  offsetDateTime,
  optional,
  routineKind,
  text,
  timeZone,
  windowSchema,
} from './common.js';
import { historyProblems, purchaseProblems } from './cross-field.js';
import { customIssue, zodError } from './zod-issues.js';

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
/** Earlier purchases and earlier contacts a plan input may carry in its history. */
export const MAX_HISTORY_PURCHASES = 200;
export const MAX_HISTORY_CONTACTS = 1_000;

/**
 * The bounds and choices of the input schemas, in one place: the schemas below read them, and so do the facts'
 * domains (`facts/vocabulary.ts`) and the tests of the bounds.
 */
export const INPUT_LIMITS = {
  idChars: 200,
  phoneChars: 50,
  nameChars: 500,
  tagChars: 100,
  windows: 50,
  quantity: 100_000,
  amount: 1_000_000,
  /** A purchase's value, in the store's currency. */
  purchaseAmount: 100_000_000,
  courseDays: 3660,
  onsetDays: 365,
} as const;
export const TIERS = ['new', 'regular', 'loyal'] as const;
/** How a customer says they would rather be reached (`customer.contact.prefers`). */
export const CONTACT_PREFERENCES = ['phone', 'message'] as const;
export const PURCHASED_FOR = ['self', 'child', 'parent', 'spouse', 'other'] as const;
/** A sale, or a consultation: someone who asked but did not buy (no items). */
export const PURCHASE_KINDS = ['sale', 'consultation'] as const;
export const INCIDENT_TYPES = ['wrong-drug', 'complaint', 'adverse-reaction', 'inquiry'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
/** What became of a contact of an earlier plan. */
export const CONTACT_STATUSES = ['planned', 'done', 'not-reached', 'declined', 'cancelled'] as const;

const L = INPUT_LIMITS;
const tags = z.array(nonEmptyText(L.tagChars)).max(MAX_TAGS);

/** A phone number: text, or a whole number as a database column of numbers exports it (`13800001001`). */
const phone = z
  .custom<string | number>(
    (value) => typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0),
    {
      error: zodError('phone-form'),
    },
  )
  .transform((value, ctx) => {
    const text = String(value);
    if (text.length > L.phoneChars) ctx.addIssue(customIssue('text-too-long', { max: L.phoneChars }));
    return text;
  });

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
  /** The customer's name, shown on worklists; rules do not read it. */
  name: optional(text(L.nameChars)),
  timeZone: optional(timeZone),
  birthDate: optional(localDate),
  occupation: optional(text(L.idChars)),
  membership: optional(
    z.object({
      tier: z.enum(TIERS),
      registeredAt: offsetDateTime,
    }),
  ),
  tags: optional(tags),
  contact: z.object({
    phone: optional(phone),
    sms: optional(z.boolean()),
    wechat: optional(z.boolean()),
    doNotCall: optional(z.boolean()),
    /** `message`: routine calls go as a WeChat or sms message where one is consented (a customer who reads rather than talks). */
    prefers: optional(z.enum(CONTACT_PREFERENCES)),
  }),
  preferredWindows: optional(z.array(WindowSchema).max(L.windows)),
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
  severity: optional(z.enum(SEVERITIES)),
  note: optional(text()),
  /** The purchase line it concerns (one of `purchase.items`); absent: every line. */
  drugCode: optional(nonEmptyText(L.idChars)),
  /** When it was dealt with (a complaint resolved): at or after `reportedAt`. */
  resolvedAt: optional(offsetDateTime),
});

/** Whether a purchase's raw value can be asked how many items it has (an object whose items are absent or a list). */
function itemsReadable(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const items = (value as { items?: unknown }).items;
  return items === undefined || items === null || Array.isArray(items);
}

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
export const PurchaseSchema = z
  .object({
    id: nonEmptyText(L.idChars),
    customerId: nonEmptyText(L.idChars),
    storeId: optional(text(L.idChars)),
    purchasedAt: offsetDateTime,
    for: optional(z.enum(PURCHASED_FOR)),
    /** `sale` (the default) or `consultation`: someone who asked but did not buy, with no items. */
    kind: optional(z.enum(PURCHASE_KINDS)),
    /** What the purchase came to, in the store's currency (≥ 0): a fact rules may test (`purchase.amount`). */
    amount: optional(
      z
        .number({ error: zodError('not-a-number') })
        .nonnegative({ error: zodError('negative') })
        .max(L.purchaseAmount, { error: zodError('too-big') }),
    ),
    items: optional(
      z
        .array(
          z.object({
            drugCode: nonEmptyText(L.idChars),
            quantity: z
              .number({ error: zodError('not-a-number') })
              .int({ error: zodError('not-whole', { unit: 'packs' }) })
              .positive({ error: zodError('not-positive') })
              .max(L.quantity),
          }),
        )
        .max(MAX_ITEMS, { error: zodError('list-too-long', { noun: 'items' }) }),
    ),
    incidents: optional(
      z.array(IncidentSchema).max(MAX_INCIDENTS, { error: zodError('list-too-long', { noun: 'incidents' }) }),
    ),
  })
  // A sale lists what was sold; a consultation nothing. Checked whatever else is wrong with the purchase (`when`).
  .refine((p) => p.kind === 'consultation' || (p.items?.length ?? 0) > 0, {
    path: ['items'],
    message: zodError('list-empty', { noun: 'items' }),
    when: (payload) => itemsReadable(payload.value),
  })
  .refine((p) => p.kind !== 'consultation' || (p.items?.length ?? 0) === 0, {
    path: ['items'],
    message: zodError('consultation-items'),
    when: (payload) => itemsReadable(payload.value),
  });

const positive = z
  .number({ error: zodError('not-a-number') })
  .positive({ error: zodError('not-positive') })
  .max(L.amount, { error: zodError('too-big') });

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
  name: optional(text(L.nameChars)),
  unitsPerPack: positive,
  dosePerDay: positive,
  courseDays: optional(
    z
      .number()
      .int({ error: zodError('not-whole', { unit: 'days' }) })
      .positive({ error: zodError('not-positive') })
      .max(L.courseDays),
  ),
  chronic: optional(z.boolean()),
  pediatric: optional(z.boolean()),
  specialInstructions: optional(z.boolean()),
  onsetDays: optional(
    z
      .number()
      .int({ error: zodError('not-whole', { unit: 'days' }) })
      .nonnegative({ error: zodError('negative') })
      .max(L.onsetDays),
  ),
  tags: optional(tags),
});

/**
 * zod schema of {@link ContactRecord}: a touchpoint of an earlier plan, and what became of it.
 *
 * @example
 * ```ts
 * import { ContactRecordSchema } from 'rx-followup';
 *
 * const record = { id: 'tp_1', purchaseId: 'P0', kind: 'follow-up', channel: 'phone', urgency: 'routine', purpose: 'medication-check',
 *   due: '2026-03-05T10:00:00+08:00', window: { start: '2026-03-05T15:00:00+08:00', end: '2026-03-05T18:00:00+08:00' }, status: 'lost' };
 * console.log(ContactRecordSchema.safeParse(record).success); // false: not a status
 * ```
 */
export const ContactRecordSchema = z.object({
  id: nonEmptyText(L.idChars),
  purchaseId: nonEmptyText(L.idChars),
  kind: z.enum([...routineKind.options, 'escalation']),
  channel,
  urgency: z.enum(['routine', 'high', 'critical']),
  purpose: z.string().min(1).max(L.nameChars),
  due: offsetDateTime,
  window: z.object({ start: offsetDateTime, end: offsetDateTime }),
  ruleIds: optional(z.array(nonEmptyText(L.idChars)).max(MAX_TAGS)),
  drugCodes: optional(z.array(nonEmptyText(L.idChars)).max(MAX_ITEMS)),
  status: z.enum(CONTACT_STATUSES),
  /** When it was attempted (done, not reached, declined). */
  at: optional(offsetDateTime),
  outcome: optional(
    z.object({
      stoppedMedication: optional(z.boolean()),
      adverseReaction: optional(z.boolean()),
      /**
       * A stay in hospital the contact brought to light: `true` (from the contact, until a contact is made without
       * one, or a new purchase), or `{ from, until? }` when the ERP registers its dates (SPEC §9).
       */
      hospitalised: optional(
        z.union([z.boolean(), z.object({ from: offsetDateTime, until: optional(offsetDateTime) })]),
      ),
      note: optional(text()),
    }),
  ),
});

/**
 * zod schema of {@link CustomerHistory}: the customer's earlier purchases (with their courses) and the contacts of
 * earlier plans with their status.
 *
 * @example
 * ```ts
 * import { CustomerHistorySchema } from 'rx-followup';
 *
 * console.log(CustomerHistorySchema.safeParse({ purchases: [], contacts: [] }).success); // true
 * ```
 */
export const CustomerHistorySchema = z.object({
  purchases: optional(
    z
      .array(z.object({ purchase: PurchaseSchema, courses: z.array(DrugCourseSchema).max(MAX_ITEMS * 2) }))
      .max(MAX_HISTORY_PURCHASES, { error: zodError('list-too-long', { noun: 'purchases' }) }),
  ),
  contacts: optional(
    z.array(ContactRecordSchema).max(MAX_HISTORY_CONTACTS, { error: zodError('list-too-long', { noun: 'contacts' }) }),
  ),
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
    asOf: optional(offsetDateTime),
    /** The customer's earlier purchases and what became of earlier contacts (docs/history.md). */
    history: optional(CustomerHistorySchema),
  })
  .superRefine((input, ctx) => {
    for (const issue of purchaseProblems(input.customer.id, input.purchase, input.courses)) ctx.addIssue(issue);
    if (input.history) for (const issue of historyProblems(input)) ctx.addIssue(issue);
  });

// The public types are what callers may pass (`null` for an absent optional field, a `Date` for an instant, a
// numeric phone); `ParsedPlanInput` is what validation gives the planner (`undefined` for absent, ISO text).

/** A weekly window of local hours. */
export type Window = z.input<typeof WindowSchema>;
/** Who the customer is and how they may be reached. `null` in an optional field means absent. */
export type CustomerProfile = z.input<typeof CustomerProfileSchema>;
/** Something that went wrong after a sale, reported to the pharmacy. */
export type Incident = z.input<typeof IncidentSchema>;
/** One sale. */
export type Purchase = z.input<typeof PurchaseSchema>;
/** Course metadata of one drug. */
export type DrugCourse = z.input<typeof DrugCourseSchema>;
/** A touchpoint of an earlier plan, and what became of it. */
export type ContactRecord = z.input<typeof ContactRecordSchema>;
/** The customer's earlier purchases and the contacts of earlier plans. */
export type CustomerHistory = z.input<typeof CustomerHistorySchema>;
/** Everything `plan()` needs for one purchase, as a caller may write it; see docs/input.md. */
export type PlanInput = z.input<typeof PlanInputSchema>;
/** A validated plan input: absent optional fields `undefined`, instants ISO-8601 text, phones text. */
export type ParsedPlanInput = z.output<typeof PlanInputSchema>;
