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
import type { CheckContext, CompileContext, EventModule } from './event-module.js';
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
