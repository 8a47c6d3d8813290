/**
 * The history stage: what the contacts of earlier plans mean for this one. A plan is the desired set of open
 * contacts coming from this purchase, plus `supersedes` — the `planned` history contacts it replaces. Contacts
 * planned or made for the customer before count toward every cap; a series already running is not planned twice;
 * outcomes hold contacts back (a stopped medication, a stay in hospital) or pause calls (a declined call).
 */
import { joined } from '../i18n/reason-params.js';
import { explain, type Explanation } from '../i18n/explanation.js';
import type { HistoryContact } from '../facts/history.js';
import { formatInstant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { CadenceRule, EscalationRule } from './compile.js';
import type { IncidentContext } from '../facts/build-facts.js';
import type { RetryRule } from '../events/retry.js';
import { addDuration } from '../calendar/duration.js';
import { customerTouchpointId, touchpointId } from './ids.js';
import { newCandidate, placeAt, type Candidate, type Placed, type PlanState } from './plan-state.js';
import { retriesOf } from './history-retries.js';

/** A `planned` history contact this plan replaces, and why (rendered when the plan is finished). */
export interface Superseded {
  id: string;
  reason: Explanation;
  ruleIds: string[];
}

/**
 * Whether a contact's id is the customer's, not a purchase's (planned once per customer): a series anchored on the
 * registration, or on a discharge from hospital.
 */
export function isCustomerSeries(state: PlanState, c: Candidate): boolean {
  const rule = state.compiled.cadences.get(c.ruleIds[0] as string);
  return rule !== undefined && customerAnchored(rule);
}

const customerAnchored = (rule: CadenceRule): boolean =>
  rule.params.anchor === 'registration' || rule.params.anchor === 'discharge';

const isOpen = (h: HistoryContact): boolean => h.record.status === 'planned';
// A call not reached does not count toward the caps: its retry goes the next day (the retry rule bounds them).
const isMade = (h: HistoryContact): boolean => h.record.status === 'done' || h.record.status === 'declined';
const sharesDrug = (a: readonly string[], b: readonly string[]): boolean =>
  (a.length === 0 && b.length === 0) || a.some((d) => b.includes(d));

/** What the history does to one plan: contacts to supersede, and the earlier contacts the caps count. */
export class HistoryStage {
  readonly supersedes: Superseded[] = [];
  private readonly superseded = new Set<string>();

  constructor(private readonly state: PlanState) {}

  private supersede(h: HistoryContact, reason: Explanation, ruleIds: string[]): void {
    if (this.superseded.has(h.record.id)) return;
    this.superseded.add(h.record.id);
    this.supersedes.push({ id: h.record.id, reason, ruleIds });
  }

  /**
   * Whether a cadence's candidate is already in the history (its id, or its rule and due) and is not to be planned again: a
   * registration-anchored series is the customer's, planned once whatever became of it; any other contact of this
   * purchase once it was attempted or cancelled (re-planning a purchase never plans a call made, or not reached,
   * again — its retry does that). This purchase's own `planned` contacts are planned again, with the same ids.
   */
  alreadyPlanned(c: Candidate): boolean {
    const history = this.state.facts.history;
    const rule = this.state.compiled.cadences.get(c.ruleIds[0] as string);
    if (history === null || rule === undefined) return false;
    const registration = customerAnchored(rule);
    const own = this.state.facts.purchase.id;

    if (!registration && this.madeWithEarlier(rule, c)) return true;
    // A contact with the candidate's id has its due too: none due then, nothing to find (and no id to hash).
    const sameDue = this.index().get(c.dueMs);
    if (sameDue === undefined) return false;
    const due = formatInstant(c.dueMs, this.state.zone);
    const id = registration
      ? customerTouchpointId(this.state.facts.customer.id, c.kind, c.purpose, due)
      : touchpointId(own, c.kind, c.purpose, due);
    for (const h of sameDue) {
      const same =
        h.record.id === id ||
        ((h.record.ruleIds ?? []).includes(rule.id) && (registration || h.record.purchaseId === own));
      if (!same) continue;
      if (registration && h.record.purchaseId !== own) return true;
      if (h.record.status !== 'planned') return true;
    }
    return false;
  }

  /**
   * Whether a contact of another purchase carried this candidate and was attempted: one that took it in (its rule,
   * purpose and drugs merged in, started within its tolerance's days) was made, declined or not reached — its retries
   * are that purchase's. Re-planning this purchase does not call again for it.
   */
  private madeWithEarlier(rule: CadenceRule, c: Candidate): boolean {
    // Worked out once per plan: a plan asks for every candidate.
    this.attemptedElsewhere ??= (this.state.facts.history?.contacts ?? []).filter(
      (h) =>
        h.record.status !== 'planned' &&
        h.record.status !== 'cancelled' &&
        h.record.purchaseId !== this.state.facts.purchase.id,
    );
    for (const h of this.attemptedElsewhere) {
      const r = h.record;
      // On its first day or after (a contact may join one a little before its due on that day), by its latest start.
      if (
        h.startMs > c.latestMs ||
        localEpochDay(h.startMs, this.state.zone) < localEpochDay(c.earliestMs, this.state.zone)
      )
        continue;
      if (!(r.ruleIds ?? []).includes(rule.id)) continue;
      const drugs = r.drugCodes ?? [];
      if (r.purpose.split('+').includes(c.purpose) && c.drugCodes.every((d) => drugs.includes(d))) return true;
    }
    return false;
  }

  /**
   * Whether this purchase's contact with the candidate's id was attempted or cancelled already: a feedback call made
   * (or not reached — its retry follows) is not planned again when the purchase is. Merged into another contact of the
   * purchase, it was made with that one: due then, or due before it (a merged contact is due at its first member's
   * due — a retry due earlier that day, say) and made on its first day or after, about its drugs.
   */
  attempted(c: Candidate): boolean {
    const own = this.state.facts.purchase.id;
    const sameDue = this.index().get(c.dueMs);
    if (sameDue !== undefined) {
      const id = touchpointId(own, c.kind, c.purpose, formatInstant(c.dueMs, this.state.zone));
      // Its own id, or a contact of this purchase due then that it was merged into (purposes joined with '+').
      const made = sameDue.some(
        (h) =>
          h.record.status !== 'planned' &&
          (h.record.id === id || (h.record.purchaseId === own && h.record.purpose.split('+').includes(c.purpose))),
      );
      if (made) return true;
    }
    const firstDay = localEpochDay(c.earliestMs, this.state.zone);
    for (const h of this.state.facts.history?.contacts ?? []) {
      const r = h.record;
      if (r.status === 'planned' || r.purchaseId !== own || h.dueMs >= c.dueMs) continue;
      if (localEpochDay(h.startMs, this.state.zone) < firstDay || !r.purpose.split('+').includes(c.purpose)) continue;
      const drugs = r.drugCodes ?? [];
      if (c.drugCodes.every((d) => drugs.includes(d))) return true;
    }
    return false;
  }

  /** The history's contacts of other purchases attempted (done, declined, not reached), once asked for. */
  private attemptedElsewhere: HistoryContact[] | undefined;

  /** The history's contacts by due, made once (a plan asks for every candidate). */
  private byDue: Map<number, HistoryContact[]> | undefined;
  private index(): Map<number, HistoryContact[]> {
    if (this.byDue === undefined) {
      this.byDue = new Map();
      for (const h of this.state.facts.history?.contacts ?? []) {
        const list = this.byDue.get(h.dueMs);
        if (list) list.push(h);
        else this.byDue.set(h.dueMs, [h]);
      }
    }
    return this.byDue;
  }

  /** Retries of this purchase's routine contacts not reached (history-retries.ts). */
  retries(rule: RetryRule): Candidate[] {
    return retriesOf(this.state, rule);
  }

  /**
   * Open contacts of earlier purchases that a `restart` cadence of this plan replaces: same rule, same drugs. Called
   * with this plan's candidates, before placement.
   */
  restart(candidates: readonly Candidate[]): void {
    const history = this.state.facts.history;
    if (history === null) return;
    const own = this.state.facts.purchase.id;
    // Only contacts of earlier purchases (those the history lists) are restarted: a replan of an older purchase sees
    // the contacts of later ones too, and must not supersede them.
    const earlier = new Set(this.state.facts.history?.purchaseIds ?? []);
    for (const h of history.contacts) {
      if (
        !isOpen(h) ||
        h.record.purchaseId === own ||
        !earlier.has(h.record.purchaseId) ||
        h.record.urgency !== 'routine'
      )
        continue;
      const ruleId = h.record.ruleIds?.[0];
      if (ruleId === undefined) continue;
      const rule = this.state.compiled.cadences.get(ruleId);
      if (rule === undefined || rule.params.onRepeat !== 'restart' || customerAnchored(rule)) continue;
      const drugs = h.record.drugCodes ?? [];
      const by = candidates.find((c) => c.ruleIds.includes(ruleId) && sharesDrug(c.drugCodes, drugs));
      if (by === undefined) continue;
      // A contact that took in a later purchase's checks (near-duplicates) goes with them: the replan that night plans
      // them again for their own purchase, and the plan says so.
      const sold = history.drugsOf.get(h.record.purchaseId);
      const carried = sold === undefined ? [] : drugs.filter((d) => !sold.includes(d) && !by.drugCodes.includes(d));
      if (carried.length > 0)
        this.state.warn(explain('warning.superseded-carried', { contact: h.record.id, drugs: joined(carried) }));
      this.supersede(
        h,
        explain(
          'superseded.restart',
          drugs.length ? { purchase: own, rule: rule.id, drugs: joined(drugs) } : { purchase: own, rule: rule.id },
        ),
        [rule.id],
      );
    }
  }

  /**
   * The earlier contacts the caps count, as placed contacts: those still planned (and not superseded) of other
   * purchases, and those made (done or declined), on the day they were made. This purchase's own planned contacts are
   * the plan being redone, and do not count.
   */
  counted(): Placed[] {
    const history = this.state.facts.history;
    const out: Placed[] = [];
    if (history === null) return out;
    const own = this.state.facts.purchase.id;
    for (const h of history.contacts) {
      const r = h.record;
      if (r.urgency !== 'routine' || r.kind === 'escalation') continue;
      const open = isOpen(h) && r.purchaseId !== own && !this.superseded.has(r.id);
      if (!open && !isMade(h)) continue;
      const startMs = open ? h.startMs : h.attemptedMs;
      const c = newCandidate({
        kind: r.kind,
        channel: r.channel,
        urgency: 'routine',
        purpose: r.purpose,
        dueMs: h.dueMs,
        earliestMs: h.dueMs,
        latestMs: h.dueMs,
        tolerance: {},
        priority: Number.POSITIVE_INFINITY,
        ruleIds: [...(r.ruleIds ?? [])],
        reasons: [],
        drugCodes: [...(r.drugCodes ?? [])],
        incidentIndex: null,
        overflow: null,
        earlierContactId: r.id,
        missedAtMs: null,
      });
      out.push(placeAt(c, startMs, open ? h.endMs : startMs + 1, localEpochDay(startMs, this.state.zone)));
    }
    return out;
  }

  /**
   * Open contacts of earlier purchases this plan may join (SPEC §8.1's near-duplicate merge, across purchases): routine
   * contacts of purchase-anchored cadences (no retry or incident feedback in them), not yet due to start, as
   * candidates with their rule's tolerance around their due. A near-duplicate group of this plan's contacts that takes
   * one in re-issues it — its id, purchase and due, every purpose — rather than a second call a few days from it (seed
   * 001: calls too close together harass).
   */
  joinable(): Candidate[] {
    const history = this.state.facts.history;
    const out: Candidate[] = [];
    if (history === null) return out;
    const earlier = new Set(history.purchaseIds);
    const { asOfMs } = this.state.facts;
    for (const h of history.contacts) {
      const r = h.record;
      if (
        !isOpen(h) ||
        !earlier.has(r.purchaseId) ||
        this.superseded.has(r.id) ||
        r.urgency !== 'routine' ||
        h.startMs <= asOfMs
      )
        continue;
      const rule = this.state.compiled.cadences.get(r.ruleIds?.[0] ?? '');
      if (rule === undefined || customerAnchored(rule) || rule.params.kind !== r.kind) continue;
      // A retry, or an incident's feedback, merged in: it goes when its own rule says (and says why).
      const types = (r.ruleIds ?? []).map((id) => this.state.compiled.rules.get(id)?.type);
      if (types.includes('retry') || types.includes('escalation')) continue;
      out.push(
        newCandidate({
          kind: r.kind,
          channel: r.channel,
          urgency: 'routine',
          purpose: r.purpose,
          dueMs: h.dueMs,
          earliestMs:
            rule.toleranceBefore === null ? h.dueMs : addDuration(h.dueMs, rule.toleranceBefore, this.state.zone),
          latestMs: addDuration(h.dueMs, rule.tolerance, this.state.zone),
          tolerance: rule.toleranceParams,
          priority: rule.priority,
          // Its cadences: the windows and caps that placed it are placement's to name again.
          ruleIds: (r.ruleIds ?? []).filter((id) => this.state.compiled.cadences.has(id)),
          reasons: [
            explain(
              'merged.earlier',
              {
                contact: r.id,
                purchase: r.purchaseId,
                purpose: r.purpose,
                due: this.state.at(h.dueMs),
                at: this.state.at(h.startMs),
              },
              rule.id,
            ),
          ],
          drugCodes: [...(r.drugCodes ?? [])],
          incidentIndex: null,
          overflow: null,
          earlierContactId: r.id,
          missedAtMs: null,
        }),
      );
    }
    return out;
  }

  /**
   * After placement: this purchase's own planned contacts that the new plan no longer holds (their ids are not
   * among its touchpoints) are superseded; the list is sorted by id.
   */
  finish(touchpointIds: ReadonlySet<string>): Superseded[] {
    const history = this.state.facts.history;
    if (history !== null) {
      const own = this.state.facts.purchase.id;
      for (const h of history.contacts) {
        if (isOpen(h) && h.record.purchaseId === own && !touchpointIds.has(h.record.id))
          this.supersede(h, explain('superseded.replanned', { purchase: own }), [...(h.record.ruleIds ?? [])]);
      }
    }
    return sortInPlace(this.supersedes, (a, b) => byCodeUnits(a.id, b.id));
  }
}

/** Whether the history shows this escalation (its id) made, declined or cancelled (one not reached is planned again). */
export function escalationDealtWith(state: PlanState, rule: EscalationRule, incident: IncidentContext): boolean {
  const history = state.facts.history;
  if (history === null) return false;
  const own = state.facts.purchase.id;
  const id = touchpointId(own, 'escalation', rule.params.purpose, formatInstant(incident.reportedAtMs, state.zone));
  // Its own id, or a contact for the same report that it was merged into (purposes joined with '+').
  return history.contacts.some(
    (h) =>
      (h.record.id === id ||
        (h.record.kind === 'escalation' &&
          h.record.purchaseId === own &&
          h.dueMs === incident.reportedAtMs &&
          h.record.purpose.split('+').includes(rule.params.purpose))) &&
      h.record.status !== 'planned' &&
      h.record.status !== 'not-reached',
  );
}

/**
 * Why an outcome holds a routine contact back, if one does: the customer stopped taking every drug it is about
 * (after this purchase; a checks or refill reminder), or is in hospital (every routine contact, until the ERP
 * lists a contact made since, or a new purchase; with the stay's dates registered, those due while it lasts).
 */
export function heldBack(state: PlanState, c: Candidate): Explanation | undefined {
  const history = state.facts.history;
  if (history === null) return undefined;
  const stay = history.hospitalised;
  // An open stay holds every routine contact; a registered one, those due while it lasts.
  if (stay !== null && stay.untilMs === null)
    return explain('held.hospital', { since: state.at(stay.sinceMs), contact: stay.contactId });
  if (stay !== null && stay.untilMs !== null && c.dueMs >= stay.sinceMs && c.dueMs < stay.untilMs)
    return explain('held.hospital', {
      since: state.at(stay.sinceMs),
      until: state.at(stay.untilMs),
      contact: stay.contactId,
    });
  if ((c.kind === 'follow-up' || c.kind === 'refill') && c.drugCodes.length > 0) {
    let last: { atMs: number; contactId: string } | undefined;
    for (const drug of c.drugCodes) {
      const stop = history.stopped.get(drug);
      if (stop === undefined || stop.atMs < state.facts.purchasedAtMs) return undefined;
      last = stop;
    }
    if (last !== undefined)
      return explain('held.stopped', {
        drugs: joined(c.drugCodes),
        contact: last.contactId,
        at: state.at(last.atMs),
      });
  }
  return undefined;
}
