import type { Locale } from '../i18n/explanation.js';
import { zodParams } from '../i18n/zod-locale.js';
import { issue, issueMessage } from '../i18n/issues.js';
import type { Issue } from '../errors.js';
import { formatPath } from '../_lib/path.js';
import { approxDays } from '../calendar/duration.js';
import { checkEvent } from '../events/index.js';
import { toIssues } from '../schema/parse-input.js';
import { withTypos } from './typos.js';
import { MAX_RULES, RuleFileSchema, type Rule, type RuleSet } from '../schema/ruleset.js';
import { checkConditions, MAX_RULE_SET_CONDITIONS } from './conditions.js';
import { hasReferences, resolveConditions } from './shared-conditions.js';
import { assembleRuleSet, at, mergeHeader, poolSources, type ParsedSource, type Pooled } from './merge-sources.js';

/** The result of {@link validateRuleSet}: never an exception. */
export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; issues: Issue[] };

/** One rule file's parsed JSON and, when it came from disk, its file name. */
export interface RuleSource {
  readonly file?: string;
  readonly json: unknown;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_JSON_DEPTH = 64;
/** Longest list anywhere in a rule set (the longest the schema allows is 5,000 holidays). */
export const MAX_LIST_LENGTH = 10_000;
/** Most values (objects, lists, strings, numbers…) in one rule set, however it is given. */
export const MAX_RULE_SET_VALUES = 1_000_000;

export { DEFAULT_HORIZON, DEFAULT_TIME_ZONE } from './merge-sources.js';

/**
 * A plain copy of raw rule-set JSON, made while checking that it is JSON: no keys that could pollute prototypes, no
 * functions, cycles, holes, `undefined` or `null` in lists, no nesting too deep or lists too long to be data. Getters
 * and proxies run here and only here (the copy is plain data); the caller catches what they throw.
 */
function plainCopy(
  value: unknown,
  path: readonly PropertyKey[],
  issues: Issue[],
  seen: Set<object>,
  budget: { values: number },
): unknown {
  if (--budget.values < 0) {
    if (budget.values === -1)
      issues.push(issue(formatPath(path), 'json-too-many-values', { max: MAX_RULE_SET_VALUES }));
    return undefined;
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      issues.push(issue(formatPath(path), 'json-type', { type: typeof value }));
    }
    return value;
  }
  if (seen.has(value)) {
    issues.push(issue(formatPath(path), 'json-cycle'));
    return undefined;
  }
  if (path.length > MAX_JSON_DEPTH) {
    issues.push(issue(formatPath(path), 'json-too-deep', { max: MAX_JSON_DEPTH }));
    return undefined;
  }
  seen.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) {
      issues.push(
        issue(formatPath(path), 'list-too-many-values', { count: value.length, max: MAX_LIST_LENGTH, hint: false }),
      );
      copy = [];
    } else {
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const at = [...path, i];
        if (!Object.prototype.hasOwnProperty.call(value, i)) issues.push(issue(formatPath(at), 'list-hole'));
        else if (value[i] === undefined) issues.push(issue(formatPath(at), 'list-undefined'));
        else if (value[i] === null) issues.push(issue(formatPath(at), 'list-null'));
        list.push(plainCopy(value[i], at, issues, seen, budget));
      }
      copy = list;
    }
  } else {
    const record: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) issues.push(issue(formatPath([...path, key]), 'key-forbidden', { key }));
      else record[key] = plainCopy((value as Record<string, unknown>)[key], [...path, key], issues, seen, budget);
    }
    copy = record;
  }
  seen.delete(value);
  return copy;
}

/** {@link plainCopy} of a whole source, or the issue saying it is not plain data (a getter that throws, a proxy…). */
function plainSource(json: unknown, issues: Issue[]): unknown {
  try {
    return plainCopy(json, [], issues, new Set(), { values: MAX_RULE_SET_VALUES });
  } catch (error) {
    issues.push(issue('', 'unreadable', { thrown: error instanceof Error ? error.name : typeof error }));
    return undefined;
  }
}

/** Validates each source alone, then the merged set. */
export function validateRuleSources(sources: readonly RuleSource[], locale?: Locale): RuleSetValidation {
  const result = validateSources(sources, locale);
  if (result.ok || locale !== 'zh-CN') return result;
  return { ok: false, issues: result.issues.map((i) => ({ ...i, message: issueMessage(i, locale) }) as Issue) };
}

function validateSources(sources: readonly RuleSource[], locale?: Locale): RuleSetValidation {
  const issues: Issue[] = [];
  const parsed = parseSources(sources, locale, issues);
  if (issues.length > 0) return { ok: false, issues };
  const header = mergeHeader(parsed, issues);
  const pooled = poolSources(parsed, issues);
  if (pooled.rules.size > MAX_RULES)
    issues.push(issue(at(header.firstFile, 'rules'), 'too-many-rules', { count: pooled.rules.size, max: MAX_RULES }));
  resolveNamedConditions(pooled, issues);
  checkEvents(pooled, header.horizon, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ruleSet: assembleRuleSet(header, pooled) };
}

