/**
 * The analysts' workbench (browser-safe, like the core): `lintRuleSet`, warnings for what validates but cannot be
 * meant, and `diffPlans`, what a rule change does to a plan. An entry point of its own, so that planners that do
 * not need them do not carry them.
 *
 * @packageDocumentation
 */
export { lintRuleSet } from './lint.js';
export type { LintCheck, LintParams, LintWarning } from './lint.js';
export type { Contradiction, NeverHolds, NeverHoldsAlone, NeverHoldsPair } from './never-holds.js';
export { diffPlans, addToTotals, newDiffTotals } from './plan-diff.js';
export type { DiffContact, DiffTotals, PlanDiff } from './plan-diff.js';
export { checkRuleFiles } from './rule-files.js';
export type { RuleFileFinding, RuleFileText, RuleFilesCheck } from './rule-files.js';
export { blackoutDays, MAX_BLACKOUT_DAYS } from './blackout-days.js';
export type { BlackoutDay } from './blackout-days.js';
export type { BlackoutWhy } from '../events/blackout.js';
export type { WhyParams } from '../i18n/reason-params.js';
export { parseInputText, MAX_PASTED_INPUTS } from './input-text.js';
export type { InputText } from './input-text.js';
