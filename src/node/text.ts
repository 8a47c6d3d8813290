/**
 * Bytes to text for files analysts and ERP systems write: UTF-8 by default, or GBK / GB18030 (decoded by the
 * runtime's TextDecoder). Bytes that are not text in the encoding are refused at their line and column, never
 * read as U+FFFD: a rule file saved as GBK and read as UTF-8 would turn 会计 into U+FFFD, and the accountant
 * blackout would silently stop applying.
 */
import { LineIndex, problemAt, type JsonProblem } from '../_lib/json-text.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';

/**
 * The encodings rule and input files may be read in.
 *
 * @example
 * ```ts
 * import { ENCODINGS } from 'rx-followup/node';
 *
 * console.log(ENCODINGS.join(', ')); // utf-8, gbk, gb18030
 * ```
 */
export const ENCODINGS = ['utf-8', 'gbk', 'gb18030'] as const;
/** One of {@link ENCODINGS}. */
export type TextEncodingName = (typeof ENCODINGS)[number];

/** Whether `name` is one of {@link ENCODINGS} (case and `utf8` for `utf-8` allowed); the canonical name, or undefined. */
export function encodingNamed(name: string): TextEncodingName | undefined {
  const lower = name.trim().toLowerCase();
  const canonical = lower === 'utf8' ? 'utf-8' : lower;
  return (ENCODINGS as readonly string[]).includes(canonical) ? (canonical as TextEncodingName) : undefined;
}

/** The problem of bytes that are not text in `encoding`. */
export const notText = (encoding: TextEncodingName): TextCoded => ({ code: 'not-text', params: { encoding } });

/**
 * The runtime's GBK and GB18030 decoders turn bytes the encodings do not define (0xFF, unassigned pairs such as A1 A0)
 * and the user-defined areas into private-use characters rather than U+FFFD: in such a text those are refused too.
 */
const PRIVATE_USE = /[\uE000-\uF8FF]/;

/**
 * Where a decoded text holds U+FFFD, the character a decoder writes for bytes that are not text in its encoding (one
 * already in the file is the mark of text mis-decoded upstream, and is refused the same way) — or, decoded from GBK
 * or GB18030, a private-use character (what those decoders make of bytes they do not define).
 */
export function replacementAt(text: string, encoding: TextEncodingName = 'utf-8'): { index: number } | undefined {
  const index = text.indexOf('\uFFFD');
  if (encoding !== 'utf-8') {
    const privateUse = PRIVATE_USE.exec(text)?.index;
    if (privateUse !== undefined && (index < 0 || privateUse < index)) return { index: privateUse };
  }
  return index < 0 ? undefined : { index };
}

/** Decodes a whole file (a leading UTF-8 byte order mark dropped), or says where it is not text in `encoding`. */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncodingName = 'utf-8',
): { ok: true; text: string } | { ok: false; problem: JsonProblem } {
  const text = new TextDecoder(encoding).decode(bytes);
  const bad = replacementAt(text, encoding);
  if (bad === undefined) return { ok: true, text };
  return { ok: false, problem: problemAt(new LineIndex(text).at(bad.index), notText(encoding)) };
}
