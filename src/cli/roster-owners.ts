/**
 * A roster's `owners` (customer id → staff id), read straight into a Map. A million owners as one JSON object is a
 * dictionary-mode object of a million keys, and then its copy: seconds and hundreds of megabytes. A flat object of
 * strings is what `owners` is; anything else (or anything doubtful) is left to the JSON parser, which says what is
 * wrong, at its line.
 */

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The end of the string token starting at `i` (the index after its closing quote), or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** The end of the JSON value starting at `i` (balanced, strings skipped), or -1. */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      j = stringEnd(text, j) - 1;
      if (j < 0) return -1;
      if (depth === 0) return j + 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return j + 1;
      if (depth < 0) return j;
    } else if (depth === 0 && (c === 0x2c || isSpace(c))) return j;
  }
  return depth === 0 ? text.length : -1;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
};

/** A string token's value (escapes read by JSON.parse only when it has one). */
const stringAt = (text: string, start: number, end: number): string => {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
};

/** Where the top-level `owners` member's value lies: [start, end) offsets in `text`; undefined when there is none. */
export function ownersSpan(text: string): { start: number; end: number } | undefined {
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i = skipSpace(text, i + 1);
  while (i < text.length && text.charCodeAt(i) === 0x22) {
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = stringAt(text, i, keyEnd);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) return undefined;
    if (key === 'owners') return { start, end };
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x2c) return undefined;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

/**
 * The object at [start, end) as a Map of its string members; a key written twice is named with both offsets;
 * `undefined` when it is not a flat object of strings.
 */
export function readOwners(
  text: string,
  start: number,
  end: number,
): { ok: true; owners: Map<string, string> } | { ok: false; key: string; first: number; second: number } | undefined {
  if (text.charCodeAt(start) !== 0x7b) return undefined;
  const owners = new Map<string, string>();
  // Where a key first stood, found again only when one repeats (a map of a million offsets is not kept for it).
  const firstAt = (key: string): number => {
    for (let j = skipSpace(text, start + 1); ;) {
      const e = stringEnd(text, j);
      if (stringAt(text, j, e) === key) return j;
      j = skipSpace(text, stringEnd(text, skipSpace(text, skipSpace(text, e) + 1)));
      j = skipSpace(text, j + 1);
    }
  };
  let i = skipSpace(text, start + 1);
  if (text.charCodeAt(i) === 0x7d) return i + 1 === end ? { ok: true, owners } : undefined;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = stringAt(text, i, keyEnd);
    const keyAt = i;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const valueEndAt = stringEnd(text, i);
    if (valueEndAt < 0) return undefined;
    // One hash lookup, not two (has, then set): a key written twice leaves the size as it was.
    const size = owners.size;
    owners.set(key, stringAt(text, i, valueEndAt));
    if (owners.size === size) return { ok: false, key, first: firstAt(key), second: keyAt };
    i = skipSpace(text, valueEndAt);
    const c = text.charCodeAt(i);
    if (c === 0x7d) return i + 1 === end ? { ok: true, owners } : undefined;
    if (c !== 0x2c) return undefined;
    i = skipSpace(text, i + 1);
  }
}
