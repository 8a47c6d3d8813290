import type { Explanation } from '../i18n/explanation.js';
import type { CadenceParams, EscalationParams } from '../schema/ruleset.js';

// Derived from the rule schemas, so a channel, urgency or kind a rule may name is one a plan may hold.
/** How a contact is made. */
export type Channel = CadenceParams['channel'];
/** How soon it matters. Escalations are `critical` or `high`; everything else is `routine`. */
export type Urgency = 'routine' | EscalationParams['urgency'];
/** What sort of contact it is: a cadence's kind, or an escalation. */
export type TouchpointKind = CadenceParams['kind'] | 'escalation';

/** One planned contact. */
export interface Touchpoint {
  /** Stable: the same input and rules give the same id. */
  id: string;
  /**
   * The purchase it follows up, when not the plan's own: a plan of `planner.replan` covers every purchase whose
   * history still owes something, and a plan re-issues an earlier purchase's open contact that its near-duplicates
   * joined (store it with this purchase, so that its retries count). Absent otherwise.
   */
  purchaseId?: string;
  kind: TouchpointKind;
  channel: Channel;
  urgency: Urgency;
  /** e.g. `medication-check`, `refill-reminder`, `wrong-drug-recall`; merged contacts join theirs with `+`. */
  purpose: string;
  /** The purpose in words, in the planner's locale (the rule set's display names; merged purposes listed). */
  label: string;
  /** The nominal moment the rule asked for (ISO-8601, customer's offset). */
  due: string;
  /** When to make contact (ISO-8601, customer's offset); `start < end`. */
  window: { start: string; end: string };
  /**
   * Routine contacts: the span their start may lie in — the tolerance of the rules that asked for it (of each, when
   * merged), not before `asOf` or what it waits for. A worklist moves a contact only within it (and the windows).
   * Absent on escalations, and on contacts placed beyond their tolerance (by an overflow policy): those do not move.
   */
  tolerance?: { earliest: string; latest: string };
  /** Every rule that produced or moved it. */
  ruleIds: string[];
  /** Human-readable, in order, in the planner's locale: why it exists, why it moved. */
  reasons: string[];
  /** The same reasons as data, one per reason: a message code, its params and the rule it cites (docs/reasons.md). */
  explanations: Explanation[];
  drugCodes: string[];
}

/** A contact some rule asked for that the plan does not make, and why. */
export interface SuppressedContact {
  candidate: Omit<Touchpoint, 'window'>;
  /** Why, in the planner's locale. */
  reason: string;
  /** The same as data: the main explanation, then its details (the days that were blocked). */
  explanations: Explanation[];
  ruleIds: string[];
}

/** The plan for one purchase. */
export interface FollowUpPlan {
  customerId: string;
  purchaseId: string;
  ruleSet: { id: string; version: string; hash: string };
  /** The moment the plan was made for (the input's `asOf`, else the purchase), in the customer's offset: nothing starts before it. */
  asOf: string;
  /** The IANA time zone the plan's local times are in: the customer's, else the rule set's default. */
  timeZone: string;
  /** The purchase's store, when the input gave one (worklists send a store's contacts to its staff). */
  storeId?: string;
  /**
   * What people making the contacts need and rules do not read, as the input gave it: the customer's name and phone,
   * the names of the drugs bought (by code, sorted). Absent when the input gave none of them.
   */
  display?: { customerName?: string; phone?: string; drugNames?: { drugCode: string; name: string }[] };
  /**
   * The call-window, blackout and cap rules in force for this customer (rule order), and the customer's own
   * preferred windows when given: what a worklist needs to move a contact to another allowed slot.
   */
  policy: { ruleIds: string[]; preferredWindows?: { days: string[]; from: string; to: string }[] };
  /** Sorted by window.start, then urgency (critical, high, routine), then id. */
  touchpoints: Touchpoint[];
  suppressed: SuppressedContact[];
  /**
   * The `planned` contacts of the input's history this plan replaces, sorted by id: cancel these, and upsert the
   * touchpoints by id (docs/history.md). Empty without a history.
   */
  supersedes: { id: string; reason: string; explanations: Explanation[]; ruleIds: string[] }[];
  /** What the plan could not do as the rules say, in the planner's locale; sorted by code and params. */
  warnings: string[];
  /** The same warnings as data, one per warning. */
  warningExplanations: Explanation[];
}

/** A touchpoint of a data-only plan (`createPlanner({ reasons: 'data' })`): its reasons as `explanations` only. */
export type TouchpointData = Omit<Touchpoint, 'reasons'>;

/** A suppressed contact of a data-only plan: why, as `explanations` only. */
export interface SuppressedContactData {
  candidate: Omit<TouchpointData, 'window'>;
  explanations: Explanation[];
  ruleIds: string[];
}

/**
 * A plan without its rendered texts (`createPlanner({ reasons: 'data' })`): no `reasons`, `reason` or `warnings`;
 * their data (`explanations`, `warningExplanations`) is all there. `renderPlan` adds the texts in any locale.
 */
export interface FollowUpPlanData extends Omit<FollowUpPlan, 'touchpoints' | 'suppressed' | 'supersedes' | 'warnings'> {
  touchpoints: TouchpointData[];
  suppressed: SuppressedContactData[];
  supersedes: { id: string; explanations: Explanation[]; ruleIds: string[] }[];
}

/** A plan with its texts or data only. */
export type AnyPlan = FollowUpPlan | FollowUpPlanData;
