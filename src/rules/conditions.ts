import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';
import { nearest } from '../_lib/nearest.js';
import type { Coded, JsonScalar } from '../i18n/issue-codes.js';
import { issue, issueAt } from '../i18n/issues.js';
import { FACT_SHAPES, FACT_NAMES, fieldDomain, type FactName, type FieldDomain, type FieldType } from '../facts/vocabulary.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { describeBadPath, parsePath } from './paths.js';

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

/**
 * What an operand can be, for the operators that need a list or text (`in` reads `indexOf`, `someValue` reads
 * `some`): a list, text, something that is neither (a number, a boolean, an object), or not known until run time
 * (a field that may be null, a list element that may be missing).
 */
type Kind = 'list' | 'text' | 'other' | 'maybe';

function kindOfField(type: FieldType): Kind {
  if (type === 'string[]') return 'list';
  if (type === 'string' || type === 'date') return 'text';
  if (type === 'string | null') return 'maybe';
  return 'other';
}

const kindOfLiteral = (value: Json): Kind => (Array.isArray(value) ? 'list' : typeof value === 'string' ? 'text' : 'other');

/** Checks a fact path against the fact's shape: the kind of value at its end, or why the path is wrong. */
function checkFactPath(fact: FactName, path: string | undefined): { kind: Kind; date?: true } | { problem: Coded } {
  let shape: FieldType = FACT_SHAPES[fact] as FieldType;
  // line and incident are null in the evaluations that have none.
  let mayBeMissing = fact === 'line' || fact === 'incident';
  if (path === undefined) return { kind: 'other' };
  const segments = parsePath(path);
  if (segments === null) return { problem: describeBadPath(path) };
  let walked = '$';
  for (const segment of segments) {
    if (typeof shape === 'object' && 'nullable' in shape) {
      shape = shape.fields as FieldType;
      mayBeMissing = true;
    }
    if (typeof segment === 'number') {
      if (shape !== 'string[]') return { problem: { code: 'path-not-a-list', params: { path, at: walked, index: segment } } };
      shape = 'string';
      mayBeMissing = true;
    } else {
      if (typeof shape !== 'object') return { problem: { code: 'path-into-scalar', params: { path, at: walked, type: shape, field: segment } } };
      const next: FieldType | undefined = Object.prototype.hasOwnProperty.call(shape, segment)
        ? (shape as Record<string, FieldType>)[segment]
        : undefined;
      if (next === undefined) {
        const known = Object.keys(shape).sort();
        const field = walked === '$' ? segment : `${walked.slice(2)}.${segment}`;
        const suggestion = nearest(segment, known);
        const params = { path, fact, field, at: walked, known };
        return { problem: { code: 'path-no-field', params: suggestion === undefined ? params : { ...params, suggestion } } };
      }
      shape = next;
    }
    walked += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  }
  const kind = typeof shape === 'object' ? 'other' : kindOfField(shape);
  return { kind: mayBeMissing && kind !== 'other' ? 'maybe' : kind, ...(shape === 'date' ? { date: true as const } : {}) };
}

/**
 * Follows an operator's decorators (outermost first) as json-rules-engine applies them, and says where a list or
 * text is needed and statically absent: json-rules-engine would throw a TypeError there on every evaluation. Where
 * it is only known at run time (a field that may be null), the evaluators treat a mismatch as "does not hold".
 */
