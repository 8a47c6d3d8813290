/**
 * rx-followup: plans the follow-up contacts (回访) a pharmacy owes its customers,
 * from declarative JSON rules, deterministically.
 *
 * @packageDocumentation
 */
export { createPlanner } from './planner.js';
export type { Planner, PlannerOptions, PlanManyResult, PlanReasons } from './planner.js';
export { renderPlan, type RenderPlanOptions } from './plan/render-plan.js';
export type { EvaluatorKind } from './plan/compile.js';
export type {
  AnyPlan,
  Channel,
  FollowUpPlan,
  FollowUpPlanData,
  SuppressedContact,
  SuppressedContactData,
  Touchpoint,
  TouchpointData,
  TouchpointKind,
  Urgency,
} from './plan/types.js';
export type { DisplayNames, Explanation, ExplanationParams, Locale } from './i18n/explanation.js';
export type {
  Assignment,
  OverflowEntry,
  StaffMember,
  WorkDay,
  Worklist,
  WorklistDay,
  WorklistOptions,
  WorklistPlan,
  WorklistPlanField,
} from './worklist/types.js';
export { summarizeWorklist } from './worklist/summary.js';
export type { WorklistSummary, WorklistSummaryRow } from './worklist/summary.js';
export { maskPhone } from './worklist/text.js';
export { defaultRuleSet } from './rules/default-rules.js';
export { validateRuleSet } from './rules/validate.js';
export { defineRule, defineRuleSet } from './rules/define.js';
export type { RuleSetValidation } from './rules/validate.js';
export { ruleSetHash, canonicalJson } from './rules/canonical.js';
export { InputError, RuleSetError, RxFollowupError, formatIssues } from './errors.js';
export type { ErrorSummary, Issue, ZodCodedIssue, ZodIssueCode } from './errors.js';
export { issueMessage, type OwnIssue } from './i18n/issues.js';
export type { IssueCode, IssueParams, JsonScalar, ListNoun } from './i18n/issue-codes.js';
export type { LookAlike, TextIssue, TextIssueCode, TextIssueParams } from './i18n/text-issue-codes.js';
export { parsePlanInput } from './schema/parse-input.js';
export { parseReplanInput, ReplanInputSchema } from './schema/replan-input.js';
export type { ReplanInput, ParsedReplanInput } from './schema/replan-input.js';
export {
  ContactRecordSchema,
  CustomerHistorySchema,
  CustomerProfileSchema,
  DrugCourseSchema,
  IncidentSchema,
  PlanInputSchema,
  PurchaseSchema,
  WindowSchema,
} from './schema/input.js';
export type {
  ContactRecord,
  CustomerHistory,
  CustomerProfile,
  DrugCourse,
  Incident,
  ParsedPlanInput,
  PlanInput,
  Purchase,
  Window,
} from './schema/input.js';
export {
  BlackoutParamsSchema,
  CadenceParamsSchema,
  CalendarSchema,
  CallWindowParamsSchema,
  CapParamsSchema,
  ChannelPolicyParamsSchema,
  EscalationParamsSchema,
  EventSchema,
  RetryParamsSchema,
  RuleFileSchema,
  RuleSchema,
} from './schema/ruleset.js';
export type {
  BlackoutParams,
  Calendar,
  CadenceParams,
  CallWindowParams,
  CapParams,
  ChannelPolicyParams,
  EscalationParams,
  RetryParams,
  Rule,
  RuleEvent,
  RuleFile,
  RuleInput,
  RuleSet,
  RuleSetInput,
  AllConditions,
  AnyConditions,
  ConditionReference,
  FactCondition,
  NestedCondition,
  NotConditions,
  TopLevelCondition,
} from './schema/ruleset.js';
export { FACT_DOMAINS, FACT_SHAPES, type FieldDomain } from './facts/vocabulary.js';
