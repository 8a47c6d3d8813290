/** The `cap` event: anti-harassment limits on routine contacts. */
import { z } from 'zod';
import { approxDays } from '../calendar/duration.js';
import { channel, duration } from '../schema/common.js';
import type { Channel } from '../plan/types.js';
import { checkBounded, mustParse, wholeDays, type EventModule } from './event-module.js';

/**
 * Parameters of a `cap` event: anti-harassment limits on routine contacts.
 *
 * @example
 * ```ts
 * import { CapParamsSchema } from 'rx-followup';
 *
 * console.log(CapParamsSchema.safeParse({ kind: 'min-gap', gap: 'PT12H', channels: ['phone'] }).success); // false: whole days only
 * ```
 */
export const CapParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('per-day'), max: z.number().int().min(1).max(100) }),
  z.strictObject({
    kind: z.literal('min-gap'),
    gap: duration({ wholeDays: true }),
    channels: z.array(channel).min(1).max(4),
  }),
  z.strictObject({
    kind: z.literal('rolling'),
    max: z.number().int().min(1).max(100),
    period: duration({ wholeDays: true }),
    channels: z.array(channel).min(1).max(4),
  }),
]);

/** Params of a `cap` event. */
export type CapParams = z.output<typeof CapParamsSchema>;

/** A cap rule, compiled. */
export interface CapRule {
  readonly type: 'cap';
  readonly id: string;
  readonly params: CapParams;
  /** min-gap: the gap; rolling: the period; in whole days. */
  readonly days: number;
  readonly channels: ReadonlySet<Channel>;
}

export const capEvent: EventModule<'cap', CapParams, CapRule> = {
  type: 'cap',
  params: CapParamsSchema,
  check(params, ctx) {
    if (params.kind === 'per-day') return;
    const path = params.kind === 'min-gap' ? 'event.params.gap' : 'event.params.period';
    const text = params.kind === 'min-gap' ? params.gap : params.period;
    if (approxDays(text) < 1) ctx.issue(path, 'must be at least one day');
    // A cap compares contacts within one plan: a gap or period past the horizon means no more than the horizon.
    else checkBounded(ctx, text, path, ctx.horizonDays, `the rule set's horizon (${ctx.horizon})`);
  },
  compile(rule, p) {
    return {
      type: 'cap',
      id: rule.id,
      params: p,
      days: p.kind === 'min-gap' ? wholeDays(mustParse(p.gap)) : p.kind === 'rolling' ? wholeDays(mustParse(p.period)) : 1,
      channels: new Set(p.kind === 'per-day' ? channel.options : p.channels),
    };
  },
};
