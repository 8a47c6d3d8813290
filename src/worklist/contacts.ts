/**
 * The worklist's view of the plans: one {@link Contact} per touchpoint (each id once; contacts a later plan
 * supersedes left out), what each plan's rules allow when a contact moves (its windows, blackouts and caps), and one
 * cap ledger per customer holding every routine contact of that customer's plans.
 */
import type { WorklistWords } from './words.js';
import { instant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import { addDuration } from '../calendar/duration.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { CapLedger, type CountedContact } from '../events/cap.js';
import { type CapRule, type CompiledRuleSet } from '../plan/compile.js';
import { policyInForce } from '../events/index.js';
import type { WindowTables } from '../plan/window-tables.js';
import { URGENCY_RANK } from '../plan/plan-state.js';
import type { Channel } from '../plan/types.js';
import type { WindowSet } from '../plan/windows.js';
import type { ParsedTouchpoint, ParsedWorklistPlan } from './parse.js';

/** What a plan's rules allow a moved contact: its windows and blackouts, and the caps of its customer. */
export interface MoveRules {
  readonly windows: WindowSet;
  readonly caps: readonly CapRule[];
}

/** Which capacity a contact takes: a call, a home visit, or none (a message). */
export type Resource = 'calls' | 'visits' | null;

/** One touchpoint as the worklist handles it. */
export interface Contact extends CountedContact {
  readonly tp: ParsedTouchpoint;
  readonly plan: ParsedWorklistPlan;
  readonly zone: string;
  /** Its local day as planned. */
  readonly plannedDay: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly resource: Resource;
  readonly escalation: boolean;
  readonly urgencyRank: number;
  /** Where its start may move (its tolerance), and the rules that allow a slot; `null`: it stays. */
  readonly move: { readonly loMs: number; readonly hiMs: number; readonly rules: MoveRules } | null;
  /**
   * How far past its tolerance it may roll when no day of it has room: its cadence's overflow policy (later: up to
   * `limitMs`, and first back to `earlierLimitMs` where the policy looks earlier first; earlier: back to `limitMs`),
   * with the rule that says so; `null`: it overflows.
   */
  readonly roll: {
    readonly move: 'earlier' | 'later';
    readonly limitMs: number;
    readonly earlierLimitMs: number | null;
    readonly ruleId: string;
  } | null;
  /** As the caps count it: the local day it is on now (moved or not). */
  epochDay: number;
  readonly channel: Channel;
  readonly purpose: string;
}

const NUL = '\u0000';

const resourceOf = (ch: Channel): Resource => (ch === 'phone' ? 'calls' : ch === 'home-visit' ? 'visits' : null);

/** A plan's move rules: only for plans of this rule set that say which rules were in force. */
function moveRulesOf(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  plan: ParsedWorklistPlan,
  warnings: Set<string>,
  text: WorklistWords,
): MoveRules | null {
  if (plan.policy === undefined) {
    warnings.add(text.say('no-policy', { purchase: plan.purchaseId }));
    return null;
  }
  if (plan.ruleSet.hash !== compiled.hash) {
    warnings.add(
      text.say('other-rules', {
        purchase: plan.purchaseId,
        id: plan.ruleSet.id,
        version: plan.ruleSet.version,
        hash: plan.ruleSet.hash.slice(0, 12),
      }),
    );
    return null;
  }
  // The plan names the window, blackout and cap rules that placed its contacts (policy.ruleIds).
  const named = new Set(plan.policy.ruleIds);
  const inForce = policyInForce(compiled.policyRules, (id) => named.has(id));
  const own = plan.policy.preferredWindows;
  return { windows: tables.for(inForce['call-window'], inForce.blackout, own), caps: inForce.cap };
}

/** The overflow policy of the first cadence among a contact's rules (its lead), as a roll past its tolerance. */
function rollOf(
  compiled: CompiledRuleSet,
  ruleIds: readonly string[],
  loMs: number,
  hiMs: number,
  zone: string,
): Contact['roll'] {
  for (const id of ruleIds) {
    const rule = compiled.cadences.get(id);
    if (rule === undefined) continue;
    const policy = rule.overflow;
    if (policy === null) return null;
    const limitMs =
      policy.move === 'later'
        ? addDuration(hiMs, policy.within, zone)
        : addDuration(loMs, { ...policy.within, sign: -1 }, zone);
    const earlierLimitMs =
      policy.earlier === null ? null : addDuration(loMs, { ...policy.earlier.within, sign: -1 }, zone);
    return { move: policy.move, limitMs, earlierLimitMs, ruleId: id };
  }
  return null;
}

/**
 * Plans in a total order: later `asOf` first (the newer plan wins a touchpoint id both hold), then purchase id,
 * customer id and rule set hash (one purchase planned the same moment by two rule sets).
 */
function byNewest(
  a: { plan: ParsedWorklistPlan; asOfMs: number },
  b: { plan: ParsedWorklistPlan; asOfMs: number },
): number {
  return (
    b.asOfMs - a.asOfMs ||
    byCodeUnits(a.plan.purchaseId, b.plan.purchaseId) ||
    byCodeUnits(a.plan.customerId, b.plan.customerId) ||
    byCodeUnits(a.plan.ruleSet.hash, b.plan.ruleSet.hash)
  );
}

export interface Contacts {
  /** Every contact of the plans (each touchpoint id once), in a total order: day, urgency, start, id. */
  readonly all: Contact[];
  /** Each customer's caps, counting every routine contact of theirs. */
  readonly ledgers: ReadonlyMap<string, CapLedger<Contact>>;
  readonly warnings: Set<string>;
}

/** Whether a plan's touchpoint is another purchase's contact, re-issued (its `purchaseId` names that purchase). */
const isReissued = (tp: { purchaseId?: string | undefined }, plan: ParsedWorklistPlan): boolean =>
  tp.purchaseId !== undefined && tp.purchaseId !== plan.purchaseId;

type Dated = { readonly plan: ParsedWorklistPlan; readonly asOfMs: number };

/**
 * What each customer's plans supersede: touchpoint id (with the customer) → the newest asOf of a plan that does, and
 * which plan. `supersedes` acts within the customer only, on plans not newer than the one that says it.
 */
function supersededBy(ordered: readonly Dated[]): Map<string, Dated> {
  const superseded = new Map<string, Dated>();
  for (const dated of ordered) {
    for (const s of dated.plan.supersedes ?? []) {
      const key = `${dated.plan.customerId}${NUL}${s.id}`;
      if (!superseded.has(key)) superseded.set(key, dated);
    }
  }
  return superseded;
}

/**
 * The contacts re-issued by a plan (near-duplicates merged into an earlier purchase's contact), with the newest asOf
 * of a plan that did: at the same asOf its version wins over the one its own purchase's plan holds.
 */
function reissuedAt(ordered: readonly Dated[]): Map<string, number> {
  const reissued = new Map<string, number>();
  for (const { plan, asOfMs } of ordered) {
    for (const tp of plan.touchpoints) {
      const key = `${plan.customerId}${NUL}${tp.id}`;
      if (isReissued(tp, plan) && !reissued.has(key)) reissued.set(key, asOfMs);
    }
  }
  return reissued;
}

/** One touchpoint of a plan as a contact of the worklist: its slot, how far it may move or roll, what it counts as. */
function contactOf(
  compiled: CompiledRuleSet,
  tp: ParsedWorklistPlan['touchpoints'][number],
  plan: ParsedWorklistPlan,
  rules: MoveRules | null,
): Contact {
  const zone = plan.timeZone;
  const startMs = instant(tp.window.start);
  const endMs = instant(tp.window.end);
  const day = localEpochDay(startMs, zone);
  const tolerance = tp.tolerance;
  const escalation = tp.urgency !== 'routine';
  const move =
    rules === null || tolerance === undefined || escalation
      ? null
      : { loMs: instant(tolerance.earliest), hiMs: instant(tolerance.latest), rules };
  const roll = move === null ? null : rollOf(compiled, tp.ruleIds ?? [], move.loMs, move.hiMs, zone);
  return {
    tp,
    plan,
    zone,
    plannedDay: day,
    startMs,
    endMs,
    resource: resourceOf(tp.channel),
    escalation,
    urgencyRank: URGENCY_RANK[tp.urgency],
    move,
    roll,
    epochDay: day,
    channel: tp.channel,
    purpose: tp.purpose,
    earlierContactId: null,
  };
}

/** The contacts of the plans, whatever the order the plans came in. */
export function collectContacts(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  plans: readonly ParsedWorklistPlan[],
  text: WorklistWords,
): Contacts {
  const warnings = new Set<string>();
  const ordered = sortInPlace(
    plans.map((plan) => ({ plan, asOfMs: instant(plan.asOf) })),
    byNewest,
  );
  const superseded = supersededBy(ordered);
  const reissued = reissuedAt(ordered);
  // Each id once per customer (the newest plan's); an id two customers hold is a warning, and both keep theirs.
  const taken = new Set<string>();
  const firstHolder = new Map<string, string>();
  const leftOut = new Set<string>();
  const all: Contact[] = [];
  const capsByCustomer = new Map<string, Map<string, CapRule>>();
  for (const { plan, asOfMs } of ordered) {
    const rules = moveRulesOf(compiled, tables, plan, warnings, text);
    for (const tp of plan.touchpoints) {
      const key = `${plan.customerId}${NUL}${tp.id}`;
      const by = superseded.get(key);
      if (by !== undefined && by.plan !== plan && by.asOfMs >= asOfMs) {
        if (!taken.has(key)) leftOut.add(key);
        continue;
      }
      if (taken.has(key) || (!isReissued(tp, plan) && (reissued.get(key) ?? Number.NEGATIVE_INFINITY) >= asOfMs))
        continue;
      taken.add(key);
      const holder = firstHolder.get(tp.id);
      if (holder === undefined) firstHolder.set(tp.id, plan.customerId);
      else if (holder !== plan.customerId)
        warnings.add(text.say('shared-id', { id: tp.id, first: holder, second: plan.customerId }));
      all.push(contactOf(compiled, tp, plan, rules));
    }
    if (rules !== null) {
      let caps = capsByCustomer.get(plan.customerId);
      if (caps === undefined) capsByCustomer.set(plan.customerId, (caps = new Map()));
      for (const cap of rules.caps) caps.set(cap.id, cap);
    }
  }
  if (leftOut.size > 0) warnings.add(text.say('superseded-left-out', { count: leftOut.size }));
  sortInPlace(
    all,
    (a, b) =>
      a.plannedDay - b.plannedDay ||
      a.urgencyRank - b.urgencyRank ||
      a.startMs - b.startMs ||
      byCodeUnits(a.tp.id, b.tp.id),
  );
  const ledgers = new Map<string, CapLedger<Contact>>();
  for (const c of all) {
    if (c.escalation) continue;
    const customer = c.plan.customerId;
    let ledger = ledgers.get(customer);
    if (ledger === undefined) {
      const caps = [...(capsByCustomer.get(customer)?.values() ?? [])].sort((a, b) => byCodeUnits(a.id, b.id));
      ledgers.set(customer, (ledger = new CapLedger<Contact>(caps)));
    }
    ledger.record(c);
  }
  return { all, ledgers, warnings };
}
