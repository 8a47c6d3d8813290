/**
 * `planner.replan`: what a customer's history still owes them when nothing new was bought — retries of calls not
 * reached, the contacts a declined call paused, complaint feedback once resolved, contacts an outcome now holds back.
 *
 * Each purchase with contacts (or whose checks went into another purchase's open contact, which lists its drugs) whose
 * horizon has not ended is planned again, oldest first, as the nightly job would plan it anew: with the purchases
 * before it and the contacts of those and its own (each pass sees what the passes before it planned, so every cap is
 * kept across purchases: the later purchase is placed around the earlier's, and merges into its contacts again). The
 * passes are one plan: its touchpoints — the contacts new or changed, each naming its purchase when it is not the
 * plan's; an open contact left as it was is not repeated —, what it supersedes, what it suppresses, its warnings.
 */
import type { Explanation } from '../i18n/explanation.js';
import type { Renderer } from '../i18n/render.js';
import { addDuration } from '../calendar/duration.js';
import { formatInstant, instant } from '../calendar/instant.js';
import { canonicalZone } from '../calendar/zone.js';
import type { ParsedPlanInput } from '../schema/input.js';
import type { ParsedReplanInput } from '../schema/replan-input.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { CompiledRuleSet } from './compile.js';
import { buildPlan } from './pipeline.js';
import { plannedContact } from './planned-contact.js';
import { URGENCY_RANK, warningKey } from './plan-state.js';
import { renderPlanWith } from './render-plan.js';
import type { AnyPlan, FollowUpPlanData, SuppressedContactData, TouchpointData } from './types.js';

type Earlier = NonNullable<NonNullable<ParsedPlanInput['history']>['purchases']>[number];
type ContactRecord = NonNullable<NonNullable<ParsedPlanInput['history']>['contacts']>[number];

/** At most this many purchases are planned again in one replan (the latest of those still within their horizon). */
export const MAX_REPLAN_PURCHASES = 50;

/** The contacts after a pass: its touchpoints planned (by id), what it supersedes cancelled. */
function applyPass(contacts: readonly ContactRecord[], plan: FollowUpPlanData): ContactRecord[] {
  const superseded = new Set(plan.supersedes.map((s) => s.id));
  const planned = new Set(plan.touchpoints.map((t) => t.id));
  const out: ContactRecord[] = [];
  for (const c of contacts) {
    if (planned.has(c.id)) continue;
    out.push(superseded.has(c.id) && c.status === 'planned' ? { ...c, status: 'cancelled' } : c);
  }
  for (const t of plan.touchpoints) out.push(plannedContact(t, plan));
  return out;
}

