/**
 * A JSON text's size before it is parsed: how deep it nests and how many values it holds, in one pass over its
 * characters (json-text.ts refuses a text past its limits at the place it first goes past them).
 */

/** The index of the quote closing the string that opens at `open` (past escapes); the text's length if none. */
function closingQuote(text: string, open: number): number {
  const n = text.length;
  let i = open + 1;
  for (; i < n; i++) {
    const d = text.charCodeAt(i);
    if (d === 0x5c) i++;
    else if (d === 0x22) break;
  }
  return i;
}

/** The index of the first character at or after `from` that is not JSON white space. */
function afterSpace(text: string, from: number): number {
  let j = from;
  let c = text.charCodeAt(j);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++j);
  return j;
}

/**
 * One pass over a JSON text (strings skipped), before any parse: where it first opens more than `maxDepth` objects or
 * lists at once, or first holds more than `maxValues` values (objects, lists, strings that are not keys, numbers,
 * literals, as a rule set counts them), or -1. jsonc-parser's tree is built by recursion (a 100,000-deep text would
 * overflow the stack in it) and takes a few hundred bytes a value (5 MiB of `{}` would take more than a gigabyte).
 */
export function scanLimits(
  text: string,
  maxDepth: number,
  maxValues: number,
  counted: { keys: number },
): { at: number; what: 'depth' | 'values' } | undefined {
  let depth = 0;
  let values = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      // A string: skip to its closing quote, past escapes; a value unless a ':' follows (a key).
      i = closingQuote(text, i);
      if (text.charCodeAt(afterSpace(text, i + 1)) === 0x3a) counted.keys++;
      else if (++values > maxValues) return { at: start, what: 'values' };
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { at: i, what: 'depth' };
      if (++values > maxValues) return { at: i, what: 'values' };
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
      // A number or a literal (true, false, null): one value, to its end.
      if (++values > maxValues) return { at: i, what: 'values' };
      while (i + 1 < n && /[0-9A-Za-z.+-]/.test(text[i + 1] as string)) i++;
    }
  }
  return undefined;
}
