/**
 * `list.map(fn)`, built by pushing onto an empty array, the same way whatever the length.
 *
 * `.map` on the planner's many short and often empty lists (incidents, tags, suppressed contacts) made arrays that
 * V8 sees as of several hidden classes, and code optimised for one is thrown away (deoptimised) and compiled again
 * when another comes: over 20,000 CLI lines, 35–39 deoptimisations and ~580 ms of recompiling per run with `.map`,
 * 29–32 and ~300 ms with this (`node --trace-opt --trace-deopt`).
 *
 * `Array.of()`, not `[]`: a literal is an allocation site, and V8 decides per site whether what it makes goes
 * straight to the old generation. One literal making every list of every plan was judged long-lived at an unlucky
 * moment in 5–9 of 24 CLI runs (2 of 24 without it: the pattern docs/performance.md describes), after which the
 * worker ran a major collection every few hundred plans and took ~40% longer. `Array.of` has no site to judge.
 */
export function mapList<T, U>(list: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out: U[] = Array.of();
  for (let i = 0; i < list.length; i++) out.push(fn(list[i] as T, i));
  return out;
}

/** A copy of `list`, made as {@link mapList} makes its arrays. */
export function copyList<T>(list: readonly T[]): T[] {
  return mapList(list, (item) => item);
}
