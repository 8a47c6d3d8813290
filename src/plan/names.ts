/** A rule set's display names, as plans and worklists render them. */
import type { Names } from '../i18n/words.js';
import type { RuleSet } from '../schema/ruleset.js';

/** The display names a rule set gives its rules and purposes. */
export function namesOf(ruleSet: RuleSet): Names {
  const rules = new Map<string, NonNullable<RuleSet['rules'][number]['names']>>();
  for (const rule of ruleSet.rules) if (rule.names !== undefined) rules.set(rule.id, rule.names);
  return { rules, purposes: new Map(Object.entries(ruleSet.purposes ?? {})) };
}
