/**
 * The checks of a plan input that span fields, in one place: the zod schemas' refinements (input.ts,
 * replan-input.ts) call them, and the fast reading of valid inputs (`_lib/zod-fast.ts`) runs those refinements.
 */
import type { z } from 'zod';
import { instantMs } from '../calendar/instant.js';
import type { CustomerHistorySchema } from './input.js';
import { MAX_SUPPLY_DAYS, supplyDaysOf } from './supply.js';
import type { IssueCode, IssueParams } from '../i18n/issue-codes.js';
import { customIssue } from './zod-issues.js';

/** A problem as a zod refinement's custom issue (our code as its message, its params), at a path in the input. */
type Problem = ReturnType<typeof customIssue> & { path: PropertyKey[] };
const problem = <C extends IssueCode>(path: PropertyKey[], code: C, params: IssueParams[C]): Problem => ({
  ...customIssue(code, params),
  path,
});
type Course = { drugCode: string; unitsPerPack: number; dosePerDay: number; courseDays?: number | undefined };
type Incident = { reportedAt: string; drugCode?: string | undefined; resolvedAt?: string | undefined };

/**
 * What is wrong with a purchase against its customer and courses (the plan input's own checks, and each purchase of
 * a replan's history): another customer's purchase, two courses of one drug, a supply past the bound, an incident
 * reported before the purchase or not fitting it. Paths are relative to the plan input (`purchase…`, `courses…`).
 */
export function purchaseProblems(
  customerId: string,
  purchase: {
    customerId: string;
    purchasedAt: string;
    items?: readonly { drugCode: string; quantity: number }[] | undefined;
    incidents?: readonly Incident[] | undefined;
  },
  courses: readonly Course[],
): Problem[] {
  const problems: Problem[] = [];
  if (purchase.customerId !== customerId)
    problems.push(
      problem(['purchase', 'customerId'], 'not-this-customer', { value: purchase.customerId, customer: customerId }),
    );
  const seen = new Map<string, number>();
  courses.forEach((course, index) => {
    const first = seen.get(course.drugCode);
    if (first !== undefined)
      problems.push(
        problem(['courses', index, 'drugCode'], 'course-twice', {
          drugCode: course.drugCode,
          also: `courses[${first}]`,
        }),
      );
    else seen.set(course.drugCode, index);
  });
  purchase.items?.forEach((item, index) => {
    const at = seen.get(item.drugCode);
    const course = at === undefined ? undefined : courses[at];
    if (course === undefined) return;
    const days = supplyDaysOf(item.quantity, course);
    if (!(days <= MAX_SUPPLY_DAYS))
      problems.push(
        problem(['purchase', 'items', index, 'quantity'], 'supply-too-long', {
          days: Number.isFinite(days) ? days : null,
          drugCode: item.drugCode,
          max: MAX_SUPPLY_DAYS,
        }),
      );
  });
  const purchased = instantMs(purchase.purchasedAt);
  purchase.incidents?.forEach((incident, index) => {
    const reported = instantMs(incident.reportedAt);
    if (purchased !== undefined && reported !== undefined && reported < purchased)
      problems.push(
        problem(['purchase', 'incidents', index, 'reportedAt'], 'before-field', { field: 'purchase.purchasedAt' }),
      );
  });
  purchase.incidents?.forEach((incident, index) => {
    const found = incidentProblem(incident, purchase.items ?? []);
    if (found) problems.push({ ...found, path: ['purchase', 'incidents', index, ...found.path] });
  });
  return problems;
}

/**
 * What is wrong with an incident against its purchase, if anything: a `drugCode` the purchase does not hold, or a
 * `resolvedAt` before `reportedAt`. Shared by the zod schema and the fast input check.
 */
export function incidentProblem(
  incident: { reportedAt: string; drugCode?: string | undefined; resolvedAt?: string | undefined },
  items: readonly { drugCode: string }[],
): Problem | undefined {
  if (incident.drugCode !== undefined && !items.some((item) => item.drugCode === incident.drugCode)) {
    return problem(['drugCode'], 'incident-drug', { drugCode: incident.drugCode, drugs: items.map((i) => i.drugCode) });
  }
  if (incident.resolvedAt !== undefined) {
    const reported = instantMs(incident.reportedAt);
    const resolved = instantMs(incident.resolvedAt);
    if (reported !== undefined && resolved !== undefined && resolved < reported)
      return problem(['resolvedAt'], 'before-field', { field: 'reportedAt' });
  }
  return undefined;
}

/**
 * What is wrong with a history against the input it comes with (shared by the zod schema and the fast check): a purchase of another customer, one listed twice or
 * after the purchase planned; a contact of a purchase not in the input, listed twice, ending before it starts, or
 * attempted after `asOf`.
 */
