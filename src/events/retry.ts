/** The `retry` event: what a contact not reached leads to. */
import { z } from 'zod';
import { issue } from '../i18n/issues.js';
import { approxDays, type Duration } from '../calendar/duration.js';
import { channel, duration, isMessageChannel } from '../schema/common.js';
import { checkBounded, mustParse, type CompiledRuleOf, type EventModule } from './event-module.js';

/**
 * Parameters of a `retry` event: a routine contact of the purchase that the history records as `not-reached` is
 * tried again `after` the attempt, within `tolerance`, up to `max` times; after that, once by the first of `then`
 * (messages) the customer consented to.
 *
 * @example
 * ```ts
 * import { RetryParamsSchema } from 'rx-followup';
 *
 * console.log(RetryParamsSchema.parse({}).max); // 2 (retries, the next day, within a day; then nothing)
 * ```
 */
export const RetryParamsSchema = z.strictObject({
  after: duration().default('P1D'),
  tolerance: duration().default('P1D'),
  max: z.number().int().min(0).max(5).default(2),
  then: z.array(channel).max(2).default([]),
  /**
   * A call retried at another time of day than the one not reached (morning, afternoon, evening) where its
   * tolerance has such a slot: at the same hour people are in the same meeting, meal or drive. Default true.
   */
  otherTimeOfDay: z.boolean().default(true),
});

/** Params of a `retry` event. */
export type RetryParams = z.output<typeof RetryParamsSchema>;

/** A retry rule, compiled. */
export interface RetryRule extends CompiledRuleOf<'retry', RetryParams> {
  readonly after: Duration;
  readonly tolerance: Duration;
}

export const retryEvent: EventModule<'retry', RetryParams, RetryRule> = {
  type: 'retry',
  stage: 'policy',
  params: RetryParamsSchema,
  check(params, ctx) {
    if (approxDays(params.after) <= 0) ctx.issue(issue('event.params.after', 'duration-zero'));
    checkBounded(ctx, params.after, 'event.params.after', ctx.horizonDays, ctx.horizon);
    checkBounded(ctx, params.tolerance, 'event.params.tolerance', ctx.horizonDays, ctx.horizon);
    params.then.forEach((c, i) => {
      if (!isMessageChannel(c)) ctx.issue(issue(`event.params.then[${i}]`, 'not-a-message-channel', { value: c }));
    });
  },
  compile(rule, params) {
    return {
      type: 'retry',
      id: rule.id,
      priority: rule.priority,
      params,
      after: mustParse(params.after),
      tolerance: mustParse(params.tolerance),
    };
  },
};
