import { z } from 'zod';
import type { FactName } from '../facts/vocabulary.js';
import type { Operator, OperatorDecorator } from '../rules/operators.js';
import { channel, duration, localDate, nonEmptyText, text, strictWindowSchema, timeZone, weekday } from './common.js';

export const MAX_RULES = 1_000;
export const MAX_OFFSETS = 100;

// Letters and digits of any script (会计提醒, 用药回访), with the ASCII separators; at most 100 characters.
const ruleId = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u, {
  error: 'must be 1-100 letters (of any script), digits, ".", "_" or "-", starting with a letter or digit',
});

const calendarName = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u, { error: 'must be 1-100 letters (of any script), digits, ".", "_" or "-"' });

const purpose = z.string().regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]{0,99}$/u, {
  error: 'must be lower-case words joined by "-", e.g. "medication-check" or "用药回访" (1-100 characters)',
});

/**
 * Parameters of a `cadence` event: routine contacts at offsets from an anchor.
 *
 * @example
 * ```ts
 * import { CadenceParamsSchema } from 'rx-followup';
 *
 * const p = CadenceParamsSchema.parse({ anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: 'medication-check', tolerance: 'P7D' });
 * console.log(p.kind, p.until); // follow-up horizon (the defaults)
 * ```
 */
export const CadenceParamsSchema = z.strictObject({
  kind: z.enum(['follow-up', 'refill', 'message', 'greeting']).default('follow-up'),
  anchor: z.enum(['purchase', 'registration', 'onset', 'supply-end']),
  offsets: z
    .array(duration({ signed: true }))
    .min(1, { error: 'must list at least one offset' })
    .max(MAX_OFFSETS),
  repeat: z.strictObject({ every: duration() }).optional(),
  until: z.enum(['supply-end', 'horizon']).default('horizon'),
  channel,
  purpose,
  tolerance: duration(),
  toleranceBefore: duration().optional(),
});

/**
 * Parameters of a `call-window` event: the weekly hours a class of contact may use.
 *
 * @example
 * ```ts
 * import { CallWindowParamsSchema } from 'rx-followup';
 *
 * console.log(CallWindowParamsSchema.safeParse({ use: 'preferred', windows: [{ days: ['TUE'], from: '15:00', to: '18:00' }] }).success); // true
 * ```
 */
export const CallWindowParamsSchema = z.strictObject({
  use: z.enum(['preferred', 'fallback', 'message', 'urgent']),
  windows: z.array(strictWindowSchema).min(1).max(50),
  makeUpWorkdays: calendarName.optional(),
});

/**
 * Parameters of a `blackout` event: days on which no routine contact is made.
 *
 * @example
 * ```ts
 * import { BlackoutParamsSchema } from 'rx-followup';
 *
 * console.log(BlackoutParamsSchema.parse({ kind: 'month-days', first: 5, last: 5 }).kind); // month-days
 * ```
 */
export const BlackoutParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('month-days'),
    first: z.number().int().min(0).max(15).default(0),
    last: z.number().int().min(0).max(15).default(0),
  }),
  z.strictObject({ kind: z.literal('holidays'), calendar: calendarName }),
  z.strictObject({ kind: z.literal('weekdays'), days: z.array(weekday).min(1).max(7) }),
  z.strictObject({ kind: z.literal('dates'), dates: z.array(localDate).min(1).max(1000) }),
]);

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
  when: z.enum(['do-not-call', 'no-phone', 'no-consent']),
  applies: z.enum(['routine', 'escalation']).default('routine'),
  fallback: z.array(channel).max(4),
  deadline: duration().optional(),
});

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
  ],
  { error: 'unknown event type (known: cadence, call-window, blackout, escalation, channel-policy, cap)' },
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
  holidays: z.array(z.strictObject({ date: localDate, name: nonEmptyText(200) })).max(5000),
  workdays: z.array(localDate).max(5000).default([]),
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
  rules: z
    .array(RuleSchema)
    .max(MAX_RULES, { error: `must hold at most ${MAX_RULES} rules` })
    .optional(),
});

/** Params of a `cadence` event. */
export type CadenceParams = z.output<typeof CadenceParamsSchema>;
/** Params of a `call-window` event. */
export type CallWindowParams = z.output<typeof CallWindowParamsSchema>;
/** Params of a `blackout` event. */
export type BlackoutParams = z.output<typeof BlackoutParamsSchema>;
/** Params of an `escalation` event. */
export type EscalationParams = z.output<typeof EscalationParamsSchema>;
/** Params of a `channel-policy` event. */
export type ChannelPolicyParams = z.output<typeof ChannelPolicyParamsSchema>;
/** Params of a `cap` event. */
export type CapParams = z.output<typeof CapParamsSchema>;
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
  readonly rules: readonly Rule[];
}
