/**
 * Named conditions (json-rules-engine's shared conditions): a rule set may define conditions by name at its top
 * level, `"conditions": { "isAccountant": { "any": [ … ] } }`, and a rule refer to one with
 * `{ "condition": "isAccountant" }`. References are resolved when the rule set is validated: the validated rules hold
 * the conditions themselves, so both evaluators see plain trees and the canonical hash is that of the resolved rules.
 */
import { issue } from '../i18n/issues.js';
import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';

type Node = Record<string, unknown>;
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where each named condition is defined, for messages. */
export interface NamedCondition {
  readonly tree: unknown;
  readonly where: string;
}

/**
 * `tree` with every reference replaced by the named condition it names (itself resolved). A reference keeps its
 * own `priority` among its siblings, as in json-rules-engine (none: 1). Unknown names and cycles are issues at the
 * reference's path; `undefined` then.
 */
export function resolveConditions(
  tree: unknown,
  named: ReadonlyMap<string, NamedCondition>,
  path: string,
  issues: Issue[],
  through: readonly string[] = [],
): unknown {
  if (!isNode(tree)) return tree;
  if (own(tree, 'condition')) {
    const name = tree['condition'] as string;
    const target = named.get(name);
    if (target === undefined) {
      issues.push(issue(joinPath(path, 'condition'), 'condition-unknown', { name, known: [...named.keys()].sort() }));
      return undefined;
    }
    if (through.includes(name)) {
      issues.push(issue(joinPath(path, 'condition'), 'condition-cycle', { name, through: [...through, name] }));
      return undefined;
    }
    const resolved = resolveConditions(target.tree, named, target.where, issues, [...through, name]);
    if (!isNode(resolved)) return undefined;
    const { priority: _own, ...rest } = resolved;
    return own(tree, 'priority') ? { ...rest, priority: tree['priority'] } : rest;
  }
  const out: Node = {};
  for (const key of Object.keys(tree)) {
    const value = tree[key];
    if ((key === 'all' || key === 'any') && Array.isArray(value))
      out[key] = value.map((child, i) =>
        resolveConditions(child, named, `${joinPath(path, key)}[${i}]`, issues, through),
      );
    else if (key === 'not') out[key] = resolveConditions(value, named, joinPath(path, key), issues, through);
    else out[key] = value;
  }
  return out;
}

/** Whether a condition tree refers to a named condition anywhere. */
export function hasReferences(tree: unknown): boolean {
  if (!isNode(tree)) return false;
  if (own(tree, 'condition')) return true;
  for (const key of ['all', 'any'] as const)
    if (Array.isArray(tree[key]) && (tree[key] as unknown[]).some(hasReferences)) return true;
  return own(tree, 'not') && hasReferences(tree['not']);
}