/** Plans what the history still owes (see the module's comment). Deterministic, as `plan` is. */
export async function replanCustomer(
  compiled: CompiledRuleSet,
  input: ParsedReplanInput,
  renderer: Renderer,
): Promise<AnyPlan> {
  const zone = canonicalZone(input.customer.timeZone ?? compiled.defaultZone);
  const asOfMs = instant(input.asOf);
  const purchases = sortInPlace(
    (input.history.purchases ?? []).map((p) => ({ p, atMs: instant(p.purchase.purchasedAt) })),
    (a, b) => a.atMs - b.atMs || byCodeUnits(a.p.purchase.id, b.p.purchase.id),
  );
  let contacts: ContactRecord[] = [...(input.history.contacts ?? [])];
  const withContacts = new Set(contacts.map((c) => c.purchaseId));
  // A purchase whose contacts were all merged into a contact of an earlier one (which lists its drugs) is planned again
  // too: that contact's own purchase, planned again first, re-issues it without them (or a restart superseded it).
  const listedBy = new Map<string, Set<string>>();
  for (const c of contacts)
    for (const d of c.drugCodes ?? []) listedBy.set(d, (listedBy.get(d) ?? new Set()).add(c.purchaseId));
  for (const { p } of purchases) {
    const own = p.purchase.id;
    if ((p.purchase.items ?? []).some((item) => [...(listedBy.get(item.drugCode) ?? [])].some((id) => id !== own)))
      withContacts.add(own);
  }
  // Purchases with contacts whose horizon reaches past asOf: the latest MAX_REPLAN_PURCHASES of them.
  const due = purchases
    .map((x, i) => ({ ...x, i }))
    .filter((x) => withContacts.has(x.p.purchase.id) && addDuration(x.atMs, compiled.horizon, zone) > asOfMs)
    .slice(-MAX_REPLAN_PURCHASES);

  // The passes are data only; the texts of what the merged plan keeps are rendered once, at the end.
  const data = renderer.dataOnly();
  const passes: { purchaseId: string; plan: FollowUpPlanData }[] = [];
  for (const { p, i } of due) {
    const earlier: Earlier[] = purchases.slice(0, i).map((x) => x.p);
    // Every contact of the customer: those of later purchases count toward the caps, and the customer's own series
    // (registration-anchored) made under a later purchase is not planned again. Only earlier purchases' contacts
    // can be restarted (the history lists only earlier purchases).
    const passInput: ParsedPlanInput = {
      customer: input.customer,
      purchase: p.purchase,
      courses: p.courses,
      asOf: input.asOf,
      history: { purchases: earlier, contacts },
    };
    const plan = (await buildPlan(compiled, passInput, data)) as FollowUpPlanData;
    passes.push({ purchaseId: p.purchase.id, plan });
    contacts = applyPass(contacts, plan);
  }
  const latest = purchases[purchases.length - 1]?.p.purchase;
  const merged = mergePasses(compiled, passes, input, zone, asOfMs, latest, data);
  return renderer.text ? renderPlanWith(merged, renderer) : merged;
}

/** A suppression's reasons as a key: each explanation's code and params. */
const reasonKey = (explanations: readonly Explanation[]): string => explanations.map(warningKey).join('\u0001');

