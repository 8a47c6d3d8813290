/**
 * A replan's passes (one per purchase planned again, oldest first) merged into one plan: its touchpoints — the
 * contacts new or changed, each naming its purchase when it is not the plan's; an open contact left as it was is not
 * repeated —, what it supersedes, what it suppresses that the ERP has not heard, its warnings.
 */
import type { Explanation } from '../i18n/explanation.js';
import type { Renderer } from '../i18n/render.js';
import { formatInstant, instant } from '../calendar/instant.js';
import type { ParsedPlanInput } from '../schema/input.js';
import type { ParsedReplanInput } from '../schema/replan-input.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { CompiledRuleSet } from './compile.js';
import { URGENCY_RANK, warningKey } from './plan-state.js';
import type { FollowUpPlanData, SuppressedContactData, TouchpointData } from './types.js';

type Earlier = NonNullable<NonNullable<ParsedPlanInput['history']>['purchases']>[number];
type ContactRecord = NonNullable<NonNullable<ParsedPlanInput['history']>['contacts']>[number];
type Pass = { readonly purchaseId: string; readonly plan: FollowUpPlanData };
type Superseded = FollowUpPlanData['supersedes'][number];

/** A suppression's reasons as a key: each explanation's code and params. */
const reasonKey = (explanations: readonly Explanation[]): string => explanations.map(warningKey).join('\u0001');

/** What the passes say, by id (the latest pass first): the plan is made from these. */
interface Merged {
  readonly touchpoints: Map<string, { startMs: number; rank: number; tp: TouchpointData }>;
  readonly suppressed: Map<string, { dueMs: number; entry: SuppressedContactData }>;
  readonly supersedes: Map<string, Superseded>;
  readonly warnings: Map<string, Explanation>;
}

/** What the passes are merged against: the history's contacts, and what the passes after the one read said. */
interface Against {
  /** The plan's purchase (the latest pass's). */
  readonly purchaseId: string;
  /** The ids of the history's contacts (stored by the ERP). */
  readonly known: ReadonlySet<string>;
  /** The history's open contacts, by id. */
  readonly open: ReadonlyMap<string, ContactRecord>;
  readonly compiled: CompiledRuleSet;
  /** Open contacts a pass left as they were. */
  readonly unchanged: Set<string>;
  /** What a later pass superseded, by id. */
  readonly supersededLater: Map<string, Superseded>;
}

/** Whether a touchpoint is the history's open contact of `own` as it was (the ERP has it already). */
function storedAsIs(against: Against, tp: TouchpointData, own: string): boolean {
  const c = against.open.get(tp.id);
  return (
    c !== undefined &&
    c.purchaseId === own &&
    c.kind === tp.kind &&
    c.channel === tp.channel &&
    c.urgency === tp.urgency &&
    c.purpose === tp.purpose &&
    (c.ruleIds ?? []).join('\u0000') === tp.ruleIds.join('\u0000') &&
    instant(c.window.start) === instant(tp.window.start) &&
    instant(c.window.end) === instant(tp.window.end)
  );
}

/**
 * What a suppression tells the ERP that the plans before did not: why a contact it holds as planned is dropped, or
 * why a contact the history asks for (a retry or an incident's calls, alone or merged) has no place while its time
 * has not passed. A cadence's contact never stored, or a contact whose time passed unstored, was reported by the plan
 * that left it out, and is not repeated every night.
 */
function isNews(against: Against, candidate: SuppressedContactData['candidate'], code: string | undefined): boolean {
  if (against.open.has(candidate.id)) return true;
  const fromHistory = candidate.ruleIds.some((id) => {
    const type = against.compiled.rules.get(id)?.type;
    return type === 'retry' || type === 'escalation';
  });
  return fromHistory && code !== 'suppressed.tolerance-ended';
}

/** One pass's touchpoints: those no later pass planned or replaced, and not stored as they are. */
function takeTouchpoints(against: Against, { purchaseId: own, plan }: Pass, merged: Merged): void {
  for (const tp of plan.touchpoints) {
    if (merged.touchpoints.has(tp.id) || against.unchanged.has(tp.id)) continue;
    const later = against.supersededLater.get(tp.id);
    if (later !== undefined) {
      // Planned by this pass, replaced by a later one (a restart): never stored, so not cancelled — suppressed, with why.
      if (!against.known.has(tp.id) && isNews(against, tp, later.explanations[0]?.code)) {
        const { window: _, tolerance: __, ...candidate } = tp;
        const entry: SuppressedContactData = { candidate, explanations: later.explanations, ruleIds: later.ruleIds };
        merged.suppressed.set(`${tp.id}\u0000${reasonKey(later.explanations)}`, { dueMs: instant(tp.due), entry });
      }
      continue;
    }
    // A pass may re-issue an earlier purchase's contact (near-duplicates merged in): it names that purchase.
    if (storedAsIs(against, tp, tp.purchaseId ?? own)) {
      against.unchanged.add(tp.id);
      continue;
    }
    const withPurchase: TouchpointData =
      (tp.purchaseId ?? own) === against.purchaseId ? tp : { ...tp, purchaseId: tp.purchaseId ?? own };
    merged.touchpoints.set(tp.id, {
      startMs: instant(tp.window.start),
      rank: URGENCY_RANK[tp.urgency],
      tp: withPurchase,
    });
  }
}

