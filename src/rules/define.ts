import type { RuleFile, RuleInput } from '../schema/ruleset.js';

/**
 * Returns its argument: a rule set (or one rule file) written in TypeScript, with completion and type checks for
 * every field, event type and param. It is still validated by `createPlanner`.
 *
 * @example
 * ```ts
 * import { createPlanner, defineRuleSet } from 'rx-followup';
 *
 * const rules = defineRuleSet({
 *   id: 'mine',
 *   version: '1',
 *   rules: [{ id: 'call-after-3-days', description: 'A call 3 days after each purchase', conditions: { all: [] },
 *     event: { type: 'cadence', params: { anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: 'medication-check', tolerance: 'P2D' } } }],
 * });
 * console.log(createPlanner({ ruleSet: rules }).ruleSetInfo.id); // mine
 * ```
 */
export function defineRuleSet<const T extends RuleFile>(ruleSet: T): T {
  return ruleSet;
}

/**
 * Returns its argument: one rule written in TypeScript, with completion and type checks.
 *
 * @example
 * ```ts
 * import { defineRule } from 'rx-followup';
 *
 * const accountants = defineRule({
 *   id: 'blackout.accountants',
 *   description: 'No routine contact on the first or last 5 days of a month',
 *   conditions: { any: [{ fact: 'customer', path: '$.occupationKey', operator: 'in', value: ['accountant', '会计'] }] },
 *   event: { type: 'blackout', params: { kind: 'month-days', first: 5, last: 5 } },
 * });
 * console.log(accountants.event.type); // blackout
 * ```
 */
export function defineRule<const T extends RuleInput>(rule: T): T {
  return rule;
}
