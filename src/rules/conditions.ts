import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';
import { FACT_SHAPES, FACT_NAMES, type FactName, type FieldType } from '../facts/vocabulary.js';
import { describeBadPath, parsePath } from './paths.js';

import { OPERATOR_DECORATORS, OPERATORS } from './operators.js';

export { OPERATOR_DECORATORS, OPERATORS };

export const MAX_CONDITION_DEPTH = 10;
export const MAX_CONDITION_WIDTH = 100;

const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path', 'name', 'priority']);
const BOOLEAN_KEYS = new Set(['all', 'any', 'not', 'name', 'priority']);

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Describes a fact path's end type, or an error message. */
function checkFactPath(fact: FactName, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const segments = parsePath(path);
  if (segments === null) return describeBadPath(path);
  let shape: FieldType = FACT_SHAPES[fact] as FieldType;
  let walked = '$';
  for (const segment of segments) {
    if (typeof shape === 'object' && 'nullable' in shape) shape = shape.fields as FieldType;
    if (typeof segment === 'number') {
      if (shape !== 'string[]') return `"${path}": ${walked} is not a list, so [${segment}] cannot apply`;
      shape = 'string';
    } else {
      if (typeof shape !== 'object') return `"${path}": ${walked} is a ${shape} and has no field "${segment}"`;
      const next: FieldType | undefined = Object.prototype.hasOwnProperty.call(shape, segment)
        ? (shape as Record<string, FieldType>)[segment]
        : undefined;
      if (next === undefined) {
        const known = Object.keys(shape).sort().join(', ');
        return `"${path}": fact "${fact}" has no field "${walked === '$' ? segment : `${walked.slice(2)}.${segment}`}" (known at ${walked}: ${known})`;
      }
      shape = next;
    }
    walked += typeof segment === 'number' ? `[${segment}]` : `.${segment}`;
  }
  return undefined;
}

function checkOperator(operator: Json, value: Json, path: string, issues: Issue[]): void {
  if (typeof operator !== 'string') {
    issues.push({ path: joinPath(path, 'operator'), message: 'must be a string naming an operator' });
    return;
  }
  const parts = operator.split(':');
  const base = parts.pop() as string;
  const decorators = parts;
  const known = (OPERATORS as readonly string[]).includes(base);
  if (!known) {
    issues.push({ path: joinPath(path, 'operator'), message: `unknown operator "${base}" (known: ${OPERATORS.join(', ')})` });
  }
  for (const decorator of decorators) {
    if (!(OPERATOR_DECORATORS as readonly string[]).includes(decorator)) {
      issues.push({ path: joinPath(path, 'operator'), message: `unknown operator decorator "${decorator}" (known: ${OPERATOR_DECORATORS.join(', ')})` });
      return;
    }
  }
  if (!known) return;
  const isFactRef = isRecord(value) && Object.prototype.hasOwnProperty.call(value, 'fact');
  if (isFactRef) return;
  // With someValue / everyValue the value is a list of operands; with swap the roles change.
  const valueListDecorated = decorators.some((d) => d === 'someValue' || d === 'everyValue');
  if (valueListDecorated && !Array.isArray(value)) {
    issues.push({ path: joinPath(path, 'value'), message: `operator "${operator}" needs a list value` });
    return;
  }
  if (valueListDecorated || decorators.includes('swap')) return;
  if ((base === 'in' || base === 'notIn') && !Array.isArray(value)) {
    issues.push({ path: joinPath(path, 'value'), message: `operator "${base}" needs a list value, e.g. ["loyal", "regular"]` });
  }
  if ((base.startsWith('lessThan') || base.startsWith('greaterThan')) && typeof value !== 'number') {
    issues.push({ path: joinPath(path, 'value'), message: `operator "${base}" needs a number value` });
  }
}

function checkFactName(fact: Json, path: string, issues: Issue[]): fact is FactName {
  if (typeof fact !== 'string' || !(FACT_NAMES as string[]).includes(fact)) {
    issues.push({ path, message: `unknown fact ${JSON.stringify(fact)} (known: ${FACT_NAMES.join(', ')})` });
    return false;
  }
  return true;
}

