/**
 * Conditions that can never hold together: leaves of one `all` about the same fact and path that contradict each
 * other (`tier equal "new"` and `tier equal "loyal"`; `equal 3` and `greaterThan 5`; `in [a]` and `in [b]`). Only
 * plain operators are read (a decorated one, `not:in`, says nothing here), and only the leaves directly in an `all`.
 */
import type { Rule } from '../schema/ruleset.js';
import { fieldDomain, type FieldDomain } from '../facts/vocabulary.js';
import { parsePath } from '../rules/paths.js';

type Json = unknown;
interface Leaf {
  readonly operator: string;
  readonly value: Json;
  /** Its index in the `all`. */
  readonly index: number;
}

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Each list's values as JSON text, once: two lists of 1,000 values compare in 1,000 steps, not a million. */
const keySets = new WeakMap<readonly Json[], ReadonlySet<string>>();
function keySet(list: readonly Json[]): ReadonlySet<string> {
  let keys = keySets.get(list);
  if (keys === undefined) keySets.set(list, (keys = new Set(list.map((v) => JSON.stringify(v)))));
  return keys;
}
const overlaps = (a: readonly Json[], b: readonly Json[]): boolean => {
  const [small, large] = a.length <= b.length ? [keySet(a), keySet(b)] : [keySet(b), keySet(a)];
  for (const k of small) if (large.has(k)) return true;
  return false;
};
const within = (list: readonly Json[], of: readonly Json[]): boolean => {
  const keys = keySet(of);
  for (const k of keySet(list)) if (!keys.has(k)) return false;
  return true;
};

/**
 * How many pairs of leaves one lint may compare (SECURITY.md): lint is bounded by design. Past it, a contradiction is
 * not looked for (a lint that says less, never a hang); 1,000 conditions on one path would otherwise be 500,000 pairs.
 */
export const MAX_LEAF_PAIRS = 100_000;
/** What is left of a lint's pairs to compare. */
export interface PairBudget {
  left: number;
}
const isFactRef = (v: Json): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in (v as object);

/** The values a leaf allows, when it names them: `equal x` → [x], `in [..]` → the list; else `undefined`. */
function allowed(leaf: Leaf): Json[] | undefined {
  if (leaf.operator === 'equal') return [leaf.value];
  if (leaf.operator === 'in' && Array.isArray(leaf.value)) return leaf.value;
  return undefined;
}

/** Whether a number satisfies a range leaf (`undefined`: not a range leaf). */
function inRange(leaf: Leaf, n: number): boolean | undefined {
  if (typeof leaf.value !== 'number') return undefined;
  switch (leaf.operator) {
    case 'greaterThan':
      return n > leaf.value;
    case 'greaterThanInclusive':
      return n >= leaf.value;
    case 'lessThan':
      return n < leaf.value;
    case 'lessThanInclusive':
      return n <= leaf.value;
    default:
      return undefined;
  }
}

/** Why two leaves contradict: no value satisfies both, or one asks for the value (or values) the other excludes. */
export type Contradiction = 'disjoint' | 'excluded-value' | 'excluded-values';

/** A contradiction found: where (the second leaf), about what (fact and path), the two leaves and why. */
export interface NeverHoldsPair {
  readonly path: string;
  readonly key: string;
  readonly a: { readonly operator: string; readonly value: Json };
  readonly b: { readonly operator: string; readonly value: Json };
  readonly why: Contradiction;
}

/**
 * One leaf that can never hold over what its fact takes: `in []`, or `notIn` every value of a field that is always
 * there (`tier notIn ["new", "regular", "loyal", "walk-in"]`). Validation has already refused values outside the domain.
 */
export interface NeverHoldsAlone {
  readonly path: string;
  readonly key: string;
  readonly a: { readonly operator: string; readonly value: Json };
  readonly why: 'empty-list' | 'every-value';
  /** The field's domain, for `every-value`. */
  readonly domain?: FieldDomain;
}

/** What a `never-holds` lint warning is made from (its `params`): a pair of leaves that contradict, or one alone. */
export type NeverHolds = NeverHoldsPair | NeverHoldsAlone;

/** Whether two leaves about one fact and path can never both hold; why, when so. */
function contradiction(a: Leaf, b: Leaf): Contradiction | null {
  const va = allowed(a);
  const vb = allowed(b);
  if (va !== undefined && vb !== undefined && !overlaps(va, vb)) return 'disjoint';
  for (const [list, other] of [
    [va, b],
    [vb, a],
  ] as const) {
    if (list === undefined) continue;
    if (other.operator === 'notEqual' && list.every((x) => same(x, other.value))) return 'excluded-value';
    if (other.operator === 'notIn' && Array.isArray(other.value) && within(list, other.value as Json[]))
      return 'excluded-values';
    if (list.every((x) => typeof x === 'number' && inRange(other, x) === false)) return 'disjoint';
  }
  // Two ranges with no number between them (checked on their bounds: integers and halves are enough for facts here).
  if (
    typeof a.value === 'number' &&
    typeof b.value === 'number' &&
    inRange(a, 0) !== undefined &&
    inRange(b, 0) !== undefined
  ) {
    const points = [
      a.value,
      b.value,
      (a.value + b.value) / 2,
      a.value + 0.5,
      a.value - 0.5,
      b.value + 0.5,
      b.value - 0.5,
    ];
    if (!points.some((n) => inRange(a, n) === true && inRange(b, n) === true)) return 'disjoint';
  }
  return null;
}

