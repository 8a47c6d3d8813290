import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';
import { nearest } from '../_lib/nearest.js';
import type { JsonScalar } from '../i18n/issue-codes.js';
import { issue, issueAt } from '../i18n/issues.js';
import { FACT_NAMES, type FactName } from '../facts/vocabulary.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { checkDomain, checkFactPath, kindOfLiteral, operandProblem, type Kind } from './condition-operands.js';

import { OPERATOR_DECORATORS, OPERATORS } from './operators.js';

export { OPERATOR_DECORATORS, OPERATORS };

// `name` and `description` are json-rules-engine's descriptive keys (kept, never evaluated); anything else is refused,
// so a misspelt key (`opertor`) is found rather than ignored.
const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path', 'name', 'description', 'priority']);
const BOOLEAN_KEYS = new Set(['all', 'any', 'not', 'name', 'description', 'priority']);
const REFERENCE_KEYS = new Set(['condition', 'name', 'description', 'priority']);
/** A named condition (json-rules-engine's shared conditions): letters and digits of any script, `.`, `_`, `-`. */
export const CONDITION_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u;

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const MAX_CONDITION_DEPTH = 10;
export const MAX_CONDITION_WIDTH = 100;
/** Most decorators on one operator (json-rules-engine's are meant to be composed a few deep: `not:someFact:in`). */
export const MAX_DECORATORS = 3;
/** Most values in one condition's list value (`in` against a list). */
export const MAX_CONDITION_LIST = 1_000;
/** Most condition nodes (leaves, all, any, not) in one rule's conditions. */
export const MAX_CONDITION_NODES = 1_000;
/** Most condition nodes in a whole rule set. */
export const MAX_RULE_SET_CONDITIONS = 20_000;
/** Highest `priority` of a condition, as of a rule: a whole number from 1. */
export const MAX_CONDITION_PRIORITY = 1_000;

function checkPriority(node: Record<string, Json>, path: string, issues: Issue[]): void {
  const p = node['priority'];
  if (p !== undefined && !(typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= MAX_CONDITION_PRIORITY)) {
    issues.push(issue(joinPath(path, 'priority'), 'priority-range', { max: MAX_CONDITION_PRIORITY }));
  }
}

function checkOperator(operator: Json, value: Json, path: string, issues: Issue[], factIsDate = false): void {
  if (typeof operator !== 'string') {
    issues.push(issue(joinPath(path, 'operator'), 'operator-not-a-string'));
    return;
  }
  const parts = operator.split(':');
  if (parts.length - 1 > MAX_DECORATORS) {
    issues.push(
      issue(joinPath(path, 'operator'), 'decorators-too-many', {
        operator: `${operator.slice(0, 60)}${operator.length > 60 ? '…' : ''}`,
        count: parts.length - 1,
        max: MAX_DECORATORS,
      }),
    );
    return;
  }
  const base = parts.pop() as string;
  const decorators = parts;
  const known = (OPERATORS as readonly string[]).includes(base);
  if (!known) {
    issues.push(
      issue(
        joinPath(path, 'operator'),
        'operator-unknown',
        withSuggestion({ operator: base, known: [...OPERATORS] }, base, OPERATORS),
      ),
    );
  }
  for (const decorator of decorators) {
    if (!(OPERATOR_DECORATORS as readonly string[]).includes(decorator)) {
      issues.push(
        issue(
          joinPath(path, 'operator'),
          'decorator-unknown',
          withSuggestion({ decorator, known: [...OPERATOR_DECORATORS] }, decorator, OPERATOR_DECORATORS),
        ),
      );
      return;
    }
  }
  if (!known) return;
  const isFactRef = isRecord(value) && Object.prototype.hasOwnProperty.call(value, 'fact');
  if (isFactRef) return;
  // With someValue / everyValue the value is a list of operands; with swap the roles change.
  const valueListDecorated = decorators.some((d) => d === 'someValue' || d === 'everyValue');
  if (valueListDecorated && !Array.isArray(value)) {
    issues.push(issue(joinPath(path, 'value'), 'operator-needs-list', { operator }));
    return;
  }
  if (valueListDecorated || decorators.includes('swap')) return;
  if ((base === 'in' || base === 'notIn') && !Array.isArray(value)) {
    issues.push(
      issue(joinPath(path, 'value'), 'operator-needs-list', { operator: base, example: '["loyal", "regular"]' }),
    );
  }
  if (base.startsWith('lessThan') || base.startsWith('greaterThan')) {
    if (factIsDate) {
      // A date fact (YYYY-MM-DD) against a date: compared as text, which orders such dates as the calendar does.
      if (typeof value !== 'string' || parseLocalDate(value) === undefined) {
        issues.push(issue(joinPath(path, 'value'), 'operator-needs-date', { operator: base }));
      }
    } else if (typeof value !== 'number') {
      issues.push(
        issue(joinPath(path, 'value'), 'operator-needs-number', {
          operator: base,
          dateHint: typeof value === 'string',
        }),
      );
    }
  }
}

