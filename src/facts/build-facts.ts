import { explain, type Explanation } from '../i18n/explanation.js';
import { formatInstant, instant } from '../calendar/instant.js';
import { addLocalDays } from '../calendar/duration.js';
import {
  formatLocalDate,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
  type LocalDate,
  type LocalDateTime,
} from '../calendar/local-date.js';
import { canonicalZone, localEpochDay, toLocal } from '../calendar/zone.js';
import type { ParsedPlanInput } from '../schema/input.js';
import { supplyDaysOf } from '../schema/supply.js';

export { supplyDaysOf };
import { copyList, mapList } from '../_lib/list.js';
import { readHistory, type CustomerHistoryView } from './history.js';
import { occupationWords } from './occupation-words.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';

/** Default days until a drug's effect is expected, when its course does not say. */
export const DEFAULT_ONSET_DAYS = 3;

export interface CustomerFact {
  readonly id: string;
  readonly timeZone: string;
  readonly ageYears: number | null;
  readonly occupation: string | null;
  readonly occupationKey: string | null;
  /** The occupation's words, to match a vocabulary of trades against (occupation-words.ts); empty without one. */
  readonly occupationWords: readonly string[];
  readonly tier: 'new' | 'regular' | 'loyal' | 'walk-in';
  readonly membership: { readonly tier: string; readonly registeredAt: string } | null;
  readonly membershipDays: number | null;
  readonly tags: readonly string[];
  readonly contact: {
    readonly hasPhone: boolean;
    readonly sms: boolean;
    readonly wechat: boolean;
    readonly doNotCall: boolean;
    /** How the customer would rather be reached; `null`: not said. */
    readonly prefers: 'phone' | 'message' | null;
  };
  readonly hasPreferredWindows: boolean;
  readonly history: HistoryFact;
}

/** What the customer's history says, as rules see it (zeros and `null` without a history). */
export interface HistoryFact {
  /** Earlier purchases listed. */
  readonly purchases: number;
  /** Contacts of earlier plans listed, whatever their status. */
  readonly contacts: number;
  /** Contacts not reached in the 90 days up to `asOf`. */
  readonly notReached90Days: number;
  /** Whole days from the last contact made (done) to `asOf`; `null`: none. */
  readonly daysSinceLastContact: number | null;
}

export interface PurchaseFact {
  readonly id: string;
  readonly customerId: string;
  readonly storeId: string | null;
  readonly for: string;
  readonly forChild: boolean;
  /** `sale` or `consultation`. */
  readonly kind: string;
  /** What the purchase came to, in the store's currency; `null` when the input does not say. */
  readonly amount: number | null;
  readonly purchasedAt: string;
  readonly localDate: string;
  readonly weekday: string;
  readonly localHour: number;
  readonly itemCount: number;
  readonly drugCodes: readonly string[];
  readonly incidentTypes: readonly string[];
  readonly hasChronic: boolean;
  readonly hasPediatric: boolean;
}

export interface LineFact {
  readonly index: number;
  readonly drugCode: string;
  readonly quantity: number;
  readonly name: string | null;
  readonly hasCourse: boolean;
  readonly supplyDays: number | null;
  readonly supplyEndsAt: string | null;
  readonly courseDays: number | null;
  readonly chronic: boolean;
  readonly pediatric: boolean;
  readonly specialInstructions: boolean;
  readonly onsetDays: number;
  readonly tags: readonly string[];
  /** Days of an earlier purchase's supply of this drug still in hand at this purchase (0: none). */
  readonly carriedOverDays: number;
}

export interface IncidentFact {
  readonly index: number;
  readonly type: string;
  readonly severity: string | null;
  /** The purchase line it concerns; `null`: every line. */
  readonly drugCode: string | null;
  readonly reportedAt: string;
  readonly localHour: number;
  readonly weekday: string;
  readonly hoursAfterPurchase: number;
}

