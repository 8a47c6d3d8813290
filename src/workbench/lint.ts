/**
 * `lintRuleSet`: what validates but cannot be meant — windows that never open, conditions that never hold,
 * tolerances shorter than a blackout (so the contact is always dropped when due in it), calendars that end within
 * the horizon, offsets past it, rules that always merge, channel policies that leave no channel. Warnings, not
 * errors: each names its rule and the path in it, for the CLI to point at the file, line and column.
 */
import { approxDays } from '../calendar/duration.js';
import { WEEKDAYS, dateEpochDay } from '../calendar/local-date.js';
import { RuleSetError } from '../errors.js';

import { coverageOf } from '../calendar/coverage.js';
import type { BlackoutParams, CadenceParams, Rule, RuleSet, RuleSetInput } from '../schema/ruleset.js';
import { validateRuleSet } from '../rules/validate.js';
import type { Locale } from '../i18n/explanation.js';
import { LINT_MESSAGES, type LintCheck, type LintParams } from './lint-messages.js';
import { disjoint, MAX_LEAF_PAIRS, neverHolds, type PairBudget } from './never-holds.js';
import { checkToday } from './guards.js';

export type { LintCheck, LintParams };

/**
 * One thing in a valid rule set that cannot be meant: its `code` (also `check`, as 0.2 named it) and the `params` its
 * message is made from, in the locale asked for.
 */
export type LintWarning = {
  [C in LintCheck]: {
    readonly check: C;
    readonly code: C;
    readonly params: LintParams[C];
    /** The rule it is about; `null` for a calendar. */
    readonly ruleId: string | null;
    /** Where in the rule (`event.params.tolerance`), or in the rule set (`calendars.cn-public-holidays`). */
    readonly path: string;
    readonly message: string;
  };
}[LintCheck];

type RuleOf<T extends Rule['event']['type']> = Rule & { event: Extract<Rule['event'], { type: T }> };
const ofType =
  <T extends Rule['event']['type']>(type: T) =>
  (r: Rule): r is RuleOf<T> =>
    r.event.type === type;

/** The longest run of consecutive days a blackout can block. */
function longestRun(p: BlackoutParams, ruleSet: RuleSet): number {
  const run = (days: number[]): number => {
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    let best = 0;
    let current = 0;
    for (let i = 0; i < sorted.length; i++) {
      current = i > 0 && sorted[i] === (sorted[i - 1] as number) + 1 ? current + 1 : 1;
      best = Math.max(best, current);
    }
    return best;
  };
  switch (p.kind) {
    case 'month-days':
      // The last days of one month and the first of the next are one run.
      return p.first > 0 && p.last > 0 ? p.first + p.last : Math.max(p.first, p.last);
    case 'weekdays': {
      const idx = p.days.map((d) => WEEKDAYS.indexOf(d));
      // Twice round the week, so a run over Sunday into Monday counts whole.
      return Math.min(7, run([...idx, ...idx.map((i) => i + 7)]));
    }
    case 'dates':
      return run(p.dates.map(dateEpochDay));
    case 'holidays': {
      const cal = ruleSet.calendars[p.calendar];
      if (cal === undefined) return 0;
      const workdays = new Set(cal.workdays);
      return run(cal.holidays.filter((h) => !workdays.has(h.date)).map((h) => dateEpochDay(h.date)));
    }
  }
}

const applies = (b: BlackoutParams, channel: string, kind: string): boolean =>
  (b.channels === undefined || (b.channels as readonly string[]).includes(channel)) &&
  (b.kinds === undefined || (b.kinds as readonly string[]).includes(kind));

const ANCHORED_AFTER_PURCHASE = new Set(['purchase', 'registration', 'onset']);

