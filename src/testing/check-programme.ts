/**
 * The programme's promises, checked over a run day by day (`simulateProgramme` checks as it goes; `checkProgramme`
 * re-checks a run, and catches a corrupted step): every contact a plan promised is listed on its day — assigned or
 * overflowed with why — unless a later plan superseded it with why; nothing is listed twice, or after it was made
 * or cancelled; no one is given more than their capacity, or work on a day off; a customer's routine contacts keep
 * the per-day cap; an escalation is never left over while its store had a call free; a call not reached gets its
 * retry (or the reason there is none) that night.
 */
import type { AnyPlan } from '../plan/types.js';
import type { RuleSet } from '../schema/ruleset.js';
import type { StaffMember, WorkDay } from '../worklist/types.js';
import { weekdayOfEpochDay, WEEKDAYS, dateEpochDay } from '../calendar/local-date.js';

import type { ProgrammeDay, ProgrammeRun } from './programme-types.js';

/** A broken promise: the day, what kind (`vanished`, `listed-twice`, `over-capacity`, …) and what happened. */
export interface ProgrammeViolation {
  readonly day: string;
  readonly code: string;
  readonly message: string;
}

/** What the rules promise that a run is held to. */
export interface ProgrammeLimits {
  /** Routine contacts of one customer a day (the rule set's per-day cap in force for everyone); `null`: none. */
  readonly routinePerDay: number | null;
  /** The retry rule in force for everyone: calls after the first miss, then messages; `null`: no retries. */
  readonly retry: { readonly max: number; readonly messages: number } | null;
}

/** The limits of a rule set: its unconditional per-day cap and retry rule. */
export function limitsOf(ruleSet: RuleSet): ProgrammeLimits {
  let routinePerDay: number | null = null;
  let retry: ProgrammeLimits['retry'] = null;
  for (const rule of ruleSet.rules) {
    if (rule.enabled === false || !always(rule.conditions)) continue;
    const { type, params } = rule.event as { type: string; params: Record<string, unknown> };
    if (
      type === 'cap' &&
      params['kind'] === 'per-day' &&
      params['channels'] === undefined &&
      typeof params['max'] === 'number'
    )
      routinePerDay = Math.min(routinePerDay ?? Number.POSITIVE_INFINITY, params['max']);
    if (type === 'retry' && retry === null && typeof params['max'] === 'number')
      retry = { max: params['max'], messages: Array.isArray(params['then']) && params['then'].length > 0 ? 1 : 0 };
  }
  return { routinePerDay, retry };
}

const always = (conditions: unknown): boolean => {
  const c = conditions as { all?: unknown[]; any?: unknown[] };
  return Array.isArray(c.all) && c.all.length === 0;
};

interface Stored {
  readonly customerId: string;
  readonly purchaseId: string;
  readonly purpose: string;
  /** Its drug codes, sorted and joined: retries count a contact's misses by its purposes and drugs, as the planner does. */
  readonly drugs: string;
  readonly urgency: string;
  readonly storeId: string | undefined;
  readonly date: string;
  /** The plan's window, as local text (`2026-03-10T15:00:00+08:00`). */
  readonly window: { readonly start: string; readonly end: string };
  status: 'planned' | 'cancelled' | 'done' | 'not-reached' | 'declined';
}

const NUL = '\u0000';
const RETRY_CODES = new Set(['due.retry', 'due.retry-message']);

/** The most misses in a row of any of `purposes` over the attempts that carried it for drugs among `drugs`. */
function mostMissed(
  attempts: readonly { purposes: readonly string[]; drugs: readonly string[]; made: boolean }[],
  purposes: readonly string[],
  drugs: readonly string[],
): number {
  let most = 0;
  for (const purpose of purposes) {
    let k = 0;
    for (const a of attempts)
      if (a.purposes.includes(purpose) && a.drugs.every((x) => drugs.includes(x))) k = a.made ? 0 : k + 1;
    most = Math.max(most, k);
  }
  return most;
}

