/**
 * What the CLI itself says while it runs — record errors, warnings, summaries, progress, what `lint` and `init` report
 * — by code, in the chosen locale: one catalogue per locale (src/i18n/catalogue.ts). Help texts are in help-zh-cn.ts
 * beside the English ones, usage errors in usage-messages.ts (a catalogue of the same shape).
 */
import type { Catalogue, Catalogues } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/explanation.js';
import { plural } from '../i18n/plural.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';
import { sayText } from '../i18n/text-issues.js';

type None = Record<string, never>;

/** What each of the CLI's running messages is made from, by code. */
export interface CliParams {
  /** Where in the input: `line 3, column 7` / `第 3 行第 7 列`. */
  'line-at': { readonly line: number; readonly column?: number | undefined };
  /** Where a record is: `record at line 3, column 7` / `第 3 行第 7 列的记录`. */
  'record-at': { readonly line: number; readonly column?: number | undefined };
  /** A problem of a record's or file's text (`invalid JSON: …`, `record too long: …`, not valid UTF-8). */
  'record-problem': { readonly problem: TextCoded };
  /** A warning line, with the program's name. */
  warning: { readonly text: string };
  'no-records': None;
  /** The closing line of a batch. */
  summary: {
    readonly planned: number;
    readonly failed: number;
    readonly touchpoints: number;
    readonly seconds: number;
  };
  /** A progress line: records so far and their rate, the share of the input read, the time left, failures. */
  progress: {
    readonly records: number;
    readonly rate: number;
    readonly seconds: number;
    readonly share?: { readonly percent: number; readonly total: string; readonly eta?: number } | undefined;
    readonly failed?: number | undefined;
  };
  /** `plan --thread`: a record before the one before it. */
  'out-of-order': { readonly purchasedAt: string };
  /** A worklist's contacts that could not be assigned. */
  overflow: { readonly count: number };
  /** The output could not be written (a full disk): why. */
  'cannot-write': { readonly reason: string };
  /** A typed error that ends the command (invalid rules or input), with the program's name. */
  failure: { readonly message: string };
  /** A record whose input is not valid, named in words (`the input is not valid (3 problems)`), not by its error class. */
  'invalid-input': { readonly problems: number };
  /** `: ` / `：`. */
  colon: None;
  /** Between the items of a list on one line: `; ` / `；`. */
  separator: None;
  /** A rule or purpose by its name, its id after: `name (id)` / `name（id）`. */
  named: { readonly name: string; readonly id: string };
  /** What a warning is called in a line of `validate` or `lint`: `warning` / `警告`, `提示`. */
  'warning-word': { readonly of: 'validate' | 'lint' };
  /** `validate`: a target's rules are valid. */
  'validate-ok': { readonly target: string; readonly id: string; readonly version: string; readonly rules: number };
  /** `lint`: the rules do not validate. */
  'lint-invalid': { readonly target: string };
  /** `lint`'s closing count. */
  'lint-count': { readonly count: number };
  /** `init`: files that exist already. */
  'init-taken': None;
  /** `init`: paths that are symbolic links. */
  'init-links': None;
  'init-wrote': { readonly count: number; readonly at: string };
  'init-next': None;
  /**
   * `validate`: a calendar whose known dates end within the horizon of plans made on `day` — `left` days after it
   * (negative: before), the horizon in words; `provisional`: the statutory holidays stand in after it.
   */
  'calendar-short': {
    readonly calendar: string;
    readonly through: string;
    readonly left: number;
    readonly day: string;
    readonly horizon: string;
    readonly provisional: boolean;
  };
  /** An iCalendar event's title: the purpose's label, its channel (`phone`) and the channel's name (`电话`). */
  'ics-summary': { readonly label: string; readonly channel: string; readonly channelName: string };
  /** An iCalendar event's first description line: whose purchase. */
  'ics-description': { readonly customerId: string; readonly purchaseId: string };
}

/** A CLI message's code. */
export type CliCode = keyof CliParams;

const EN: Catalogue<CliParams> = {
  'line-at': ({ line, column }) => `line ${line}${column === undefined ? '' : `, column ${column}`}`,
  'record-at': (p) => `record at ${EN['line-at'](p)}`,
  'record-problem': ({ problem }) => sayText(problem, 'en'),
  warning: ({ text }) => `rx-followup: warning: ${text}`,
  'no-records': () => 'rx-followup: warning: the input holds no records',
  summary: ({ planned, failed, touchpoints, seconds }) =>
    `rx-followup: ${planned} planned, ${failed} failed, ${touchpoints} touchpoints, ${seconds.toFixed(1)} s`,
  progress: ({ records, rate, seconds, share, failed }) => {
    let line = `${records} records, ${rate.toFixed(0)}/s, ${seconds.toFixed(1)} s`;
    if (share)
      line += `, ${share.percent.toFixed(0)}% of ${share.total}${share.eta === undefined ? '' : `, ETA ${share.eta.toFixed(0)} s`}`;
    return failed ? `${line}, ${failed} failed` : line;
  },
  'out-of-order': ({ purchasedAt }) =>
    `--thread needs records in time order: purchase.purchasedAt ${purchasedAt} is before the record before it`,
  overflow: ({ count }) => `rx-followup: ${count} contact(s) could not be assigned (overflow)`,
  'cannot-write': ({ reason }) => `rx-followup: cannot write the output: ${reason}`,
  failure: ({ message }) => `rx-followup: ${message}`,
  'invalid-input': ({ problems: n }) => `the input is not valid (${n} ${plural(n, 'problem', 'problems')})`,
  colon: () => ': ',
  separator: () => '; ',
  named: ({ name, id }) => `${name} (${id})`,
  'warning-word': () => 'warning',
  'validate-ok': ({ target, id, version, rules }) => `${target}: ok (${id} ${version}, ${rules} rules)`,
  'lint-invalid': ({ target }) => `${target}: the rules do not validate (run rx-followup validate ${target}):`,
  'lint-count': ({ count: n }) => (n === 0 ? 'no warnings' : `${n} ${plural(n, 'warning', 'warnings')}`),
  'init-taken': () => 'rx-followup init: these files exist already (--force overwrites them):',
  'init-links': () =>
    'rx-followup init: these are symbolic links; init writes no file through a link (remove them first):',
  'init-wrote': ({ count, at }) => `wrote ${count} files to ${at}/`,
  'init-next': () => 'next:',
  'calendar-short': ({ calendar, through, left, day, horizon, provisional }) => {
    const when =
      left < 0
        ? `ended ${-left} ${plural(-left, 'day', 'days')} before ${day}`
        : `ends in ${left} ${plural(left, 'day', 'days')}, within the horizon (${horizon}) of ${day}`;
    const then = provisional
      ? 'plans made now keep the statutory holidays after it, provisionally, without its make-up workdays'
      : 'plans made now run into days it does not know';
    return `calendar ${calendar} covers dates through ${through}, which ${when}: ${then}; add the next year's dates (rules guide: "Next year's holidays")`;
  },
  'ics-summary': ({ label, channel }) => `${label} (${channel})`,
  'ics-description': ({ customerId, purchaseId }) => `customer ${customerId}, purchase ${purchaseId}`,
};

