/** Reasons as data: a message code and its parameters, rendered per locale when the plan is finished. */
import type { ReasonCode, ReasonParams } from './reason-params.js';

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

/**
 * An explanation: its code and the params that code's messages read (`reason-params.ts`); `params` may be shared
 * (they are never changed after).
 */
export function explain<C extends ReasonCode>(
  code: C,
  params: ReasonParams[C] = NO_PARAMS as ReasonParams[C],
  ruleId?: string | null,
): Explanation {
  const data = params as ExplanationParams;
  return ruleId === undefined || ruleId === null ? { code, params: data } : { code, params: data, ruleId };
}

/**
 * Copies `source`'s params onto `target` and returns it: a plain loop, not a spread — spreading the differently shaped
 * param objects of reasons made V8 fall back to slow paths in the planner's hottest loops (2× slower plans).
 */
export function addParams<T extends object, S extends object>(target: T, source: S): T & S {
  const into = target as Record<string, unknown>;
  const from = source as Readonly<Record<string, unknown>>;
  for (const key in from) into[key] = from[key];
  return target as T & S;
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
