/**
 * `list.map(fn)`, but an array of the same hidden class however long it is.
 *
 * V8 gives the empty result of `[].map(fn)` another hidden class (elements kind) than a filled one, and code
 * optimised for one kind is thrown away (deoptimised) and compiled again when the other comes. Purchases with and
 * without incidents, tags or rules of a kind did that to about a dozen of the planner's functions in every worker
 * (`node --trace-deopt`: "wrong map"), and each recompile of a large function costs tens of milliseconds. Arrays
 * made here all come from the one literal below, which V8 remembers to hold objects, so they share one class.
 */
export function mapList<T, U>(list: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(fn(list[i] as T, i));
  return out;
}

/** A copy of `list`, of the same hidden class as {@link mapList}'s arrays. */
export function copyList<T>(list: readonly T[]): T[] {
  return mapList(list, (item) => item);
}
