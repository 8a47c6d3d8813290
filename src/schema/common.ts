import { z } from 'zod';
import { instantMs, parseInstant } from '../calendar/instant.js';
import { MAX_YEAR, MIN_YEAR, parseClock, parseLocalDate, WEEKDAYS } from '../calendar/local-date.js';
import { parseDuration } from '../calendar/duration.js';
import { isValidTimeZone, MAX_ZONE_NAME } from '../calendar/zone.js';
import { issue, type OwnIssue } from '../i18n/issues.js';
import { customIssue, passIssue, zodError } from './zod-issues.js';

/** Longest free-text string accepted anywhere (ids, names, notes). */
export const MAX_TEXT = 2_000;

export const text = (max = MAX_TEXT) => z.string().max(max, { error: zodError('text-too-long') });
export const nonEmptyText = (max = MAX_TEXT) => text(max).min(1, { error: zodError('not-empty') });

/**
 * An optional input field: `null`, as SQL exports write an absent value, means absent like `undefined` does (the
 * key stays, with `undefined`, as zod keeps a present-but-undefined key).
 */
export const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

/** The ISO-8601 text of a `Date`, or why there is none (an invalid Date, a year the format cannot hold). */
export function dateToIso(date: Date): { ok: true; iso: string } | ({ ok: false } & OwnIssue) {
  if (Number.isNaN(date.getTime())) return { ok: false, ...issue('', 'date-object-invalid') };
  const iso = date.toISOString();
  return parseInstant(iso).ok ? { ok: true, iso } : { ok: false, ...issue('', 'date-object-range', { iso }) };
}

/** ISO-8601 date-time with an offset or Z; a `Date` (an instant) is taken as its ISO text in UTC. */
export const offsetDateTime = z
  .custom<string | Date>((value) => typeof value === 'string' || value instanceof Date, {
    error: zodError('instant-invalid', { example: '2026-03-05T10:00:00+08:00' }),
  })
  .transform((value, ctx) => {
    if (value instanceof Date) {
      const converted = dateToIso(value);
      if (converted.ok) return converted.iso;
      ctx.addIssue(passIssue(converted));
      return z.NEVER;
    }
    if (instantMs(value) === undefined) {
      const parsed = parseInstant(value);
      if (!parsed.ok) ctx.addIssue(passIssue(parsed));
    }
    return value;
  });

/**
 * What editors check as they type (the JSON Schema's `pattern`, with the message VS Code shows for it): the form of a
 * date, a time of day, a duration. The validator checks the same and more (that the date exists, the bounds).
 */
const DATE_PATTERN = '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$';
const CLOCK_PATTERN = '^(?:(?:[01]\\d|2[0-3]):[0-5]\\d|24:00)$';
const DURATION_PARTS =
  '(?:\\d{1,6}Y)?(?:\\d{1,6}M)?(?:\\d{1,6}W)?(?:\\d{1,6}D)?(?:T(?=\\d)(?:\\d{1,6}H)?(?:\\d{1,6}M)?(?:\\d{1,6}S)?)?';
const durationPattern = (signed: boolean, wholeDays: boolean): string =>
  `^${signed ? '[+-]?' : '\\+?'}P(?!T?$)${wholeDays ? '(?:\\d{1,6}W)?(?:\\d{1,6}D)?' : DURATION_PARTS}$`;

/** `YYYY-MM-DD` of a day that exists. */
export const localDate = z
  .string()
  .superRefine((value, ctx) => {
    if (parseLocalDate(value) === undefined) {
      const year = Number(value.slice(0, 4));
      ctx.addIssue(
        !/^\d{4}-\d{2}-\d{2}$/.test(value)
          ? customIssue('date-form', { value })
          : year < MIN_YEAR || year > MAX_YEAR
            ? customIssue('date-year', { value, min: MIN_YEAR, max: MAX_YEAR })
            : customIssue('date-no-such-day', { value }),
      );
    }
  })
  .meta({ pattern: DATE_PATTERN, patternErrorMessage: 'a date: YYYY-MM-DD, e.g. "2026-10-01"' });

