/**
 * A plan's texts from its data: the reasons, suppression and supersede reasons, warnings and purpose labels of a
 * data-only plan (or of a plan in another locale), rendered as `plan()` renders them — the same keys in the same
 * order, so a data-only plan rendered later is the plan a text planner gives.
 */
import { LOCALES, type Locale } from '../i18n/explanation.js';
import { issue } from '../i18n/issues.js';
import { Renderer } from '../i18n/render.js';
import { NO_NAMES, type Names } from '../i18n/words.js';
import { InputError, RuleSetError } from '../errors.js';
import { validateRuleSet } from '../rules/validate.js';
import type { RuleSetInput } from '../schema/ruleset.js';
import { namesOf } from './names.js';
import type { AnyPlan, FollowUpPlan, SuppressedContact, Touchpoint } from './types.js';

/** Options of {@link renderPlan}. */
export interface RenderPlanOptions {
  /** The language of the texts: `'en'` (default) or `'zh-CN'`. */
  readonly locale?: Locale;
  /**
   * The rule set the plan was made with, when it gives rules or purposes display names (`names`, `purposes`): the
   * texts then use them, as the planner did. Without it, rules are cited by id and purposes by their built-in words.
   */
  readonly ruleSet?: RuleSetInput;
}

/** `obj` with `key` set to `value`: in its place when it has the key, else just before `before` (else at the end). */
function withKey<T extends object>(obj: T, key: string, value: unknown, before: string): T {
  const out: Record<string, unknown> = {};
  const has = Object.hasOwn(obj, key);
  let placed = false;
  for (const [k, v] of Object.entries(obj)) {
    // A stored plan read from JSON may hold a "__proto__" key: no plan field, and never a prototype here.
    if (k === '__proto__') continue;
    if (k === before && !has) {
      out[key] = value;
      placed = true;
    }
    out[k] = k === key ? value : v;
  }
  if (!has && !placed) out[key] = value;
  return out as T;
}

/** The touchpoint (or suppressed candidate) with its label and reasons in `r`'s words. */
function contactTexts<T extends { purpose: string; label: string; explanations: Touchpoint['explanations'] }>(
  tp: T,
  r: Renderer,
): T {
  return withKey(
    withKey(tp, 'label', r.words.purpose(tp.purpose), 'due'),
    'reasons',
    r.renderAll(tp.explanations),
    'explanations',
  );
}

/** A plan's texts rendered by `r` (internal: the planner's renderer). */
export function renderPlanWith(plan: AnyPlan, r: Renderer): FollowUpPlan {
  const touchpoints = plan.touchpoints.map((tp) => contactTexts(tp as Touchpoint, r));
  const suppressed = plan.suppressed.map((s) =>
    withKey(
      { ...s, candidate: contactTexts(s.candidate as SuppressedContact['candidate'], r) },
      'reason',
      r.renderWithDetails(s.explanations),
      'explanations',
    ),
  );
  const supersedes = plan.supersedes.map((s) =>
    withKey(s, 'reason', r.renderWithDetails(s.explanations), 'explanations'),
  );
  const warnings = plan.warningExplanations.map((w) => r.render(w));
  return withKey(
    { ...plan, touchpoints, suppressed, supersedes } as FollowUpPlan,
    'warnings',
    warnings,
    'warningExplanations',
  );
}

/**
 * Adds the texts to a stored plan: its reasons, the reasons of what it suppresses and supersedes, its warnings and
 * its purpose labels, rendered from the plan's data (`explanations`, `warningExplanations`) in `locale`. A plan of
 * `createPlanner({ reasons: 'data' })` rendered in the planner's locale is the plan `reasons: 'text'` gives, key for
 * key; a plan with texts is rendered again (in another locale, say). The plan given is not changed.
 *
 * @throws {InputError} for a locale that is not one of `'en'`, `'zh-CN'`.
 * @throws {RuleSetError} for an invalid `ruleSet`.
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet, renderPlan } from 'rx-followup';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet, reasons: 'data' });
 * const plan = await planner.plan({
 *   customer: { id: 'c1', membership: { tier: 'regular', registeredAt: '2024-09-01T09:00:00+08:00' }, contact: { phone: '13800001001' } },
 *   purchase: { id: 'p1', customerId: 'c1', purchasedAt: '2026-03-02T10:00:00+08:00', items: [{ drugCode: 'LORA-10', quantity: 1 }] },
 *   courses: [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }],
 * });
 * console.log('reasons' in plan.touchpoints[0]!); // false
 * console.log(renderPlan(plan, { locale: 'zh-CN', ruleSet: defaultRuleSet }).touchpoints[0]!.reasons.length > 0); // true
 * ```
 */
export function renderPlan(plan: AnyPlan, options: RenderPlanOptions = {}): FollowUpPlan {
  const locale = options.locale ?? 'en';
  if (!(LOCALES as readonly unknown[]).includes(locale))
    throw new InputError([issue('locale', 'not-one-of', { values: [...LOCALES] })], 'Invalid render options');
  let names: Names = NO_NAMES;
  if (options.ruleSet !== undefined) {
    const check = validateRuleSet(options.ruleSet, locale);
    if (!check.ok) throw new RuleSetError(check.issues, locale);
    names = namesOf(check.ruleSet);
  }
  return renderPlanWith(plan, new Renderer(locale, names));
}