/** What one rule evaluation sees. Escalation rules run once per incident, the others once per line. */
export interface FactSet {
  readonly customer: CustomerFact;
  readonly purchase: PurchaseFact;
  readonly line: LineFact | null;
  readonly incident: IncidentFact | null;
}

/** A line with the instants the planner needs beside its facts. */
export interface LineContext {
  readonly fact: LineFact;
  readonly supplyEndsAtMs: number | null;
  readonly onsetAtMs: number | null;
}

export interface IncidentContext {
  readonly fact: IncidentFact;
  readonly reportedAtMs: number;
  /** When it was dealt with, if it was. */
  readonly resolvedAtMs: number | null;
}

/** Everything derived from one validated input. */
export interface PlanFacts {
  readonly zone: string;
  readonly purchasedAtMs: number;
  readonly asOfMs: number;
  readonly registeredAtMs: number | null;
  readonly customer: CustomerFact;
  readonly purchase: PurchaseFact;
  readonly lines: readonly LineContext[];
  readonly incidents: readonly IncidentContext[];
  readonly warnings: readonly Explanation[];
  /** The customer's history, read; `null` without one. */
  readonly history: CustomerHistoryView | null;
  /** What people calling need and rules do not read: the customer's name and phone, as the input gave them. */
  readonly display: { readonly customerName: string | null; readonly phone: string | null };
}

const NO_STRINGS: readonly string[] = [];
const NO_HISTORY: HistoryFact = { purchases: 0, contacts: 0, notReached90Days: 0, daysSinceLastContact: null };
const NO_CARRY: ReadonlyMap<string, number> = new Map();
const NO_ITEMS: NonNullable<ParsedPlanInput['purchase']['items']> = [];
const NO_INCIDENTS: NonNullable<ParsedPlanInput['purchase']['incidents']> = [];

/** A sorted copy (code-unit order) of an optional list. */
function sortedCopy(list: readonly string[] | undefined): string[] {
  const copy = copyList(list ?? NO_STRINGS);
  return copy.length > 1 ? sortInPlace(copy, byCodeUnits) : copy;
}

/** The distinct values, sorted (code-unit order); `list` is the caller's own and is reused. */
function distinctSorted(list: string[]): string[] {
  if (list.length <= 1) return list;
  sortInPlace(list, byCodeUnits);
  let n = 1;
  for (let i = 1; i < list.length; i++) if (list[i] !== list[n - 1]) list[n++] = list[i] as string;
  list.length = n;
  return list;
}

/** Whole years from `birth` to `on`. */
export function ageInYears(birth: LocalDate, on: LocalDate): number {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age--;
  return age;
}

/** The customer as rules see them, on the local day of the purchase. */
function customerFactOf(
  customer: ParsedPlanInput['customer'],
  zone: string,
  purchaseLocal: LocalDateTime,
  registeredAtMs: number | null,
  history: CustomerHistoryView | null,
): CustomerFact {
  const birth = customer.birthDate === undefined ? undefined : parseLocalDate(customer.birthDate);
  const occupation = customer.occupation?.trim() || null;
  return {
    id: customer.id,
    timeZone: zone,
    ageYears: birth ? ageInYears(birth, purchaseLocal) : null,
    occupation,
    occupationKey: occupation === null ? null : occupation.toLowerCase().replace(/\s+/g, ' '),
    occupationWords: occupation === null ? NO_STRINGS : occupationWords(occupation),
    tier: customer.membership?.tier ?? 'walk-in',
    membership: customer.membership
      ? { tier: customer.membership.tier, registeredAt: customer.membership.registeredAt }
      : null,
    membershipDays:
      registeredAtMs === null ? null : toEpochDay(purchaseLocal) - toEpochDay(toLocal(registeredAtMs, zone)),
    tags: sortedCopy(customer.tags),
    contact: {
      hasPhone: (customer.contact.phone ?? '').trim() !== '',
      sms: customer.contact.sms === true,
      wechat: customer.contact.wechat === true,
      doNotCall: customer.contact.doNotCall === true,
      prefers: customer.contact.prefers ?? null,
    },
    hasPreferredWindows: (customer.preferredWindows ?? []).length > 0,
    history: history?.counts ?? NO_HISTORY,
  };
}

