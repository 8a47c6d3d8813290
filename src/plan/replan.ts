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
import type { Renderer } from '../i18n/render.js';
import { addDuration, type Duration } from '../calendar/duration.js';
import { instant } from '../calendar/instant.js';
import { canonicalZone } from '../calendar/zone.js';
import type { ParsedPlanInput } from '../schema/input.js';
import type { ParsedReplanInput } from '../schema/replan-input.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import type { CompiledRuleSet } from './compile.js';
import type { WindowTables } from './window-tables.js';
import { buildPlan } from './pipeline.js';
import { plannedContact } from './planned-contact.js';
import { renderPlanWith } from './render-plan.js';
import type { AnyPlan, FollowUpPlanData } from './types.js';
import { mergePasses } from './replan-merge.js';

type Earlier = NonNullable<NonNullable<ParsedPlanInput['history']>['purchases']>[number];
type ContactRecord = NonNullable<NonNullable<ParsedPlanInput['history']>['contacts']>[number];

/** At most this many purchases are planned again in one replan (the latest of those still within their horizon). */
export const MAX_REPLAN_PURCHASES = 50;

/** The contacts after a pass: its touchpoints planned (by id), what it supersedes cancelled. */
function applyPass(
  contacts: readonly ContactRecord[],
  plan: Pick<FollowUpPlanData, 'touchpoints' | 'supersedes' | 'purchaseId'>,
): ContactRecord[] {
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

/**
 * The purchases of a history, oldest first, and those a replan plans again: each with contacts (or whose checks went
 * into another purchase's contact) whose horizon reaches past `asOfMs`, the latest {@link MAX_REPLAN_PURCHASES}, each
 * with the purchases before it.
 */
function replanPasses(
  history: ParsedReplanInput['history'],
  horizon: Duration,
  zone: string,
  asOfMs: number,
): { purchases: Earlier[]; due: { purchase: Earlier; earlier: Earlier[] }[] } {
  const purchases = sortInPlace(
    (history.purchases ?? []).map((p) => ({ p, atMs: instant(p.purchase.purchasedAt) })),
    (a, b) => a.atMs - b.atMs || byCodeUnits(a.p.purchase.id, b.p.purchase.id),
  );
  const contacts = history.contacts ?? [];
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
  const due = purchases
    .map((x, i) => ({ ...x, i }))
    .filter((x) => withContacts.has(x.p.purchase.id) && addDuration(x.atMs, horizon, zone) > asOfMs)
    .slice(-MAX_REPLAN_PURCHASES)
    .map(({ p, i }) => ({ purchase: p, earlier: purchases.slice(0, i).map((x) => x.p) }));
  return { purchases: purchases.map((x) => x.p), due };
}

/**
 * Plans what the history still owes (see the module's comment). Deterministic, as `plan` is. `onPass` sees each pass,
 * its input and its plan (`rx-followup/testing` checks them as purchase plans).
 */
export async function replanCustomer(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  input: ParsedReplanInput,
  renderer: Renderer,
  onPass?: (input: ParsedPlanInput, plan: FollowUpPlanData) => void,
): Promise<AnyPlan> {
  const zone = canonicalZone(input.customer.timeZone ?? compiled.defaultZone);
  const asOfMs = instant(input.asOf);
  const { purchases, due } = replanPasses(input.history, compiled.horizon, zone, asOfMs);
  let contacts: ContactRecord[] = [...(input.history.contacts ?? [])];
  // The passes are data only; the texts of what the merged plan keeps are rendered once, at the end.
  const data = renderer.dataOnly();
  const passes: { purchaseId: string; plan: FollowUpPlanData }[] = [];
  for (const { purchase: p, earlier } of due) {
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
    const plan = (await buildPlan(compiled, tables, passInput, data)) as FollowUpPlanData;
    onPass?.(passInput, plan);
    passes.push({ purchaseId: p.purchase.id, plan });
    contacts = applyPass(contacts, plan);
  }
  const latest = purchases[purchases.length - 1]?.purchase;
  const merged = mergePasses(compiled, passes, input, zone, asOfMs, latest, data);
  return renderer.text ? renderPlanWith(merged, renderer) : merged;
}