/** Checks a run's days in order, keeping the ERP's contacts as the run's plans and outcomes wrote them. */
export class ProgrammeChecker {
  readonly violations: ProgrammeViolation[] = [];
  private readonly contacts = new Map<string, Stored>();
  /** Calls not reached in a row, by customer, purchase and purpose. */
  private readonly misses = new Map<string, number>();
  /** The routine contacts made or missed, by customer and purchase, in the order made: each purpose's own count. */
  private readonly attempts = new Map<string, { purposes: string[]; drugs: string[]; made: boolean }[]>();

  constructor(
    private readonly staff: readonly StaffMember[],
    readonly limits: ProgrammeLimits,
  ) {}

  note(day: string, code: string, message: string): void {
    this.violations.push({ day, code, message });
  }

  private apply(day: string, plan: AnyPlan): void {
    for (const s of plan.supersedes) {
      const key = `${plan.customerId}${NUL}${s.id}`;
      const stored = this.contacts.get(key);
      // Its why: the text of a plan with texts, the data of a data-only plan.
      if ('reason' in s ? s.reason.trim() === '' : s.explanations.length === 0)
        this.note(day, 'superseded-without-reason', `${plan.customerId}: ${s.id} is superseded without a reason`);
      if (stored === undefined)
        this.note(
          day,
          'supersedes-unknown',
          `${plan.customerId}: plan ${plan.purchaseId} supersedes ${s.id}, not a contact of this customer`,
        );
      else if (stored.status !== 'planned' && stored.status !== 'cancelled')
        this.note(
          day,
          'supersedes-made',
          `${plan.customerId}: plan ${plan.purchaseId} supersedes ${s.id}, already ${stored.status}`,
        );
      else stored.status = 'cancelled';
    }
    for (const t of plan.touchpoints) {
      const key = `${plan.customerId}${NUL}${t.id}`;
      const stored = this.contacts.get(key);
      // An escalation not reached is planned again as it was (urgent: called until reached); nothing else made is.
      const again = stored?.status === 'not-reached' && stored.urgency !== 'routine';
      if (stored !== undefined && stored.status !== 'planned' && stored.status !== 'cancelled' && !again)
        this.note(day, 'made-planned-again', `${plan.customerId}: ${t.id} was ${stored.status} and is planned again`);
      this.contacts.set(key, {
        customerId: plan.customerId,
        purchaseId: t.purchaseId ?? plan.purchaseId,
        purpose: t.purpose,
        drugs: [...t.drugCodes].sort().join(','),
        urgency: t.urgency,
        storeId: plan.storeId,
        date: t.window.start.slice(0, 10),
        window: t.window,
        status: 'planned',
      });
    }
  }

  /** Checks one day, in the order it ran: its purchases' plans, its worklist, its outcomes, its replans. */
  day(d: ProgrammeDay): void {
    const { date } = d;
    for (const plan of d.plans) this.apply(date, plan);
    const list = d.worklist;
    const listed = new Map<string, number>();
    const assignments = list.days.flatMap((x) => x.assignments);
    for (const a of assignments) {
      const key = `${a.customerId}${NUL}${a.touchpointId}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
    for (const o of list.overflow) {
      const key = `${o.customerId}${NUL}${o.touchpointId}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
      if (!o.reason?.trim())
        this.note(date, 'overflow-without-reason', `${o.customerId}: ${o.touchpointId} overflowed without a reason`);
    }
    for (const [key, n] of listed) {
      const [customer, id] = key.split(NUL) as [string, string];
      if (n > 1) this.note(date, 'listed-twice', `${customer}: ${id} is listed ${n} times`);
      const stored = this.contacts.get(key);
      if (stored === undefined) this.note(date, 'listed-unknown', `${customer}: ${id} is listed but no plan holds it`);
      else if (stored.status !== 'planned')
        this.note(date, 'listed-stale', `${customer}: ${id} is listed but is ${stored.status}`);
    }
    for (const [key, c] of this.contacts) {
      if (c.status === 'planned' && c.date === date && !listed.has(key))
        this.note(
          date,
          'vanished',
          `${c.customerId}: ${key.split(NUL)[1]} (${c.purpose}) was planned for ${date} and is neither assigned nor overflowed`,
        );
    }
    this.checkStaff(date, assignments);
    this.checkCaps(date, assignments);
    this.checkEscalations(date, d, assignments);

    const assigned = new Set(assignments.map((a) => `${a.customerId}${NUL}${a.touchpointId}`));
    for (const o of d.outcomes) {
      const key = `${o.customerId}${NUL}${o.touchpointId}`;
      if (!assigned.has(key))
        this.note(
          date,
          'outcome-unassigned',
          `${o.customerId}: an outcome for ${o.touchpointId}, not on the day's list`,
        );
      const stored = this.contacts.get(key);
      if (stored !== undefined) stored.status = o.status;
    }
    for (const plan of d.replans) this.apply(date, plan);
    this.checkRetries(date, d);
  }

