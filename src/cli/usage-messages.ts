/**
 * What the CLI says when it is called wrongly, by code, in each locale: a usage error names its code and the values
 * it needs, and is said in the language the command line asks for (`--locale`, else `LC_ALL` / `LANG`).
 */
import type { Catalogue, Catalogues } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/explanation.js';
import { plural } from '../i18n/plural.js';

/** Each usage mistake's code and the values its message needs. */
export interface UsageParams {
  /** An option given a value it does not take. */
  'one-of': { readonly option: string; readonly values: readonly string[] };
  /** An option that takes a whole number in a range (`to` absent: no upper bound). */
  'whole-number': {
    readonly option: string;
    readonly from: number;
    readonly to?: number;
    readonly unit?: 'calls-a-day';
  };
  /** A command called without the rule files it plans with. */
  'needs-rules': { readonly command: string };
  'needs-staff': Record<string, never>;
  'needs-from': Record<string, never>;
  'needs-base-and-rules': Record<string, never>;
  'xlsx-needs-output': Record<string, never>;
  /** `--as-of 2026-02-30`. */
  'as-of-no-such-date': { readonly value: string };
  /** `--as-of` that is neither a keyword, a date nor an instant; `problem` says why, in the locale. */
  'as-of-invalid': { readonly problem: string };
  'input-missing': { readonly path: string };
  'input-folder': { readonly path: string };
  /** `--line N` past the input's last record. */
  'line-past-end': { readonly line: number; readonly records: number };
  /** The roster could not be read; `problem` is said already in the locale, with its place. */
  'roster-unreadable': { readonly path: string; readonly problem: string };
  'roster-shape': { readonly path: string };
  /** An option no command takes; `suggestion` is the nearest one, if any. */
  'unknown-option': { readonly option: string; readonly suggestion?: string };
  'unknown-command': { readonly command: string; readonly suggestion?: string };
}
export type UsageCode = keyof UsageParams;

type UsageCatalogue = Catalogue<UsageParams>;

const orNearest = (s: string | undefined, say: (s: string) => string): string => (s === undefined ? '' : say(s));

const EN: UsageCatalogue = {
  'one-of': (p) =>
    `${p.option} must be ${p.values.length === 2 ? `${p.values[0]} or ${p.values[1]}` : `one of ${p.values.join(', ')}`}`,
  'whole-number': (p) =>
    p.unit === 'calls-a-day'
      ? `${p.option} must be a whole number of calls a day`
      : p.to === undefined
        ? `${p.option} must be a record number from ${p.from}`
        : `${p.option} must be a whole number from ${p.from} to ${p.to}`,
  'needs-rules': (p) => `${p.command} needs --rules <dir|file> (the rule files to plan with, e.g. --rules rules)`,
  'needs-staff': () => 'worklist needs --staff <file> (the roster: a JSON array of staff)',
  'needs-from': () => 'worklist needs --from YYYY-MM-DD (the first day of the list)',
  'needs-base-and-rules': () => 'diff needs --base <rules> and --rules <rules>',
  'xlsx-needs-output': () => '--format xlsx needs --output <file.xlsx>',
  'as-of-no-such-date': (p) => `--as-of: the date ${p.value} does not exist`,
  'as-of-invalid': (p) => `--as-of: ${p.problem}; or use now, purchase or a date (YYYY-MM-DD)`,
  'input-missing': (p) => `--input: ${p.path}: no such file`,
  'input-folder': (p) => `--input: ${p.path} is a folder, not an input file`,
  'line-past-end': (p) => `--line ${p.line}: the input holds ${p.records} ${plural(p.records, 'record', 'records')}`,
  'roster-unreadable': (p) => `--staff: ${p.path}${p.problem}`,
  'roster-shape': (p) => `--staff: ${p.path} must hold a JSON array of staff, or { "staff": [...], "owners": {...} }`,
  'unknown-option': (p) => `unknown option '${p.option}'${orNearest(p.suggestion, (s) => `: did you mean "${s}"?`)}`,
  'unknown-command': (p) => `unknown command "${p.command}"${orNearest(p.suggestion, (s) => `: did you mean "${s}"?`)}`,
};

const ZH_CN: UsageCatalogue = {
  'one-of': (p) => `${p.option} 只能是 ${p.values.join('、')} 之一`,
  'whole-number': (p) =>
    p.unit === 'calls-a-day'
      ? `${p.option} 必须是每天的通话数（整数）`
      : p.to === undefined
        ? `${p.option} 必须是从 ${p.from} 起的记录序号`
        : `${p.option} 必须是 ${p.from} 到 ${p.to} 之间的整数`,
  'needs-rules': (p) => `${p.command} 需要 --rules <文件夹|文件>（用来做计划的规则文件，例如 --rules rules）`,
  'needs-staff': () => 'worklist 需要 --staff <文件>（排班表：员工的 JSON 数组）',
  'needs-from': () => 'worklist 需要 --from YYYY-MM-DD（清单的第一天）',
  'needs-base-and-rules': () => 'diff 需要 --base <规则> 和 --rules <规则>',
  'xlsx-needs-output': () => '--format xlsx 需要 --output <文件.xlsx>',
  'as-of-no-such-date': (p) => `--as-of：日期 ${p.value} 不存在`,
  'as-of-invalid': (p) => `--as-of：${p.problem}；也可以用 now、purchase 或日期（YYYY-MM-DD）`,
  'input-missing': (p) => `--input：${p.path}：没有这个文件`,
  'input-folder': (p) => `--input：${p.path} 是文件夹，不是输入文件`,
  'line-past-end': (p) => `--line ${p.line}：输入中只有 ${p.records} 条记录`,
  'roster-unreadable': (p) => `--staff：${p.path}${p.problem}`,
  'roster-shape': (p) => `--staff：${p.path} 应当是员工的 JSON 数组，或 { "staff": [...], "owners": {...} }`,
  'unknown-option': (p) => `未知的选项 '${p.option}'${orNearest(p.suggestion, (s) => `：是不是 "${s}"？`)}`,
  'unknown-command': (p) => `未知的命令 "${p.command}"${orNearest(p.suggestion, (s) => `：是不是 "${s}"？`)}`,
};

const CATALOGUES: Catalogues<UsageParams> = { en: EN, 'zh-CN': ZH_CN };

/** The message of a usage mistake in `locale`. */
export function usageMessage<C extends UsageCode>(code: C, params: UsageParams[C], locale: Locale): string {
  return (CATALOGUES[locale][code] as (p: UsageParams[C]) => string)(params);
}

/** A mistake in how the command was called: exit code 2, with its code and values; `message` is the English. */
export class UsageError<C extends UsageCode = UsageCode> extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly code: C,
    readonly params: UsageParams[C],
  ) {
    super(usageMessage(code, params, 'en'));
  }

  /** The message in `locale`. */
  in(locale: Locale): string {
    return usageMessage(this.code, this.params, locale);
  }
}
