import { addDuration, parseDuration, type Duration } from '../calendar/duration.js';
import { parseInstant } from '../calendar/instant.js';
import { daysInMonth, formatLocalDate, fromEpochDay, parseClock, toEpochDay, weekdayOf, type LocalDate } from '../calendar/local-date.js';
import { fromLocal, toLocal } from '../calendar/zone.js';
import { buildFacts, type FactSet } from '../facts/build-facts.js';
import type { FollowUpPlan, Touchpoint } from '../plan/types.js';
import { createCompiledEvaluator } from '../rules/evaluator.js';
import { isMessageChannel } from '../schema/common.js';
import { parsePlanInput } from '../schema/parse-input.js';
import { RuleSetError } from '../errors.js';
import type { Planner } from '../plan/planner.js';
import { validateRuleSet } from '../rules/validate.js';
import type { Rule, RuleSet, RuleSetInput } from '../schema/ruleset.js';

/** One broken promise of a plan. */
export interface Violation {
  /**
   * Which invariant (numbered as in docs/testing.md): `before-as-of`, `escalation-before-report`, `horizon` (2);
   * `window-order`, `tolerance` (3); `call-window`, `blackout` (4); `escalation-deadline`,
   * `escalation-first` (5); `cap`, `consent` (6); `sorted`, `unique-ids`, `explained` (7);
   * `input` when the input itself is not valid.
   */
  invariant: string;
  touchpointId?: string;
  message: string;
}

const URGENCY_RANK = { critical: 0, high: 1, routine: 2 } as const;

const instant = (text: string): number => {
  const p = parseInstant(text);
  return p.ok ? p.epochMs : Number.NaN;
};
const duration = (text: string | undefined): Duration | undefined => (text === undefined ? undefined : parseDuration(text));
const wholeDays = (text: string): number => {
  const d = parseDuration(text);
  return d ? d.sign * (d.weeks * 7 + d.days) : 0;
};

interface Windows {
  readonly days: ReadonlySet<string>;
  readonly from: number;
  readonly to: number;
  readonly makeUp: ReadonlySet<string>;
}

/** The rules that hold for this input, evaluated the way the planner does (any line / any incident). */
function applicableRules(ruleSet: RuleSet, facts: ReturnType<typeof buildFacts>): Rule[] {
  const evaluator = createCompiledEvaluator(ruleSet.rules);
  const base = { customer: facts.customer, purchase: facts.purchase };
  const contexts: FactSet[] = [
    ...facts.lines.map((l) => ({ ...base, line: l.fact, incident: null })),
    ...facts.incidents.map((i) => ({ ...base, line: null, incident: i.fact })),
  ];
  const held = new Set(contexts.flatMap((c) => evaluator.evaluateSync(c)));
  return ruleSet.rules.filter((r) => held.has(r.id));
}

/** Rule sets already validated for the checker, by the object given (a property test checks thousands of plans). */
const validated = new WeakMap<object, RuleSet>();

/**
 * The validated rule set of what the checker is given: a planner's own, or whatever `createPlanner` accepts (the
 * raw `defaultRuleSet`, a loaded or validated set), validated here. An invalid one throws: a plan is never checked
 * against no rules.
 */
function ruleSetOf(rules: RuleSetInput | Planner): RuleSet {
  if (rules !== null && typeof rules === 'object' && 'plan' in rules && typeof rules.plan === 'function' && 'ruleSet' in rules) return rules.ruleSet;
  const key = rules as object;
  const known = key !== null && typeof key === 'object' ? validated.get(key) : undefined;
  if (known) return known;
  const check = validateRuleSet(rules);
  if (!check.ok) throw new RuleSetError(check.issues);
  if (key !== null && typeof key === 'object') validated.set(key, check.ruleSet);
  return check.ruleSet;
}