/** An IANA time zone name the runtime knows. */
export const timeZone = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_ZONE_NAME)
    ctx.addIssue(customIssue('zone-too-long', { length: value.length, max: MAX_ZONE_NAME }));
  else if (!isValidTimeZone(value)) ctx.addIssue(customIssue('zone-unknown', { value }));
});

/** A wall-clock time `HH:MM`, 00:00 to 24:00. */
export const clock = z
  .string()
  .superRefine((value, ctx) => {
    if (parseClock(value) === undefined) ctx.addIssue(customIssue('clock-form', { value }));
  })
  .meta({ pattern: CLOCK_PATTERN, patternErrorMessage: 'a time of day: HH:MM from 00:00 to 24:00, e.g. "15:00"' });

/** An ISO-8601 duration; `signed` also accepts a leading minus (`-P4D`). */
export const duration = (options: { signed?: boolean; wholeDays?: boolean } = {}) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseDuration(value);
      if (parsed === undefined) {
        ctx.addIssue(customIssue('duration-form', { value }));
      } else if (parsed.sign < 0 && !options.signed) {
        ctx.addIssue(customIssue('duration-negative', { value }));
      } else if (
        options.wholeDays &&
        (parsed.years || parsed.months || parsed.hours || parsed.minutes || parsed.seconds)
      ) {
        ctx.addIssue(customIssue('duration-not-whole-days', { value }));
      }
    })
    .meta({
      pattern: durationPattern(options.signed === true, options.wholeDays === true),
      patternErrorMessage: options.wholeDays
        ? 'whole days or weeks as an ISO-8601 duration, e.g. "P2D", "P1W"'
        : `an ISO-8601 duration, e.g. "P3D", "P1M", "PT24H"${options.signed ? ', or "-P4D" (before)' : ''}`,
    });

export const weekday = z.enum(WEEKDAYS);

/** A calendar's (or a named condition's) name: letters and digits of any script, `.`, `_`, `-`; at most 100. */
export const calendarName = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u, { error: zodError('name-form') });

/** A contact's purpose: lower-case words (of any script) joined by `-`. */
export const purpose = z.string().regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]{0,99}$/u, {
  error: zodError('purpose-form'),
});

export const channel = z.enum(['phone', 'sms', 'wechat', 'home-visit']);

/** Names per locale for a rule or a purpose, as reasons, labels and exports show them: `{ "en": "…", "zh-CN": "…" }`. */
export const displayNames = z.strictObject({
  en: nonEmptyText(200).optional(),
  'zh-CN': nonEmptyText(200).optional(),
});

/** The kinds of routine contact a cadence makes (an escalation is the other kind a plan holds). */
export const routineKind = z.enum(['follow-up', 'refill', 'message', 'greeting']);

/** Whether a channel is a message (sms or WeChat): messages keep message hours and need consent. */
export const isMessageChannel = (ch: string): ch is 'sms' | 'wechat' => ch === 'sms' || ch === 'wechat';

const windowFields = {
  days: z
    .array(weekday)
    .min(1, { error: zodError('list-empty', { noun: 'days' }) })
    .max(7),
  from: clock,
  to: clock,
};

function checkWindowOrder(w: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const from = parseClock(w.from);
  const to = parseClock(w.to);
  if (from !== undefined && to !== undefined && to <= from) {
    ctx.addIssue(customIssue('not-after-from', { from: w.from }, ['to']));
  }
}

/** A weekly time window in the customer's local time (input: unknown keys ignored). */
export const windowSchema = z.object(windowFields).superRefine(checkWindowOrder);

/** The same window in a rule file, where an unknown key is an issue. */
export const strictWindowSchema = z.strictObject(windowFields).superRefine(checkWindowOrder);
