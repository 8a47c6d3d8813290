/**
 * The rule files of one rule set, merged: one id, one version, one value per default; calendars (each checked whole),
 * purposes, named conditions and rules pooled, each name once; then the rule set, in a canonical order.
 */
import type { DisplayNames } from '../i18n/explanation.js';
import { issue } from '../i18n/issues.js';
import type { Issue } from '../errors.js';
import { joinPath } from '../_lib/path.js';
import { approxDays } from '../calendar/duration.js';
import { MAX_HORIZON_DAYS } from '../events/event-module.js';
import type { Calendar, Rule, RuleFileSchema, RuleSet } from '../schema/ruleset.js';
import type { NamedCondition } from './shared-conditions.js';
import type { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_HORIZON = 'P120D';

/** One rule file, parsed, and its name when it came from disk. */
export interface ParsedSource {
  readonly file: string | undefined;
  readonly data: z.output<typeof RuleFileSchema>;
}

/** A value of the merged set, and where each path in it is (file and path) for issues. */
export interface Located<T> {
  readonly value: T;
  readonly where: (path: string) => string;
}

/** What every rule file may say once for the set: its id, version, description and defaults. */
export interface MergedHeader {
  readonly id: string | undefined;
  readonly version: string | undefined;
  readonly description: string | undefined;
  readonly timeZone: string;
  readonly horizon: string;
  /** The first file, where what the set lacks is reported. */
  readonly firstFile: string | undefined;
}

/** Calendars, purposes, named conditions and rules of every file, by name. */
export interface Pooled {
  readonly calendars: Map<string, Located<Calendar>>;
  readonly rules: Map<string, Located<Rule>>;
  readonly named: Map<string, NamedCondition>;
  readonly purposeNames: Map<string, { names: DisplayNames; where: string }>;
}

/** `file: path`, or the path alone for a rule set not read from files. */
export const at = (file: string | undefined, path: string): string => (file === undefined ? path : `${file}: ${path}`);

/** One value of `key` across the files, every other one an issue. */
function single<K extends 'id' | 'version' | 'description'>(
  parsed: readonly ParsedSource[],
  key: K,
  issues: Issue[],
): string | undefined {
  let found: { value: string; file: string | undefined } | undefined;
  for (const { file, data } of parsed) {
    const value = data[key];
    if (value === undefined) continue;
    if (found === undefined) found = { value, file };
    else if (found.value !== value) {
      const other = found.file ? { file: found.file } : {};
      issues.push(issue(at(file, key), 'rule-set-differs', { key, value, other: found.value, ...other }));
    }
  }
  return found?.value;
}

/** The set's id, version, description and defaults: one value each across the files, the horizon within bounds. */
export function mergeHeader(parsed: readonly ParsedSource[], issues: Issue[]): MergedHeader {
  const id = single(parsed, 'id', issues);
  const version = single(parsed, 'version', issues);
  const description = single(parsed, 'description', issues);
  const firstFile = parsed[0]?.file;
  if (id === undefined) issues.push(issue(at(firstFile, 'id'), 'rule-set-needs', { key: 'id' }));
  if (version === undefined) issues.push(issue(at(firstFile, 'version'), 'rule-set-needs', { key: 'version' }));

  const defaults: {
    timeZone?: { value: string; file: string | undefined };
    horizon?: { value: string; file: string | undefined };
  } = {};
  for (const { file, data } of parsed) {
    for (const key of ['timeZone', 'horizon'] as const) {
      const value = data.defaults?.[key];
      if (value === undefined) continue;
      const prior = defaults[key];
      if (prior === undefined) defaults[key] = { value, file };
      else if (prior.value !== value) {
        const other = prior.file ? { file: prior.file } : {};
        issues.push(
          issue(at(file, `defaults.${key}`), 'rule-set-differs', {
            key: `defaults.${key}`,
            value,
            other: prior.value,
            ...other,
          }),
        );
      }
    }
  }
  const horizon = defaults.horizon?.value ?? DEFAULT_HORIZON;
  const horizonAt = at(defaults.horizon?.file, 'defaults.horizon');
  if (approxDays(horizon) > MAX_HORIZON_DAYS)
    issues.push(issue(horizonAt, 'duration-too-long', { value: horizon, days: MAX_HORIZON_DAYS }));
  if (approxDays(horizon) <= 0) issues.push(issue(horizonAt, 'duration-zero'));
  const timeZone = defaults.timeZone?.value ?? DEFAULT_TIME_ZONE;
  return { id, version, description, timeZone, horizon, firstFile };
}

/** A calendar's own consistency: each holiday once, no day both holiday and workday, every date within its coverage. */
function checkCalendar(calendar: Calendar, where: (path: string) => string, issues: Issue[]): void {
  const holidayDates = new Map<string, number>();
  calendar.holidays.forEach((h, i) => {
    const first = holidayDates.get(h.date);
    if (first !== undefined)
      issues.push(issue(where(`holidays[${i}].date`), 'listed-twice', { value: h.date, also: `holidays[${first}]` }));
    else holidayDates.set(h.date, i);
  });
  calendar.workdays.forEach((date, i) => {
    if (holidayDates.has(date)) issues.push(issue(where(`workdays[${i}]`), 'holiday-and-workday', { date }));
  });
  const coverage = calendar.coverage;
  if (coverage === undefined) return;
  const span = { from: coverage.from, through: coverage.through };
  if (coverage.from > coverage.through) {
    issues.push(issue(where('coverage.through'), 'coverage-before-from', { from: coverage.from }));
    return;
  }
  const outside = (date: string): boolean => date < coverage.from || date > coverage.through;
  calendar.holidays.forEach((h, i) => {
    if (outside(h.date))
      issues.push(issue(where(`holidays[${i}].date`), 'outside-coverage', { date: h.date, ...span }));
  });
  calendar.workdays.forEach((date, i) => {
    if (outside(date)) issues.push(issue(where(`workdays[${i}]`), 'outside-coverage', { date, ...span }));
  });
}

/** The files' purposes, named conditions, calendars and rules, pooled by name: a name given twice is an issue. */
export function poolSources(parsed: readonly ParsedSource[], issues: Issue[]): Pooled {
  const calendars = new Map<string, Located<Calendar>>();
  const rules = new Map<string, Located<Rule>>();
  const named = new Map<string, NamedCondition>();
  const purposeNames = new Map<string, { names: DisplayNames; where: string }>();
  for (const { file, data } of parsed) {
    for (const name of Object.keys(data.purposes ?? {}).sort()) {
      const where = at(file, `purposes.${name}`);
      const prior = purposeNames.get(name);
      if (prior) issues.push(issue(where, 'defined-twice', { what: 'purpose', name, also: prior.where }));
      else
        purposeNames.set(name, { names: (data.purposes as Record<string, DisplayNames>)[name] as DisplayNames, where });
    }
    for (const name of Object.keys(data.conditions ?? {}).sort()) {
      const where = at(file, `conditions.${name}`);
      const prior = named.get(name);
      if (prior) issues.push(issue(where, 'defined-twice', { what: 'condition', name, also: prior.where }));
      else named.set(name, { tree: (data.conditions as Record<string, unknown>)[name], where });
    }
    for (const name of Object.keys(data.calendars ?? {}).sort()) {
      const calendar = (data.calendars as Record<string, Calendar>)[name] as Calendar;
      const where = (path: string): string => at(file, joinPath(`calendars.${name}`, path));
      const prior = calendars.get(name);
      if (prior) {
        issues.push(issue(where(''), 'defined-twice', { what: 'calendar', name, also: prior.where('') }));
        continue;
      }
      checkCalendar(calendar, where, issues);
      calendars.set(name, { value: calendar, where });
    }
    (data.rules ?? []).forEach((rule, index) => {
      const where = (path: string): string => at(file, joinPath(`rules[${index}]`, path));
      const prior = rules.get(rule.id);
      if (prior) {
        issues.push(issue(where('id'), 'defined-twice', { what: 'rule', name: rule.id, also: prior.where('id') }));
        return;
      }
      rules.set(rule.id, { value: rule, where });
    });
  }
  return { calendars, rules, named, purposeNames };
}

/** The merged rule set, in a canonical order: calendars by name, their days by date, purposes by name. */
export function assembleRuleSet(header: MergedHeader, pooled: Pooled): RuleSet {
  const { calendars, rules, purposeNames } = pooled;
  const calendarRecord: Record<string, Calendar> = {};
  for (const name of [...calendars.keys()].sort()) {
    const c = (calendars.get(name) as Located<Calendar>).value;
    calendarRecord[name] = {
      ...c,
      holidays: [...c.holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      workdays: [...c.workdays].sort(),
    };
  }
  return {
    id: header.id as string,
    version: header.version as string,
    ...(header.description === undefined ? {} : { description: header.description }),
    defaults: { timeZone: header.timeZone, horizon: header.horizon },
    calendars: calendarRecord,
    ...(purposeNames.size === 0
      ? {}
      : {
          purposes: Object.fromEntries(
            [...purposeNames.keys()].sort().map((k) => [k, purposeNames.get(k)?.names as DisplayNames]),
          ),
        }),
    rules: [...rules.values()].map((r) => r.value),
  };
}
