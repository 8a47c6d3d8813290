import { hash64HexJoined } from '../_lib/hash64.js';

/** A touchpoint id: a hash of purchase id, kind, purpose and due, so equal input gives equal ids. */
export function touchpointId(purchaseId: string, kind: string, purpose: string, due: string): string {
  return `tp_${hash64HexJoined([purchaseId, kind, purpose, due])}`;
}
