/**
 * The last stage: placed and suppressed contacts into the plan — touchpoints with stable ids, sorted by start, then
 * urgency, then id; suppressed contacts by due, then id, then reason; warnings sorted.
 */
import type { Renderer } from '../i18n/render.js';
import { formatInstant } from '../calendar/instant.js';
import { LAST_PLANNED_MS } from '../calendar/local-date.js';
import { explain } from '../i18n/explanation.js';
import { mapList } from '../_lib/list.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { isCustomerSeries, type Superseded } from './history.js';
import { customerTouchpointId, retryTouchpointId, touchpointId } from './ids.js';
import { URGENCY_RANK, type Candidate, type Placed, type PlanState, type Suppressed } from './plan-state.js';
import type {
  AnyPlan,
  FollowUpPlan,
  SuppressedContact,
  SuppressedContactData,
  Touchpoint,
  TouchpointData,
} from './types.js';

/**
 * A stage value's list, handed to the plan: the stages are done with their values here, and the plan (the caller's
 * from now on) owns its lists; no two of its records share one.
 */
const handedOver = <T>(list: readonly T[]): T[] => list as T[];

/** Drug codes in code-unit order: the candidate's own list, final by now, sorted in place. */
function sortedCodes(codes: readonly string[]): string[] {
  return codes.length > 1 ? sortInPlace(handedOver(codes), byCodeUnits) : handedOver(codes);
}

/**
 * A contact as the plan shows it: a touchpoint (with its window) or a suppressed candidate (without). The
 * candidate's lists belong to this plan alone and are final here: handed over, not copied.
 */
function record(state: PlanState, r: Renderer, c: Placed, window: Touchpoint['window']): Touchpoint | TouchpointData;
function record(
  state: PlanState,
  r: Renderer,
  c: Candidate,
  window: undefined,
): Omit<Touchpoint | TouchpointData, 'window'>;
function record(
  state: PlanState,
  r: Renderer,
  c: Candidate,
  window: Touchpoint['window'] | undefined,
): Omit<Touchpoint | TouchpointData, 'window'> {
  const tp = contactRecord(state, r, c, window);
  // An earlier purchase's contact, re-issued with this plan's near-duplicates merged in, stays that purchase's.
  if (c.earlierContactId !== null) tp.purchaseId = earlierPurchase(state, c.earlierContactId);
  return tp as Omit<Touchpoint | TouchpointData, 'window'>;
}

/** The record's fields in the order the plan's JSON shows them: a window and tolerance where it has them, texts if asked. */
function contactRecord(
  state: PlanState,
  r: Renderer,
  c: Candidate,
  window: Touchpoint['window'] | undefined,
): Partial<Touchpoint> {
  const due = state.at(c.dueMs);
  const tolerance = window === undefined ? undefined : toleranceOf(c as Placed, state.zone, due, window.start);
  const id =
    c.earlierContactId !== null
      ? c.earlierContactId
      : isCustomerSeries(state, c)
        ? customerTouchpointId(state.facts.customer.id, c.kind, c.purpose, due)
        : idOf(state, c, due);
  const label = r.words.purpose(c.purpose);
  const tp: Partial<Touchpoint> = {
    id,
    kind: c.kind,
    channel: c.channel,
    urgency: c.urgency,
    purpose: c.purpose,
    label,
    due,
  };
  if (window !== undefined) tp.window = window;
  if (tolerance !== undefined) tp.tolerance = tolerance;
  tp.ruleIds = handedOver(c.ruleIds);
  if (r.text) tp.reasons = r.renderAll(c.reasons);
  tp.explanations = handedOver(c.reasons);
  tp.drugCodes = sortedCodes(c.drugCodes);
  return tp;
}

/** The purchase of the history contact with this id (one this plan re-issues). */
function earlierPurchase(state: PlanState, contactId: string): string {
  return (
    state.facts.history?.contacts.find((h) => h.record.id === contactId)?.record.purchaseId ?? state.facts.purchase.id
  );
}

