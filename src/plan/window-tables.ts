/**
 * The window tables of one planner: for each combination of call-window and blackout rules in force, the table of
 * their windows by weekday, built once and looked up by every plan and worklist after (a customer's own preferred
 * windows replace the preferred table of a copy). The planner owns it beside its compiled rule set, which stays
 * data; it holds at most {@link MAX_WINDOW_SETS} tables, then starts afresh (SECURITY.md).
 */
import { byCodeUnits } from '../_lib/sort.js';
import type { ParsedPlanInput } from '../schema/input.js';
import {
  compileCustomerWindows,
  type BlackoutRule,
  type CalendarCoverage,
  type CompiledRuleSet,
  type WindowRule,
} from './compile.js';
import { buildWindowSet, withCustomerWindows, type WindowSet } from './windows.js';

/** The most window tables one planner keeps. */
export const MAX_WINDOW_SETS = 1_000;

export class WindowTables {
  private readonly sets = new Map<string, WindowSet>();

  constructor(private readonly compiled: CompiledRuleSet) {}

  /** The table for these rules and customer windows: built at the first use of the rules, then looked up. */
  for(
    windowRules: readonly WindowRule[],
    blackouts: readonly BlackoutRule[],
    customerWindows: ParsedPlanInput['customer']['preferredWindows'],
  ): WindowSet {
    // Concatenated, not `.map(…).join`: the blackout list is often empty, and `.map` over empty and filled lists
    // got this function deoptimised (src/_lib/list.ts).
    let key = '';
    for (const r of windowRules) key += `${r.id},`;
    key += '|';
    for (const r of blackouts) key += `${r.id},`;
    let set = this.sets.get(key);
    if (!set) {
      set = buildWindowSet(windowRules, blackouts, null, this.coverageOf(windowRules, blackouts));
      if (this.sets.size >= MAX_WINDOW_SETS) this.sets.clear();
      this.sets.set(key, set);
    }
    if (!customerWindows || customerWindows.length === 0) return set;
    return withCustomerWindows(
      set,
      windowRules.find((r) => r.use === 'preferred')?.id ?? null,
      compileCustomerWindows(customerWindows),
    );
  }

  /** The coverage of the calendars these rules read (a holiday blackout's, a window's make-up workdays'), by name. */
  private coverageOf(windowRules: readonly WindowRule[], blackouts: readonly BlackoutRule[]): CalendarCoverage[] {
    const calendars = new Set<string>();
    for (const b of blackouts) if (b.calendar !== null) calendars.add(b.calendar);
    for (const w of windowRules) if (w.makeUpCalendar !== null) calendars.add(w.makeUpCalendar);
    const coverage: CalendarCoverage[] = [];
    for (const name of [...calendars].sort(byCodeUnits)) {
      const known = this.compiled.coverage.get(name);
      if (known) coverage.push(known);
    }
    return coverage;
  }
}
