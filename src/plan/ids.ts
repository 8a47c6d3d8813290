import { hash64Hex } from '../_lib/hash64.js';

/** A touchpoint id: a hash of purchase id, kind, purpose and due, so equal input gives equal ids. */
export function touchpointId(purchaseId: string, kind: string, purpose: string, due: string): string {
  return hash64Hex('tp_', [purchaseId, kind, purpose, due]);
}

/**
 * The id of a contact of a registration-anchored series: the customer's, not a purchase's (planned once per
 * customer). The parts are hashed as they are, no string built from them.
 */
export function customerTouchpointId(customerId: string, kind: string, purpose: string, due: string): string {
  return hash64Hex('tp_', ['customer', customerId, kind, purpose, due]);
}

/**
 * The id of a retry: its purchase, kind, purpose and due, and the contact it tries again — a retry due when the
 * contact it retries was due (a reminder moved a day earlier, retried a day later) must not take that contact's id.
 */
export function retryTouchpointId(
  purchaseId: string,
  kind: string,
  purpose: string,
  due: string,
  retried: string,
): string {
  return hash64Hex('tp_', [purchaseId, kind, purpose, due, 'retry', retried]);
}