/** Params with the nearest of `candidates` to `word` as their suggestion, when one is near. */
function withSuggestion<P extends object>(
  params: P,
  word: string,
  candidates: readonly string[],
): P & { suggestion?: string } {
  const near = nearest(word, candidates);
  return near === undefined ? params : { ...params, suggestion: near };
}

function checkFactName(fact: Json, path: string, issues: Issue[]): fact is FactName {
  if (typeof fact !== 'string' || !(FACT_NAMES as string[]).includes(fact)) {
    const known = { fact: fact as JsonScalar, known: [...FACT_NAMES] };
    issues.push(
      issue(path, 'fact-unknown', typeof fact === 'string' ? withSuggestion(known, fact, FACT_NAMES) : known),
    );
    return false;
  }
  return true;
}

/** A leaf's keys: each a known one (a misspelt key said once, at the key), the required ones there, `path` text. */
function checkLeafKeys(node: Record<string, Json>, path: string, issues: Issue[]): void {
  // A misspelt key is one mistake, said once, at the key: not also "is required" for the key it meant.
  const meant = new Set<string>();
  for (const key of Object.keys(node)) {
    if (LEAF_KEYS.has(key)) continue;
    const near = nearest(key, LEAF_KEYS);
    if (near !== undefined && !Object.prototype.hasOwnProperty.call(node, near)) meant.add(near);
    issues.push(
      issue(joinPath(path, key), 'key-in-condition', near === undefined ? { key } : { key, suggestion: near }),
    );
  }
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!Object.prototype.hasOwnProperty.call(node, key) && !meant.has(key))
      issues.push(issue(joinPath(path, key), 'required'));
  }
  if (node['path'] !== undefined && typeof node['path'] !== 'string') {
    issues.push(issue(joinPath(path, 'path'), 'not-a-string'));
  }
}

/** The kind of the leaf's fact (and whether it is a date), when its name and path are known; else nothing. */
function leafFactKind(node: Record<string, Json>, path: string, issues: Issue[]): { kind?: Kind; date: boolean } {
  if (
    !Object.prototype.hasOwnProperty.call(node, 'fact') ||
    !checkFactName(node['fact'], joinPath(path, 'fact'), issues)
  )
    return { date: false };
  const checked = checkFactPath(node['fact'], typeof node['path'] === 'string' ? node['path'] : undefined);
  if ('problem' in checked) {
    issues.push(issueAt(joinPath(path, 'path'), checked.problem));
    return { date: false };
  }
  return { kind: checked.kind, date: checked.date === true };
}

/** The kind of the leaf's value: a literal's, or the fact it refers to (`{ fact, path? }`); with its problems. */
function leafValueKind(value: Json, path: string, issues: Issue[]): Kind | undefined {
  if (Array.isArray(value) && value.length > MAX_CONDITION_LIST) {
    issues.push(
      issue(joinPath(path, 'value'), 'list-too-many-values', {
        count: value.length,
        max: MAX_CONDITION_LIST,
        hint: true,
      }),
    );
  }
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, 'fact')) return kindOfLiteral(value);
  const valuePath = joinPath(path, 'value');
  for (const key of Object.keys(value)) {
    if (key !== 'fact' && key !== 'path')
      issues.push(issue(joinPath(valuePath, key), 'key-in-fact-reference', { key }));
  }
  if (!checkFactName(value['fact'], joinPath(valuePath, 'fact'), issues)) return undefined;
  if (value['path'] !== undefined && typeof value['path'] !== 'string') {
    issues.push(issue(joinPath(valuePath, 'path'), 'not-a-string'));
    return undefined;
  }
  const checked = checkFactPath(value['fact'], value['path'] as string | undefined);
  if (!('problem' in checked)) return checked.kind;
  issues.push(issueAt(joinPath(valuePath, 'path'), checked.problem));
  return undefined;
}

