import { z } from 'zod';
import type { FactName } from '../facts/vocabulary.js';
import type { Operator, OperatorDecorator } from '../rules/operators.js';
import { BlackoutParamsSchema } from '../events/blackout.js';
import { CadenceParamsSchema } from '../events/cadence.js';
import { CallWindowParamsSchema } from '../events/call-window.js';
import { CapParamsSchema } from '../events/cap.js';
import { ChannelPolicyParamsSchema } from '../events/channel-policy.js';
import { EscalationParamsSchema } from '../events/escalation.js';
import { RetryParamsSchema } from '../events/retry.js';
import { EVENT_TYPES } from '../events/index.js';
import { calendarName, displayNames, duration, localDate, nonEmptyText, purpose, text, timeZone } from './common.js';
import type { DisplayNames } from '../i18n/explanation.js';
import { zodError } from './zod-issues.js';

// Each event type's params live with the rest of that type (src/events/); re-exported here, where rule files are.
export {
  BlackoutParamsSchema,
  CadenceParamsSchema,
  CallWindowParamsSchema,
  CapParamsSchema,
  ChannelPolicyParamsSchema,
  EscalationParamsSchema,
  RetryParamsSchema,
};
export type { BlackoutParams } from '../events/blackout.js';
export type { CadenceParams } from '../events/cadence.js';
export type { CallWindowParams } from '../events/call-window.js';
export type { CapParams } from '../events/cap.js';
export type { ChannelPolicyParams } from '../events/channel-policy.js';
export type { EscalationParams } from '../events/escalation.js';
export type { RetryParams } from '../events/retry.js';
export { MAX_OFFSETS } from '../events/cadence.js';

export const MAX_RULES = 1_000;

// Letters and digits of any script (会计提醒, 用药回访), with the ASCII separators; at most 100 characters.
const ruleId = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u, {
  error: zodError('rule-id-form'),
});

/**
 * A rule's event: what the rule does when its conditions hold.
 *
 * @example
 * ```ts
 * import { EventSchema } from 'rx-followup';
 *
 * console.log(EventSchema.safeParse({ type: 'teleport', params: {} }).success); // false: unknown event type
 * ```
 */
export const EventSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('cadence'), params: CadenceParamsSchema }),
    z.strictObject({ type: z.literal('call-window'), params: CallWindowParamsSchema }),
    z.strictObject({ type: z.literal('blackout'), params: BlackoutParamsSchema }),
    z.strictObject({ type: z.literal('escalation'), params: EscalationParamsSchema }),
    z.strictObject({ type: z.literal('channel-policy'), params: ChannelPolicyParamsSchema }),
    z.strictObject({ type: z.literal('cap'), params: CapParamsSchema }),
    z.strictObject({ type: z.literal('retry'), params: RetryParamsSchema }),
  ],
  { error: zodError('unknown-event-type', { known: EVENT_TYPES }) },
);

/** One test of a fact: json-rules-engine's condition properties (`fact`, `operator`, `value`, `path`, `priority`). */
export interface FactCondition {
  fact: FactName;
  /** One of json-rules-engine's operators, optionally decorated: `in`, `not:in`, `someFact:equal`. */
  operator: Operator | `${OperatorDecorator}:${string}`;
  /** A JSON value, or `{ fact, path }` to compare with another fact. */
  value: unknown;
  /** A plain property path into the fact: `$.membership.tier`, `$.tags[0]`. */
  path?: string;
  priority?: number;
  name?: string;
  description?: string;
}
/** `all` of a list of conditions. */
export interface AllConditions {
  all: NestedCondition[];
  priority?: number;
  name?: string;
  description?: string;
}
/** `any` of a list of conditions. */
export interface AnyConditions {
  any: NestedCondition[];
  priority?: number;
  name?: string;
  description?: string;
}
/** `not` a condition. */
export interface NotConditions {
  not: NestedCondition;
  priority?: number;
  name?: string;
  description?: string;
}
/** A reference to a named condition of the rule set (its top-level `conditions`). */
export interface ConditionReference {
  condition: string;
  priority?: number;
  name?: string;
  description?: string;
}
/** A condition at any depth. */
export type NestedCondition = FactCondition | AllConditions | AnyConditions | NotConditions | ConditionReference;
/** The top of a rule's conditions: `all`, `any`, `not` or a named condition, as json-rules-engine allows. */
export type TopLevelCondition = AllConditions | AnyConditions | NotConditions | ConditionReference;

/**
 * json-rules-engine conditions; checked in depth by the rule-set validator (the schema only asks for an object,
 * the type spells the tree out for editors).
 */
export const ConditionsSchema = z.record(z.string(), z.unknown()).meta({ id: 'Conditions' }) as unknown as z.ZodType<
  TopLevelCondition,
  TopLevelCondition
>;