/**
 * Checks a plan against every invariant of the plan contract (docs/testing.md) that one plan can show, using
 * the rule set it was made with: its windows, blackouts, calendars, caps,
 * horizon, channel policies and escalation deadlines (rules whose conditions
 * do not hold for this input do not count). Determinism (invariant 1) needs
 * two plans: compare `plan(input)` with itself under shuffled rules and keys.
 * Returns every violation; an empty list means the plan keeps them all.
 * `rules` is the planner, or any rule set `createPlanner` accepts (`defaultRuleSet` as it is exported).
 *
 * @throws {RuleSetError} when `rules` is not a valid rule set.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { checkPlanInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const input = {
 *   customer: { id: 'c', membership: { tier: 'loyal' as const, registeredAt: '2020-01-01T00:00:00+08:00' }, contact: { phone: '1' } },
 *   purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'D', quantity: 1 }] },
 *   courses: [],
 * };
 * const plan = await planner.plan(input);
 * plan.touchpoints[0]!.window.start = '2026-03-08T03:00:00+08:00'; // a call on Sunday at 3 a.m.
 * console.log(checkPlanInvariants(plan, input, planner).map((v) => v.invariant)); // ['call-window', …]
 * ```
 */
export function checkPlanInvariants(plan: FollowUpPlan, input: unknown, rules: RuleSetInput | Planner): Violation[] {
  const ruleSet = ruleSetOf(rules);
  let parsed;
  try {
    parsed = parsePlanInput(input);
  } catch (error) {
    return [{ invariant: 'input', message: error instanceof Error ? error.message : String(error) }];
  }
  const out: Violation[] = [];
  const facts = buildFacts(parsed, ruleSet.defaults.timeZone);
  const zone = facts.zone;
  const rulesById = new Map(ruleSet.rules.map((r) => [r.id, r]));
  const applicable = applicableRules(ruleSet, facts);
  const horizon = parseDuration(ruleSet.defaults.horizon);
  const horizonEnd = horizon ? addDuration(facts.purchasedAtMs, horizon, zone) : Number.POSITIVE_INFINITY;
  const asOf = facts.asOfMs;
  const contact = facts.customer.contact;

  // Windows by use, the customer's own replacing the preferred ones.
  const windows = new Map<string, Windows[]>();
  // One set of make-up days per calendar, shared by its windows.
  const makeUpDays = new Map<string, ReadonlySet<string>>();
  const noDays: ReadonlySet<string> = new Set();
  for (const r of applicable) {
    if (r.event.type !== 'call-window') continue;
    const name = r.event.params.makeUpWorkdays;
    let makeUp = name === undefined ? noDays : makeUpDays.get(name);
    if (makeUp === undefined && name !== undefined) {
      makeUp = new Set(ruleSet.calendars[name]?.workdays ?? []);
      makeUpDays.set(name, makeUp);
    }
    const list = windows.get(r.event.params.use) ?? [];
    for (const w of r.event.params.windows) {
      list.push({ days: new Set(w.days), from: parseClock(w.from) ?? 0, to: parseClock(w.to) ?? 0, makeUp: makeUp ?? noDays });
    }
    windows.set(r.event.params.use, list);
  }
  if (parsed.customer.preferredWindows?.length) {
    windows.set(
      'preferred',
      parsed.customer.preferredWindows.map((w) => ({
        days: new Set(w.days),
        from: parseClock(w.from) ?? 0,
        to: parseClock(w.to) ?? 0,
        makeUp: new Set<string>(),
      })),
    );
  }
  const blackouts = applicable.flatMap((r) => (r.event.type === 'blackout' ? [{ id: r.id, params: r.event.params }] : []));
  const caps = applicable.flatMap((r) => (r.event.type === 'cap' ? [{ id: r.id, params: r.event.params }] : []));

  const blockedBy = (date: LocalDate): string | undefined => {
    const key = formatLocalDate(date);
    for (const b of blackouts) {
      const p = b.params;
      if (p.kind === 'month-days' && (date.day <= p.first || date.day > daysInMonth(date.year, date.month) - p.last)) return b.id;
      if (p.kind === 'holidays') {
        const cal = ruleSet.calendars[p.calendar];
        if (cal && cal.holidays.some((h) => h.date === key) && !cal.workdays.includes(key)) return b.id;
      }
      if (p.kind === 'weekdays' && (p.days as readonly string[]).includes(weekdayOf(date))) return b.id;
      if (p.kind === 'dates' && p.dates.includes(key)) return b.id;
    }
    return undefined;
  };

  const insideWindow = (t: Touchpoint, start: number, end: number): boolean => {
    const uses = isMessageChannel(t.channel) ? ['message'] : ['preferred', 'fallback'];
    const date = toLocal(start, zone);
    const key = formatLocalDate(date);
    const day = toEpochDay(date);
    const at = (minutes: number): number => {
      const d = fromEpochDay(day + Math.floor(minutes / 1440));
      return fromLocal({ ...d, hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60, second: 0, millisecond: 0 }, zone);
    };
    return uses.some((use) =>
      (windows.get(use) ?? []).some(
        (w) => (w.days.has(weekdayOf(date)) || w.makeUp.has(key)) && start >= at(w.from) && end <= Math.min(at(w.to), horizonEnd) && start < at(w.to),
      ),
    );
  };

  const ids = new Set<string>();
  const routine: { t: Touchpoint; start: number; day: number }[] = [];
  plan.touchpoints.forEach((t, i) => {
    const v = (invariant: string, message: string): void => {
      out.push({ invariant, touchpointId: t.id, message });
    };
    const start = instant(t.window.start);
    const end = instant(t.window.end);
    const due = instant(t.due);

    // 2. Time bounds.
    if (start < asOf) v('before-as-of', `starts ${t.window.start}, before asOf`);
    if (end > horizonEnd) v('horizon', `ends ${t.window.end}, past the horizon`);
    // 3. Windows are ordered.
    if (!(start < end)) v('window-order', `window.start ${t.window.start} is not before window.end ${t.window.end}`);
    // 7. Ids, explanations.
    if (ids.has(t.id)) v('unique-ids', `duplicate id ${t.id}`);
    ids.add(t.id);
    if (t.ruleIds.length === 0) v('explained', 'names no rule');
    for (const id of t.ruleIds) if (!rulesById.has(id)) v('explained', `names unknown rule "${id}"`);
    if (t.reasons.length === 0 || t.reasons.some((r) => r.trim() === '')) v('explained', 'gives no reason');
    const prev = plan.touchpoints[i - 1];
    if (prev) {
      const order =
        instant(prev.window.start) - start || URGENCY_RANK[prev.urgency] - URGENCY_RANK[t.urgency] || (prev.id < t.id ? -1 : prev.id > t.id ? 1 : 0);
      if (order >= 0) v('sorted', `listed after ${prev.id}, which should come ${order === 0 ? 'once' : 'later'}`);
    }

    if (t.urgency === 'routine') {
      routine.push({ t, start, day: toEpochDay(toLocal(start, zone)) });
      // 3. Within the tolerance of one of its cadences.
      const cadences = t.ruleIds.map((id) => rulesById.get(id)).filter((r): r is Rule => r?.event.type === 'cadence');
      if (cadences.length === 0) v('explained', 'a routine contact that names no cadence rule');
      const fits = cadences.some((r) => {
        if (r.event.type !== 'cadence') return false;
        const tol = duration(r.event.params.tolerance);
        const before = duration(r.event.params.toleranceBefore);
        if (!tol) return false;
        const lo = before ? addDuration(due, { ...before, sign: -1 }, zone) : due;
        return start >= lo && start <= addDuration(due, tol, zone);
      });
      if (cadences.length > 0 && !fits) v('tolerance', `starts ${t.window.start}, outside the tolerance of its due ${t.due}`);
      // 4. Allowed window, no blackout or holiday.
      if (!insideWindow(t, start, end)) v('call-window', `${t.channel} contact ${t.window.start}–${t.window.end} is not inside an allowed window`);
      const blocked = blockedBy(toLocal(start, zone));
      if (blocked) v('blackout', `${t.window.start} falls on a day blocked by rule ${blocked}`);
      // 6. Consent.
      if (t.channel === 'phone' && (contact.doNotCall || !contact.hasPhone))
        v('consent', 'a routine call to a customer who may not or cannot be called');
      if (t.channel === 'sms' && !contact.sms) v('consent', 'an sms without sms consent');
      if (t.channel === 'wechat' && !contact.wechat) v('consent', 'a WeChat message without WeChat consent');
    } else {
      // 2 and 5. From the report, by the deadline.
      const report = facts.incidents.find((inc) => inc.reportedAtMs === due);
      if (!report) v('escalation-before-report', `due ${t.due} matches no incident report`);
      if (start < due) v('escalation-before-report', `starts ${t.window.start}, before the report ${t.due}`);
      const deadlines = t.ruleIds
        .map((id) => rulesById.get(id))
        .flatMap((r) =>
          r?.event.type === 'escalation' || (r?.event.type === 'channel-policy' && r.event.params.applies === 'escalation')
            ? [r.event.params.deadline]
            : [],
        )
        .flatMap((d) => {
          const parsedDuration = duration(d);
          return parsedDuration ? [addDuration(due, parsedDuration, zone)] : [];
        });
      if (deadlines.length === 0) v('explained', 'an escalation that names no escalation rule');
      const deadline = Math.max(...deadlines);
      const overdue = deadline < asOf;
      if (!overdue && start > deadline) v('escalation-deadline', `starts ${t.window.start}, after its deadline`);
      if (overdue && start !== Math.max(asOf, due)) v('escalation-deadline', `overdue, yet it does not start at asOf`);
    }
  });

  // 5. An escalation comes before any routine contact due after its report.
  plan.touchpoints.forEach((e, i) => {
    if (e.urgency === 'routine') return;
    plan.touchpoints.slice(0, i).forEach((r) => {
      if (r.urgency === 'routine' && instant(r.due) > instant(e.due)) {
        out.push({
          invariant: 'escalation-first',
          touchpointId: r.id,
          message: `routine ${r.purpose} is due after the ${e.purpose} report but listed before it`,
        });
      }
    });
  });

  // 6. Caps over the routine contacts.
  for (const cap of caps) {
    const p = cap.params;
    if (p.kind === 'per-day') {
      const perDay = new Map<number, number>();
      for (const r of routine) perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
      for (const [day, count] of perDay) {
        if (count > p.max)
          out.push({
            invariant: 'cap',
            message: `${count} routine contacts on ${formatLocalDate(fromEpochDay(day))}, more than ${p.max} (rule ${cap.id})`,
          });
      }
      continue;
    }
    const relevant = routine.filter((r) => (p.channels as readonly string[]).includes(r.t.channel));
    if (p.kind === 'min-gap') {
      const gap = wholeDays(p.gap);
      for (let a = 0; a < relevant.length; a++) {
        for (let b = a + 1; b < relevant.length; b++) {
          const x = relevant[a] as (typeof relevant)[number];
          const y = relevant[b] as (typeof relevant)[number];
          if (Math.abs(x.day - y.day) < gap) {
            out.push({
              invariant: 'cap',
              touchpointId: y.t.id,
              message: `${y.t.channel} contacts on ${formatLocalDate(fromEpochDay(x.day))} and ${formatLocalDate(fromEpochDay(y.day))} are closer than ${p.gap} (rule ${cap.id})`,
            });
          }
        }
      }
    } else {
      const period = wholeDays(p.period);
      const days = relevant.map((r) => r.day);
      for (const first of new Set(days)) {
        const count = days.filter((d) => d >= first && d < first + period).length;
        if (count > p.max)
          out.push({
            invariant: 'cap',
            message: `${count} routine ${p.channels.join('/')} contacts in the ${p.period} from ${formatLocalDate(fromEpochDay(first))}, more than ${p.max} (rule ${cap.id})`,
          });
      }
    }
  }

  // 7. Suppressed contacts explain themselves too.
  for (const s of plan.suppressed) {
    if (s.reason.trim() === '') out.push({ invariant: 'explained', touchpointId: s.candidate.id, message: 'a suppressed contact without a reason' });
    for (const id of s.ruleIds)
      if (!rulesById.has(id)) out.push({ invariant: 'explained', touchpointId: s.candidate.id, message: `suppressed by unknown rule "${id}"` });
    if (ids.has(s.candidate.id)) out.push({ invariant: 'unique-ids', touchpointId: s.candidate.id, message: 'both planned and suppressed' });
  }
  return out;
}

/**
 * Like {@link checkPlanInvariants}, but throws an `Error` listing every
 * violation when there is any.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { assertPlanInvariants } from 'rx-followup/testing';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const input = {
 *   customer: { id: 'c', contact: { phone: '1' } },
 *   purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'D', quantity: 1 }] },
 *   courses: [],
 * };
 * assertPlanInvariants(await planner.plan(input), input, defaultRuleSet); // throws if any invariant is broken
 * ```
 */
export function assertPlanInvariants(plan: FollowUpPlan, input: unknown, rules: RuleSetInput | Planner): void {
  const violations = checkPlanInvariants(plan, input, rules);
  if (violations.length > 0) {
    const lines = violations.map((x) => `- [${x.invariant}]${x.touchpointId ? ` ${x.touchpointId}` : ''}: ${x.message}`);
    throw new Error(`The plan for purchase ${plan.purchaseId} breaks ${violations.length} invariant(s):\n${lines.join('\n')}`);
  }
}