/**
 * Lints a rule set (validated first). `today` (`YYYY-MM-DD`) enables the calendar check: a calendar whose dates end
 * before today + the horizon. `locale` (`'en'` default, `'zh-CN'`) is the language of the messages.
 *
 * @throws {RuleSetError} when the rule set is not valid (lint what validates).
 * @example
 * ```ts
 * import { defaultRuleSet } from 'rx-followup';
 * import { lintRuleSet } from 'rx-followup/workbench';
 *
 * const rules = structuredClone(defaultRuleSet);
 * rules.rules.push({ id: 'cadence.late', description: 'a check long after', conditions: { all: [] }, event: { type: 'cadence', params: { anchor: 'purchase', offsets: ['P400D'], channel: 'phone', purpose: 'late-check', tolerance: 'P7D' } } });
 * console.log(lintRuleSet(rules).find((w) => w.ruleId === 'cadence.late')?.message); // offset P400D is past the horizon (P120D): never planned
 * ```
 */
export function lintRuleSet(
  input: RuleSetInput,
  options: { readonly today?: string; readonly locale?: Locale } = {},
): LintWarning[] {
  const say = LINT_MESSAGES[options.locale ?? 'en'] ?? LINT_MESSAGES.en;
  checkToday(options.today, 'Invalid lint options', options.locale);
  const checked = validateRuleSet(input, options.locale);
  if (!checked.ok) throw new RuleSetError(checked.issues);
  const ruleSet = checked.ruleSet;
  const rules = ruleSet.rules.filter((r) => r.enabled);
  const out: LintWarning[] = [];
  const warn: Warn = (check, ruleId, path, params) => {
    // A copy: the params may hold the library's own tables (a field's values), which a caller must not reach.
    out.push({
      check,
      code: check,
      params: structuredClone(params),
      ruleId,
      path,
      message: say[check](params),
    } as LintWarning);
  };
  const blackouts = rules.filter(ofType('blackout'));
  const cadences = rules.filter(ofType('cadence'));
  // One budget of leaf pairs for the whole lint: bounded however the rules are written (never-holds.ts).
  const budget: PairBudget = { left: MAX_LEAF_PAIRS };
  for (const r of rules) {
    const never = neverHolds(r.conditions, 'conditions', budget);
    if (never !== null) warn('never-holds', r.id, never.path, never);
  }
  neverOpens(rules, blackouts, warn);
  for (const c of cadences) cadenceReach(ruleSet, c, blackouts, warn);
  alwaysMerged(cadences, budget, warn);
  for (const r of rules.filter(ofType('channel-policy'))) {
    const p = r.event.params;
    const usable = p.fallback.filter((ch) => !(ch === 'phone' && (p.when === 'do-not-call' || p.when === 'no-phone')));
    if (usable.length === 0) warn('no-channel', r.id, 'event.params.fallback', { when: p.when });
  }
  if (options.today !== undefined) calendarsEnding(ruleSet, options.today, warn);
  return out;
}

/** Adds a warning of `check` about a rule (or the rule set, `null`) at `path`. */
type Warn = <C extends LintCheck>(check: C, ruleId: string | null, path: string, params: LintParams[C]) => void;

/** Windows on days a blackout of every channel and kind always blocks. */
function neverOpens(
  rules: readonly RuleSet['rules'][number][],
  blackouts: readonly RuleOf<'blackout'>[],
  warn: Warn,
): void {
  const blockedWeekdays = new Set(
    blackouts.flatMap((b) =>
      b.event.params.kind === 'weekdays' && b.event.params.channels === undefined && b.event.params.kinds === undefined
        ? b.event.params.days
        : [],
    ),
  );
  for (const w of rules.filter(ofType('call-window'))) {
    if (w.event.params.use === 'urgent' || blockedWeekdays.size === 0) continue;
    const days = new Set(w.event.params.windows.flatMap((x) => x.days));
    if ([...days].every((d) => blockedWeekdays.has(d)))
      warn('never-opens', w.id, 'event.params.windows', { days: [...days] });
  }
}

/**
 * A cadence's contacts no slot can take: a blackout run longer than its tolerance (and overflow) can wait out, and
 * offsets past the horizon.
 */