/**
 * One rule: an id, a description, a priority, json-rules-engine conditions and the event it fires. Conditions are checked in depth by `validateRuleSet`.
 *
 * @example
 * ```ts
 * import { RuleSchema } from 'rx-followup';
 *
 * const rule = RuleSchema.parse({ id: 'cap.one-per-day', description: 'one a day', conditions: { all: [] }, event: { type: 'cap', params: { kind: 'per-day', max: 1 } } });
 * console.log(rule.priority, rule.enabled); // 1 true
 * ```
 */
export const RuleSchema = z.strictObject({
  id: ruleId,
  description: nonEmptyText(),
  /** The rule's name per locale, as Chinese reasons cite it and exports show it (`{ "zh-CN": "老会员 3-2-3 回访" }`). */
  names: displayNames.optional(),
  priority: z.number().int().min(1).max(1000).default(1),
  enabled: z.boolean().default(true),
  conditions: ConditionsSchema,
  event: EventSchema,
});

/**
 * A holiday calendar: holidays by date and name, and make-up workdays (调休).
 *
 * @example
 * ```ts
 * import { CalendarSchema } from 'rx-followup';
 *
 * console.log(CalendarSchema.safeParse({ holidays: [{ date: '2026-02-30', name: 'x' }] }).success); // false: no such day
 * ```
 */
export const CalendarSchema = z.strictObject({
  description: text().optional(),
  /**
   * The days the calendar's dates are known for: every holiday and make-up workday lies within it, and a plan that
   * runs past it is warned. Without it, the whole years its dates fall in.
   */
  coverage: z.strictObject({ from: localDate, through: localDate }).optional(),
  holidays: z
    .array(
      z.strictObject({
        date: localDate,
        name: nonEmptyText(200),
        /**
         * The festival's own day within its holiday (春节: 正月初一; 中秋节: 八月十五): a cadence anchored to the
         * holidays is anchored to it, not to the holiday's first day. Without one, the first day.
         */
        festival: z.boolean().optional(),
      }),
    )
    .max(5000),
  workdays: z.array(localDate).max(5000).default([]),
  /**
   * What the calendar holds after its coverage ends, until the next year's published dates are added:
   * `'cn-statutory'` — mainland China's statutory public holidays (元旦; 春节 除夕–初三; 清明节; 劳动节 5-1, 5-2;
   * 端午节; 中秋节; 国庆节 10-1–10-3), worked out from the lunar calendar for 2000–2100, each plan that reaches them
   * naming them in a warning. Make-up workdays are never guessed. Without it, nothing is known past the coverage.
   */
  provisional: z.literal('cn-statutory').optional(),
});

/**
 * One rule file. Every top-level field is optional so a rule set can be split
 * into one file per concern; the merged set must have `id` and `version`.
 *
 * @example
 * ```ts
 * import { RuleFileSchema } from 'rx-followup';
 *
 * console.log(RuleFileSchema.safeParse({ ruels: [] }).success); // false: unknown key "ruels"
 * ```
 */
export const RuleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: nonEmptyText(100).optional(),
  version: nonEmptyText(100).optional(),
  description: text().optional(),
  defaults: z
    .strictObject({
      timeZone: timeZone.optional(),
      horizon: duration().optional(),
    })
    .optional(),
  calendars: z.record(calendarName, CalendarSchema).optional(),
  /** Named conditions rules refer to with `{ "condition": "name" }` (json-rules-engine's shared conditions). */
  conditions: z.record(calendarName, ConditionsSchema).optional(),
  /** Display names of purposes per locale: `{ "medication-check": { "en": "medication check", "zh-CN": "用药回访" } }`. */
  purposes: z.record(purpose, displayNames).optional(),
  rules: z
    .array(RuleSchema)
    .max(MAX_RULES, { error: zodError('too-many-rules') })
    .optional(),
});

/** A rule's event, by type. */
export type RuleEvent = z.output<typeof EventSchema>;
/** A validated rule, defaults filled in. */
export type Rule = z.output<typeof RuleSchema>;
/** A validated holiday calendar. */
export type Calendar = z.output<typeof CalendarSchema>;
/** One rule file as written (every top-level field optional). */
export type RuleFile = z.input<typeof RuleFileSchema>;
/** One rule as written in a rule file (`priority` and `enabled` optional). */
export type RuleInput = z.input<typeof RuleSchema>;
/**
 * A rule set as `createPlanner` takes it: the content of one rule file or of a whole merged set (`defaultRuleSet`),
 * or a validated {@link RuleSet} (`loadRuleSet`, `planner.ruleSet`). Data of unknown shape (parsed JSON) goes
 * through `validateRuleSet` first, or is cast deliberately; it is validated either way.
 */
export type RuleSetInput = RuleFile | RuleSet;

/** A validated rule set: the JSON an analyst wrote, with defaults filled in. */
export interface RuleSet {
  readonly id: string;
  readonly version: string;
  readonly description?: string;
  readonly defaults: { readonly timeZone: string; readonly horizon: string };
  readonly calendars: Readonly<Record<string, Calendar>>;
  /** Display names of purposes per locale, when the rule files give them. */
  readonly purposes?: Readonly<Record<string, DisplayNames>>;
  readonly rules: readonly Rule[];
}
