/**
 * The facts rules can test, and the shape of each: the single source for
 * validating condition paths and for the facts table in the docs.
 */
import { WEEKDAYS } from '../calendar/local-date.js';
import {
  CONTACT_PREFERENCES,
  INCIDENT_TYPES,
  PURCHASE_KINDS,
  PURCHASED_FOR,
  SEVERITIES,
  TIERS,
} from '../schema/input.js';

export type FieldType =
  | 'string'
  /** A local date, `YYYY-MM-DD`: text that the comparison operators order as dates. */
  | 'date'
  | 'number'
  | 'boolean'
  | 'string[]'
  | 'string | null'
  | 'number | null'
  | { readonly [field: string]: FieldType }
  | { readonly nullable: true; readonly fields: { readonly [field: string]: FieldType } };

/**
 * The facts rules can test (`customer`, `purchase`, `line`, `incident`) and the shape of each: field names
 * with their types. Validation checks every condition `path` against it; `docs/facts.md` documents it.
 *
 * @example
 * ```ts
 * import { FACT_SHAPES } from 'rx-followup';
 *
 * console.log(Object.keys(FACT_SHAPES.customer)); // ['id', 'timeZone', 'ageYears', …]
 * ```
 */
export const FACT_SHAPES = {
  customer: {
    id: 'string',
    timeZone: 'string',
    ageYears: 'number | null',
    occupation: 'string | null',
    occupationKey: 'string | null',
    occupationWords: 'string[]',
    tier: 'string',
    membership: { nullable: true, fields: { tier: 'string', registeredAt: 'string' } },
    membershipDays: 'number | null',
    tags: 'string[]',
    contact: { hasPhone: 'boolean', sms: 'boolean', wechat: 'boolean', doNotCall: 'boolean', prefers: 'string | null' },
    hasPreferredWindows: 'boolean',
    /** From the input's history (all 0 / null without one). */
    history: {
      purchases: 'number',
      contacts: 'number',
      notReached90Days: 'number',
      daysSinceLastContact: 'number | null',
    },
  },
  purchase: {
    id: 'string',
    customerId: 'string',
    storeId: 'string | null',
    for: 'string',
    forChild: 'boolean',
    kind: 'string',
    amount: 'number | null',
    purchasedAt: 'string',
    localDate: 'date',
    weekday: 'string',
    localHour: 'number',
    itemCount: 'number',
    drugCodes: 'string[]',
    incidentTypes: 'string[]',
    hasChronic: 'boolean',
    hasPediatric: 'boolean',
  },
  line: {
    nullable: true,
    fields: {
      index: 'number',
      drugCode: 'string',
      quantity: 'number',
      name: 'string | null',
      hasCourse: 'boolean',
      supplyDays: 'number | null',
      supplyEndsAt: 'string | null',
      courseDays: 'number | null',
      chronic: 'boolean',
      pediatric: 'boolean',
      specialInstructions: 'boolean',
      onsetDays: 'number',
      tags: 'string[]',
      carriedOverDays: 'number',
    },
  },
  incident: {
    nullable: true,
    fields: {
      index: 'number',
      type: 'string',
      severity: 'string | null',
      drugCode: 'string | null',
      reportedAt: 'string',
      localHour: 'number',
      weekday: 'string',
      hoursAfterPurchase: 'number',
    },
  },
} as const satisfies Record<string, FieldType>;

export type FactName = keyof typeof FACT_SHAPES;
export const FACT_NAMES = Object.keys(FACT_SHAPES).sort() as FactName[];

/** The values a fact field takes where they are few or bounded: a list of values, or whole numbers in a range. */
export type FieldDomain = { readonly values: readonly string[] } | { readonly min: number; readonly max: number };

const HOURS: FieldDomain = { min: 0, max: 23 };

/**
 * The domain of each fact field that has one, by `fact.path` (`customer.tier`): validation refuses a condition value
 * outside it (`tier equal "gold"` would never hold), and `docs/facts.md` lists the same values.
 *
 * @example
 * ```ts
 * import { FACT_DOMAINS } from 'rx-followup';
 *
 * console.log(FACT_DOMAINS['customer.tier']); // { values: ['new', 'regular', 'loyal', 'walk-in'] }
 * ```
 */
export const FACT_DOMAINS: Readonly<Record<string, FieldDomain>> = {
  'customer.tier': { values: [...TIERS, 'walk-in'] },
  'customer.membership.tier': { values: TIERS },
  'customer.contact.prefers': { values: CONTACT_PREFERENCES },
  'purchase.for': { values: PURCHASED_FOR },
  'purchase.kind': { values: PURCHASE_KINDS },
  'purchase.weekday': { values: WEEKDAYS },
  'purchase.localHour': HOURS,
  'incident.type': { values: INCIDENT_TYPES },
  'incident.severity': { values: SEVERITIES },
  'incident.weekday': { values: WEEKDAYS },
  'incident.localHour': HOURS,
};

/**
 * The domain of a fact field (`customer` and `['tier']`), when it has one, with its `fact.path` name and whether the
 * field can be null or absent (then no list of its values covers every case).
 */
export function fieldDomain(
  fact: string,
  segments: readonly string[],
): { name: string; domain: FieldDomain; nullable: boolean } | undefined {
  const name = `${fact}.${segments.join('.')}`;
  const domain = Object.prototype.hasOwnProperty.call(FACT_DOMAINS, name) ? FACT_DOMAINS[name] : undefined;
  if (domain === undefined) return undefined;
  let shape = FACT_SHAPES[fact as FactName] as FieldType | undefined;
  let nullable = false;
  for (const segment of segments) {
    if (shape === undefined || typeof shape === 'string') break;
    const group = shape as { readonly nullable?: true; readonly fields?: { readonly [field: string]: FieldType } };
    if (group.nullable === true) nullable = true;
    shape = (group.fields ?? (shape as { readonly [field: string]: FieldType }))[segment];
  }
  return { name, domain, nullable: nullable || (typeof shape === 'string' && shape.endsWith('| null')) };
}
