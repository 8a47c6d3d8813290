/** Reasons as data: a message code and its parameters, rendered per locale when the plan is finished. */

/** A locale reasons, labels and errors are given in: `'en'` (default) or `'zh-CN'`. */
export type Locale = 'en' | 'zh-CN';
/** Every {@link Locale}. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** A name per locale, as rule files give purposes and rules (`{ "en": "medication check", "zh-CN": "用药回访" }`). */
export type DisplayNames = { readonly [L in Locale]?: string | undefined };

/** The parameters of a message: instants as ISO-8601 with offset, dates as `YYYY-MM-DD`, durations as ISO-8601. */
export type ExplanationParams = Record<string, string | number>;

/**
 * One reason, warning or suppression as data: `code` names the message (docs/reasons.md lists them), `params` fill
 * it, `ruleId` is the rule it cites. The plan's `reasons` are these rendered in the planner's locale.
 */
export interface Explanation {
  code: string;
  params: ExplanationParams;
  ruleId?: string;
}

const NO_PARAMS: ExplanationParams = Object.freeze({}) as ExplanationParams;

/** An explanation; `params` may be shared (they are never changed after). */
export function explain(code: string, params: ExplanationParams = NO_PARAMS, ruleId?: string | null): Explanation {
  return ruleId === undefined || ruleId === null ? { code, params } : { code, params, ruleId };
}

/**
 * Copies `source`'s params onto `target` and returns it: a plain loop, not a spread — spreading the differently shaped
 * param objects of reasons made V8 fall back to slow paths in the planner's hottest loops (2× slower plans).
 */
export function addParams(target: ExplanationParams, source: Readonly<ExplanationParams>): ExplanationParams {
  for (const key in source) target[key] = source[key] as string | number;
  return target;
}

/** Whether two explanations say the same: code, rule and every param alike. */
export function sameExplanation(a: Explanation, b: Explanation): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.ruleId !== b.ruleId) return false;
  let n = 0;
  for (const key in a.params) {
    if (a.params[key] !== b.params[key]) return false;
    n++;
  }
  for (const _ in b.params) n--;
  return n === 0;
}

/** The same explanation, said of one purpose of a merged contact (`of` lists the purposes, outermost first). */
export function nested(e: Explanation, purpose: string): Explanation {
  const of = e.params.of;
  const params = addParams({}, e.params);
  params.of = of === undefined ? purpose : `${purpose}/${String(of)}`;
  return e.ruleId === undefined ? { code: e.code, params } : { code: e.code, params, ruleId: e.ruleId };
}