function cadenceReach(
  ruleSet: RuleSet,
  c: RuleOf<'cadence'>,
  blackouts: readonly RuleOf<'blackout'>[],
  warn: Warn,
): void {
  const p: CadenceParams = c.event.params;
  // A contact that may move earlier gets out before the run; one that may only wait must outlast it.
  const overflow = p.overflow === undefined || p.overflow.move === 'drop' ? null : p.overflow;
  const getsOut = overflow?.move === 'earlier' || overflow?.earlierWithin !== undefined;
  const reach = getsOut
    ? Number.POSITIVE_INFINITY
    : approxDays(p.tolerance) + (overflow ? approxDays(overflow.within) : 0);
  const longer = blackouts
    .filter((b) => applies(b.event.params, p.channel, p.kind))
    .map((b) => ({ id: b.id, run: longestRun(b.event.params, ruleSet) }))
    .filter((b) => b.run > reach);
  if (longer.length > 0)
    warn('always-dropped', c.id, 'event.params.tolerance', {
      tolerance: p.tolerance,
      overflowWithin: overflow ? overflow.within : null,
      runs: longer,
    });
  if (!ANCHORED_AFTER_PURCHASE.has(p.anchor)) return;
  const horizonDays = approxDays(ruleSet.defaults.horizon);
  p.offsets.forEach((offset, i) => {
    if (approxDays(offset) > horizonDays)
      warn('past-horizon', c.id, `event.params.offsets[${i}]`, { offset, horizon: ruleSet.defaults.horizon });
  });
}

/**
 * Two cadences asking for the same contact at the same moment, when both can hold: always one merged contact. Each
 * cadence is compared with the earlier ones of its purpose, channel, kind and anchor that share an offset with it
 * (found by offset, not by trying every pair), and named once, with the first it merges with.
 */
function alwaysMerged(cadences: readonly RuleOf<'cadence'>[], budget: PairBudget, warn: Warn): void {
  const earlier = new Map<string, Map<string, RuleOf<'cadence'>[]>>();
  for (const b of cadences) {
    const pb = b.event.params;
    const group = `${pb.purpose}\u0000${pb.channel}\u0000${pb.kind}\u0000${pb.anchor}`;
    let byOffset = earlier.get(group);
    if (byOffset === undefined) earlier.set(group, (byOffset = new Map()));
    const tried = new Set<RuleOf<'cadence'>>();
    let found: { a: RuleOf<'cadence'>; k: number } | undefined;
    for (let k = 0; k < pb.offsets.length && found === undefined; k++)
      for (const a of byOffset.get(pb.offsets[k] as string) ?? []) {
        if (tried.has(a)) continue;
        tried.add(a);
        if (!disjoint(a, b, budget)) {
          found = { a, k };
          break;
        }
      }
    if (found !== undefined)
      warn('always-merged', b.id, `event.params.offsets[${found.k}]`, {
        purpose: pb.purpose,
        anchor: pb.anchor,
        offset: pb.offsets[found.k] as string,
        otherRule: found.a.id,
      });
    for (const o of new Set(pb.offsets)) {
      const list = byOffset.get(o);
      if (list === undefined) byOffset.set(o, [b]);
      else list.push(b);
    }
  }
}

/** Calendars whose dates end before a plan made `today` reaches (and that keep no statutory holidays past them). */
function calendarsEnding(ruleSet: RuleSet, today: string, warn: Warn): void {
  const last = dateEpochDay(today) + Math.ceil(approxDays(ruleSet.defaults.horizon));
  for (const name of Object.keys(ruleSet.calendars).sort()) {
    const coverage = coverageOf(name, ruleSet.calendars[name] as RuleSet['calendars'][string]);
    // A calendar that keeps the statutory holidays past its dates is not blind there: its plans name those days.
    if (coverage !== null && !coverage.provisional && coverage.throughDay < last)
      warn('calendar-ends', null, `calendars.${name}`, {
        through: coverage.through,
        today,
        horizon: ruleSet.defaults.horizon,
      });
  }
}
