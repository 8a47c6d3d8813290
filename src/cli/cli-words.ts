/**
 * What the CLI itself says while it runs — record errors, warnings, summaries, progress — in the chosen locale.
 * (Help texts are in help-zh-cn.ts beside the English ones, usage errors in usage-messages.ts.)
 */
import type { Locale } from '../i18n/explanation.js';
import { plural } from '../i18n/plural.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';
import { sayText } from '../i18n/text-issues.js';

/** The CLI's running words of one locale. */
export interface CliWords {
  /** Where in the input: `line 3, column 7` / `第 3 行第 7 列`. */
  lineAt(line: number, column?: number): string;
  /** Where a record is: `record at line 3, column 7` / `第 3 行第 7 列的记录`. */
  recordAt(line: number, column?: number): string;
  /** A problem of a record's or file's text (`invalid JSON: …`, `record too long: …`, not valid UTF-8) in this locale. */
  recordProblem(problem: TextCoded): string;
  /** A warning line, with the program's name. */
  warning(text: string): string;
  noRecords: string;
  /** The closing line of a batch. */
  summary(planned: number, failed: number, touchpoints: number, seconds: number): string;
  /** A progress line's parts: records so far and their rate, the share of the input read, the time left, failures. */
  progress(
    records: number,
    rate: number,
    seconds: number,
    share?: { percent: number; total: string; eta?: number },
    failed?: number,
  ): string;
  /** `plan --thread`: a record before the one before it. */
  outOfOrder(purchasedAt: string): string;
  /** A worklist's contacts that could not be assigned. */
  overflow(count: number): string;
  /** The output could not be written (a full disk): why. */
  cannotWrite(reason: string): string;
  /** A typed error that ends the command (invalid rules or input), with the program's name. */
  failure(message: string): string;
  /** A record whose input is not valid, named in words (`the input is not valid (3 problems)`), not by its error class. */
  invalidInput(problems: number): string;
  /** `: ` / `：`. */
  colon: string;
}

const EN: CliWords = {
  lineAt: (line, column) => `line ${line}${column === undefined ? '' : `, column ${column}`}`,
  recordAt: (line, column) => `record at ${EN.lineAt(line, column)}`,
  recordProblem: (problem) => sayText(problem, 'en'),
  warning: (text) => `rx-followup: warning: ${text}`,
  noRecords: 'rx-followup: warning: the input holds no records',
  summary: (planned, failed, touchpoints, seconds) =>
    `rx-followup: ${planned} planned, ${failed} failed, ${touchpoints} touchpoints, ${seconds.toFixed(1)} s`,
  progress: (records, rate, seconds, share, failed) => {
    let line = `${records} records, ${rate.toFixed(0)}/s, ${seconds.toFixed(1)} s`;
    if (share)
      line += `, ${share.percent.toFixed(0)}% of ${share.total}${share.eta === undefined ? '' : `, ETA ${share.eta.toFixed(0)} s`}`;
    return failed ? `${line}, ${failed} failed` : line;
  },
  outOfOrder: (at) => `--thread needs records in time order: purchase.purchasedAt ${at} is before the record before it`,
  overflow: (count) => `rx-followup: ${count} contact(s) could not be assigned (overflow)`,
  cannotWrite: (reason) => `rx-followup: cannot write the output: ${reason}`,
  failure: (message) => `rx-followup: ${message}`,
  invalidInput: (n) => `the input is not valid (${n} ${plural(n, 'problem', 'problems')})`,
  colon: ': ',
};

const ZH_CN: CliWords = {
  lineAt: (line, column) => `第 ${line} 行${column === undefined ? '' : `第 ${column} 列`}`,
  recordAt: (line, column) => `${ZH_CN.lineAt(line, column)}的记录`,
  recordProblem: (problem) => sayText(problem, 'zh-CN'),
  warning: (text) => `rx-followup：警告：${text}`,
  noRecords: 'rx-followup：警告：输入中没有记录',
  summary: (planned, failed, touchpoints, seconds) =>
    `rx-followup：已规划 ${planned} 条，失败 ${failed} 条，共 ${touchpoints} 个触达，用时 ${seconds.toFixed(1)} 秒`,
  progress: (records, rate, seconds, share, failed) => {
    let line = `${records} 条记录，每秒 ${rate.toFixed(0)} 条，${seconds.toFixed(1)} 秒`;
    if (share)
      line += `，已读 ${share.total} 的 ${share.percent.toFixed(0)}%${share.eta === undefined ? '' : `，约剩 ${share.eta.toFixed(0)} 秒`}`;
    return failed ? `${line}，失败 ${failed} 条` : line;
  },
  outOfOrder: (at) => `--thread 要求记录按时间顺序排列：purchase.purchasedAt ${at} 早于前一条记录`,
  overflow: (count) => `rx-followup：有 ${count} 个联系无法分配（溢出）`,
  cannotWrite: (reason) => `rx-followup：无法写出输出：${reason}`,
  failure: (message) => `rx-followup：${message}`,
  invalidInput: (n) => `输入无效（${n} 处问题）`,
  colon: '：',
};

/** The CLI's running words in `locale`. */
export function cliWords(locale: Locale): CliWords {
  return locale === 'zh-CN' ? ZH_CN : EN;
}
