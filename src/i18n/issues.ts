/**
 * Issues by code: made with their params and the English message, said again in another locale from the code. The
 * issues zod reports by its own codes (`invalid_type`, …) are said by zod's catalogue of that locale when parsed.
 */
import type { Catalogues } from './catalogue.js';
import type { Locale } from './explanation.js';
import type { Coded, IssueCode, IssueParams, JsonScalar } from './issue-codes.js';
import { didYouMeanEn, ISSUES_EN } from './issues-en.js';
import { didYouMeanZhCn, ISSUES_ZH_CN } from './issues-zh-cn.js';

const CATALOGUES: Catalogues<IssueParams> = { en: ISSUES_EN, 'zh-CN': ISSUES_ZH_CN };
const DID_YOU_MEAN: Readonly<Record<Locale, (s: JsonScalar) => string>> = { en: didYouMeanEn, 'zh-CN': didYouMeanZhCn };

/** Whether `code` is one of rx-followup's own issue codes (issue-codes.ts). */
export const isIssueCode = (code: string): code is IssueCode => Object.prototype.hasOwnProperty.call(ISSUES_EN, code);

/** The params argument of a code: optional when the code needs none. */
export type ParamsArg<C extends IssueCode> =
  Record<string, never> extends IssueParams[C] ? [params?: IssueParams[C]] : [params: IssueParams[C]];

/** The message of one of our codes in `locale`, with its "did you mean" when the params name one. */
export function sayIssue<C extends IssueCode>(code: C, params: IssueParams[C], locale: Locale): string {
  const text = (CATALOGUES[locale][code] as (p: IssueParams[C]) => string)(params);
  const suggestion = (params as { suggestion?: JsonScalar }).suggestion;
  return suggestion === undefined ? text : text + DID_YOU_MEAN[locale](suggestion);
}

/** An issue of ours at `path`: its code, its params, and its message in English. */
export function issue<C extends IssueCode>(path: string, code: C, ...[params]: ParamsArg<C>): OwnIssue<C> {
  return issueWith(path, code, (params ?? {}) as IssueParams[C]);
}

/** {@link issue} with its params always given (where a code is passed on). */
export function issueWith<C extends IssueCode>(path: string, code: C, params: IssueParams[C]): OwnIssue<C> {
  return { path, code, params, message: sayIssue(code, params, 'en') };
}

/** A code and its params, placed at `path`. */
export const issueAt = (path: string, found: Coded): OwnIssue =>
  issueWith(path, found.code, found.params as IssueParams[IssueCode]);

/** An issue with one of our codes; without `C`, any of them, narrowed by `code` (`params` typed with it). */
export type OwnIssue<C extends IssueCode = IssueCode> = {
  [K in C]: { readonly path: string; readonly code: K; readonly params: IssueParams[K]; readonly message: string };
}[C];

/**
 * The message of an issue in `locale`: said again from its code and params when it is one of ours (an ERP that stores
 * issues can show them in the staff's language later); else as it was given (zod's own codes are said in the locale
 * the input was parsed in, text read from files in the locale it was read in).
 *
 * @example
 * ```ts
 * import { InputError, issueMessage, parsePlanInput } from 'rx-followup';
 *
 * try {
 *   parsePlanInput({ customer: { id: 'c', contact: {} }, purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00Z', items: [] }, courses: [] });
 * } catch (error) {
 *   const [first] = (error as InputError).issues;
 *   console.log(first?.code, issueMessage(first!, 'zh-CN')); // list-empty 至少要有一种药品
 * }
 * ```
 */
export function issueMessage(
  i: { readonly code: string; readonly params: unknown; readonly message: string },
  locale: Locale,
): string {
  // Ours are said from their code in any locale, English too (an issue may have been made in Chinese).
  return isIssueCode(i.code) ? sayIssue(i.code, i.params as IssueParams[IssueCode], locale) : i.message;
}