function operandProblem(operator: string, fact: Kind, value: Kind): Coded | undefined {
  const parts = operator.split(':');
  const base = parts.pop() as string;
  let left = fact;
  let right = value;
  for (const decorator of parts) {
    if (decorator === 'someFact' || decorator === 'everyFact') {
      // Its validator asks for a list first: anything else simply does not hold.
      if (left !== 'list') return undefined;
      left = 'maybe';
    } else if (decorator === 'someValue' || decorator === 'everyValue') {
      if (right === 'maybe') return undefined;
      if (right !== 'list')
        return {
          code: 'decorator-needs-list',
          params: { operator, decorator, side: parts.includes('swap') ? 'operand' : 'value', text: right === 'text' },
        };
      right = 'maybe';
    } else if (decorator === 'swap') [left, right] = [right, left];
  }
  if ((base === 'in' || base === 'notIn') && right !== 'list' && right !== 'text' && right !== 'maybe') {
    return { code: 'lookup-needs-list', params: { operator, base, side: parts.includes('swap') ? 'fact' : 'value' } };
  }
  return undefined;
}

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
    issues.push(issue(joinPath(path, 'operator'), 'operator-unknown', withSuggestion({ operator: base, known: OPERATORS }, base, OPERATORS)));
  }
  for (const decorator of decorators) {
    if (!(OPERATOR_DECORATORS as readonly string[]).includes(decorator)) {
      issues.push(
        issue(
          joinPath(path, 'operator'),
          'decorator-unknown',
          withSuggestion({ decorator, known: OPERATOR_DECORATORS }, decorator, OPERATOR_DECORATORS),
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
    issues.push(issue(joinPath(path, 'value'), 'operator-needs-list', { operator: base, example: '["loyal", "regular"]' }));
  }
  if (base.startsWith('lessThan') || base.startsWith('greaterThan')) {
    if (factIsDate) {
      // A date fact (YYYY-MM-DD) against a date: compared as text, which orders such dates as the calendar does.
      if (typeof value !== 'string' || parseLocalDate(value) === undefined) {
        issues.push(issue(joinPath(path, 'value'), 'operator-needs-date', { operator: base }));
      }
    } else if (typeof value !== 'number') {
      issues.push(issue(joinPath(path, 'value'), 'operator-needs-number', { operator: base, dateHint: typeof value === 'string' }));
    }
  }
}

/** The domain of a fact path (`customer.tier`), when the field has one. */
function domainOf(fact: FactName, path: unknown): { name: string; domain: FieldDomain } | undefined {
  const segments = typeof path === 'string' ? parsePath(path) : null;
  if (segments === null || segments.some((s) => typeof s !== 'string')) return undefined;
  return fieldDomain(fact, segments as string[]);
}

/** Params with the nearest of `candidates` to `word` as their suggestion, when one is near. */
function withSuggestion<P extends object>(params: P, word: string, candidates: readonly string[]): P & { suggestion?: string } {
  const near = nearest(word, candidates);
  return near === undefined ? params : { ...params, suggestion: near };
}

/**
 * A value the fact never takes, for the operators that compare with values (no decorators): `tier equal "gold"`,
 * `weekday in ["FUN"]`, `localHour greaterThan 30` can never hold. Null stays allowed (a field may be absent).
 */
function checkDomain(fact: FactName, path: unknown, operator: string, value: Json, at: string, issues: Issue[]): void {
  const found = domainOf(fact, path);
  if (found === undefined) return;
  const { name, domain } = found;
  const takes = (v: Json): boolean =>
    v === null ||
    ('values' in domain ? domain.values.includes(v as string) : Number.isInteger(v) && (v as number) >= domain.min && (v as number) <= domain.max);
  const outside = (v: Json, path: string): void => {
    if (takes(v)) return;
    const near = 'values' in domain && typeof v === 'string' ? domain.values.find((d) => d.toLowerCase() === v.trim().toLowerCase()) : undefined;
    const range = 'values' in domain ? { values: domain.values } : { from: domain.min, to: domain.max };
    issues.push(
      issue(path, 'value-not-taken', { value: v as JsonScalar, field: name, ...range, ...(near === undefined ? {} : { suggestion: near }) }),
    );
  };
  if (operator === 'equal' || operator === 'notEqual') outside(value, joinPath(at, 'value'));
  else if ((operator === 'in' || operator === 'notIn') && Array.isArray(value)) value.forEach((v, i) => outside(v, `${joinPath(at, 'value')}[${i}]`));
  else if ('min' in domain && typeof value === 'number' && (operator.startsWith('greaterThan') || operator.startsWith('lessThan'))) {
    const never =
      (operator === 'greaterThan' && value >= domain.max) ||
      (operator === 'greaterThanInclusive' && value > domain.max) ||
      (operator === 'lessThan' && value <= domain.min) ||
      (operator === 'lessThanInclusive' && value < domain.min);
    if (never) issues.push(issue(joinPath(at, 'value'), 'never-holds', { field: name, operator, value, from: domain.min, to: domain.max }));
  }
}

function checkFactName(fact: Json, path: string, issues: Issue[]): fact is FactName {
  if (typeof fact !== 'string' || !(FACT_NAMES as string[]).includes(fact)) {
    const known = { fact: fact as JsonScalar, known: FACT_NAMES };
    issues.push(issue(path, 'fact-unknown', typeof fact === 'string' ? withSuggestion(known, fact, FACT_NAMES) : known));
    return false;
  }
  return true;
}

function checkLeaf(node: Record<string, Json>, path: string, issues: Issue[]): void {
  // A misspelt key is one mistake, said once, at the key: not also "is required" for the key it meant.
  const meant = new Set<string>();
  for (const key of Object.keys(node)) {
    if (LEAF_KEYS.has(key)) continue;
    const near = nearest(key, LEAF_KEYS);
    if (near !== undefined && !Object.prototype.hasOwnProperty.call(node, near)) meant.add(near);
    issues.push(issue(joinPath(path, key), 'key-in-condition', near === undefined ? { key } : { key, suggestion: near }));
  }
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!Object.prototype.hasOwnProperty.call(node, key) && !meant.has(key)) issues.push(issue(joinPath(path, key), 'required'));
  }
  if (node['path'] !== undefined && typeof node['path'] !== 'string') {
    issues.push(issue(joinPath(path, 'path'), 'not-a-string'));
  }
  checkPriority(node, path, issues);
  const before = issues.length;
  let factKind: Kind | undefined;
  let factIsDate = false;
  if (Object.prototype.hasOwnProperty.call(node, 'fact') && checkFactName(node['fact'], joinPath(path, 'fact'), issues)) {
    const checked = checkFactPath(node['fact'], typeof node['path'] === 'string' ? node['path'] : undefined);
    if ('problem' in checked) issues.push(issueAt(joinPath(path, 'path'), checked.problem));
    else {
      factKind = checked.kind;
      factIsDate = checked.date === true;
    }
  }
  const value = node['value'];
  let valueKind: Kind | undefined = kindOfLiteral(value);
  if (Array.isArray(value) && value.length > MAX_CONDITION_LIST) {
    issues.push(issue(joinPath(path, 'value'), 'list-too-many-values', { count: value.length, max: MAX_CONDITION_LIST, hint: true }));
  }
  if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, 'fact')) {
    valueKind = undefined;
    const valuePath = joinPath(path, 'value');
    for (const key of Object.keys(value)) {
      if (key !== 'fact' && key !== 'path') issues.push(issue(joinPath(valuePath, key), 'key-in-fact-reference', { key }));
    }
    if (checkFactName(value['fact'], joinPath(valuePath, 'fact'), issues)) {
      if (value['path'] !== undefined && typeof value['path'] !== 'string') {
        issues.push(issue(joinPath(valuePath, 'path'), 'not-a-string'));
      } else {
        const checked = checkFactPath(value['fact'], value['path'] as string | undefined);
        if ('problem' in checked) issues.push(issueAt(joinPath(valuePath, 'path'), checked.problem));
        else valueKind = checked.kind;
      }
    }
  }
  if (Object.prototype.hasOwnProperty.call(node, 'operator')) checkOperator(node['operator'], value, path, issues, factIsDate);
  if (issues.length === before && typeof node['operator'] === 'string' && factKind !== undefined && valueKind !== undefined) {
    const problem = operandProblem(node['operator'], factKind, valueKind);
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
    if (budget.rule === -1) issues.push(issue(path, 'conditions-too-many', { max: MAX_CONDITION_NODES, scope: 'rule' }));
    return;
  }
  if (--budget.set.nodes < 0) {
    if (budget.set.nodes === -1) issues.push(issue(path, 'conditions-too-many', { max: MAX_RULE_SET_CONDITIONS, scope: 'rule-set' }));
    return;
  }
  if (Object.prototype.hasOwnProperty.call(node, 'condition')) {
    // A reference to a named condition of the rule set, resolved when the whole set is known (shared-conditions.ts).
    for (const key of Object.keys(node)) {
      if (!REFERENCE_KEYS.has(key))
        issues.push(issue(joinPath(path, key), 'key-beside', { key, beside: 'condition', allowed: ['name', 'description', 'priority'] }));
    }
    const name = node['condition'];
    if (typeof name !== 'string' || !CONDITION_NAME.test(name)) issues.push(issue(joinPath(path, 'condition'), 'condition-needs-name'));
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
    if (!BOOLEAN_KEYS.has(key)) issues.push(issue(joinPath(path, key), 'key-beside', { key, beside: booleans[0] as string }));
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
export function checkConditions(conditions: Json, path: string, ruleSetBudget = { nodes: MAX_RULE_SET_CONDITIONS }): Issue[] {
  const issues: Issue[] = [];
  checkNode(conditions, path, 1, issues, true, { rule: MAX_CONDITION_NODES, set: ruleSetBudget });
  return issues;
}
