/** One record of an input file as read, before parsing: its text and the line it starts on, or what makes it no record. */

import type { TextCoded } from '../i18n/text-issue-codes.js';
import { notText, replacementAt, type TextEncodingName } from '../node/text.js';

export interface RawRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly text: string;
  /** Longer than {@link MAX_RECORD_CHARS}: not parsed, reported as too long (`text` is then empty). */
  readonly tooLong?: true;
  /**
   * What makes it no record, at this line and column: bytes that are not text in the input's encoding, an empty
   * element of an array, text after the array. Not parsed (`text` is then empty).
   */
  readonly problem?: { readonly line: number; readonly column: number } & TextCoded;
}

/** Largest single record accepted, in characters. */
export const MAX_RECORD_CHARS = 1_000_000;

export const tooLong = (line: number): RawRecord => ({ line, text: '', tooLong: true });

/**
 * A record's text, or the record that reports its undecodable bytes. A decoder writes U+FFFD for bytes that are not
 * text in its encoding; one already in the input is the mark of text mis-decoded upstream (会计 read as U+FFFD
 * would silently stop matching a rule), so either way the record is refused, at the first one's line and column.
 */
export function recordOf(line: number, text: string, encoding: TextEncodingName): RawRecord {
  const bad = replacementAt(text, encoding);
  if (bad === undefined) return { line, text };
  const at = bad.index;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) lines++;
  return { line, text: '', problem: { line: line + lines, column: at - lineStart + 1, ...notText(encoding) } };
}

/** A line as a record: `undefined` for a blank line. */
export const lineRecord = (line: number, text: string, encoding: TextEncodingName): RawRecord | undefined =>
  text.length > MAX_RECORD_CHARS ? tooLong(line) : text.trim() === '' ? undefined : recordOf(line, text, encoding);
