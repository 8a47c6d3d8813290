import { parseDuration, type Duration } from '../calendar/duration.js';
import { describeDayMask } from '../calendar/describe.js';
import { daysInMonth, fromEpochDay, parseClock, parseLocalDate, toEpochDay, weekdayOfEpochDay, WEEKDAYS } from '../calendar/local-date.js';
import { assert } from '../errors.js';
import { channel } from '../schema/common.js';
import { ruleSetHash } from '../rules/canonical.js';
import { compareRules, createCompiledEvaluator, createEngineEvaluator, type RuleEvaluator, type SyncRuleEvaluator } from '../rules/evaluator.js';
import type { CadenceParams, CapParams, ChannelPolicyParams, EscalationParams, Rule, RuleSet } from '../schema/ruleset.js';
import type { Channel } from './types.js';
import type { WindowSet } from './windows.js';

/** A weekly window with its days as indexes (0 = Monday) and times in minutes. */
export interface CompiledWindow {
  /** Weekday indexes, distinct and ascending. */
  readonly days: readonly number[];
  /** The same days as bits (bit 0 = Monday). */
  readonly dayMask: number;
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export type WindowUse = 'preferred' | 'fallback' | 'message' | 'urgent';

export interface WindowRule {
  readonly type: 'call-window';
  readonly id: string;
  readonly use: WindowUse;
  readonly windows: readonly CompiledWindow[];
  /** Epoch days of the make-up workdays on which these windows also open. */
  readonly makeUpWorkdays: ReadonlySet<number> | null;
}

export interface BlackoutRule {
  readonly type: 'blackout';
  readonly id: string;
  /** Why the local day (an epoch day) is blocked, or `null` when it is not. */
  readonly blocks: (epochDay: number) => string | null;
}

export interface CadenceRule {
  readonly type: 'cadence';
  readonly id: string;
  readonly priority: number;
  readonly params: CadenceParams;
  readonly offsets: readonly Duration[];
  readonly repeat: Duration | null;
  readonly tolerance: Duration;
  /** The tolerance before the due, already negated for adding. */
  readonly toleranceBefore: Duration | null;
  /** How reasons describe the tolerance: `P7D after due`. */
  readonly toleranceText: string;
  /** How reasons describe each offset: `+ P3D`, `- P4D`. */
  readonly offsetTexts: readonly string[];
}

export interface EscalationRule {
  readonly type: 'escalation';
  readonly id: string;
  readonly priority: number;
  readonly params: EscalationParams;
  readonly deadline: Duration;
  readonly duration: Duration | null;
}

export interface ChannelPolicyRule {
  readonly type: 'channel-policy';
  readonly id: string;
  readonly priority: number;
  readonly params: ChannelPolicyParams;
  readonly deadline: Duration | null;
}

export interface CapRule {
  readonly type: 'cap';
  readonly id: string;
  readonly params: CapParams;
  /** min-gap: the gap; rolling: the period; in whole days. */
  readonly days: number;
  readonly channels: ReadonlySet<Channel>;
}

export type CompiledRule = WindowRule | BlackoutRule | CadenceRule | EscalationRule | ChannelPolicyRule | CapRule;

/** A validated rule set made ready to plan with: parsed once per planner. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly hash: string;
  readonly defaultZone: string;
  readonly horizon: Duration;
  readonly rules: ReadonlyMap<string, CompiledRule>;
  /** The call-window, blackout, channel-policy and cap rules, in rule order (priority, then id). */
  readonly policyRules: readonly CompiledRule[];
  /** Rules evaluated once per purchase line (everything but escalations). */
  readonly lineEvaluator: RuleEvaluator | SyncRuleEvaluator;
  /** Escalation rules, evaluated once per incident. */
  readonly incidentEvaluator: RuleEvaluator | SyncRuleEvaluator;
  /** Window tables by the fired window and blackout rules and the customer's windows (see pipeline). */
  readonly windowSets: Map<string, WindowSet>;
}

/** How rule conditions are evaluated: compiled functions (default) or json-rules-engine itself. */
export type EvaluatorKind = 'compiled' | 'json-rules-engine';

const mustParse = (text: string): Duration => {
  const d = parseDuration(text);
  assert(d !== undefined, `validated duration ${text} did not parse`);
  return d;
};

/** The epoch day of a validated `YYYY-MM-DD`. */
function epochDayOf(date: string): number {
  const parsed = parseLocalDate(date);
  assert(parsed !== undefined, `validated date ${date} did not parse`);
  return toEpochDay(parsed);
}

/** Whole days of a whole-day duration (weeks and days only, as validated). */
export const wholeDays = (d: Duration): number => d.sign * (d.weeks * 7 + d.days);

const WEEKDAY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(WEEKDAYS.map((d, i) => [d, i]));

function compileWindows(windows: readonly { days: readonly string[]; from: string; to: string }[]): CompiledWindow[] {
  const out: CompiledWindow[] = [];
  for (const w of windows) {
    const from = parseClock(w.from) as number;
    const to = parseClock(w.to) as number;
    let dayMask = 0;
    for (const d of w.days) dayMask |= 1 << (WEEKDAY_INDEX[d] as number);
    const days: number[] = [];
    for (let i = 0; i < 7; i++) if (dayMask & (1 << i)) days.push(i);
    out.push({ days, dayMask, from, to, label: describeDayMask(dayMask, from, to) });
  }
  return out;
}

