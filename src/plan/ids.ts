import { sha256Hex } from '../_lib/sha256.js';

/** A touchpoint id: a hash of purchase id, kind, purpose and due, so equal input gives equal ids. */
export function touchpointId(purchaseId: string, kind: string, purpose: string, due: string): string {
  return `tp_${sha256Hex(JSON.stringify([purchaseId, kind, purpose, due])).slice(0, 20)}`;
}
