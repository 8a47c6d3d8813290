/** The `channel-policy` event: what to do when a channel may not be used. */
import { z } from 'zod';
import { issue } from '../i18n/issues.js';
import type { Duration } from '../calendar/duration.js';
import { channel, duration, isMessageChannel } from '../schema/common.js';
import { checkBounded, mustParse, type EventModule, type CompiledRuleOf } from './event-module.js';

/**
 * Parameters of a `channel-policy` event: what to do when a channel may not be used.
 *
 * @example
 * ```ts
 * import { ChannelPolicyParamsSchema } from 'rx-followup';
 *
 * console.log(ChannelPolicyParamsSchema.parse({ when: 'do-not-call', fallback: ['wechat', 'sms'] }).applies); // routine
 * ```
 */
export const ChannelPolicyParamsSchema = z.strictObject({
  when: z.enum(['do-not-call', 'no-phone', 'no-consent', 'prefers-message']),
  applies: z.enum(['routine', 'escalation']).default('routine'),
  fallback: z.array(channel).max(4),
  deadline: duration().optional(),
});

/** Params of a `channel-policy` event. */
export type ChannelPolicyParams = z.output<typeof ChannelPolicyParamsSchema>;

/** A channel-policy rule, compiled. */
export interface ChannelPolicyRule extends CompiledRuleOf<'channel-policy', ChannelPolicyParams> {
  readonly deadline: Duration | null;
}

export const channelPolicyEvent: EventModule<'channel-policy', ChannelPolicyParams, ChannelPolicyRule> = {
  type: 'channel-policy',
  stage: 'policy',
  params: ChannelPolicyParamsSchema,
  check(params, ctx) {
    if (params.applies === 'escalation' && params.fallback.some(isMessageChannel)) {
      ctx.issue(issue('event.params.fallback', 'escalation-fallback'));
    }
    checkBounded(ctx, params.deadline, 'event.params.deadline');
  },
  compile(rule, params) {
    return {
      type: 'channel-policy',
      id: rule.id,
      priority: rule.priority,
      params,
      deadline: params.deadline === undefined ? null : mustParse(params.deadline),
    };
  },
};
