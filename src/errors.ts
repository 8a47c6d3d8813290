import type { Locale } from './i18n/explanation.js';
import type { Catalogues } from './i18n/catalogue.js';
import { plural } from './i18n/plural.js';
import { issueMessage, type OwnIssue } from './i18n/issues.js';
import type { TextIssue } from './i18n/text-issue-codes.js';

/** The codes zod reports in its own words (a type it did not expect, a value out of its range, …). */
export type ZodIssueCode =
  | 'invalid_type'
  | 'too_big'
  | 'too_small'
  | 'invalid_format'
  | 'not_multiple_of'
  | 'unrecognized_keys'
  | 'invalid_union'
  | 'invalid_key'
  | 'invalid_element'
  | 'invalid_value'
  | 'custom';

/** A problem zod found in its own words: its code and the values it reported (`expected`, `maximum`, `values`, …). */
export interface ZodCodedIssue {
  readonly path: string;
  readonly code: ZodIssueCode;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: string;
}

/**
 * One problem found in an input or a rule set: its `code` and the `params` its message is made from (docs/issues.md
 * lists them), and the `message` in the locale asked for.
 *
 * `path` is dotted with indexes (`purchase.items[0].quantity`,
 * `rules[3].event.params.offsets[1]`) and, when the rule set was loaded from
 * disk, starts with the file name (`rules/cadence.json: rules[2].event.type`).
 * Narrow on `code` to read `params` typed: `if (issue.code === 'too-big') issue.params.max`.
 */
export type Issue = OwnIssue | ZodCodedIssue | TextIssue;

const SHOWN_IN_MESSAGE = 5;

/** What an error says was invalid, in English: each one has its Chinese below (a new one without does not compile). */
export type ErrorSummary =
  | 'Invalid plan input'
  | 'Invalid replan input'
  | 'Invalid rule set'
  | 'Invalid rule files'
  | 'Invalid worklist input'
  | 'Invalid planner options'
  | 'Invalid render options'
  | 'Invalid lint options'
  | 'Invalid rule files check options'
  | 'Invalid plans to compare'
  | 'Invalid blackoutDays arguments';

const ZH_CN_SUMMARIES: Readonly<Record<ErrorSummary, string>> = {
  'Invalid plan input': '计划输入无效',
  'Invalid replan input': '重新规划的输入无效',
  'Invalid rule set': '规则集无效',
  'Invalid rule files': '规则文件无效',
  'Invalid worklist input': '工作清单输入无效',
  'Invalid planner options': '规划器选项无效',
  'Invalid render options': '渲染选项无效',
  'Invalid lint options': '检查选项无效',
  'Invalid rule files check options': '规则文件检查选项无效',
  'Invalid plans to compare': '要比较的计划无效',
  'Invalid blackoutDays arguments': 'blackoutDays 的参数无效',
};

/** The words of an error around its issues, by code: its first line, and how many more issues it does not show. */
interface ErrorWordParams {
  heading: { summary: ErrorSummary; count: number };
  more: { count: number };
}
const ERROR_WORDS: Catalogues<ErrorWordParams> = {
  en: {
    heading: ({ summary, count }) => `${summary} (${count} ${plural(count, 'problem', 'problems')}):`,
    more: ({ count }) => `… and ${count} more`,
  },
  'zh-CN': {
    heading: ({ summary, count }) => `${ZH_CN_SUMMARIES[summary]}（${count} 个问题）：`,
    more: ({ count }) => `……另有 ${count} 个问题`,
  },
};

/**
 * Formats issues one per line as `path: message`, the first `limit` of them,
 * then how many more there are.
 *
 * @example
 * ```ts
 * import { formatIssues } from 'rx-followup';
 *
 * console.log(formatIssues([{ path: 'purchase.items', message: 'must not be empty' }]));
 * // purchase.items: must not be empty
 * ```
 */
export function formatIssues(
  issues: readonly Pick<Issue, 'path' | 'message'>[],
  limit = Number.POSITIVE_INFINITY,
  locale: Locale = 'en',
): string {
  const lines = issues.slice(0, limit).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  if (issues.length > limit) lines.push(ERROR_WORDS[locale].more({ count: issues.length - limit }));
  return lines.join('\n');
}

/**
 * The base class of every error `rx-followup` throws on purpose.
 * Catch it to tell our typed errors from bugs.
 *
 * @example
 * ```ts
 * import { parsePlanInput, RxFollowupError } from 'rx-followup';
 *
 * try {
 *   parsePlanInput({});
 * } catch (error) {
 *   if (error instanceof RxFollowupError) console.log(error.name, error.issues.length); // InputError 3
 * }
 * ```
 */
export class RxFollowupError extends Error {
  override readonly name: string = 'RxFollowupError';
  /** Every problem found, each with its path. */
  readonly issues: readonly Issue[];

  /** `locale` `'zh-CN'` gives the summary and rx-followup's own messages in Chinese (paths stay as they are). */
  constructor(summary: ErrorSummary, given: readonly Issue[], locale: Locale = 'en') {
    const issues = locale === 'en' ? given : given.map((i) => ({ ...i, message: issueMessage(i, locale) }) as Issue);
    const heading = ERROR_WORDS[locale].heading({ summary, count: issues.length });
    super(`${heading}\n${formatIssues(issues, SHOWN_IN_MESSAGE, locale)}`);
    this.issues = Object.freeze(
      issues.map(
        (i) =>
          Object.freeze({ path: i.path, code: i.code, params: Object.freeze(i.params), message: i.message }) as Issue,
      ),
    );
  }
}

/**
 * Thrown by `plan()` when the input is not valid: it lists every problem with
 * its path, and no plan is produced.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet, InputError } from 'rx-followup';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * try {
 *   await planner.plan({ customer: { id: 'c', contact: {} }, purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05 10:00', items: [] }, courses: [] });
 * } catch (error) {
 *   if (error instanceof InputError) console.error(error.issues); // purchase.purchasedAt and purchase.items, with messages
 * }
 * ```
 */
export class InputError extends RxFollowupError {
  override readonly name = 'InputError';

  /** `summary` names what was invalid: a plan input (default), or a worklist's plans and options. */
  constructor(issues: readonly Issue[], summary: ErrorSummary = 'Invalid plan input', locale: Locale = 'en') {
    super(summary, issues, locale);
  }
}

/**
 * Thrown by `createPlanner` (and `loadRuleSet`) when a rule set is not valid:
 * it lists every problem with its path.
 *
 * @example
 * ```ts
 * import { createPlanner, RuleSetError } from 'rx-followup';
 *
 * try {
 *   createPlanner({ ruleSet: { id: 'mine', rules: [] } });
 * } catch (error) {
 *   if (error instanceof RuleSetError) console.error(error.issues); // [{ path: 'version', message: 'the rule set needs a version …' }]
 * }
 * ```
 */
export class RuleSetError extends RxFollowupError {
  override readonly name = 'RuleSetError';

  constructor(issues: readonly Issue[], locale: Locale = 'en') {
    super('Invalid rule set', issues, locale);
  }
}

/** Internal invariant check: a failure is a bug in rx-followup, not bad input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`rx-followup internal error: ${message}`);
}
