import { coverageOf, type CalendarCoverage } from '../calendar/coverage.js';
import { dateEpochDay } from '../calendar/local-date.js';
import type { Duration } from '../calendar/duration.js';
import { compileEvent, rulesByStage, stageOf, type CompiledRule, type RulesByStage } from '../events/index.js';
import { mustParse, type CompileContext } from '../events/event-module.js';
import { ruleSetHash } from '../rules/canonical.js';
import {
  compareRules,
  createCompiledEvaluator,
  createEngineEvaluator,
  type RuleEvaluator,
  type SyncRuleEvaluator,
} from '../rules/evaluator.js';
import type { RuleSet } from '../schema/ruleset.js';

// The compiled form of each event type lives with the rest of that type (src/events/).
export type { BlackoutRule } from '../events/blackout.js';
export type { CadenceRule } from '../events/cadence.js';
export type { CompiledWindow, WindowRule, WindowUse } from '../events/call-window.js';
export type { CapRule } from '../events/cap.js';
export type { ChannelPolicyRule } from '../events/channel-policy.js';
export type { EscalationRule } from '../events/escalation.js';
export type { CompiledRule };
export { compileWindows as compileCustomerWindows } from '../events/call-window.js';

/** A validated rule set made ready to plan with: parsed once per planner. */
export interface CompiledRuleSet {
  /** The validated rule set, defaults filled in. */
  readonly ruleSet: RuleSet;
  /** Its canonical hash, as every plan names it. */
  readonly hash: string;
  /** The zone of customers without one (`defaults.timeZone`). */
  readonly defaultZone: string;
  /** How far after the purchase a plan reaches (`defaults.horizon`, parsed). */
  readonly horizon: Duration;
  /** The enabled rules, compiled by their event modules, by id. */
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** The rules of the cadence stage, by id (each event type's module names the stage that reads it). */
  readonly cadences: RulesByStage['cadence'];
  /** The rules of the escalation stage, by id. */
  readonly escalations: RulesByStage['escalation'];
  /** The rules of the policy stage (call windows, blackouts, channel policies, caps, retries), in rule order. */
  readonly policyRules: readonly CompiledRule[];
  /** Rules evaluated once per purchase line (every stage's but the escalations'). */
  readonly lineEvaluator: RuleEvaluator | SyncRuleEvaluator;
  /** Escalation rules, evaluated once per incident. */
  readonly incidentEvaluator: RuleEvaluator | SyncRuleEvaluator;
  /** The days each calendar knows, by name (calendars without a date and without a declared coverage: none). */
  readonly coverage: ReadonlyMap<string, CalendarCoverage>;
}

export type { CalendarCoverage };

/** How rule conditions are evaluated: compiled functions (default) or json-rules-engine itself. */
export type EvaluatorKind = 'compiled' | 'json-rules-engine';

/** What event modules compile with: the rule set, and each calendar's make-up workdays expanded once. */
export function compileContext(ruleSet: RuleSet): CompileContext {
  const workdays = new Map<string, ReadonlySet<number>>();
  const workdaysOf = (name: string): ReadonlySet<number> => {
    let set = workdays.get(name);
    if (set === undefined) {
      set = new Set((ruleSet.calendars[name]?.workdays ?? []).map(dateEpochDay));
      workdays.set(name, set);
    }
    return set;
  };
  return { ruleSet, workdaysOf };
}

/** Compiles a validated rule set: durations parsed, windows in minutes, evaluators built. */
export function compileRuleSet(ruleSet: RuleSet, evaluator: EvaluatorKind = 'compiled'): CompiledRuleSet {
  const create = evaluator === 'compiled' ? createCompiledEvaluator : createEngineEvaluator;
  const enabled = ruleSet.rules.filter((r) => r.enabled).sort(compareRules);
  const rules = new Map<string, CompiledRule>();
  const ctx = compileContext(ruleSet);
  for (const rule of enabled) rules.set(rule.id, compileEvent(rule, ctx));
  const byStage = rulesByStage(rules.values());
  return {
    ruleSet,
    hash: ruleSetHash(ruleSet),
    defaultZone: ruleSet.defaults.timeZone,
    horizon: mustParse(ruleSet.defaults.horizon),
    rules,
    cadences: byStage.cadence,
    escalations: byStage.escalation,
    policyRules: byStage.policy,
    lineEvaluator: create(enabled.filter((r) => stageOf(r.event.type) !== 'escalation')),
    incidentEvaluator: create(enabled.filter((r) => stageOf(r.event.type) === 'escalation')),
    coverage: new Map(
      Object.entries(ruleSet.calendars).flatMap(([name, calendar]) => {
        const coverage = coverageOf(name, calendar);
        return coverage === null ? [] : [[name, coverage] as const];
      }),
    ),
  };
}
