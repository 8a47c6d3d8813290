import { sha256Hex } from '../_lib/sha256.js';
import type { RuleSet } from '../schema/ruleset.js';

/**
 * JSON with object keys sorted at every level: equal values give equal text.
 *
 * @example
 * ```ts
 * import { canonicalJson } from 'rx-followup';
 *
 * console.log(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })); // {"a":[{"c":3,"d":2}],"b":1}
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * The rule set's hash: sha-256 of its canonical JSON (keys sorted, rules
 * sorted by id, defaults filled in). Same rules in any order, any key order,
 * split over any files: same hash.
 *
 * @example
 * ```ts
 * import { defaultRuleSet, ruleSetHash, validateRuleSet } from 'rx-followup';
 *
 * const check = validateRuleSet(defaultRuleSet);
 * if (check.ok) console.log(ruleSetHash(check.ruleSet)); // 64 hex digits, the same for the same rules in any order
 * ```
 */
export function ruleSetHash(ruleSet: RuleSet): string {
  const rules = [...ruleSet.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256Hex(canonicalJson({ ...ruleSet, rules }));
}