/** One pass's supersedes, suppressions and warnings, where no later pass said them. */
function takeTheRest(against: Against, { plan }: Pass, merged: Merged): void {
  // Only contacts the history holds are cancelled: one an earlier pass planned anew was never stored.
  for (const s of plan.supersedes) {
    if (!against.supersededLater.has(s.id)) against.supersededLater.set(s.id, s);
    const planned = merged.touchpoints.has(s.id) || against.unchanged.has(s.id);
    if (against.known.has(s.id) && !planned && !merged.supersedes.has(s.id)) merged.supersedes.set(s.id, s);
  }
  for (const s of plan.suppressed) {
    if (!isNews(against, s.candidate, s.explanations[0]?.code)) continue;
    const key = `${s.candidate.id}\u0000${reasonKey(s.explanations)}`;
    if (!merged.suppressed.has(key)) merged.suppressed.set(key, { dueMs: instant(s.candidate.due), entry: s });
  }
  for (const w of plan.warningExplanations) {
    const key = warningKey(w);
    if (!merged.warnings.has(key)) merged.warnings.set(key, w);
  }
}

/** The passes merged (see the module's comment), as one plan's data. */
export function mergePasses(
  compiled: CompiledRuleSet,
  passes: readonly Pass[],
  input: ParsedReplanInput,
  zone: string,
  asOfMs: number,
  latest: Earlier['purchase'] | undefined,
  renderer: Renderer,
): FollowUpPlanData {
  const anchor = passes[passes.length - 1]?.plan;
  const open = new Map<string, ContactRecord>();
  for (const c of input.history.contacts ?? []) if (c.status === 'planned') open.set(c.id, c);
  const against: Against = {
    purchaseId: anchor?.purchaseId ?? latest?.id ?? '',
    known: new Set((input.history.contacts ?? []).map((c) => c.id)),
    open,
    compiled,
    unchanged: new Set(),
    supersededLater: new Map(),
  };
  const merged: Merged = { touchpoints: new Map(), suppressed: new Map(), supersedes: new Map(), warnings: new Map() };
  // Latest pass first: a contact a later pass supersedes is not a touchpoint of an earlier one.
  for (let k = passes.length - 1; k >= 0; k--) {
    takeTouchpoints(against, passes[k] as Pass, merged);
    takeTheRest(against, passes[k] as Pass, merged);
  }
  return assemble(compiled, passes, input, { zone, asOfMs, latest, renderer, purchaseId: against.purchaseId }, merged);
}

/** The merged plan: touchpoints by start, suppressions by due, in a total order; the latest pass's header. */
function assemble(
  compiled: CompiledRuleSet,
  passes: readonly Pass[],
  input: ParsedReplanInput,
  at: {
    zone: string;
    asOfMs: number;
    latest: Earlier['purchase'] | undefined;
    renderer: Renderer;
    purchaseId: string;
  },
  { touchpoints, suppressed, supersedes, warnings }: Merged,
): FollowUpPlanData {
  const anchor = passes[passes.length - 1]?.plan;
  const placed = sortInPlace(
    [...touchpoints.values()],
    (a, b) => a.startMs - b.startMs || a.rank - b.rank || byCodeUnits(a.tp.id, b.tp.id),
  );
  const say = (e: readonly Explanation[]): string => at.renderer.renderWithDetails(e);
  const held = sortInPlace(
    [...suppressed.values()],
    // Equal due and id: by the reason's text, as a plan orders them.
    (a, b) =>
      a.dueMs - b.dueMs ||
      byCodeUnits(a.entry.candidate.id, b.entry.candidate.id) ||
      byCodeUnits(say(a.entry.explanations), say(b.entry.explanations)),
  );
  const warned = sortInPlace([...warnings.entries()], (a, b) => byCodeUnits(a[0], b[0]));
  const drugNames = new Map<string, string>();
  for (const { plan } of passes)
    for (const d of plan.display?.drugNames ?? []) if (!drugNames.has(d.drugCode)) drugNames.set(d.drugCode, d.name);
  const display: NonNullable<FollowUpPlanData['display']> = { ...(anchor?.display ?? {}) };
  if (drugNames.size > 0)
    display.drugNames = [...drugNames]
      .sort((a, b) => byCodeUnits(a[0], b[0]))
      .map(([drugCode, name]) => ({ drugCode, name }));
  const storeId = anchor?.storeId ?? at.latest?.storeId ?? undefined;
  return {
    customerId: input.customer.id,
    purchaseId: at.purchaseId,
    ruleSet: { id: compiled.ruleSet.id, version: compiled.ruleSet.version, hash: compiled.hash },
    asOf: anchor?.asOf ?? formatInstant(at.asOfMs, at.zone),
    timeZone: anchor?.timeZone ?? at.zone,
    ...(storeId === undefined || storeId === null ? {} : { storeId }),
    ...(Object.keys(display).length === 0 ? {} : { display }),
    policy: anchor?.policy ?? { ruleIds: [] },
    touchpoints: placed.map((x) => x.tp),
    suppressed: held.map((x) => x.entry),
    supersedes: [...supersedes.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
    warningExplanations: warned.map(([, w]) => w),
  };
}