/** The contact a retry tries again, if `e` says it is one. */
const retriedBy = (e: Candidate['reasons'][number] | undefined): unknown =>
  e !== undefined && (e.code === 'due.retry' || e.code === 'due.retry-message') ? e.params['contact'] : undefined;

/**
 * A purchase's contact id; a retry's names the contact it tries again (it may be due when that one was). So does a
 * contact that took a retry in, when its own id would be that of a contact already tried: a reminder made a day early
 * and not reached is retried when it was due, and the next reminder that takes the retry in is due then too.
 */
function idOf(state: PlanState, c: Candidate, due: string): string {
  const purchaseId = state.facts.purchase.id;
  let retried = retriedBy(c.reasons[0]);
  if (retried === undefined) {
    const id = touchpointId(purchaseId, c.kind, c.purpose, due);
    // A merged member's retry, if any (most contacts have none: a plain loop, this runs for every contact).
    for (let i = 1; i < c.reasons.length && retried === undefined; i++) retried = retriedBy(c.reasons[i]);
    if (
      retried === undefined ||
      !state.facts.history?.contacts.some((h) => h.record.id === id && h.record.status !== 'planned')
    )
      return id;
  }
  return retryTouchpointId(purchaseId, c.kind, c.purpose, due, String(retried));
}

/**
 * A routine contact's tolerance as the plan shows it: when its start lies inside (not moved beyond it by overflow).
 * Its first instant is most often the due or the start, already formatted.
 */
function toleranceOf(p: Placed, zone: string, due: string, start: string): Touchpoint['tolerance'] {
  if (p.urgency !== 'routine' || !(p.reachLoMs <= p.startMs && p.startMs <= p.reachHiMs)) return undefined;
  const earliest = p.reachLoMs === p.dueMs ? due : p.reachLoMs === p.startMs ? start : formatInstant(p.reachLoMs, zone);
  return { earliest, latest: p.reachHiMs === p.startMs ? start : formatInstant(p.reachHiMs, zone) };
}

/** The input's display fields (name, phone, drug names), or `undefined` when it gave none. */
function displayOf(state: PlanState): FollowUpPlan['display'] {
  const { customerName, phone } = state.facts.display;
  const drugNames: { drugCode: string; name: string }[] = [];
  for (const line of state.facts.lines) {
    const { drugCode, name } = line.fact;
    if (name !== null && name.trim() !== '' && !drugNames.some((d) => d.drugCode === drugCode))
      drugNames.push({ drugCode, name: name.trim() });
  }
  if (customerName === null && phone === null && drugNames.length === 0) return undefined;
  const display: NonNullable<FollowUpPlan['display']> = {};
  if (customerName !== null) display.customerName = customerName;
  if (phone !== null) display.phone = phone;
  if (drugNames.length > 0) display.drugNames = sortInPlace(drugNames, (a, b) => byCodeUnits(a.drugCode, b.drugCode));
  return display;
}

const NO_TEXT: string[] = [];

/**
 * Inputs are refused past 2200, and a plan is an input of the next plan and of worklists: a contact that would fall
 * after {@link LAST_PLANNED_MS} is left out, and said.
 */
const LAST_MS = LAST_PLANNED_MS;
const lastMoment = (p: Placed): number => Math.max(p.dueMs, p.endMs, p.urgency === 'routine' ? p.reachHiMs : p.endMs);

/** What the stages hand the last one: the escalations and routine contacts placed, and the contacts suppressed. */
export interface PlanContacts {
  readonly escalations: readonly Placed[];
  readonly routine: readonly Placed[];
  readonly suppressed: readonly Suppressed[];
}

/** The contacts as the plan shows them: touchpoints sorted by start, urgency, id; suppressed ones by due, id, reason. */
export interface ShownContacts {
  readonly touchpoints: (Touchpoint | TouchpointData)[];
  readonly suppressed: (SuppressedContact | SuppressedContactData)[];
}

/**
 * The contacts the stages placed and suppressed as the plan shows them, with their ids; those past
 * {@link LAST_PLANNED_MS} left out, with a warning.
 */