/** A line without a course: what rules see of it (and the plan warns). */
function lineWithoutCourse(item: { drugCode: string; quantity: number }, index: number): LineContext {
  const fact: LineFact = {
    index,
    drugCode: item.drugCode,
    quantity: item.quantity,
    name: null,
    hasCourse: false,
    supplyDays: null,
    supplyEndsAt: null,
    courseDays: null,
    chronic: false,
    pediatric: false,
    specialInstructions: false,
    onsetDays: DEFAULT_ONSET_DAYS,
    tags: copyList(NO_STRINGS),
    carriedOverDays: 0,
  };
  return { fact, supplyEndsAtMs: null, onsetAtMs: null };
}

/** A line with its course: its supply (after one still running from an earlier purchase, `carriedEnd`), its onset. */
function lineWithCourse(
  item: { drugCode: string; quantity: number },
  index: number,
  course: ParsedPlanInput['courses'][number],
  carriedEnd: number | undefined,
  purchasedAtMs: number,
  zone: string,
): LineContext {
  const supplyDays = supplyDaysOf(item.quantity, course);
  // A supply of an earlier purchase still running: this one starts when it runs out.
  const supplyEndsAtMs = addLocalDays(carriedEnd ?? purchasedAtMs, supplyDays, zone);
  // In local days, as a pharmacist counts them (bought the 28th, the last box runs out the 5th: 8 days).
  const carriedOverDays =
    carriedEnd === undefined ? 0 : localEpochDay(carriedEnd, zone) - localEpochDay(purchasedAtMs, zone);
  const onsetDays = course.onsetDays ?? DEFAULT_ONSET_DAYS;
  const fact: LineFact = {
    index,
    drugCode: item.drugCode,
    quantity: item.quantity,
    name: course.name ?? null,
    hasCourse: true,
    supplyDays,
    supplyEndsAt: formatInstant(supplyEndsAtMs, zone),
    courseDays: course.courseDays ?? null,
    chronic: course.chronic === true,
    pediatric: course.pediatric === true,
    specialInstructions: course.specialInstructions === true,
    onsetDays,
    tags: sortedCopy(course.tags),
    carriedOverDays,
  };
  return { fact, supplyEndsAtMs, onsetAtMs: addLocalDays(purchasedAtMs, onsetDays, zone) };
}

/** An incident as rules see it, reported at `reportedAtMs`. */
function incidentContext(
  index: number,
  incident: { type: IncidentFact['type']; severity: string | null; drugCode: string | null },
  reportedAtMs: number,
  resolvedAtMs: number | null,
  purchasedAtMs: number,
  zone: string,
): IncidentContext {
  const local = toLocal(reportedAtMs, zone);
  return {
    reportedAtMs,
    resolvedAtMs,
    fact: {
      index,
      type: incident.type,
      severity: incident.severity,
      drugCode: incident.drugCode,
      reportedAt: formatInstant(reportedAtMs, zone),
      localHour: local.hour,
      weekday: weekdayOf(local),
      hoursAfterPurchase: Math.floor((reportedAtMs - purchasedAtMs) / 3_600_000),
    },
  };
}

