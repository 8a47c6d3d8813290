/**
 * The params of every reason, warning and suppression, by code: what `explain(code, params)` must be given and what
 * each locale's message reads. A code without an entry here has no message, and a message reading a param its code
 * does not have does not compile. docs/reasons.md lists the sentences.
 *
 * Param values stay strings and numbers (they are stored in plans as they are): an instant is ISO-8601 text with its
 * offset, a day `YYYY-MM-DD`, a duration ISO-8601; a flag is `1` when set and absent (or `0`) when not; a list is its
 * items joined with `,` ({@link Joined}).
 */

/** An instant, ISO-8601 with its offset (`2026-03-05T15:00:00+08:00`). */
type Instant = string;
/** A local day, `YYYY-MM-DD`. */
type Day = string;
/** An ISO-8601 duration (`P7D`, `-P4D`, `PT12H`). */
type Duration = string;
/** A set flag: `1`; absent (or `0`) when not set. */
export type Flag = 0 | 1;
/** A list of ids, codes or names joined with `,` (plans store params as text and numbers): {@link joined}. */
export type Joined = string;

/** A list as a param: its items joined with `,` (the one place lists are joined; {@link items} splits them). */
export const joined = (list: readonly string[]): Joined => list.join(',');

/** A list param's items again (what {@link joined} joined). */
export const items = (list: Joined | number | undefined): string[] => String(list).split(',');

/** The window a contact was placed in: its use (`preferred`, `fallback`, …), its days and hours, a make-up workday. */
export type WindowParams = { use: string; days: string; hours: string; makeUp?: Flag };

/** What a cadence's due counts from (`anchor`), with what names it: the supply, the holiday, the discharge… */
export type AnchorParams = {
  anchor?: 'purchase' | 'registration' | 'onset' | 'supply-end' | 'holiday' | 'resolved' | 'discharge';
  onsetDays?: number | '?';
  supplyDays?: number | '?';
  carriedOverDays?: number;
  holiday?: string;
  holidayDate?: Day;
  incident?: string;
  resolved?: Instant;
  discharged?: Instant;
};

/** Why a contact is due: its anchor, offset and, for a repeat, the interval and the count. */
export type DueParams = AnchorParams & { at: Instant; offset: Duration; every?: Duration; count?: number };

/**
 * A contact's tolerance: after (and before) its due, or after the report; a merged contact's as each member's
 * (`tolMerged` the purposes joined with `+`, `tolEach` their tolerances joined with `,`, `before/after` each).
 */
export type ToleranceParams = {
  tolAfter?: Duration;
  tolBefore?: Duration;
  tolFrom?: 'report';
  tolMerged?: string;
  tolEach?: Joined;
  tolWithin?: number;
};

/** An overflow policy: how far a contact may move (`later`, `earlier`) past its tolerance, and the rule. */
export type MoveParams = { move?: string; within?: Duration; earlierWithin?: Duration; overflowRule?: string };

/**
 * Why a day was skipped or blocked, as reasons carry it (`why` and what that kind names): a blackout — the first or
 * last days of the month, a holiday (`provisional: 1` past a calendar's published dates), a weekday, a date — or a
 * cap (`channels` joined with `,`, `gap` and `period` ISO-8601 durations, `near` a day, `other` an instant).
 */
export type WhyParams =
  | { why: 'month-first'; first: number }
  | { why: 'month-last'; last: number }
  | { why: 'holiday'; holiday: string; provisional?: 0 | 1 }
  | { why: 'weekday'; weekday: string }
  | { why: 'date' }
  | { why: 'cap.gap'; channels: string; gap: string; purpose: string; contact?: string; near: string }
  | { why: 'cap.period'; max: number; channels: string; period: string }
  | { why: 'cap.day-taken'; purpose: string; contact?: string }
  | { why: 'cap.out-of-reach'; purpose: string; other: string };

/** Why a channel may not be used, by the channel policy's `when`. */
export type ChannelWhyParams = { why: string; channel: string };

/** Calendar coverage: through (or from) which day its dates are known. */
type CalendarSpan = { calendar: string; last: Day; through: Day };

