/** The options and the record of a simulated programme run ({@link simulateProgramme}). */
import type { AnyPlan } from '../plan/types.js';
import type { StaffMember, Worklist } from '../worklist/types.js';
import type { ProgrammeLimits, ProgrammeViolation } from './check-programme.js';

/** How often each outcome of a call or visit is drawn (the rest are reached). Messages are always delivered. */
export interface OutcomeRates {
  /** Not reached: retried by the retry rule. Default 0.2. */
  readonly notReached?: number;
  /** Declined: routine calls pause. Default 0.03. */
  readonly declined?: number;
  /** Reached; the customer stopped taking the drugs. Default 0.02. */
  readonly stoppedMedication?: number;
  /** Reached; the customer complains (resolved 1–4 days later). Default 0.01. */
  readonly complaint?: number;
  /** Reached; the customer got the wrong drug. Default 0.003. */
  readonly wrongDrug?: number;
  /** Reached; an adverse reaction. Default 0.005. */
  readonly adverseReaction?: number;
}

/** Options of {@link simulateProgramme}. */
export interface ProgrammeOptions {
  /** The same seed gives the same run. */
  readonly seed: number;
  /** Days to run (1–366). */
  readonly days: number;
  /** The first day (`YYYY-MM-DD`); default `2026-03-02`. */
  readonly from?: string;
  /** How many stores (ids `S1`, `S2`, …), or their ids. */
  readonly stores: number | readonly string[];
  /**
   * Staff per store (ids `S1-1`, `S1-2`, …: 40 calls and 8 visits a day, 09:00–18:00, each on a different pattern of
   * working days), or a roster of one's own.
   */
  readonly staff: number | readonly StaffMember[];
  /** Purchases a day, across the stores. */
  readonly purchasesPerDay: number;
  /** How many customers buy (each at one store); default 20 per daily purchase. */
  readonly customers?: number;
  readonly outcomes?: OutcomeRates;
  /**
   * Check each purchase's plan as it is made with `checkPlanInvariants` (its input and the run's rules), and each pass
   * of the night's replans (a purchase of the history planned again, with the history it was planned with), each
   * violation noted as `plan-invariant`. Off by default; a run takes about twice as long.
   */
  readonly checkPlans?: boolean;
}

/** What became of one contact made on a day of the run. */
export interface ProgrammeOutcome {
  readonly touchpointId: string;
  readonly customerId: string;
  readonly purchaseId: string;
  readonly staffId: string;
  readonly status: 'done' | 'not-reached' | 'declined';
  /** When it was made: the assignment's start. */
  readonly at: string;
  readonly outcome?: { readonly stoppedMedication?: boolean; readonly adverseReaction?: boolean };
  /** An incident the contact brought to light, recorded on the purchase. */
  readonly incident?: {
    readonly type: 'complaint' | 'wrong-drug';
    readonly drugCode?: string;
    readonly resolvedAt?: string;
  };
}

/** One day of a run: the plans of its purchases, its worklist, the outcomes, and the night's replans. */
export interface ProgrammeDay {
  readonly date: string;
  /**
   * Plans of the day's purchases, in the order they were made: data only (`FollowUpPlanData`) when the run was given
   * rules, with texts when it was given a planner that makes them (`renderPlan` adds them to either).
   */
  readonly plans: readonly AnyPlan[];
  readonly worklist: Worklist;
  readonly outcomes: readonly ProgrammeOutcome[];
  /** The night's replans of the customers whose history changed (an outcome, an incident resolved, an overflow). */
  readonly replans: readonly AnyPlan[];
}

/** A whole run, and what broke a promise (empty when none did). */
export interface ProgrammeRun {
  readonly days: readonly ProgrammeDay[];
  readonly violations: readonly ProgrammeViolation[];
  /** The roster the run used. */
  readonly staff: readonly StaffMember[];
  /** What the rules promise that the checker holds the run to. */
  readonly limits: ProgrammeLimits;
}
