/**
 * Inputs pasted as text — one JSON value per line (NDJSON) or one JSON array — read as the CLI reads a file: a line
 * that is not JSON is a problem at its line and column, said as the CLI says it (full-width colons, comments, bare
 * words named), in the locale. What the values hold is the planner's to check.
 */
import type { Locale } from '../i18n/explanation.js';
import { parseJsonText } from '../_lib/json-text.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';
import { sayText } from '../i18n/text-issues.js';

/** The values of pasted text, or the first problem of its syntax, at its line and column (1-based). */
export type InputText =
  | { readonly ok: true; readonly values: readonly unknown[] }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

/**
 * At most this many values from one paste (SECURITY.md): more is a problem, not a frozen page.
 *
 * @example
 * ```ts
 * import { MAX_PASTED_INPUTS } from 'rx-followup/workbench';
 *
 * console.log(MAX_PASTED_INPUTS); // 10000
 * ```
 */
export const MAX_PASTED_INPUTS = 10_000;

/**
 * Reads pasted inputs: a JSON array (each element one input), else one JSON value per non-blank line.
 *
 * @example
 * ```ts
 * import { parseInputText } from 'rx-followup/workbench';
 *
 * const read = parseInputText('{"customer": {}}\n{"customer"：{}}', { locale: 'zh-CN' });
 * console.log(read.ok ? read.values.length : `${read.line}:${read.column} ${read.message}`);
 * // 2:12 JSON 格式错误：全角冒号 '：'——请改用 ':'
 * ```
 */
export function parseInputText(text: string, options: { readonly locale?: Locale } = {}): InputText {
  const say = (problem: TextCoded): string => sayText(problem, options.locale);
  const tooMany = say({ code: 'inputs-too-many', params: { max: MAX_PASTED_INPUTS } });
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const parsed = parseJsonText(text, { locate: false, maxValues: MAX_PASTED_INPUTS * 1_000 });
    if (!parsed.ok)
      return { ok: false, line: parsed.problem.line, column: parsed.problem.column, message: say(parsed.problem) };
    const list = parsed.value.json as unknown[];
    if (list.length > MAX_PASTED_INPUTS) return { ok: false, line: 1, column: 1, message: tooMany };
    return { ok: true, values: list };
  }
  const values: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    if (values.length >= MAX_PASTED_INPUTS) return { ok: false, line: i + 1, column: 1, message: tooMany };
    const parsed = parseJsonText(line, { locate: false });
    if (!parsed.ok) return { ok: false, line: i + 1, column: parsed.problem.column, message: say(parsed.problem) };
    values.push(parsed.value.json);
  }
  return { ok: true, values };
}
