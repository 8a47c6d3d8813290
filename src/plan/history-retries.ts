/**
 * Retries of calls not reached, from the history: grouped by purpose and drugs, one more call after the latest attempt
 * while fewer than the rule's `max` were made, then once by message (the retry rule, docs/history.md).
 */
import { explain } from '../i18n/explanation.js';
import type { HistoryContact } from '../facts/history.js';
import { byCodeUnits } from '../_lib/sort.js';
import type { RetryRule } from '../events/retry.js';
import { addDuration } from '../calendar/duration.js';
import { newCandidate, type Candidate, type PlanState } from './plan-state.js';

/** This purchase's routine contacts of the history, grouped by purposes (as a set) and drugs, groups in key order. */
function groupsOf(history: readonly HistoryContact[], purchaseId: string): HistoryContact[][] {
  const groups = new Map<string, HistoryContact[]>();
  for (const h of history) {
    const r = h.record;
    if (r.purchaseId !== purchaseId || r.urgency !== 'routine' || r.kind === 'escalation') continue;
    // By the purposes as a set: a merged contact lists them in the order of its lead (a retry of
    // `care-call+refill-reminder` merged under a refill reminder is `refill-reminder+care-call`).
    const key = `${r.purpose.split('+').sort(byCodeUnits).join('+')}\u0000${[...(r.drugCodes ?? [])].sort(byCodeUnits).join(',')}`;
    const list = groups.get(key);
    if (list) list.push(h);
    else groups.set(key, [h]);
  }
  return [...groups.keys()].sort(byCodeUnits).map((key) => groups.get(key) as HistoryContact[]);
}

/**
 * A group's calls not reached since the last contact of its purpose made (or declined) — the message after the
 * retries, once sent, starts the count again for a later check — and the latest of them; `null` when there are none.
 */
function missesOf(list: readonly HistoryContact[]): { n: number; last: HistoryContact } | null {
  let madeMs = Number.NEGATIVE_INFINITY;
  for (const h of list)
    if ((h.record.status === 'done' || h.record.status === 'declined') && h.attemptedMs > madeMs)
      madeMs = h.attemptedMs;
  const missed = list.filter((h) => h.record.status === 'not-reached' && h.attemptedMs > madeMs);
  if (missed.length === 0) return null;
  let last = missed[0] as HistoryContact;
  for (const h of missed)
    if (h.attemptedMs > last.attemptedMs || (h.attemptedMs === last.attemptedMs && h.record.id > last.record.id))
      last = h;
  return { n: missed.length, last };
}

/**
 * The most misses in a row of any one of `purposes` (for drugs among `drugs`), counted over every routine contact of the
 * purchase that carried it: a retry merged into a call of other purposes carries its count on, so no purpose is called
 * more than `max` times again (a check not reached, its retry merged with the next check and not reached either, is
 * on its second retry there, not its first). In a row: since a contact carrying it was last made or declined.
 */
function missesOfEach(
  history: readonly HistoryContact[],
  purchaseId: string,
  purposes: readonly string[],
  drugs: readonly string[],
): number {
  let most = 0;
  for (const purpose of purposes) {
    let madeMs = Number.NEGATIVE_INFINITY;
    let n = 0;
    for (const h of history) {
      if (!carries(h, purchaseId, purpose, drugs)) continue;
      if ((h.record.status === 'done' || h.record.status === 'declined') && h.attemptedMs > madeMs)
        madeMs = h.attemptedMs;
    }
    for (const h of history)
      if (carries(h, purchaseId, purpose, drugs) && h.record.status === 'not-reached' && h.attemptedMs > madeMs) n++;
    if (n > most) most = n;
  }
  return most;
}

/** Whether a routine contact of the purchase carried `purpose`, for drugs all among `drugs`. */
function carries(h: HistoryContact, purchaseId: string, purpose: string, drugs: readonly string[]): boolean {
  const r = h.record;
  if (r.purchaseId !== purchaseId || r.urgency !== 'routine' || r.kind === 'escalation') return false;
  if (!r.purpose.split('+').includes(purpose)) return false;
  for (const d of r.drugCodes ?? []) if (!drugs.includes(d)) return false;
  return true;
}

/**
 * Whether a contact of the purchase that carried every purpose and drug of the miss `last` among others (its retry
 * merged into another contact) was attempted after it: that contact reached them, or its own retry follows.
 */
function triedSince(history: readonly HistoryContact[], last: HistoryContact): boolean {
  const r = last.record;
  const purposes = r.purpose.split('+');
  const drugs = r.drugCodes ?? [];
  for (const h of history) {
    const o = h.record;
    if (o.purchaseId !== r.purchaseId || o.urgency !== 'routine' || o.kind === 'escalation') continue;
    if (o.status === 'planned' || o.status === 'cancelled' || h.attemptedMs <= last.attemptedMs) continue;
    const has = o.purpose.split('+');
    if (has.length <= purposes.length || !purposes.every((p) => has.includes(p))) continue;
    if (drugs.every((d) => (o.drugCodes ?? []).includes(d))) return true;
  }
  return false;
}

/** The retry after `n` misses, the latest `last`: a call while `n` ≤ `max`, then once a message (`message`). */
function retryCandidate(
  state: PlanState,
  rule: RetryRule,
  n: number,
  last: HistoryContact,
  message: boolean,
): Candidate {
  const { params } = rule;
  const r = last.record;
  const dueMs = addDuration(last.attemptedMs, rule.after, state.zone);
  const at = state.at(dueMs);
  const why = message
    ? explain('due.retry-message', { at, attempts: n, lastAttempt: state.at(last.attemptedMs), contact: r.id }, rule.id)
    : explain(
        'due.retry',
        { at, attempt: n, max: params.max, lastAttempt: state.at(last.attemptedMs), contact: r.id },
        rule.id,
      );
  return newCandidate({
    kind: r.kind === 'escalation' ? 'follow-up' : r.kind,
    channel: message ? (params.then[0] as Candidate['channel']) : r.channel,
    urgency: 'routine',
    purpose: r.purpose,
    dueMs,
    earliestMs: dueMs,
    latestMs: addDuration(dueMs, rule.tolerance, state.zone),
    tolerance: { tolAfter: params.tolerance },
    priority: rule.priority,
    ruleIds: [rule.id],
    reasons: [why],
    drugCodes: [...(r.drugCodes ?? [])],
    incidentIndex: null,
    overflow: null,
    earlierContactId: null,
    missedAtMs: params.otherTimeOfDay && !message ? last.attemptedMs : null,
  });
}

/**
 * Retries of this purchase's routine contacts the history records as not reached, grouped by purpose and drugs:
 * after the latest attempt (unless a contact of that purpose was made or declined since), one more call while its
 * most-missed purpose has had fewer than `max` retries (counted through every call that carried it), then once by
 * the first message channel of `then`.
 */
export function retriesOf(state: PlanState, rule: RetryRule): Candidate[] {
  const history = state.facts.history;
  const out: Candidate[] = [];
  if (history === null) return out;
  const { max, then } = rule.params;
  for (const list of groupsOf(history.contacts, state.facts.purchase.id)) {
    const misses = missesOf(list);
    if (misses === null || triedSince(history.contacts, misses.last)) continue;
    const r = misses.last.record;
    const n = Math.max(misses.n, missesOfEach(history.contacts, r.purchaseId, r.purpose.split('+'), r.drugCodes ?? []));
    const message = n > max;
    if (message && (n > max + 1 || then.length === 0)) continue;
    out.push(retryCandidate(state, rule, n, misses.last, message));
  }
  return out;
}