/** The passes as one plan; with none, an empty plan of the latest purchase. */
function mergePasses(
  compiled: CompiledRuleSet,
  passes: readonly { purchaseId: string; plan: FollowUpPlanData }[],
  input: ParsedReplanInput,
  zone: string,
  asOfMs: number,
  latest: Earlier['purchase'] | undefined,
  renderer: Renderer,
): FollowUpPlanData {
  const anchor = passes[passes.length - 1]?.plan;
  const purchaseId = anchor?.purchaseId ?? latest?.id ?? '';
  const known = new Set((input.history.contacts ?? []).map((c) => c.id));
  // The history's open contacts: one the replan leaves as it was is not repeated (the ERP has it already).
  const open = new Map<string, ContactRecord>();
  for (const c of input.history.contacts ?? []) if (c.status === 'planned') open.set(c.id, c);
  const same = (tp: TouchpointData, own: string): boolean => {
    const c = open.get(tp.id);
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
  };
  // What a suppression tells the ERP that the plans before did not: why a contact it holds as planned is dropped, or
  // why a contact the history asks for (a retry or an incident's calls, alone or merged) has no place while its time
  // has not passed. A cadence's contact never stored, or a contact whose time passed unstored, was reported by the
  // plan that left it out, and is not repeated every night.
  const fromHistory = (ruleIds: readonly string[]): boolean =>
    ruleIds.some((id) => {
      const type = compiled.rules.get(id)?.type;
      return type === 'retry' || type === 'escalation';
    });
  const news = (candidate: SuppressedContactData['candidate'], code: string | undefined): boolean =>
    open.has(candidate.id) || (fromHistory(candidate.ruleIds) && code !== 'suppressed.tolerance-ended');
  const unchanged = new Set<string>();
  const supersededLater = new Map<string, FollowUpPlanData['supersedes'][number]>();
  const supersedes = new Map<string, FollowUpPlanData['supersedes'][number]>();
  const touchpoints = new Map<string, { startMs: number; rank: number; tp: TouchpointData }>();
  const suppressed = new Map<string, { dueMs: number; entry: SuppressedContactData }>();
  const warnings = new Map<string, Explanation>();
  // Latest pass first: a contact a later pass supersedes is not a touchpoint of an earlier one.
  for (let k = passes.length - 1; k >= 0; k--) {
    const { purchaseId: own, plan } = passes[k] as { purchaseId: string; plan: FollowUpPlanData };
    for (const tp of plan.touchpoints) {
      if (touchpoints.has(tp.id) || unchanged.has(tp.id)) continue;
      const later = supersededLater.get(tp.id);
      if (later !== undefined) {
        // Planned by this pass, replaced by a later one (a restart): never stored, so not cancelled — suppressed, with why.
        if (!known.has(tp.id) && news(tp, later.explanations[0]?.code)) {
          const { window: _, tolerance: __, ...candidate } = tp;
          const entry: SuppressedContactData = { candidate, explanations: later.explanations, ruleIds: later.ruleIds };
          suppressed.set(`${tp.id}\u0000${reasonKey(later.explanations)}`, { dueMs: instant(tp.due), entry });
        }
        continue;
      }
      // A pass may re-issue an earlier purchase's contact (near-duplicates merged in): it names that purchase.
      if (same(tp, tp.purchaseId ?? own)) {
        unchanged.add(tp.id);
        continue;
      }
      const withPurchase: TouchpointData =
        (tp.purchaseId ?? own) === purchaseId ? tp : { ...tp, purchaseId: tp.purchaseId ?? own };
      touchpoints.set(tp.id, { startMs: instant(tp.window.start), rank: URGENCY_RANK[tp.urgency], tp: withPurchase });
    }
    // Only contacts the history holds are cancelled: one an earlier pass planned anew was never stored.
    for (const s of plan.supersedes) {
      if (!supersededLater.has(s.id)) supersededLater.set(s.id, s);
      if (known.has(s.id) && !touchpoints.has(s.id) && !unchanged.has(s.id) && !supersedes.has(s.id))
        supersedes.set(s.id, s);
    }
    for (const s of plan.suppressed) {
      if (!news(s.candidate, s.explanations[0]?.code)) continue;
      const key = `${s.candidate.id}\u0000${reasonKey(s.explanations)}`;
      if (!suppressed.has(key)) suppressed.set(key, { dueMs: instant(s.candidate.due), entry: s });
    }
    for (const w of plan.warningExplanations) {
      const key = warningKey(w);
      if (!warnings.has(key)) warnings.set(key, w);
    }
  }
  const placed = sortInPlace(
    [...touchpoints.values()],
    (a, b) => a.startMs - b.startMs || a.rank - b.rank || byCodeUnits(a.tp.id, b.tp.id),
  );
  const held = sortInPlace(
    [...suppressed.values()],
    // Equal due and id: by the reason's text, as a plan orders them.
    (a, b) =>
      a.dueMs - b.dueMs ||
      byCodeUnits(a.entry.candidate.id, b.entry.candidate.id) ||
      byCodeUnits(renderer.renderWithDetails(a.entry.explanations), renderer.renderWithDetails(b.entry.explanations)),
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
  const storeId = anchor?.storeId ?? latest?.storeId ?? undefined;
  return {
    customerId: input.customer.id,
    purchaseId,
    ruleSet: { id: compiled.ruleSet.id, version: compiled.ruleSet.version, hash: compiled.hash },
    asOf: anchor?.asOf ?? formatInstant(asOfMs, zone),
    timeZone: anchor?.timeZone ?? zone,
    ...(storeId === undefined || storeId === null ? {} : { storeId }),
    ...(Object.keys(display).length === 0 ? {} : { display }),
    policy: anchor?.policy ?? { ruleIds: [] },
    touchpoints: placed.map((x) => x.tp),
    suppressed: held.map((x) => x.entry),
    supersedes: [...supersedes.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
    warningExplanations: warned.map(([, w]) => w),
  };
}