export function historyProblems(
  input: {
    customer: { id: string };
    purchase: { id: string; purchasedAt: string };
    asOf?: string | undefined;
    history?: z.output<typeof CustomerHistorySchema> | undefined;
  },
  // 'asOf': a replan's history, with no purchase of its own (its stand-in purchase is asOf).
  planned: 'purchase' | 'asOf' = 'purchase',
): Problem[] {
  const problems: Problem[] = [];
  const history = input.history;
  if (!history) return problems;
  const purchasedAt = instantMs(input.purchase.purchasedAt);
  const asOf = instantMs(input.asOf ?? input.purchase.purchasedAt);
  const purchases = new Map<string, number>([[input.purchase.id, -1]]);
  history.purchases?.forEach(({ purchase }, index) => {
    const at = ['history', 'purchases', index, 'purchase'];
    if (purchase.customerId !== input.customer.id)
      problems.push(
        problem([...at, 'customerId'], 'not-this-customer', {
          value: purchase.customerId,
          customer: input.customer.id,
        }),
      );
    const first = purchases.get(purchase.id);
    if (first !== undefined)
      problems.push(
        problem([...at, 'id'], 'listed-twice', {
          value: purchase.id,
          also: first < 0 ? 'purchase' : `history.purchases[${first}]`,
        }),
      );
    else purchases.set(purchase.id, index);
    const when = instantMs(purchase.purchasedAt);
    if (when !== undefined && purchasedAt !== undefined && when > purchasedAt)
      problems.push(problem([...at, 'purchasedAt'], planned === 'asOf' ? 'after-as-of' : 'history-after-purchase', {}));
  });
  const ids = new Map<string, number>();
  history.contacts?.forEach((contact, index) => {
    const at = ['history', 'contacts', index];
    if (!purchases.has(contact.purchaseId))
      problems.push(
        problem([...at, 'purchaseId'], 'unknown-purchase', { value: contact.purchaseId, orThis: planned !== 'asOf' }),
      );
    const first = ids.get(contact.id);
    if (first !== undefined)
      problems.push(problem([...at, 'id'], 'listed-twice', { value: contact.id, also: `history.contacts[${first}]` }));
    else ids.set(contact.id, index);
    const start = instantMs(contact.window.start);
    const end = instantMs(contact.window.end);
    if (start !== undefined && end !== undefined && !(start < end))
      problems.push(problem([...at, 'window', 'end'], 'after-field', { field: 'window.start' }));
    const stay = contact.outcome?.hospitalised;
    if (
      typeof stay === 'object' &&
      stay.until !== undefined &&
      !((instantMs(stay.until) ?? 0) > (instantMs(stay.from) ?? 0))
    )
      problems.push(
        problem([...at, 'outcome', 'hospitalised', 'until'], 'after-field', { field: 'hospitalised.from' }),
      );
    if (contact.status === 'done' || contact.status === 'not-reached' || contact.status === 'declined') {
      const attempted = instantMs(contact.at ?? contact.window.start);
      if (attempted !== undefined && asOf !== undefined && attempted > asOf)
        problems.push(
          problem([...at, contact.at === undefined ? 'status' : 'at'], 'attempted-in-future', {
            status: contact.status,
            at: contact.at ?? contact.window.start,
          }),
        );
    }
  });
  return problems;
}

/** No purchase id can be this long (ids are at most 200 characters): the stand-in for "no purchase" in the checks. */
const NO_PURCHASE = 'replan:'.padEnd(256, '-');

/**
 * What is wrong with a replan input across its fields: no purchase in the history; the history's own problems
 * (`asOf` standing where a plan input has its purchase); each purchase's problems against its courses, at its place.
 */
export function replanProblems(input: {
  customer: { id: string };
  history: z.output<typeof CustomerHistorySchema>;
  asOf: string;
}): Problem[] {
  const problems: Problem[] = [];
  if ((input.history.purchases ?? []).length === 0)
    problems.push(problem(['history', 'purchases'], 'history-needs-purchases', {}));
  const asPlanInput = {
    customer: input.customer,
    purchase: { id: NO_PURCHASE, purchasedAt: input.asOf },
    asOf: input.asOf,
    history: input.history,
  };
  problems.push(...historyProblems(asPlanInput, 'asOf'));
  // Each purchase is planned again: the checks a plan input's purchase gets, at the purchase's place in the history
  // (its customer is checked with the history above).
  input.history.purchases?.forEach(({ purchase, courses }, i) => {
    for (const found of purchaseProblems(input.customer.id, purchase, courses))
      if (!(found.path[0] === 'purchase' && found.path[1] === 'customerId'))
        problems.push({ ...found, path: ['history', 'purchases', i, ...found.path] });
  });
  return problems;
}
