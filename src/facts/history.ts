/**
 * What a customer's history means for the facts of a new purchase: supplies that carry over, the counts rules may
 * test, and the outcomes of earlier contacts (a stopped medication, a declined call, a stay in hospital).
 */
import { addLocalDays } from '../calendar/duration.js';
import { instant } from '../calendar/instant.js';
import { LAST_PLANNED_MS } from '../calendar/local-date.js';
import { partOfDay } from '../calendar/zone.js';
import type { ParsedPlanInput } from '../schema/input.js';
import { supplyDaysOf } from '../schema/supply.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';

const DAY_MS = 86_400_000;

type History = NonNullable<ParsedPlanInput['history']>;
type ContactRec = NonNullable<History['contacts']>[number];

/** A contact of an earlier plan, its instants in epoch milliseconds. */
export interface HistoryContact {
  readonly record: ContactRec;
  readonly dueMs: number;
  readonly startMs: number;
  readonly endMs: number;
  /** When it was attempted (its `at`, else its window's start). */
  readonly attemptedMs: number;
}

/** The history of one input, as the planner reads it. */
export interface CustomerHistoryView {
  /** Every contact, sorted by id. */
  readonly contacts: readonly HistoryContact[];
  /** Drug → when the customer said they stopped taking it (the latest such outcome). */
  readonly stopped: ReadonlyMap<string, { readonly atMs: number; readonly contactId: string }>;
  /** Routine calls wait until then: 30 days after the latest declined call (`-Infinity`: none). */
  readonly declined: { readonly untilMs: number; readonly contactId: string } | null;
  /**
   * The latest hospital stay reported: from `sinceMs` until `untilMs` when its end was registered; an open stay
   * (`untilMs` null) lasts until a contact is made since without one, or a new purchase. `null`: none, or over.
   */
  readonly hospitalised: {
    readonly sinceMs: number;
    readonly untilMs: number | null;
    readonly contactId: string;
  } | null;
  /**
   * When the customer left hospital after the latest stay, if known: its registered `until`, or the first contact
   * made after it without one; none when this purchase came after it (they came in). Anchors `anchor: 'discharge'`.
   */
  readonly discharged: { readonly atMs: number; readonly contactId: string } | null;
  /** Adverse reactions reported on contacts of this purchase: each escalates like an incident reported then. */
  readonly adverseReactions: readonly {
    readonly atMs: number;
    readonly contactId: string;
    readonly drugCodes: readonly string[];
  }[];
  /** Drug → the end of the supply of earlier purchases still running at this purchase. */
  readonly carriedEnds: ReadonlyMap<string, number>;
  /** The ids of the earlier purchases the history lists. */
  readonly purchaseIds: readonly string[];
  /** The drugs each earlier purchase sold, by its id. */
  readonly drugsOf: ReadonlyMap<string, readonly string[]>;
  readonly counts: {
    purchases: number;
    contacts: number;
    notReached90Days: number;
    daysSinceLastContact: number | null;
  };
  /** When this customer answers the phone, from the calls attempted; `null`: no part of the day stands out. */
  readonly answerHours: AnswerHours | null;
}

/** Calls answered (done or declined) and attempted by part of the day: 0 morning, 1 afternoon, 2 evening. */
export interface AnswerHours {
  readonly answered: readonly [number, number, number];
  readonly calls: readonly [number, number, number];
  /** The parts with the best answer rate (bit 0 morning, 1 afternoon, 2 evening), better than another part's. */
  readonly best: number;
}

/**
 * When the customer answers the phone (seed 001: at some hours people are in meetings, at meals, driving): the
 * calls of the history attempted, by part of the day; the parts answered most often, where that rate beats another
 * part's. `null` when no part stands out (no calls, or every part attempted answered alike).
 */
function answerHoursOf(contacts: readonly HistoryContact[], zone: string): AnswerHours | null {
  const answered: [number, number, number] = [0, 0, 0];
  const calls: [number, number, number] = [0, 0, 0];
  for (const { record, attemptedMs } of contacts) {
    if (record.channel !== 'phone') continue;
    const picked = record.status === 'done' || record.status === 'declined';
    if (!picked && record.status !== 'not-reached') continue;
    const part = partOfDay(attemptedMs, zone);
    calls[part] += 1;
    if (picked) answered[part] += 1;
  }
  // Rates compared as fractions (a/c against b/d by a·d against b·c): no rounding decides a tie.
  const beats = (p: number, q: number): number =>
    (answered[p] as number) * (calls[q] as number) - (answered[q] as number) * (calls[p] as number);
  let best = -1;
  for (let p = 0; p < 3; p++) if ((answered[p] as number) > 0 && (best < 0 || beats(p, best) > 0)) best = p;
  if (best < 0) return null;
  let bits = 0;
  let lower = false;
  for (let p = 0; p < 3; p++) {
    if (calls[p] === 0) continue;
    if (beats(p, best) === 0) bits |= 1 << p;
    else lower = true;
  }
  return lower ? { answered, calls, best: bits } : null;
}

