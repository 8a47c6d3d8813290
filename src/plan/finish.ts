/**
 * The last stage: placed and suppressed contacts into the plan — touchpoints with stable ids, sorted by start, then
 * urgency, then id; suppressed contacts by due, then id, then reason; warnings sorted.
 */
import { formatInstant } from '../calendar/instant.js';
import { mapList } from '../_lib/list.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { isCustomerSeries, type Superseded } from './history.js';
import { customerTouchpointId, touchpointId } from './ids.js';
import { URGENCY_RANK, type Candidate, type PlanState } from './plan-state.js';
import type { FollowUpPlan, SuppressedContact, Touchpoint } from './types.js';

/** Drug codes in code-unit order: the candidate's own list, final by now, sorted in place. */
function sortedCodes(codes: string[]): string[] {
  return codes.length > 1 ? sortInPlace(codes, byCodeUnits) : codes;
}

/**
 * A contact as the plan shows it: a touchpoint (with its window) or a suppressed candidate (without). The
 * candidate's lists belong to this plan alone and are final here: handed over, not copied.
 */
function record(state: PlanState, c: Candidate, window: Touchpoint['window']): Touchpoint;
function record(state: PlanState, c: Candidate, window: undefined): Omit<Touchpoint, 'window'>;
function record(state: PlanState, c: Candidate, window: Touchpoint['window'] | undefined): Touchpoint | Omit<Touchpoint, 'window'> {
  const due = formatInstant(c.dueMs, state.zone);
  const id = isCustomerSeries(state, c)
    ? customerTouchpointId(state.facts.customer.id, c.kind, c.purpose, due)
    : touchpointId(state.facts.purchase.id, c.kind, c.purpose, due);
  // Two literals, not spreads: this runs for every contact of every plan, and the key order is the plan's JSON.
  // prettier-ignore
  if (window === undefined) return { id, kind: c.kind, channel: c.channel, urgency: c.urgency, purpose: c.purpose, due, ruleIds: c.ruleIds, reasons: c.reasons, drugCodes: sortedCodes(c.drugCodes) };
  // prettier-ignore
  return { id, kind: c.kind, channel: c.channel, urgency: c.urgency, purpose: c.purpose, due, window, ruleIds: c.ruleIds, reasons: c.reasons, drugCodes: sortedCodes(c.drugCodes) };
}

const NO_SUPERSEDED: readonly Superseded[] = [];

/**
 * The plan of everything the stages placed, suppressed and warned about; `supersedes` works out, from the
 * touchpoints' ids, which history contacts it replaces (none without a history).
 */
export function finishPlan(state: PlanState, supersedes?: (touchpointIds: ReadonlySet<string>) => Superseded[]): FollowUpPlan {
  const { zone, facts, compiled } = state;
  const placed: { startMs: number; rank: number; tp: Touchpoint }[] = [];
  for (const list of [state.escalations, state.routine]) {
    for (const p of list) {
      const tp = record(state, p, { start: formatInstant(p.startMs, zone), end: formatInstant(p.endMs, zone) });
      placed.push({ startMs: p.startMs, rank: URGENCY_RANK[p.urgency], tp });
    }
  }
  sortInPlace(placed, (a, b) => a.startMs - b.startMs || a.rank - b.rank || byCodeUnits(a.tp.id, b.tp.id));
  const touchpoints = mapList(placed, (x) => x.tp);
  const suppressed = mapList(
    sortInPlace(
      mapList(state.suppressed, (s) => ({
        dueMs: s.candidate.dueMs,
        entry: { candidate: record(state, s.candidate, undefined), reason: s.reason, ruleIds: s.ruleIds } as SuppressedContact,
      })),
      (a, b) => a.dueMs - b.dueMs || byCodeUnits(a.entry.candidate.id, b.entry.candidate.id) || byCodeUnits(a.entry.reason, b.entry.reason),
    ),
    (x) => x.entry,
  );
  const replaced = supersedes === undefined ? NO_SUPERSEDED : supersedes(new Set(mapList(touchpoints, (t) => t.id)));
  const ruleSet = { id: compiled.ruleSet.id, version: compiled.ruleSet.version, hash: compiled.hash };
  const asOf = formatInstant(facts.asOfMs, zone);
  const warnings = sortInPlace([...state.warnings], byCodeUnits);
  const { storeId } = facts.purchase;
  // Two literals (the key order is the plan's JSON): with the store, and without.
  // prettier-ignore
  if (storeId !== null) return { customerId: facts.customer.id, purchaseId: facts.purchase.id, ruleSet, asOf, timeZone: zone, storeId, touchpoints, suppressed, supersedes: replaced.slice(), warnings };
  // prettier-ignore
  return { customerId: facts.customer.id, purchaseId: facts.purchase.id, ruleSet, asOf, timeZone: zone, touchpoints, suppressed, supersedes: replaced.slice(), warnings };
}