/** The params of each code. */
export type ReasonParams = {
  due: DueParams;
  'due.retry': { at: Instant; attempt: number; max: number; lastAttempt: Instant; contact: string };
  'due.retry-message': { at: Instant; attempts: number; lastAttempt: Instant; contact: string };
  'escalation.reported': {
    at: Instant;
    incident: string;
    severity?: string;
    urgency: string;
    channel: string;
    deadline: Duration;
  };
  'escalation.channel': { channel: string; deadline?: Duration };
  'escalation.no-urgent-hours': { at: Instant };
  'escalation.no-slot': { deadlineAt: Instant };
  'escalation.at-once': WindowParams;
  'escalation.late': WindowParams & { asOf: Instant; at: Instant };
  'escalation.from': WindowParams & { at: Instant; outside?: Flag };
  'escalation.overdue': { deadlineAt: Instant; at: Instant };
  'escalation.safety': Record<string, never>;
  'merged.same-report': { purpose: string; channel: string };
  'waits-for-escalation': { purpose: string; at: Instant };
  'calls-paused': { until: Instant; contact: string };
  skipped: WhyParams & { from: Day; to?: Day };
  'skipped.cap': WhyParams & { day: Day };
  'blocked.cap': WhyParams & { day: Day };
  'tolerance-ended': ToleranceParams & { end: Instant; asOf: Instant };
  'no-slot-in-tolerance': ToleranceParams & { use: string };
  'overflow-moved': MoveParams;
  'preferred-later': { preferred: Instant; slack: Duration };
  'answers-at': { parts: Joined; answered: number; calls: number; otherAnswered: number; otherCalls: number };
  'retry.other-time': { last: Instant; part: string };
  'placed.at': WindowParams & { at: Instant };
  'placed.moved': WindowParams & { due: Instant; at: Instant; earlier: Flag };
  uncovered: { day: Day; calendar: string; from?: Day; through?: Day; provisional?: Flag };
  'merged.moved': WindowParams & { from: Instant; at: Instant; purpose: string };
  'merged.cap': { purpose: string; channel: string; max: number };
  'merged.near': { purpose: string; channel: string; due: Instant; withinDays: number };
  'merged.earlier': { purchase: string; contact: string; purpose: string; due: Instant; at: Instant };
  'channel.routine': { from: string; to: string; why: string };
  'suppressed.beyond-horizon': { due: Instant; horizon: Duration; end: Instant };
  'suppressed.paused': { until: Instant; contact: string; latest: Instant };
  'suppressed.tolerance-ended': ToleranceParams & MoveParams & { end: Instant; asOf: Instant; overflowEnd?: Instant };
  'suppressed.no-windows': { uses: Joined; channel: string };
  'suppressed.no-slot': MoveParams & { from: Instant; to: Instant };
  'suppressed.channel-uncovered': ChannelWhyParams;
  'suppressed.channel-unusable': ChannelWhyParams & { fallback: Joined };
  'suppressed.escalation-no-channel': { fallback?: Joined };
  'suppressed.escalation-beyond-horizon': { at: Instant; end: Instant };
  'held.incident': { incident: string; reported: Instant; drug?: string; kinds: Joined; resolved?: Instant };
  'held.hospital': { since: Instant; contact: string; until?: Instant };
  'held.stopped': { drugs: Joined; contact: string; at: Instant };
  'superseded.restart': { purchase: string; rule: string; drugs?: Joined };
  'superseded.replanned': { purchase: string };
  'warning.no-course': { drugCode: string; index: number };
  'warning.calendar-ends': CalendarSpan;
  'warning.calendar-provisional': CalendarSpan & { holidays: Joined };
  'warning.calendar-starts': { calendar: string; first: Day; from: Day };
  'warning.superseded-carried': { contact: string; drugs: Joined };
  'warning.beyond-calendar': { count: number; last: Day };
  'warning.too-many-candidates': { max: number };
  'warning.unknown-field': { path: string; field: string };
  'warning.no-membership': { rule: string };
  'warning.escalation-no-channel': { incident: number; type: string };
  'warning.deadline-passed': { incident: number; type: string; purpose: string; deadlineAt: Instant; start: Instant };
};

/** A reason's code. */
export type ReasonCode = keyof ReasonParams;

/** Said of one purpose of a merged contact: `of` names the purposes, outermost first, joined with `/`. */
export type Of = { of?: string };