/** A leaf condition's fact, path, operator and value, when it is one; its key reads `customer.$.tier`. */
function leafOf(node: Json, index: number): (Leaf & { key: string; fact: string; path: unknown }) | null {
  if (node === null || typeof node !== 'object') return null;
  const c = node as { fact?: unknown; path?: unknown; operator?: unknown; value?: unknown };
  if (typeof c.fact !== 'string' || typeof c.operator !== 'string' || isFactRef(c.value)) return null;
  const key = typeof c.path === 'string' ? `${c.fact}.${c.path}` : c.fact;
  return { key, fact: c.fact, path: c.path, operator: c.operator, value: c.value, index };
}

/** Why a leaf alone can never hold over its field's domain, when it cannot. */
function aloneNeverHolds(leaf: Leaf & { fact: string; path: unknown }): Pick<NeverHoldsAlone, 'why' | 'domain'> | null {
  if (!Array.isArray(leaf.value)) return null;
  if (leaf.operator === 'in' && leaf.value.length === 0) return { why: 'empty-list' };
  if (leaf.operator !== 'notIn' || typeof leaf.path !== 'string') return null;
  const segments = parsePath(leaf.path);
  if (segments === null || segments.some((s) => typeof s !== 'string')) return null;
  const found = fieldDomain(leaf.fact, segments as string[]);
  if (found === undefined || found.nullable || !('values' in found.domain)) return null;
  return within(found.domain.values, leaf.value) ? { why: 'every-value', domain: found.domain } : null;
}

/** The first contradiction among the leaves of `all` lists (the rule's top level, and nested ones), with its path. */
export function neverHolds(
  conditions: Json,
  at = 'conditions',
  budget: PairBudget = { left: MAX_LEAF_PAIRS },
): NeverHolds | null {
  if (conditions === null || typeof conditions !== 'object') return null;
  const node = conditions as { all?: Json[]; any?: Json[]; not?: Json };
  if (Array.isArray(node.all)) {
    const byKey = new Map<string, Leaf[]>();
    for (let i = 0; i < node.all.length; i++) {
      const leaf = leafOf(node.all[i], i);
      if (leaf === null) continue;
      const alone = aloneNeverHolds(leaf);
      if (alone !== null)
        return { path: `${at}.all[${i}]`, key: leaf.key, a: { operator: leaf.operator, value: leaf.value }, ...alone };
      byKey.set(leaf.key, [...(byKey.get(leaf.key) ?? []), leaf]);
    }
    for (const [key, leaves] of byKey) {
      for (let i = 0; i < leaves.length; i++)
        for (let j = i + 1; j < leaves.length; j++) {
          if (budget.left-- <= 0) return null;
          const a = leaves[i] as Leaf;
          const b = leaves[j] as Leaf;
          const why = contradiction(a, b);
          if (why !== null)
            return {
              path: `${at}.all[${b.index}]`,
              key,
              a: { operator: a.operator, value: a.value },
              b: { operator: b.operator, value: b.value },
              why,
            };
        }
    }
    for (let i = 0; i < node.all.length; i++) {
      const inner = neverHolds(node.all[i], `${at}.all[${i}]`, budget);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/**
 * Whether two rules' conditions can never hold together: their top-level `all` leaves contradict, or an `any` among
 * them has no alternative the other leaves allow (`any: [for = child, pediatric = true]` against `for ≠ child` and
 * `pediatric ≠ true`).
 */
export function disjoint(a: Rule, b: Rule, budget: PairBudget = { left: MAX_LEAF_PAIRS }): boolean {
  // Out of budget, the two are taken as disjoint: lint then says nothing of them, rather than something unproven.
  if (budget.left <= 0) return true;
  const all = (r: Rule): Json[] => {
    const c = r.conditions as { all?: Json[] };
    return Array.isArray(c.all) ? c.all : [];
  };
  const both = [...all(a), ...all(b)];
  if (neverHolds({ all: both }, 'conditions', budget) !== null) return true;
  const leaves = both.filter((node, i) => leafOf(node, i) !== null);
  const anyDisjoint = both.some((node) => {
    const any = (node as { any?: unknown } | null)?.any;
    return (
      Array.isArray(any) &&
      any.length > 0 &&
      any.every(
        (alt: Json, i) =>
          leafOf(alt, i) !== null && neverHolds({ all: [...leaves, alt] }, 'conditions', budget) !== null,
      )
    );
  });
  return anyDisjoint || budget.left <= 0;
}