function checkLeaf(node: Record<string, Json>, path: string, issues: Issue[]): void {
  for (const key of Object.keys(node)) {
    if (!LEAF_KEYS.has(key)) issues.push({ path: joinPath(path, key), message: `unknown key "${key}" in a condition` });
  }
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!Object.prototype.hasOwnProperty.call(node, key)) issues.push({ path: joinPath(path, key), message: 'is required' });
  }
  if (node['path'] !== undefined && typeof node['path'] !== 'string') {
    issues.push({ path: joinPath(path, 'path'), message: 'must be a string' });
  }
  if (node['priority'] !== undefined && !(typeof node['priority'] === 'number' && Number.isInteger(node['priority']) && node['priority'] >= 1)) {
    issues.push({ path: joinPath(path, 'priority'), message: 'must be a whole number >= 1' });
  }
  if (Object.prototype.hasOwnProperty.call(node, 'fact') && checkFactName(node['fact'], joinPath(path, 'fact'), issues)) {
    const problem = checkFactPath(node['fact'], typeof node['path'] === 'string' ? node['path'] : undefined);
    if (problem) issues.push({ path: joinPath(path, 'path'), message: problem });
  }
  const value = node['value'];
  if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, 'fact')) {
    const valuePath = joinPath(path, 'value');
    for (const key of Object.keys(value)) {
      if (key !== 'fact' && key !== 'path') issues.push({ path: joinPath(valuePath, key), message: `unknown key "${key}" in a fact reference (allowed: fact, path)` });
    }
    if (checkFactName(value['fact'], joinPath(valuePath, 'fact'), issues)) {
      if (value['path'] !== undefined && typeof value['path'] !== 'string') {
        issues.push({ path: joinPath(valuePath, 'path'), message: 'must be a string' });
      } else {
        const problem = checkFactPath(value['fact'], value['path'] as string | undefined);
        if (problem) issues.push({ path: joinPath(valuePath, 'path'), message: problem });
      }
    }
  }
  if (Object.prototype.hasOwnProperty.call(node, 'operator')) checkOperator(node['operator'], value, path, issues);
}

function checkNode(node: Json, path: string, depth: number, issues: Issue[], topLevel: boolean): void {
  if (!isRecord(node)) {
    issues.push({ path, message: 'must be a condition object ({ "all": [...] }, { "any": [...] }, { "not": {...} } or { "fact", "operator", "value" })' });
    return;
  }
  if (depth > MAX_CONDITION_DEPTH) {
    issues.push({ path, message: `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels` });
    return;
  }
  if (Object.prototype.hasOwnProperty.call(node, 'condition')) {
    issues.push({ path: joinPath(path, 'condition'), message: 'condition references are not supported: write the condition inline' });
    return;
  }
  const booleans = (['all', 'any', 'not'] as const).filter((k) => Object.prototype.hasOwnProperty.call(node, k));
  if (booleans.length === 0) {
    if (topLevel) {
      issues.push({ path, message: 'the top level of conditions must be { "all": [...] }, { "any": [...] } or { "not": {...} }' });
      return;
    }
    checkLeaf(node, path, issues);
    return;
  }
  if (booleans.length > 1) {
    issues.push({ path, message: `use one of all / any / not per condition object, not ${booleans.join(' and ')}` });
    return;
  }
  for (const key of Object.keys(node)) {
    if (!BOOLEAN_KEYS.has(key)) issues.push({ path: joinPath(path, key), message: `unknown key "${key}" beside "${booleans[0]}"` });
  }
  const kind = booleans[0] as 'all' | 'any' | 'not';
  const child = node[kind];
  const childPath = joinPath(path, kind);
  if (kind === 'not') {
    checkNode(child, childPath, depth + 1, issues, false);
    return;
  }
  if (!Array.isArray(child)) {
    issues.push({ path: childPath, message: 'must be a list of conditions' });
    return;
  }
  if (child.length > MAX_CONDITION_WIDTH) {
    issues.push({ path: childPath, message: `lists more than ${MAX_CONDITION_WIDTH} conditions` });
    return;
  }
  child.forEach((c, i) => checkNode(c, `${childPath}[${i}]`, depth + 1, issues, false));
}

/**
 * Checks a json-rules-engine condition tree: structure, known facts and
 * operators, plain property paths that exist on the fact. Returns issues
 * with paths under `path`.
 */
export function checkConditions(conditions: Json, path: string): Issue[] {
  const issues: Issue[] = [];
  checkNode(conditions, path, 1, issues, true);
  return issues;
}
