/** The `escalation` event: an urgent contact after an incident report. */
import { z } from 'zod';
import { approxDays, type Duration } from '../calendar/duration.js';
import { duration, purpose } from '../schema/common.js';
import { checkBounded, mustParse, type EventModule, type CompiledRuleOf } from './event-module.js';

/**
 * Parameters of an `escalation` event: an urgent contact after an incident report.
 *
 * @example
 * ```ts
 * import { EscalationParamsSchema } from 'rx-followup';
 *
 * console.log(EscalationParamsSchema.safeParse({ channel: 'phone', urgency: 'critical', purpose: 'wrong-drug-recall', start: 'urgent-hours', deadline: 'PT12H' }).success); // true
 * ```
 */
export const EscalationParamsSchema = z.strictObject({
  channel: z.enum(['phone', 'home-visit']),
  urgency: z.enum(['critical', 'high']),
  purpose,
  start: z.enum(['report', 'urgent-hours']),
  deadline: duration(),
  duration: duration().optional(),
});

/** Params of an `escalation` event. */
export type EscalationParams = z.output<typeof EscalationParamsSchema>;

/** An escalation rule, compiled. */
export interface EscalationRule extends CompiledRuleOf<'escalation', EscalationParams> {
  readonly deadline: Duration;
  readonly duration: Duration | null;
}

export const escalationEvent: EventModule<'escalation', EscalationParams, EscalationRule> = {
  type: 'escalation',
  params: EscalationParamsSchema,
  check(params, ctx) {
    if (approxDays(params.deadline) <= 0) ctx.issue('event.params.deadline', 'must be longer than zero');
    if (params.duration !== undefined && approxDays(params.duration) <= 0) ctx.issue('event.params.duration', 'must be longer than zero');
    checkBounded(ctx, params.deadline, 'event.params.deadline');
    checkBounded(ctx, params.duration, 'event.params.duration');
  },
  compile(rule, params) {
    return {
      type: 'escalation',
      id: rule.id,
      priority: rule.priority,
      params,
      deadline: mustParse(params.deadline),
      duration: params.duration === undefined ? null : mustParse(params.duration),
    };
  },
};
