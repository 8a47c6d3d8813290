import type { Channel, FollowUpPlan, FollowUpPlanData, TouchpointKind, Urgency } from '../plan/types.js';

/** A weekday as rule files and staff rosters name it. */
export type WorkDay = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';

/** One person who makes contacts, and how many a day. */
export interface StaffMember {
  /** Unique among the staff. */
  readonly id: string;
  /** Shown on the worklist; defaults to the id. */
  readonly name?: string | null;
  /**
   * The store whose customers this person follows. Absent: a shared desk, which takes the contacts of stores
   * without staff of their own, and of purchases without a store.
   */
  readonly storeId?: string | null;
  /** Phone calls a day (escalations included). Seed practice: about 40. */
  readonly calls: number;
  /** Home visits a day. Seed practice: 5–10. Default 0. */
  readonly visits?: number | null;
  /** Working days; default every day. */
  readonly days?: readonly WorkDay[] | null;
  /** Working hours, local time of the customer's zone; default the whole day. */
  readonly hours?: { readonly from: string; readonly to: string } | null;
  /** Dates off (`YYYY-MM-DD`): leave, training. */
  readonly off?: readonly string[] | null;
}

/** Options of `planner.worklist`. */
export interface WorklistOptions {
  /** The first day (`YYYY-MM-DD`, each contact's local date in its plan's zone). */
  readonly from: string;
  /** How many days, from `from` (1–62). */
  readonly days: number;
  readonly staff: readonly StaffMember[];
  /**
   * Who already follows whom (customer id → staff id), from earlier worklists: a customer stays with one person from
   * the first contact to the last (一表到底). Customers not listed are given to the least-loaded eligible person. An
   * object or a Map (a Map of a million owners is read in a fraction of the time).
   */
  readonly owners?: Readonly<Record<string, string>> | ReadonlyMap<string, string> | null;
  /** Show phone numbers as `138****1001` (default false). */
  readonly maskPhone?: boolean | null;
  /** Move routine contacts within their tolerance to level each person's load across the days (default true). */
  readonly level?: boolean | null;
  /**
   * Calls (and visits) a person makes a day above which levelling moves routine contacts to quieter days of the range.
   * Default: the person's capacity — a contact leaves its preferred window only when a day is over capacity.
   */
  readonly target?: number | null;
}

/** One contact on one person's list for one day. */
export interface Assignment {
  readonly staffId: string;
  readonly touchpointId: string;
  readonly customerId: string;
  readonly purchaseId: string;
  /** When to make contact (ISO-8601, the customer's offset): the plan's window, within the person's hours. */
  readonly start: string;
  readonly end: string;
  readonly channel: Channel;
  readonly urgency: Urgency;
  readonly kind: TouchpointKind;
  readonly purpose: string;
  /** The purpose in words: `medication check, refill reminder`. */
  readonly purposeText: string;
  /** Where it was in the plan and why it moved, when the worklist moved it to another slot. */
  readonly moved?: string;
  /**
   * Why a colleague of the store makes it rather than the customer's own person (who does not work then, or is
   * full): continuity gives way before a contact overflows.
   */
  readonly handover?: string;
  /**
   * When no day of its tolerance had room and its cadence's overflow policy let it roll past it (later, past a
   * holiday, or earlier): its planned start (ISO-8601, the customer's offset) and why. `moved` says it too.
   */
  readonly rolled?: { readonly from: string; readonly reason: string };
  readonly customerName?: string;
  /** As the input gave it, or masked (`maskPhone`). */
  readonly phone?: string;
  readonly drugCodes: readonly string[];
  /** The names of those drugs the input gave. */
  readonly drugNames: readonly string[];
  /** The plan's reasons for the contact. */
  readonly reasons: readonly string[];
}

/** A contact in the range that no one can make: why. */
export interface OverflowEntry {
  readonly touchpointId: string;
  readonly customerId: string;
  readonly purchaseId: string;
  /** The day it was planned for. */
  readonly date: string;
  readonly channel: Channel;
  readonly urgency: Urgency;
  /** The customer's person, who would have made it, when there is one. */
  readonly staffId?: string;
  readonly reason: string;
  /** What a person needs to act on it by hand: whom, how to reach them, what for, and when it was due. */
  readonly customerName?: string;
  /** As the input gave it, or masked (`maskPhone`). */
  readonly phone?: string;
  readonly kind: TouchpointKind;
  readonly purpose: string;
  /** The purpose in words. */
  readonly purposeText: string;
  /** The plan's window for it. */
  readonly window: { readonly start: string; readonly end: string };
}

/** One day of a worklist. */
export interface WorklistDay {
  readonly date: string;
  /** Sorted by staff id, then start, urgency (critical first) and touchpoint id. */
  readonly assignments: readonly Assignment[];
}

/** Every contact of the plans whose window starts in the range: assigned to a person and a day, or in `overflow`. */
export interface Worklist {
  readonly days: readonly WorklistDay[];
  /** Sorted by date, urgency, touchpoint id. */
  readonly overflow: readonly OverflowEntry[];
  /**
   * Escalations no one could take before their deadline (no one of the store works in their window, or everyone who
   * does is booked with other escalations): act on these first, by hand. Each is in `overflow` too.
   */
  readonly unstaffedEscalations: readonly OverflowEntry[];
  /** What the worklist could not honour fully (an owner who is not eligible, plans of other rules), sorted. */
  readonly warnings: readonly string[];
}

/**
 * The plans a worklist is made from: a plan as `plan()` gives it, or as an ERP stored it (JSON) — with its texts or
 * data only (`reasons: 'data'`: the assignments' reasons are then rendered from the touchpoints' `explanations`).
 */
export type WorklistPlan = Pick<FollowUpPlan, WorklistPlanField> | Pick<FollowUpPlanData, WorklistPlanField>;

/** The fields of a plan a worklist reads. */
export type WorklistPlanField =
  | 'customerId'
  | 'purchaseId'
  | 'ruleSet'
  | 'asOf'
  | 'timeZone'
  | 'storeId'
  | 'display'
  | 'policy'
  | 'touchpoints'
  | 'supersedes';
