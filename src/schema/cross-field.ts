/**
 * The checks of a plan input that span fields, shared by the zod schema (input.ts) and the hand-written fast check
 * (fast-input.ts), so the two cannot drift apart.
 */
import type { z } from 'zod';
import { parseInstant } from '../calendar/instant.js';
import type { CustomerHistorySchema } from './input.js';

/**
 * What is wrong with an incident against its purchase, if anything: a `drugCode` the purchase does not hold, or a
 * `resolvedAt` before `reportedAt`. Shared by the zod schema and the fast input check.
 */
export function incidentProblem(
  incident: { reportedAt: string; drugCode?: string | undefined; resolvedAt?: string | undefined },
  items: readonly { drugCode: string }[],
): { field: 'drugCode' | 'resolvedAt'; message: string } | undefined {
  if (incident.drugCode !== undefined && !items.some((item) => item.drugCode === incident.drugCode)) {
    return { field: 'drugCode', message: `"${incident.drugCode}" is not a drug of this purchase (${items.map((i) => i.drugCode).join(', ')})` };
  }
  if (incident.resolvedAt !== undefined) {
    const reported = parseInstant(incident.reportedAt);
    const resolved = parseInstant(incident.resolvedAt);
    if (reported.ok && resolved.ok && resolved.epochMs < reported.epochMs) return { field: 'resolvedAt', message: 'is before reportedAt' };
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
): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const history = input.history;
  if (!history) return problems;
  const purchasedAt = parseInstant(input.purchase.purchasedAt);
  const asOf = parseInstant(input.asOf ?? input.purchase.purchasedAt);
  const purchases = new Map<string, number>([[input.purchase.id, -1]]);
  history.purchases?.forEach(({ purchase }, index) => {
    const at = ['history', 'purchases', index, 'purchase'];
    if (purchase.customerId !== input.customer.id)
      problems.push({ path: [...at, 'customerId'], message: `"${purchase.customerId}" is not this customer ("${input.customer.id}")` });
    const first = purchases.get(purchase.id);
    if (first !== undefined)
      problems.push({
        path: [...at, 'id'],
        message: `"${purchase.id}" is listed twice (also ${first < 0 ? 'purchase' : `history.purchases[${first}]`})`,
      });
    else purchases.set(purchase.id, index);
    const when = parseInstant(purchase.purchasedAt);
    if (when.ok && purchasedAt.ok && when.epochMs > purchasedAt.epochMs)
      problems.push({
        path: [...at, 'purchasedAt'],
        message: planned === 'asOf' ? 'is after asOf' : 'is after purchase.purchasedAt: a history lists earlier purchases',
      });
  });
  const ids = new Map<string, number>();
  history.contacts?.forEach((contact, index) => {
    const at = ['history', 'contacts', index];
    if (!purchases.has(contact.purchaseId))
      problems.push({
        path: [...at, 'purchaseId'],
        message:
          planned === 'asOf'
            ? `"${contact.purchaseId}" is not one of history.purchases`
            : `"${contact.purchaseId}" is neither this purchase nor one of history.purchases`,
      });
    const first = ids.get(contact.id);
    if (first !== undefined) problems.push({ path: [...at, 'id'], message: `"${contact.id}" is listed twice (also history.contacts[${first}])` });
    else ids.set(contact.id, index);
    const start = parseInstant(contact.window.start);
    const end = parseInstant(contact.window.end);
    if (start.ok && end.ok && !(start.epochMs < end.epochMs))
      problems.push({ path: [...at, 'window', 'end'], message: 'must be after window.start' });
    if (contact.status === 'done' || contact.status === 'not-reached' || contact.status === 'declined') {
      const attempted = parseInstant(contact.at ?? contact.window.start);
      if (attempted.ok && asOf.ok && attempted.epochMs > asOf.epochMs)
        problems.push({
          path: [...at, contact.at === undefined ? 'status' : 'at'],
          message: `is ${contact.status} at ${contact.at ?? contact.window.start}, after asOf: a contact cannot have been attempted in the future`,
        });
    }
  });
  return problems;
}