export function showContacts(state: PlanState, r: Renderer, contacts: PlanContacts): ShownContacts {
  const { zone } = state;
  const placed: { startMs: number; rank: number; tp: Touchpoint | TouchpointData }[] = [];
  let beyond = 0;
  for (const list of [contacts.escalations, contacts.routine]) {
    for (const p of list) {
      if (lastMoment(p) > LAST_MS) {
        beyond++;
        continue;
      }
      const tp = record(state, r, p, { start: state.at(p.startMs), end: formatInstant(p.endMs, zone) });
      placed.push({ startMs: p.startMs, rank: URGENCY_RANK[p.urgency], tp });
    }
  }
  sortInPlace(placed, (a, b) => a.startMs - b.startMs || a.rank - b.rank || byCodeUnits(a.tp.id, b.tp.id));
  const touchpoints = mapList(placed, (x) => x.tp);
  const kept = contacts.suppressed.filter((s) => s.candidate.dueMs <= LAST_MS);
  beyond += contacts.suppressed.length - kept.length;
  if (beyond > 0)
    state.warn(explain('warning.beyond-calendar', { count: beyond, last: formatInstant(LAST_MS, zone).slice(0, 10) }));
  const suppressed = mapList(
    sortInPlace(
      mapList(kept, (s) => ({ dueMs: s.candidate.dueMs, s, candidate: record(state, r, s.candidate, undefined) })),
      // Equal due and id: by the reason's text, rendered only then (data-only plans keep the same order).
      (a, b) =>
        a.dueMs - b.dueMs ||
        byCodeUnits(a.candidate.id, b.candidate.id) ||
        byCodeUnits(r.renderWithDetails(a.s.reasons), r.renderWithDetails(b.s.reasons)),
    ),
    ({ s, candidate }): SuppressedContact | SuppressedContactData =>
      r.text
        ? ({
            candidate,
            reason: r.renderWithDetails(s.reasons),
            explanations: handedOver(s.reasons),
            ruleIds: handedOver(s.ruleIds),
          } as SuppressedContact)
        : { candidate, explanations: handedOver(s.reasons), ruleIds: handedOver(s.ruleIds) },
  );
  return { touchpoints, suppressed };
}

/**
 * The plan: its contacts as shown, the `planned` history contacts it replaces (the history stage's, after placement;
 * none without a history), and the warnings of every stage, sorted.
 */
export function finishPlan(
  state: PlanState,
  r: Renderer,
  { touchpoints, suppressed }: ShownContacts,
  replaced: readonly Superseded[],
): AnyPlan {
  const { zone, facts, compiled } = state;
  const ruleSet = { id: compiled.ruleSet.id, version: compiled.ruleSet.version, hash: compiled.hash };
  const asOf = formatInstant(facts.asOfMs, zone);
  // By code and params, so every locale lists them in one order.
  const warned = sortInPlace([...state.warnings], (a, b) => byCodeUnits(a[0], b[0]));
  const warnings = r.text ? mapList(warned, ([, w]) => r.render(w)) : NO_TEXT;
  const warningExplanations = mapList(warned, ([, w]) => w);
  const { storeId } = facts.purchase;
  const display = displayOf(state);
  const policy = state.policy.shown;
  const customerId = facts.customer.id;
  const purchaseId = facts.purchase.id;
  const superseded = r.text
    ? mapList(replaced, (x) => ({ id: x.id, reason: r.render(x.reason), explanations: [x.reason], ruleIds: x.ruleIds }))
    : mapList(replaced, (x) => ({ id: x.id, explanations: [x.reason], ruleIds: x.ruleIds }));
  // The plan's keys in the order its JSON shows them; the store and the display only when the input gave them.
  const plan: Partial<FollowUpPlan> = { customerId, purchaseId, ruleSet, asOf, timeZone: zone };
  if (storeId !== null) plan.storeId = storeId;
  if (display !== undefined) plan.display = display;
  plan.policy = policy;
  plan.touchpoints = touchpoints as Touchpoint[];
  plan.suppressed = suppressed as SuppressedContact[];
  plan.supersedes = superseded as FollowUpPlan['supersedes'];
  if (r.text) plan.warnings = warnings;
  plan.warningExplanations = warningExplanations;
  return plan as AnyPlan;
}