  private checkStaff(date: string, assignments: ProgrammeDay['worklist']['days'][number]['assignments']): void {
    const epochDay = dateEpochDay(date);
    const weekday = WEEKDAYS[weekdayOfEpochDay(epochDay)] as WorkDay;
    const used = new Map<string, { calls: number; visits: number }>();
    for (const a of assignments) {
      const u = used.get(a.staffId) ?? { calls: 0, visits: 0 };
      if (a.channel === 'phone') u.calls++;
      if (a.channel === 'home-visit') u.visits++;
      used.set(a.staffId, u);
    }
    for (const [id, u] of used) {
      const member = this.staff.find((s) => s.id === id);
      if (member === undefined) {
        this.note(date, 'unknown-staff', `${id} is not on the roster`);
        continue;
      }
      if (u.calls > member.calls || u.visits > (member.visits ?? 0))
        this.note(
          date,
          'over-capacity',
          `${id}: ${u.calls} calls and ${u.visits} visits, capacity ${member.calls} and ${member.visits ?? 0}`,
        );
      const works = (member.days ?? WEEKDAYS).includes(weekday) && !(member.off ?? []).includes(date);
      if (!works && u.calls + u.visits > 0) this.note(date, 'staff-off', `${id} is given calls or visits on a day off`);
    }
  }

  private checkCaps(date: string, assignments: ProgrammeDay['worklist']['days'][number]['assignments']): void {
    const max = this.limits.routinePerDay;
    if (max === null) return;
    const perCustomer = new Map<string, number>();
    for (const a of assignments)
      if (a.urgency === 'routine') perCustomer.set(a.customerId, (perCustomer.get(a.customerId) ?? 0) + 1);
    for (const [customer, n] of perCustomer)
      if (n > max) this.note(date, 'cap', `${customer}: ${n} routine contacts on one day (at most ${max})`);
  }

  /** An escalation left over while someone of its store was on duty in its window with a call free. */
  private checkEscalations(
    date: string,
    d: ProgrammeDay,
    assignments: ProgrammeDay['worklist']['days'][number]['assignments'],
  ): void {
    const weekday = WEEKDAYS[weekdayOfEpochDay(dateEpochDay(date))] as WorkDay;
    const calls = new Map<string, number>();
    for (const a of assignments) if (a.channel === 'phone') calls.set(a.staffId, (calls.get(a.staffId) ?? 0) + 1);
    for (const o of d.worklist.overflow) {
      if (o.urgency === 'routine' || o.channel !== 'phone') continue;
      const stored = this.contacts.get(`${o.customerId}${NUL}${o.touchpointId}`);
      if (stored === undefined) continue;
      // The window's local hours on this day: someone of the store on duty then, with a call left.
      const from = stored.window.start.slice(0, 10) === date ? stored.window.start.slice(11, 16) : '00:00';
      const to = stored.window.end.slice(0, 10) === date ? stored.window.end.slice(11, 16) : '24:00';
      const free = this.staff.filter((s) => {
        const hours = s.hours ?? { from: '00:00', to: '24:00' };
        return (
          (s.storeId ?? undefined) === stored.storeId &&
          (s.days ?? WEEKDAYS).includes(weekday) &&
          !(s.off ?? []).includes(date) &&
          (hours.from > from ? hours.from : from) < (hours.to < to ? hours.to : to) &&
          (calls.get(s.id) ?? 0) < s.calls
        );
      });
      if (free.length > 0)
        this.note(
          date,
          'escalation-unassigned',
          `${o.customerId}: escalation ${o.touchpointId} overflowed (${o.reason}) while ${free.map((s) => s.id).join(', ')} had calls free`,
        );
    }
  }

