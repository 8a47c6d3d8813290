import { hash64Hex } from '../_lib/hash64.js';

/** A touchpoint id: a hash of purchase id, kind, purpose and due, so equal input gives equal ids. */
export function touchpointId(purchaseId: string, kind: string, purpose: string, due: string): string {
  return hash64Hex('tp_', [purchaseId, kind, purpose, due]);
}
