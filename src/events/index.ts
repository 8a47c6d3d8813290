/**
 * The registry of event types: validation checks each rule with its type's module, compilation compiles it with the
 * same. The event schema (`EventSchema`) lists the same types, and a test holds the two lists to each other.
 */
import { blackoutEvent, type BlackoutRule } from './blackout.js';
import { cadenceEvent, type CadenceRule } from './cadence.js';
import { callWindowEvent, type WindowRule } from './call-window.js';
import { capEvent, type CapRule } from './cap.js';
import { channelPolicyEvent, type ChannelPolicyRule } from './channel-policy.js';
import { escalationEvent, type EscalationRule } from './escalation.js';
import type { CheckContext, CompileContext, EventModule, PlanStage } from './event-module.js';
import { retryEvent, type RetryRule } from './retry.js';

/** Every event type, by its name in rule files. */
export const EVENT_MODULES = {
  cadence: cadenceEvent,
  'call-window': callWindowEvent,
  blackout: blackoutEvent,
  escalation: escalationEvent,
  'channel-policy': channelPolicyEvent,
  cap: capEvent,
  retry: retryEvent,
} as const;

/** The event types' names, in the order rule files and docs list them. */
export const EVENT_TYPES = Object.keys(EVENT_MODULES) as (keyof typeof EVENT_MODULES)[];

/** A compiled rule of any event type. */
export type CompiledRule =
  WindowRule | BlackoutRule | CadenceRule | EscalationRule | ChannelPolicyRule | CapRule | RetryRule;

/** The module of an event type; its params have passed that type's schema. */
function moduleOf(type: keyof typeof EVENT_MODULES): EventModule<string, unknown, CompiledRule> {
  return EVENT_MODULES[type] as unknown as EventModule<string, unknown, CompiledRule>;
}

/** Checks a rule's event with its type's module. */
export function checkEvent(event: { type: keyof typeof EVENT_MODULES; params: unknown }, ctx: CheckContext): void {
  moduleOf(event.type).check(event.params, ctx);
}

/** Compiles a rule with its event type's module. */
export function compileEvent(
  rule: { id: string; priority: number; event: { type: keyof typeof EVENT_MODULES; params: unknown } },
  ctx: CompileContext,
): CompiledRule {
  return moduleOf(rule.event.type).compile(rule, rule.event.params, ctx);
}

/** The stage of a plan that reads an event type's rules (its module says). */
export const stageOf = (type: keyof typeof EVENT_MODULES): PlanStage => EVENT_MODULES[type].stage;

/** A rule set's compiled rules by the stage of a plan that reads them (each event type's module names its stage). */
export interface RulesByStage {
  /** The cadence stage's rules, by id: each line's routine contacts. */
  readonly cadence: ReadonlyMap<string, CadenceRule>;
  /** The escalation stage's rules, by id: evaluated once per incident. */
  readonly escalation: ReadonlyMap<string, EscalationRule>;
  /** The policy stage's rules (windows, blackouts, channel policies, caps, retries), in rule order. */
  readonly policy: readonly CompiledRule[];
}

/** Sorts compiled rules (in rule order) out by the stage that reads them. */
export function rulesByStage(rules: Iterable<CompiledRule>): RulesByStage {
  const cadence = new Map<string, CadenceRule>();
  const escalation = new Map<string, EscalationRule>();
  const policy: CompiledRule[] = [];
  for (const rule of rules) {
    // Only the cadence module reads in the cadence stage, only the escalation module in the escalation stage (a test
    // in events.test.ts holds the registry to it): the casts name what the module compiles.
    const stage = stageOf(rule.type);
    if (stage === 'cadence') cadence.set(rule.id, rule as CadenceRule);
    else if (stage === 'escalation') escalation.set(rule.id, rule as EscalationRule);
    else policy.push(rule);
  }
  return { cadence, escalation, policy };
}

/** The event types whose rules are the plan's policy. */
type PolicyType = Exclude<keyof PolicyInForce, 'shownIds'>;

/** The policy rules in force for one plan, by event type (each list in rule order). */
export interface PolicyInForce {
  readonly 'call-window': WindowRule[];
  readonly blackout: BlackoutRule[];
  readonly 'channel-policy': ChannelPolicyRule[];
  readonly cap: CapRule[];
  readonly retry: RetryRule[];
  /** The ids the plan names in `policy.ruleIds`: the rules of the types whose module shows them. */
  readonly shownIds: string[];
}

/** The policy rules of `rules` (in rule order) that `inForce` holds, sorted out by their event type. */
export function policyInForce(rules: readonly CompiledRule[], inForce: (id: string) => boolean): PolicyInForce {
  const out: PolicyInForce = {
    'call-window': [],
    blackout: [],
    'channel-policy': [],
    cap: [],
    retry: [],
    shownIds: [],
  };
  for (const rule of rules) {
    if (stageOf(rule.type) !== 'policy' || !inForce(rule.id)) continue;
    (out[rule.type as PolicyType] as CompiledRule[]).push(rule);
    if (EVENT_MODULES[rule.type].shownInPolicy === true) out.shownIds.push(rule.id);
  }
  return out;
}
