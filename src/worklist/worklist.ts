/**
 * `planner.worklist(plans, options)`: the contacts of the plans whose window starts in the range, each assigned to
 * a person and a day or listed in `overflow` with why. See docs/worklists.md for the algorithm and its cost.
 */
import { WorklistWords } from './words.js';
import { formatInstant } from '../calendar/instant.js';
import { formatLocalDate, fromEpochDay, dateEpochDay } from '../calendar/local-date.js';

import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { CompiledRuleSet } from '../plan/compile.js';
import type { WindowTables } from '../plan/window-tables.js';
import { assign } from './assign.js';
import { collectContacts, type Contact } from './contacts.js';
import type { Overflowed, Placement } from './level.js';
import { optionsSchema, parseWorklistInput, type ParsedWorklistOptions, type ParsedWorklistPlan } from './parse.js';
import { fieldsOf, nearMissWarnings } from '../schema/near-misses.js';
import { Pools, Staff } from './staff.js';
import { maskPhone } from './text.js';
import type { Explanation } from '../i18n/explanation.js';
import type { Renderer } from '../i18n/render.js';
import type { Words } from '../i18n/words.js';
import type { Assignment, OverflowEntry, Worklist, WorklistDay, WorklistOptions, WorklistPlan } from './types.js';

function assignment(p: Placement, mask: boolean, renderer: Renderer): Assignment {
  const { words } = renderer;
  const { contact: c, option } = p;
  const { tp, plan } = c;
  const names = plan.display?.drugNames ?? [];
  const drugNames: string[] = [];
  for (const code of tp.drugCodes) {
    const name = names.find((d) => d.drugCode === code)?.name;
    if (name !== undefined) drugNames.push(name);
  }
  const phone = plan.display?.phone;
  return {
    staffId: p.staff.id,
    touchpointId: tp.id,
    customerId: plan.customerId,
    purchaseId: tp.purchaseId ?? plan.purchaseId,
    start: formatInstant(option.startMs, c.zone),
    end: formatInstant(option.endMs, c.zone),
    channel: tp.channel,
    urgency: tp.urgency,
    kind: tp.kind,
    purpose: tp.purpose,
    purposeText: words.purpose(tp.purpose),
    ...(p.moved === undefined ? {} : { moved: p.moved }),
    ...(p.handover === undefined ? {} : { handover: p.handover }),
    ...(p.rolled === undefined
      ? {}
      : { rolled: { from: formatInstant(p.rolled.fromMs, c.zone), reason: p.rolled.reason } }),
    ...(plan.display?.customerName === undefined ? {} : { customerName: plan.display.customerName }),
    ...(phone === undefined ? {} : { phone: mask ? maskPhone(phone) : phone }),
    drugCodes: [...tp.drugCodes],
    drugNames,
    reasons: tp.reasons === undefined ? renderer.renderAll((tp.explanations ?? []) as Explanation[]) : [...tp.reasons],
  };
}

function overflowEntry(o: Overflowed, mask: boolean, words: Words): OverflowEntry {
  const { tp, plan } = o.contact;
  const phone = plan.display?.phone;
  return {
    touchpointId: tp.id,
    customerId: plan.customerId,
    purchaseId: tp.purchaseId ?? plan.purchaseId,
    date: formatLocalDate(fromEpochDay(o.contact.plannedDay)),
    channel: tp.channel,
    urgency: tp.urgency,
    ...(o.staff === undefined ? {} : { staffId: o.staff.id }),
    reason: o.reason,
    ...(plan.display?.customerName === undefined ? {} : { customerName: plan.display.customerName }),
    ...(phone === undefined ? {} : { phone: mask ? maskPhone(phone) : phone }),
    kind: tp.kind,
    purpose: tp.purpose,
    purposeText: words.purpose(tp.purpose),
    window: { start: tp.window.start, end: tp.window.end },
  };
}

/**
 * Builds a worklist (see `Planner.worklist`).
 *
 * @throws {InputError} naming every problem of the plans and options, with its path.
 */
export function buildWorklist(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  plans: readonly WorklistPlan[],
  options: WorklistOptions,
  renderer: Renderer,
): Worklist {
  const parsed = parseWorklistInput(plans, options, renderer.locale);
  return worklistOfParsed(compiled, tables, parsed.plans, parsed.options, options, renderer);
}

/**
 * The worklist of plans and options validated already (`parseWorklistPlan`, `parseWorklistOptions`): for a caller that
 * validates plans one by one as it reads them, so that only the validated plans are held. `options` as given, for
 * the near-miss warnings.
 */
export function worklistOfParsed(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  plans: readonly ParsedWorklistPlan[],
  opts: ParsedWorklistOptions,
  options: unknown,
  renderer: Renderer,
): Worklist {
  const firstDay = dateEpochDay(opts.from);
  const lastDay = firstDay + opts.days - 1;
  const text = new WorklistWords(renderer.words);
  const contacts = collectContacts(compiled, tables, plans, text);
  // A roster key that looks like a field (`visit`, `store_id`) would be ignored without a word: a warning.
  for (const w of nearMissWarnings(options, fieldsOf(optionsSchema), 'options.'))
    contacts.warnings.add(renderer.render(w));
  const inRange: Contact[] = contacts.all.filter((c) => c.plannedDay >= firstDay && c.plannedDay <= lastDay);
  const pools = new Pools(
    opts.staff.map((m) => new Staff(m, firstDay, opts.days)),
    text,
  );
  const { placed, overflow } = assign(contacts, inRange, pools, firstDay, opts, text);

  const mask = opts.maskPhone === true;
  const byDay: { startMs: number; rank: number; a: Assignment }[][] = Array.from({ length: opts.days }, () => []);
  for (const p of placed)
    byDay[p.option.dayIndex]?.push({
      startMs: p.option.startMs,
      rank: p.contact.urgencyRank,
      a: assignment(p, mask, renderer),
    });
  const days: WorklistDay[] = byDay.map((list, i) => ({
    date: formatLocalDate(fromEpochDay(firstDay + i)),
    assignments: sortInPlace(
      list,
      (x, y) =>
        byCodeUnits(x.a.staffId, y.a.staffId) ||
        x.startMs - y.startMs ||
        x.rank - y.rank ||
        byCodeUnits(x.a.touchpointId, y.a.touchpointId),
    ).map((x) => x.a),
  }));
  const rank = (o: Overflowed): number => o.contact.urgencyRank;
  const sorted = sortInPlace(
    [...overflow],
    (a, b) =>
      a.contact.plannedDay - b.contact.plannedDay || rank(a) - rank(b) || byCodeUnits(a.contact.tp.id, b.contact.tp.id),
  );
  const over = sorted.map((o) => overflowEntry(o, mask, renderer.words));
  const unstaffedEscalations = over.filter((_, i) => sorted[i]?.unstaffed === true);
  return { days, overflow: over, unstaffedEscalations, warnings: sortInPlace([...contacts.warnings], byCodeUnits) };
}
