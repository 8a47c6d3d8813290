/** The name a mistyped one was most likely meant to be: for "did you mean" in messages. */

/** Words longer than this are not compared (the edit distance is quadratic in the length). */
const MAX_LENGTH = 64;

/** Edit distance with transpositions (optimal string alignment), or `limit + 1` once it is sure to exceed `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate `word` most likely meant: the same but for case, else the nearest within one edit (two for words of
 * 6 or more letters); the first of equals, in the candidates' order. `undefined` when none is near, or `word` is one.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > MAX_LENGTH) return undefined;
  const lower = word.toLowerCase();
  const limit = word.length >= 6 ? 2 : 1;
  let found: string | undefined;
  let foundDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    if (candidate.toLowerCase() === lower) return candidate;
    if (word.length < 3 || candidate.length > MAX_LENGTH) continue;
    const d = distance(lower, candidate.toLowerCase(), limit);
    if (d < foundDistance) {
      found = candidate;
      foundDistance = d;
    }
  }
  return found;
}

/** `: did you mean "x"?` for a near candidate, else nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = nearest(word, candidates);
  return near === undefined ? '' : `: did you mean ${JSON.stringify(near)}?`;
}