/** A stay in hospital as an outcome records it: `true` from the contact on, open; `{ from, until? }` as registered. */
function stayOf(
  recorded: boolean | { from: string; until?: string | undefined } | undefined,
  attemptedMs: number,
  contactId: string,
): { sinceMs: number; untilMs: number | null; contactId: string } | null {
  if (recorded === undefined || recorded === false) return null;
  if (recorded === true) return { sinceMs: attemptedMs, untilMs: null, contactId };
  return {
    sinceMs: instant(recorded.from),
    untilMs: recorded.until === undefined ? null : instant(recorded.until),
    contactId,
  };
}

/** How long a declined call pauses routine calls. */
export const DECLINED_PAUSE_DAYS = 30;

/** A stay in hospital as the history reads it: since when, until when (`null`: open), which contact said so. */
type Stay = { sinceMs: number; untilMs: number | null; contactId: string };

/** The history's contacts with their instants read, by id. */
function contactsOf(records: NonNullable<ParsedPlanInput['history']>['contacts']): HistoryContact[] {
  const contacts: HistoryContact[] = (records ?? []).map((record) => {
    const startMs = instant(record.window.start);
    return {
      record,
      dueMs: instant(record.due),
      startMs,
      endMs: instant(record.window.end),
      attemptedMs: record.at === undefined ? startMs : instant(record.at),
    };
  });
  return sortInPlace(contacts, (a, b) => byCodeUnits(a.record.id, b.record.id));
}

/** What the attempted contacts' outcomes say: stopped drugs, the last declined call's pause, the latest stay, counts. */
function outcomesOf(contacts: readonly HistoryContact[], purchaseId: string, asOfMs: number, zone: string) {
  const stopped = new Map<string, { atMs: number; contactId: string }>();
  let declined: { untilMs: number; contactId: string } | null = null;
  let stay: Stay | null = null;
  let notReached90Days = 0;
  const adverseReactions: { atMs: number; contactId: string; drugCodes: readonly string[] }[] = [];
  let lastDoneMs = Number.NEGATIVE_INFINITY;
  for (const { record, attemptedMs } of contacts) {
    const { status, outcome } = record;
    if (status !== 'done' && status !== 'not-reached' && status !== 'declined') continue;
    if (status === 'done') lastDoneMs = Math.max(lastDoneMs, attemptedMs);
    if (status === 'not-reached' && attemptedMs > asOfMs - 90 * DAY_MS) notReached90Days++;
    if (status === 'declined') {
      const untilMs = addLocalDays(attemptedMs, DECLINED_PAUSE_DAYS, zone);
      if (declined === null || untilMs > declined.untilMs) declined = { untilMs, contactId: record.id };
    }
    if (outcome?.stoppedMedication === true) {
      for (const drug of record.drugCodes ?? []) {
        const prior = stopped.get(drug);
        if (prior === undefined || attemptedMs > prior.atMs)
          stopped.set(drug, { atMs: attemptedMs, contactId: record.id });
      }
    }
    if (outcome?.adverseReaction === true && record.purchaseId === purchaseId)
      adverseReactions.push({ atMs: attemptedMs, contactId: record.id, drugCodes: record.drugCodes ?? [] });
    const recorded = stayOf(outcome?.hospitalised, attemptedMs, record.id);
    if (recorded !== null && (stay === null || recorded.sinceMs > stay.sinceMs)) stay = recorded;
  }
  return { stopped, declined, stay, notReached90Days, adverseReactions, lastDoneMs };
}

/**
 * The latest stay in hospital, still lasting (`hospitalised`), and its discharge as known (`discharged`): an open
 * stay is over once a contact was made after it without one (the discharge is known then), or the customer bought
 * since; a purchase after the discharge means the pharmacist saw them — no check-in call for that stay.
 */
