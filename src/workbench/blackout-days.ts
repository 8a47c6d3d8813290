/**
 * Which days a plan's blackouts hold, for a calendar to shade: the blackout rules in force for the plan's customer
 * (`plan.policy.ruleIds`), each asked, as planning asks it, whether it blocks a day.
 */
import { blackoutEvent, type BlackoutWhy } from '../events/blackout.js';
import { issue } from '../i18n/issues.js';

import { formatLocalDate, fromEpochDay, parseLocalDate, dateEpochDay } from '../calendar/local-date.js';
import { compileContext } from '../plan/compile.js';
import type { FollowUpPlan } from '../plan/types.js';
import type { RuleSet } from '../schema/ruleset.js';
import { byCodeUnits } from '../_lib/sort.js';
import { checkPlan } from './guards.js';
import { InputError } from '../errors.js';

/** One day one blackout rule holds. */
export interface BlackoutDay {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly ruleId: string;
  /** Why, as reasons' params give it: `{ why: 'month-last', last: 5 }`, `{ why: 'holiday', holiday: '劳动节' }`… */
  readonly why: BlackoutWhy;
  /** The channels and kinds of contact it holds back; `null`: all. */
  readonly channels: readonly string[] | null;
  readonly kinds: readonly string[] | null;
}

/**
 * Most days one call of {@link blackoutDays} asks about (a week view asks 7).
 *
 * @example
 * ```ts
 * import { MAX_BLACKOUT_DAYS } from 'rx-followup/workbench';
 *
 * console.log(MAX_BLACKOUT_DAYS); // 366
 * ```
 */
export const MAX_BLACKOUT_DAYS = 366;

/**
 * The days from `from` (a local date) on, `days` of them, that the blackouts in force for `plan` hold, by date then
 * rule id. `ruleSet` is the one the plan was made with (`planner.ruleSet`).
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 * import { blackoutDays } from 'rx-followup/workbench';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * const plan = await planner.plan({
 *   customer: { id: 'c1', occupation: '会计', contact: { phone: '1' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-04-24T10:00:00+08:00', items: [{ drugCode: 'D1', quantity: 1 }] },
 *   courses: [{ drugCode: 'D1', unitsPerPack: 6, dosePerDay: 1 }],
 * });
 * console.log(blackoutDays(planner.ruleSet, plan, '2026-04-26', 1)[0]?.why); // { why: 'month-last', last: 5 }
 * ```
 */
export function blackoutDays(ruleSet: RuleSet, plan: FollowUpPlan, from: string, days: number): BlackoutDay[] {
  checkPlan(plan, 'plan', 'Invalid blackoutDays arguments', { policy: true });
  if (typeof from !== 'string' || parseLocalDate(from) === undefined)
    throw new InputError([issue('from', 'not-a-date')], 'Invalid blackoutDays arguments');
  const first = dateEpochDay(from);
  const count = Math.max(0, Math.min(MAX_BLACKOUT_DAYS, Math.floor(days)));
  const inForce = new Set(plan.policy.ruleIds);
  const ctx = compileContext(ruleSet);
  const out: BlackoutDay[] = [];
  const rules = ruleSet.rules.filter((r) => r.enabled && inForce.has(r.id)).sort((a, b) => byCodeUnits(a.id, b.id));
  for (const rule of rules) {
    if (rule.event.type !== 'blackout') continue;
    const compiled = blackoutEvent.compile(rule, rule.event.params, ctx);
    for (let day = first; day < first + count; day++) {
      const why = compiled.blocks(day);
      if (why === null) continue;
      out.push({
        date: formatLocalDate(fromEpochDay(day)),
        ruleId: rule.id,
        why,
        channels: compiled.channels && [...compiled.channels].sort(),
        kinds: compiled.kinds && [...compiled.kinds].sort(),
      });
    }
  }
  return out.sort((a, b) => byCodeUnits(a.date, b.date));
}