/** The purchase as rules see it: its own lines and incidents (not the adverse reactions the history adds). */
function purchaseFactOf(
  purchase: ParsedPlanInput['purchase'],
  zone: string,
  purchasedAtMs: number,
  purchaseLocal: LocalDateTime,
  lines: readonly LineContext[],
  incidents: readonly IncidentContext[],
): PurchaseFact {
  const items = purchase.items ?? NO_ITEMS;
  return {
    id: purchase.id,
    customerId: purchase.customerId,
    storeId: purchase.storeId ?? null,
    for: purchase.for ?? 'self',
    forChild: purchase.for === 'child',
    purchasedAt: formatInstant(purchasedAtMs, zone),
    localDate: formatLocalDate(purchaseLocal),
    weekday: weekdayOf(purchaseLocal),
    localHour: purchaseLocal.hour,
    kind: purchase.kind ?? 'sale',
    amount: purchase.amount ?? null,
    itemCount: items.length,
    drugCodes: distinctSorted(mapList(items, (i) => i.drugCode)),
    incidentTypes: distinctSorted(mapList(incidents, (i) => i.fact.type)),
    hasChronic: lines.some((l) => l.fact.chronic),
    hasPediatric: lines.some((l) => l.fact.pediatric),
  };
}

/**
 * Derives the facts rules see from a validated input. Pure: the same input
 * and default zone give the same facts.
 */
export function buildFacts(input: ParsedPlanInput, defaultZone: string): PlanFacts {
  const { customer, purchase } = input;
  const zone = canonicalZone(customer.timeZone ?? defaultZone);
  const purchasedAtMs = instant(purchase.purchasedAt);
  const asOfMs = input.asOf === undefined ? purchasedAtMs : instant(input.asOf);
  const purchaseLocal = toLocal(purchasedAtMs, zone);
  const registeredAtMs = customer.membership ? instant(customer.membership.registeredAt) : null;
  const warnings: Explanation[] = [];
  const history = readHistory(input, zone, purchasedAtMs, asOfMs);
  const carried = history?.carriedEnds ?? NO_CARRY;
  const customerFact = customerFactOf(customer, zone, purchaseLocal, registeredAtMs, history);

  const courses = new Map<string, ParsedPlanInput['courses'][number]>();
  for (const c of input.courses) courses.set(c.drugCode, c);
  const items = purchase.items ?? NO_ITEMS;
  const lines: LineContext[] = mapList(items, (item, index) => {
    const course = courses.get(item.drugCode);
    if (course !== undefined)
      return lineWithCourse(item, index, course, carried.get(item.drugCode), purchasedAtMs, zone);
    warnings.push(explain('warning.no-course', { drugCode: item.drugCode, index }));
    return lineWithoutCourse(item, index);
  });

  const incidents: IncidentContext[] = mapList(purchase.incidents ?? NO_INCIDENTS, (incident, index) =>
    incidentContext(
      index,
      { type: incident.type, severity: incident.severity ?? null, drugCode: incident.drugCode ?? null },
      instant(incident.reportedAt),
      incident.resolvedAt === undefined ? null : instant(incident.resolvedAt),
      purchasedAtMs,
      zone,
    ),
  );
  const purchaseFact = purchaseFactOf(purchase, zone, purchasedAtMs, purchaseLocal, lines, incidents);

  // An adverse reaction reported on a contact of this purchase escalates like an incident reported then (the
  // purchase's own incident types stay as the input gave them).
  for (const reaction of history?.adverseReactions ?? []) {
    const drug =
      reaction.drugCodes.length === 1 && items.some((i) => i.drugCode === reaction.drugCodes[0])
        ? (reaction.drugCodes[0] as string)
        : null;
    incidents.push(
      incidentContext(
        incidents.length,
        { type: 'adverse-reaction', severity: null, drugCode: drug },
        reaction.atMs,
        null,
        purchasedAtMs,
        zone,
      ),
    );
  }

  const display = { customerName: customer.name?.trim() || null, phone: customer.contact.phone?.trim() || null };
  return {
    zone,
    purchasedAtMs,
    asOfMs,
    registeredAtMs,
    customer: customerFact,
    purchase: purchaseFact,
    lines,
    incidents,
    warnings,
    history,
    display,
  };
}
