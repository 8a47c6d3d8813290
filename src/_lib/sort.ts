/**
 * Sorts `list` in place, stably, exactly as `list.sort(compare)` does, and
 * returns it. Short lists (most of a plan's) are sorted by insertion, which
 * allocates nothing: the built-in sort sets up about 600 bytes of work space
 * per call, and a plan sorts a dozen short lists.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 24) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

/** Code-unit order of strings (the order of `Array.prototype.sort` without a comparator). */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