  /** A call not reached today: tonight's replan of its customer plans its retry, or says why not (used up). */
  private checkRetries(date: string, d: ProgrammeDay): void {
    const retry = this.limits.retry;
    for (const o of d.outcomes) {
      const stored = this.contacts.get(`${o.customerId}${NUL}${o.touchpointId}`);
      if (stored === undefined || stored.urgency !== 'routine') continue;
      const key = `${o.customerId}${NUL}${o.purchaseId}${NUL}${stored.purpose.split('+').sort().join('+')}${NUL}${stored.drugs}`;
      const drugs = stored.drugs === '' ? [] : stored.drugs.split(',');
      const purchaseKey = `${o.customerId}${NUL}${o.purchaseId}`;
      const attempts = this.attempts.get(purchaseKey) ?? [];
      this.attempts.set(purchaseKey, attempts);
      attempts.push({ purposes: stored.purpose.split('+'), drugs, made: o.status !== 'not-reached' });
      if (o.status !== 'not-reached') {
        if (o.status === 'done' || o.status === 'declined') this.misses.delete(key);
        continue;
      }
      if (retry === null) continue;
      this.misses.set(key, (this.misses.get(key) ?? 0) + 1);
      // A purpose's misses in a row go on through calls of other purposes that carried it (a retry merged into the
      // next check): the count is the most-missed purpose's, for these drugs.
      const n = Math.max(this.misses.get(key) as number, mostMissed(attempts, stored.purpose.split('+'), drugs));
      if (n > retry.max + retry.messages) continue;
      const plan = d.replans.find((p) => p.customerId === o.customerId);
      // Every purpose of the contact missed (merged purposes joined with '+') among the retry's.
      const names = (purpose: string): boolean =>
        stored.purpose.split('+').every((p) => purpose.split('+').includes(p));
      // The retry may have merged with a contact near it: any of its reasons says so.
      const retried =
        plan !== undefined &&
        (plan.touchpoints.some(
          (t) =>
            names(t.purpose) &&
            (t.purchaseId ?? plan.purchaseId) === o.purchaseId &&
            t.explanations.some((e) => RETRY_CODES.has(e.code)),
        ) ||
          plan.suppressed.some(
            (s) => names(s.candidate.purpose) && s.candidate.explanations.some((e) => RETRY_CODES.has(e.code)),
          ));
      if (!retried)
        this.note(
          date,
          'retry-missing',
          `${o.customerId}: ${o.touchpointId} (${stored.purpose}) was not reached and no retry is planned or explained`,
        );
      // The retry's kind by the count: a call while at most `max` misses in a row, the message after the last call.
      const own = plan?.touchpoints.find(
        (t) =>
          names(t.purpose) &&
          (t.purchaseId ?? plan.purchaseId) === o.purchaseId &&
          RETRY_CODES.has(t.explanations[0]?.code ?? ''),
      );
      const code = own?.explanations[0]?.code;
      if (own !== undefined && (code === 'due.retry-message') !== n > retry.max)
        this.note(
          date,
          'retry-wrong-kind',
          `${o.customerId}: ${o.touchpointId} not reached ${n} times in a row, and its retry is ${code === 'due.retry-message' ? 'a message' : 'a call'} (${retry.max} calls before the message)`,
        );
    }
  }
}

/**
 * Re-checks a run of `simulateProgramme` from what it recorded: the same checks it made as it ran. A run whose
 * steps were changed afterwards (a contact dropped from a worklist, a call given twice, a retry taken out) fails.
 *
 * @example
 * ```ts
 * import { defaultRuleSet } from 'rx-followup';
 * import { checkProgramme, simulateProgramme } from 'rx-followup/testing';
 *
 * const run = await simulateProgramme({ seed: 7, days: 5, stores: 1, staff: 2, purchasesPerDay: 8 }, defaultRuleSet);
 * console.log(checkProgramme(run)); // []
 * ```
 */
export function checkProgramme(run: ProgrammeRun): ProgrammeViolation[] {
  const checker = new ProgrammeChecker(run.staff, run.limits);
  for (const d of run.days) checker.day(d);
  return checker.violations;
}