function checkLeaf(node: Record<string, Json>, path: string, issues: Issue[]): void {
  checkLeafKeys(node, path, issues);
  checkPriority(node, path, issues);
  const before = issues.length;
  const fact = leafFactKind(node, path, issues);
  const value = node['value'];
  const valueKind = leafValueKind(value, path, issues);
  if (Object.prototype.hasOwnProperty.call(node, 'operator'))
    checkOperator(node['operator'], value, path, issues, fact.date);
  if (
    issues.length === before &&
    typeof node['operator'] === 'string' &&
    fact.kind !== undefined &&
    valueKind !== undefined
  ) {
    const problem = operandProblem(node['operator'], fact.kind, valueKind);
    if (problem) issues.push(issueAt(joinPath(path, 'operator'), problem));
    else checkDomain(node['fact'] as FactName, node['path'], node['operator'], value, path, issues);
  }
}

/** How many more condition nodes a rule, and its rule set, may hold. */
interface Budget {
  rule: number;
  set: { nodes: number };
}

function checkNode(node: Json, path: string, depth: number, issues: Issue[], topLevel: boolean, budget: Budget): void {
  if (!isRecord(node)) {
    issues.push(issue(path, 'not-a-condition'));
    return;
  }
  if (depth > MAX_CONDITION_DEPTH) {
    issues.push(issue(path, 'conditions-too-deep', { max: MAX_CONDITION_DEPTH }));
    return;
  }
  if (--budget.rule < 0) {
    if (budget.rule === -1)
      issues.push(issue(path, 'conditions-too-many', { max: MAX_CONDITION_NODES, scope: 'rule' }));
    return;
  }
  if (--budget.set.nodes < 0) {
    if (budget.set.nodes === -1)
      issues.push(issue(path, 'conditions-too-many', { max: MAX_RULE_SET_CONDITIONS, scope: 'rule-set' }));
    return;
  }
  if (Object.prototype.hasOwnProperty.call(node, 'condition')) {
    // A reference to a named condition of the rule set, resolved when the whole set is known (shared-conditions.ts).
    for (const key of Object.keys(node)) {
      if (!REFERENCE_KEYS.has(key))
        issues.push(
          issue(joinPath(path, key), 'key-beside', {
            key,
            beside: 'condition',
            allowed: ['name', 'description', 'priority'],
          }),
        );
    }
    const name = node['condition'];
    if (typeof name !== 'string' || !CONDITION_NAME.test(name))
      issues.push(issue(joinPath(path, 'condition'), 'condition-needs-name'));
    checkPriority(node, path, issues);
    return;
  }
  const booleans = (['all', 'any', 'not'] as const).filter((k) => Object.prototype.hasOwnProperty.call(node, k));
  if (booleans.length === 0) {
    if (topLevel) {
      issues.push(issue(path, 'conditions-top-level'));
      return;
    }
    checkLeaf(node, path, issues);
    return;
  }
  if (booleans.length > 1) {
    issues.push(issue(path, 'one-boolean', { keys: booleans }));
    return;
  }
  for (const key of Object.keys(node)) {
    if (!BOOLEAN_KEYS.has(key))
      issues.push(issue(joinPath(path, key), 'key-beside', { key, beside: booleans[0] as string }));
  }
  checkPriority(node, path, issues);
  const kind = booleans[0] as 'all' | 'any' | 'not';
  const child = node[kind];
  const childPath = joinPath(path, kind);
  if (kind === 'not') {
    checkNode(child, childPath, depth + 1, issues, false, budget);
    return;
  }
  if (!Array.isArray(child)) {
    issues.push(issue(childPath, 'conditions-not-a-list'));
    return;
  }
  if (child.length > MAX_CONDITION_WIDTH) {
    issues.push(issue(childPath, 'conditions-too-wide', { max: MAX_CONDITION_WIDTH }));
    return;
  }
  child.forEach((c, i) => checkNode(c, `${childPath}[${i}]`, depth + 1, issues, false, budget));
}

/**
 * Checks a json-rules-engine condition tree: structure, known facts and
 * operators, plain property paths that exist on the fact, operands of the
 * kind their operator needs, and the size bounds. Returns issues with paths
 * under `path`.
 */
export function checkConditions(
  conditions: Json,
  path: string,
  ruleSetBudget = { nodes: MAX_RULE_SET_CONDITIONS },
): Issue[] {
  const issues: Issue[] = [];
  checkNode(conditions, path, 1, issues, true, { rule: MAX_CONDITION_NODES, set: ruleSetBudget });
  return issues;
}
