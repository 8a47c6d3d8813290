/** The `escalation` event: an urgent contact after an incident report. */
import { z } from 'zod';
import { issue } from '../i18n/issues.js';
import { approxDays, type Duration } from '../calendar/duration.js';
import { channel, duration, purpose, routineKind } from '../schema/common.js';
import { checkBounded, mustParse, type EventModule, type CompiledRuleOf } from './event-module.js';
import { checkOverflow, compileOverflow, overflowSchema, type CadenceOverflow } from './cadence.js';

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
  /**
   * The kinds of routine contact this incident holds back for the drug it concerns (every drug of the purchase when
   * it names none): a customer given the wrong drug is not reminded to buy it again. They are listed as suppressed.
   */
  holds: z.array(routineKind).min(1).max(4).optional(),
  /**
   * Once the incident is resolved (`resolvedAt`), a routine call `after` it, within `tolerance`: feedback on the
   * outcome. `overflow` as a cadence's: where it goes when no slot of its tolerance fits (a holiday), default `drop`.
   */
  feedback: z
    .strictObject({
      purpose,
      after: duration(),
      tolerance: duration(),
      channel: channel.default('phone'),
      overflow: overflowSchema().optional(),
    })
    .optional(),
});

/** Params of an `escalation` event. */
export type EscalationParams = z.output<typeof EscalationParamsSchema>;

/** An escalation rule, compiled. */
export interface EscalationRule extends CompiledRuleOf<'escalation', EscalationParams> {
  readonly deadline: Duration;
  readonly duration: Duration | null;
  /** The routine kinds it holds back for the incident's drug; `null`: none. */
  readonly holds: ReadonlySet<string> | null;
  readonly feedback: {
    readonly after: Duration;
    readonly tolerance: Duration;
    /** Its overflow policy, as a cadence's is compiled; `null`: dropped. */
    readonly overflow: CadenceOverflow | null;
  } | null;
}

export const escalationEvent: EventModule<'escalation', EscalationParams, EscalationRule> = {
  type: 'escalation',
  stage: 'escalation',
  params: EscalationParamsSchema,
  check(params, ctx) {
    if (approxDays(params.deadline) <= 0) ctx.issue(issue('event.params.deadline', 'duration-zero'));
    if (params.duration !== undefined && approxDays(params.duration) <= 0)
      ctx.issue(issue('event.params.duration', 'duration-zero'));
    checkBounded(ctx, params.deadline, 'event.params.deadline');
    checkBounded(ctx, params.duration, 'event.params.duration');
    if (params.feedback) {
      checkBounded(ctx, params.feedback.after, 'event.params.feedback.after');
      checkBounded(ctx, params.feedback.tolerance, 'event.params.feedback.tolerance');
      if (approxDays(params.feedback.tolerance) <= 0)
        ctx.issue(issue('event.params.feedback.tolerance', 'duration-zero'));
      checkOverflow(ctx, params.feedback.overflow, 'event.params.feedback.overflow');
    }
  },
  compile(rule, params) {
    return {
      type: 'escalation',
      id: rule.id,
      priority: rule.priority,
      params,
      deadline: mustParse(params.deadline),
      duration: params.duration === undefined ? null : mustParse(params.duration),
      holds: params.holds ? new Set(params.holds) : null,
      feedback: params.feedback
        ? {
            after: mustParse(params.feedback.after),
            tolerance: mustParse(params.feedback.tolerance),
            overflow: compileOverflow(params.feedback.overflow, rule.id),
          }
        : null,
    };
  },
};