const ZH_CN: Catalogue<CliParams> = {
  'line-at': ({ line, column }) => `第 ${line} 行${column === undefined ? '' : `第 ${column} 列`}`,
  'record-at': (p) => `${ZH_CN['line-at'](p)}的记录`,
  'record-problem': ({ problem }) => sayText(problem, 'zh-CN'),
  warning: ({ text }) => `rx-followup：警告：${text}`,
  'no-records': () => 'rx-followup：警告：输入中没有记录',
  summary: ({ planned, failed, touchpoints, seconds }) =>
    `rx-followup：已规划 ${planned} 条，失败 ${failed} 条，共 ${touchpoints} 个触达，用时 ${seconds.toFixed(1)} 秒`,
  progress: ({ records, rate, seconds, share, failed }) => {
    let line = `${records} 条记录，每秒 ${rate.toFixed(0)} 条，${seconds.toFixed(1)} 秒`;
    if (share)
      line += `，已读 ${share.total} 的 ${share.percent.toFixed(0)}%${share.eta === undefined ? '' : `，约剩 ${share.eta.toFixed(0)} 秒`}`;
    return failed ? `${line}，失败 ${failed} 条` : line;
  },
  'out-of-order': ({ purchasedAt }) =>
    `--thread 要求记录按时间顺序排列：purchase.purchasedAt ${purchasedAt} 早于前一条记录`,
  overflow: ({ count }) => `rx-followup：有 ${count} 个联系无法分配（溢出）`,
  'cannot-write': ({ reason }) => `rx-followup：无法写出输出：${reason}`,
  failure: ({ message }) => `rx-followup：${message}`,
  'invalid-input': ({ problems }) => `输入无效（${problems} 处问题）`,
  colon: () => '：',
  separator: () => '；',
  named: ({ name, id }) => `${name}（${id}）`,
  // A lint finding is a hint for the analyst (提示), not an alarm; validate's warnings are 警告.
  'warning-word': ({ of }) => (of === 'lint' ? '提示' : '警告'),
  'validate-ok': ({ target, id, version, rules }) => `${target}：有效（${id} ${version}，${rules} 条规则）`,
  'lint-invalid': ({ target }) => `${target}：规则未通过校验（请运行 rx-followup validate ${target}）：`,
  'lint-count': ({ count: n }) => (n === 0 ? '没有提示' : `${n} 条提示`),
  'init-taken': () => 'rx-followup init：这些文件已存在（加 --force 覆盖）：',
  'init-links': () => 'rx-followup init：这些是符号链接；init 不会通过链接写文件（请先删除它们）：',
  'init-wrote': ({ count, at }) => `已写入 ${count} 个文件到 ${at}/`,
  'init-next': () => '接下来：',
  'calendar-short': ({ calendar, through, left, day, horizon, provisional }) => {
    const when =
      left < 0 ? `已在 ${day} 之前 ${-left} 天结束` : `${left} 天后结束，在 ${day} 起的计划期限（${horizon}）之内`;
    const then = provisional ? '现在做的计划在那之后暂按法定假日安排，调休未知' : '现在做的计划会排进它不知道的日子';
    return `日历 ${calendar} 只覆盖到 ${through}，${when}：${then}；请加上下一年的日期（规则指南：“下一年的节假日”）`;
  },
  'ics-summary': ({ label, channelName }) => `${label}（${channelName}）`,
  'ics-description': ({ customerId, purchaseId }) => `顾客 ${customerId}，购药单 ${purchaseId}`,
};

const CLI_WORDS: Catalogues<CliParams> = { en: EN, 'zh-CN': ZH_CN };

/** The params argument of a code: none when the code has none. */
type ParamsArg<C extends CliCode> = CliParams[C] extends None ? [] : [params: CliParams[C]];

/** What the CLI says, by code, in one locale. */
export type CliSay = <C extends CliCode>(code: C, ...params: ParamsArg<C>) => string;

/** The CLI's running words in `locale`: `say('summary', { planned, failed, touchpoints, seconds })`. */
export function cliWords(locale: Locale): CliSay {
  const catalogue = CLI_WORDS[locale];
  return (code, ...[params]) => (catalogue[code] as (p: unknown) => string)(params ?? {});
}
