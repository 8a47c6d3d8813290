/** Options that several commands share, read and checked one way. */
import type { Locale } from '../i18n/explanation.js';
import { stat } from 'node:fs/promises';
import { formatInstant, parseInstant } from '../calendar/instant.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { fromLocal } from '../calendar/zone.js';
import { encodingNamed, ENCODINGS, type TextEncodingName } from '../node/text.js';

import { UsageError } from './usage-messages.js';

export { UsageError };

/**
 * The `asOf` records without their own get, from `--as-of`:
 * - `now` (the default): the clock, to the whole minute — the one place rx-followup reads it;
 * - `purchase`: none, so each record is planned as of its purchase (the library's default);
 * - `YYYY-MM-DD`: local midnight of that day in the rule set's time zone;
 * - an ISO-8601 date-time with an offset.
 */
export function resolveAsOf(text: string | undefined, zone: string, clockMs: () => number): string | undefined {
  const value = text ?? 'now';
  if (value === 'purchase') return undefined;
  if (value === 'now') return new Date(Math.floor(clockMs() / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = parseLocalDate(value);
    if (date === undefined) throw new UsageError('as-of-no-such-date', { value });
    return formatInstant(fromLocal({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone), zone);
  }
  const parsed = parseInstant(value);
  if (!parsed.ok) throw new UsageError('as-of-invalid', { problem: parsed.message });
  return value;
}

/**
 * The language of reasons and exports: `--locale`, else the environment's (`LC_ALL`, then `LC_MESSAGES`, then `LANG`:
 * `zh_CN.UTF-8`, `zh-CN` → zh-CN), else English.
 */
export function localeOption(name: string | undefined, env: Readonly<Record<string, string | undefined>>): Locale {
  if (name !== undefined) {
    if (name === 'en' || name === 'zh-CN') return name;
    throw new UsageError('one-of', { option: '--locale', values: ['en', 'zh-CN'] });
  }
  const fromEnv = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh[_-](CN|Hans)/i.test(fromEnv) ? 'zh-CN' : 'en';
}

/**
 * The locale a command line asks for (`--locale L` or `--locale=L`, else the environment), for what is said before or
 * after its command parses its options: the prefix of a failure. English when the option is not a locale (the command
 * itself says so).
 */
export function requestedLocale(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  const at = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  const name = at < 0 ? undefined : argv[at] === '--locale' ? argv[at + 1] : argv[at]?.slice('--locale='.length);
  try {
    return localeOption(name, env);
  } catch {
    return 'en';
  }
}

/** The encoding named by an option (default UTF-8). */
export function encodingOption(name: string | undefined, option: string): TextEncodingName {
  if (name === undefined) return 'utf-8';
  const encoding = encodingNamed(name);
  if (encoding === undefined) throw new UsageError('one-of', { option, values: ENCODINGS });
  return encoding;
}

/** `--rules`, required by the commands that plan. */
export function rulesOption(rules: string | undefined, command: string): string {
  if (rules === undefined || rules === '') throw new UsageError('needs-rules', { command });
  return rules;
}

/** Checks an input path before it is read: `-` (standard input) or something readable that is not a folder; its size when it is a file. */
export async function inputOption(path: string): Promise<{ path: string; size: number | undefined }> {
  if (path === '-') return { path, size: undefined };
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError('input-missing', { path });
  }
  if (info.isDirectory()) throw new UsageError('input-folder', { path });
  return { path, size: info.isFile() ? info.size : undefined };
}
