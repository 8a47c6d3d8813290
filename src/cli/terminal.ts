/**
 * Text for a terminal, from data: a name, an occupation or a rule file's value could hold escape sequences (ESC, OSC
 * with BEL, a carriage return that rewrites the line, bidirectional overrides). Each such character is written as a
 * visible escape (`\x1b`, `\u202e`); newlines and tabs stay.
 */
// The characters escaped: C0 controls but tab and newline, DEL and C1 controls, and the bidirectional controls.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control character as a visible escape (see the module's comment). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/** A copy of `value` with every string in it {@link printable}: data to render, with styling of one's own added after. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}