function stayNow(
  contacts: readonly HistoryContact[],
  stay: Stay | null,
  purchasedAtMs: number,
): { hospitalised: Stay | null; discharged: { atMs: number; contactId: string } | null } {
  let hospitalised = stay;
  let discharged: { atMs: number; contactId: string } | null = null;
  if (hospitalised !== null && hospitalised.untilMs !== null)
    discharged = { atMs: hospitalised.untilMs, contactId: hospitalised.contactId };
  else if (hospitalised !== null) {
    const since = hospitalised.sinceMs;
    for (const c of contacts)
      if (
        c.record.status === 'done' &&
        c.attemptedMs > since &&
        !c.record.outcome?.hospitalised &&
        (discharged === null || c.attemptedMs < discharged.atMs)
      )
        discharged = { atMs: c.attemptedMs, contactId: c.record.id };
    if (discharged !== null || purchasedAtMs > since) hospitalised = null;
  }
  if (discharged !== null && purchasedAtMs > discharged.atMs) discharged = null;
  return { hospitalised, discharged };
}

type EarlierPurchase = NonNullable<NonNullable<ParsedPlanInput['history']>['purchases']>[number] & { atMs: number };

/**
 * Supplies of earlier purchases still lasting at this purchase, by drug: drug by drug in time order, a purchase while
 * supply lasts adds to its end; a stopped medication ends the supply it belonged to when it was stopped.
 */
function carriedSupplies(
  earlier: readonly EarlierPurchase[],
  stopped: ReadonlyMap<string, { atMs: number }>,
  purchasedAtMs: number,
  zone: string,
): Map<string, number> {
  const ends = new Map<string, number>();
  for (const { purchase, courses, atMs } of earlier) {
    for (const item of purchase.items ?? []) {
      const course = courses.find((c) => c.drugCode === item.drugCode);
      if (course === undefined) continue;
      let startMs = atMs;
      const running = ends.get(item.drugCode);
      if (running !== undefined && running > atMs) startMs = running;
      const stop = stopped.get(item.drugCode);
      // A chain of supplies past the calendar's end is read as ending there (no plan names a later day).
      let endMs =
        startMs >= LAST_PLANNED_MS
          ? LAST_PLANNED_MS
          : Math.min(addLocalDays(startMs, supplyDaysOf(item.quantity, course), zone), LAST_PLANNED_MS);
      if (stop !== undefined && stop.atMs >= atMs && stop.atMs < endMs) endMs = stop.atMs;
      ends.set(item.drugCode, endMs);
    }
  }
  const carriedEnds = new Map<string, number>();
  for (const [drug, endMs] of ends) if (endMs > purchasedAtMs) carriedEnds.set(drug, endMs);
  return carriedEnds;
}

/** The history of a validated input, read once per plan; `null` without one. */
export function readHistory(
  input: ParsedPlanInput,
  zone: string,
  purchasedAtMs: number,
  asOfMs: number,
): CustomerHistoryView | null {
  const history = input.history;
  if (history === undefined) return null;
  const contacts = contactsOf(history.contacts);
  const { stopped, declined, stay, notReached90Days, adverseReactions, lastDoneMs } = outcomesOf(
    contacts,
    input.purchase.id,
    asOfMs,
    zone,
  );
  const { hospitalised, discharged } = stayNow(contacts, stay, purchasedAtMs);
  const earlier = sortInPlace(
    (history.purchases ?? []).map((p) => ({ ...p, atMs: instant(p.purchase.purchasedAt) })),
    (a, b) => a.atMs - b.atMs || byCodeUnits(a.purchase.id, b.purchase.id),
  );
  const carriedEnds = carriedSupplies(earlier, stopped, purchasedAtMs, zone);

  return {
    contacts,
    stopped,
    declined,
    hospitalised,
    discharged,
    adverseReactions,
    carriedEnds,
    purchaseIds: earlier.map((p) => p.purchase.id),
    drugsOf: new Map(earlier.map((p) => [p.purchase.id, (p.purchase.items ?? []).map((i) => i.drugCode)])),
    counts: {
      purchases: earlier.length,
      contacts: contacts.length,
      notReached90Days,
      daysSinceLastContact: lastDoneMs === Number.NEGATIVE_INFINITY ? null : Math.floor((asOfMs - lastDoneMs) / DAY_MS),
    },
    answerHours: answerHoursOf(contacts, zone),
  };
}