/**
 * Each source alone: plain JSON, an object, the file schema (with "did you mean" for misspelt keys), its conditions
 * (named and inline) within the bounds of one rule set's budget. The sources without an issue, parsed.
 */
function parseSources(sources: readonly RuleSource[], locale: Locale | undefined, issues: Issue[]): ParsedSource[] {
  const parsed: ParsedSource[] = [];
  const conditionBudget = { nodes: MAX_RULE_SET_CONDITIONS };
  for (const source of sources) {
    const where = (path: string): string => at(source.file, path);
    const before = issues.length;
    const raw: Issue[] = [];
    const json = plainSource(source.json, raw);
    issues.push(...raw.map((i) => ({ ...i, path: where(i.path) })));
    if (issues.length > before) continue;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      issues.push(issue(where(''), 'rule-file-object'));
      continue;
    }
    const result = RuleFileSchema.safeParse(json, zodParams(locale));
    if (!result.success)
      issues.push(...toIssues(withTypos(result.error.issues, json)).map((i) => ({ ...i, path: where(i.path) })));
    const rawNamed = (json as { conditions?: unknown }).conditions;
    if (rawNamed !== null && typeof rawNamed === 'object' && !Array.isArray(rawNamed)) {
      for (const [name, body] of Object.entries(rawNamed)) {
        for (const found of checkConditions(body, `conditions.${name}`, conditionBudget))
          issues.push({ ...found, path: where(found.path) });
      }
    }
    const rawRules = (json as { rules?: unknown }).rules;
    if (Array.isArray(rawRules)) {
      rawRules.forEach((rule, index) => {
        if (rule === null || typeof rule !== 'object' || !('conditions' in rule)) return;
        const conditions = (rule as { conditions: unknown }).conditions;
        for (const found of checkConditions(conditions, `rules[${index}].conditions`, conditionBudget))
          issues.push({ ...found, path: where(found.path) });
      });
    }
    if (result.success && issues.length === before) parsed.push({ file: source.file, data: result.data });
  }
  return parsed;
}

/**
 * Named conditions: every reference resolved (unknown names and cycles are issues), and the resolved trees held to
 * the same bounds as conditions written inline; the rules that refer to them take their resolved conditions.
 */
function resolveNamedConditions({ named, rules }: Pooled, issues: Issue[]): void {
  // A cycle is found from each of its names: said once.
  const cycles: Issue[] = [];
  for (const [name, { tree, where }] of named) resolveConditions(tree, named, where, cycles, [name]);
  const said = new Set<string>();
  const sayOnce = (found: readonly Issue[]): void => {
    for (const issue of found) {
      if (said.has(issue.path)) continue;
      said.add(issue.path);
      issues.push(issue);
    }
  };
  sayOnce(cycles);
  for (const [id, located] of rules) {
    if (!hasReferences(located.value.conditions)) continue;
    const path = located.where('conditions');
    const found: Issue[] = [];
    const resolved = resolveConditions(located.value.conditions, named, path, found);
    sayOnce(found);
    if (resolved === undefined || found.length > 0) continue;
    issues.push(...checkConditions(resolved, path));
    rules.set(id, { value: { ...located.value, conditions: resolved as Rule['conditions'] }, where: located.where });
  }
}

/** Each rule's event, checked by its type's module (src/events/): bounds, the horizon, the calendars it names. */
function checkEvents({ rules, calendars }: Pooled, horizon: string, issues: Issue[]): void {
  const horizonDays = approxDays(horizon);
  for (const { value: rule, where } of rules.values()) {
    checkEvent(rule.event, {
      issue: (found) => issues.push({ ...found, path: where(found.path) }),
      calendarRef: (name, path) => {
        if (!calendars.has(name))
          issues.push(issue(where(path), 'unknown-calendar', { name, defined: [...calendars.keys()].sort() }));
      },
      horizon,
      horizonDays,
    });
  }
}

/**
 * Validates a rule set (the parsed JSON of one rule file, or of the whole set).
 * Never throws: returns the validated set, with defaults filled in, or every
 * issue with its path.
 *
 * @example
 * ```ts
 * import { validateRuleSet } from 'rx-followup';
 *
 * const check = validateRuleSet({ id: 'mine', version: '1', rules: [{ id: 'r', description: 'typo', conditions: { all: [] },
 *   event: { type: 'cadence', params: { anchor: 'purchase', offsets: ['P3'], channel: 'phone', purpose: 'check', tolerance: 'P1D' } } }] });
 * if (!check.ok) for (const issue of check.issues) console.log(`${issue.path}: ${issue.message}`);
 * // rules[0].event.params.offsets[0]: "P3" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")
 * ```
 */
export function validateRuleSet(json: unknown, locale?: Locale): RuleSetValidation {
  return validateRuleSources([{ json }], locale);
}