/** Compiles a customer's own weekly windows the same way as a rule's. */
export const compileCustomerWindows = compileWindows;

function compileRule(rule: Rule, ruleSet: RuleSet, workdaysOf: (calendar: string) => ReadonlySet<number>): CompiledRule {
  const { event } = rule;
  switch (event.type) {
    case 'call-window': {
      const calendar = event.params.makeUpWorkdays;
      return {
        type: 'call-window',
        id: rule.id,
        use: event.params.use,
        windows: compileWindows(event.params.windows),
        // One set per calendar, shared by every rule that names it: expanded once, not per rule.
        makeUpWorkdays: calendar === undefined || ruleSet.calendars[calendar] === undefined ? null : workdaysOf(calendar),
      };
    }
    case 'blackout': {
      const p = event.params;
      let blocks: BlackoutRule['blocks'];
      switch (p.kind) {
        case 'month-days': {
          const first = `first ${p.first} days of the month`;
          const last = `last ${p.last} days of the month`;
          blocks = (epochDay) => {
            const date = fromEpochDay(epochDay);
            if (date.day <= p.first) return first;
            if (date.day > daysInMonth(date.year, date.month) - p.last) return last;
            return null;
          };
          break;
        }
        case 'holidays': {
          const calendar = ruleSet.calendars[p.calendar];
          assert(calendar !== undefined, `validated calendar ${p.calendar} missing`);
          const workdays = new Set(calendar.workdays);
          const names = new Map(calendar.holidays.filter((h) => !workdays.has(h.date)).map((h) => [epochDayOf(h.date), `holiday ${h.name}`]));
          blocks = (epochDay) => names.get(epochDay) ?? null;
          break;
        }
        case 'weekdays': {
          const days = new Set(p.days.map((d) => (WEEKDAYS as readonly string[]).indexOf(d)));
          blocks = (epochDay) => (days.has(weekdayOfEpochDay(epochDay)) ? `no routine contact on ${WEEKDAYS[weekdayOfEpochDay(epochDay)]}` : null);
          break;
        }
        case 'dates': {
          const dates = new Set(p.dates.map(epochDayOf));
          blocks = (epochDay) => (dates.has(epochDay) ? 'blackout date' : null);
          break;
        }
      }
      return { type: 'blackout', id: rule.id, blocks };
    }
    case 'cadence':
      return {
        type: 'cadence',
        id: rule.id,
        priority: rule.priority,
        params: event.params,
        offsets: event.params.offsets.map(mustParse),
        repeat: event.params.repeat ? mustParse(event.params.repeat.every) : null,
        tolerance: mustParse(event.params.tolerance),
        toleranceBefore: event.params.toleranceBefore === undefined ? null : { ...mustParse(event.params.toleranceBefore), sign: -1 },
        toleranceText:
          event.params.toleranceBefore === undefined
            ? `${event.params.tolerance} after due`
            : `${event.params.toleranceBefore} before to ${event.params.tolerance} after due`,
        offsetTexts: event.params.offsets.map((text) => (text.startsWith('-') ? `- ${text.slice(1)}` : `+ ${text}`)),
      };
    case 'escalation':
      return {
        type: 'escalation',
        id: rule.id,
        priority: rule.priority,
        params: event.params,
        deadline: mustParse(event.params.deadline),
        duration: event.params.duration === undefined ? null : mustParse(event.params.duration),
      };
    case 'channel-policy':
      return {
        type: 'channel-policy',
        id: rule.id,
        priority: rule.priority,
        params: event.params,
        deadline: event.params.deadline === undefined ? null : mustParse(event.params.deadline),
      };
    case 'cap': {
      const p = event.params;
      return {
        type: 'cap',
        id: rule.id,
        params: p,
        days: p.kind === 'min-gap' ? wholeDays(mustParse(p.gap)) : p.kind === 'rolling' ? wholeDays(mustParse(p.period)) : 1,
        channels: new Set(p.kind === 'per-day' ? channel.options : p.channels),
      };
    }
  }
}

/** Compiles a validated rule set: durations parsed, windows in minutes, evaluators built. */
export function compileRuleSet(ruleSet: RuleSet, evaluator: EvaluatorKind = 'compiled'): CompiledRuleSet {
  const create = evaluator === 'compiled' ? createCompiledEvaluator : createEngineEvaluator;
  const enabled = ruleSet.rules.filter((r) => r.enabled).sort(compareRules);
  const rules = new Map<string, CompiledRule>();
  const workdays = new Map<string, ReadonlySet<number>>();
  const workdaysOf = (name: string): ReadonlySet<number> => {
    let set = workdays.get(name);
    if (set === undefined) {
      set = new Set((ruleSet.calendars[name]?.workdays ?? []).map(epochDayOf));
      workdays.set(name, set);
    }
    return set;
  };
  for (const rule of enabled) rules.set(rule.id, compileRule(rule, ruleSet, workdaysOf));
  return {
    ruleSet,
    hash: ruleSetHash(ruleSet),
    defaultZone: ruleSet.defaults.timeZone,
    horizon: mustParse(ruleSet.defaults.horizon),
    rules,
    policyRules: [...rules.values()].filter(
      (r) => r.type === 'call-window' || r.type === 'blackout' || r.type === 'channel-policy' || r.type === 'cap',
    ),
    lineEvaluator: create(enabled.filter((r) => r.event.type !== 'escalation')),
    incidentEvaluator: create(enabled.filter((r) => r.event.type === 'escalation')),
    windowSets: new Map(),
  };
}
