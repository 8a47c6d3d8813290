/**
 * The registry of what each event type promises of a plan, beside the registry of the types themselves (index.ts):
 * a type without an invariant does not compile. Only the invariant checker (`rx-followup/testing`) imports it.
 */
import { blackoutInvariant } from './blackout.invariant.js';
import { cadenceInvariant } from './cadence.invariant.js';
import { callWindowInvariant } from './call-window.invariant.js';
import { capInvariant } from './cap.invariant.js';
import { channelPolicyInvariant } from './channel-policy.invariant.js';
import { escalationInvariant } from './escalation.invariant.js';
import { retryInvariant } from './retry.invariant.js';
import type { EVENT_MODULES } from './index.js';
import type { PlanCheckContext, PlanInvariant, RuleOfType } from './plan-invariant.js';
import type { Rule } from '../schema/ruleset.js';

type EventType = keyof typeof EVENT_MODULES;

export const PLAN_INVARIANTS: { readonly [K in EventType]: PlanInvariant<K> } = {
  cadence: cadenceInvariant,
  'call-window': callWindowInvariant,
  blackout: blackoutInvariant,
  escalation: escalationInvariant,
  'channel-policy': channelPolicyInvariant,
  cap: capInvariant,
  retry: retryInvariant,
};

/** Runs every event type's invariant over the rules of its type that hold for the input, in registry order. */
export function checkEventInvariants(applicable: readonly Rule[], ctx: PlanCheckContext): void {
  for (const type of Object.keys(PLAN_INVARIANTS) as EventType[]) {
    const rules = applicable.filter((r) => r.event.type === type) as RuleOfType<typeof type>[];
    (PLAN_INVARIANTS[type] as PlanInvariant<typeof type>)(rules, ctx);
  }
}
