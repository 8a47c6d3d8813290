/**
 * Two strings joined into one flat string. `a + b` makes a rope (a V8 ConsString) that the hash loop over char
 * codes then reads through a slow path on every call; `Array.prototype.join` builds the flat result at once.
 */
export function flatConcat(a: string, b: string): string {
  return [a, b].join('');
}
