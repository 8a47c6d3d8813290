/**
 * One plan, stage by stage: facts → rules → candidates (cadences) → escalations → channels → placement with caps →
 * the plan. Each stage lives in its own module; this one lists them in order. Deterministic: no clock, no
 * randomness, every list sorted by a total order.
 */
import type { Renderer } from '../i18n/render.js';
import type { Explanation } from '../i18n/explanation.js';
import { buildFacts, type FactSet, type IncidentContext, type PlanFacts } from '../facts/build-facts.js';
import type { RuleEvaluator, SyncRuleEvaluator } from '../rules/evaluator.js';
import type { ParsedPlanInput } from '../schema/input.js';
import { mapList } from '../_lib/list.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { Channels } from './channels.js';
import type { CapRule, CompiledRuleSet } from './compile.js';
import { incidentFeedback, incidentHold, placeEscalation, planEscalation } from './escalation.js';
import { CadenceExpander, dedupe } from './expand-cadence.js';
import { finishPlan, showContacts, type PlanContacts } from './finish.js';
import { escalationDealtWith, heldBack, HistoryStage, type Superseded } from './history.js';
import type { RetryRule } from '../events/retry.js';
import { policyInForce } from '../events/index.js';
import {
  earlierMember,
  groupNearDuplicates,
  mergeNearDuplicates,
  nearDuplicateCap,
  WindowFirstSlots,
  type NearDuplicates,
} from './near-duplicates.js';
import { RoutinePlacer } from './place-routine.js';
import {
  holdOn,
  PlanState,
  revised,
  suppression,
  withAll,
  type Candidate,
  type Hold,
  type Placed,
  type Policy,
  type Suppressed,
} from './plan-state.js';
import type { AnyPlan, Channel } from './types.js';
import type { WindowTables } from './window-tables.js';

export { MAX_CANDIDATES } from './expand-cadence.js';

/**
 * The fact sets rules are evaluated on: one per line (non-escalation rules) — one with no line for a purchase
 * without lines (a consultation) —, one per incident (escalation rules).
 */
function contexts(facts: PlanFacts): { lines: FactSet[]; incidents: FactSet[] } {
  const { customer, purchase } = facts;
  return {
    lines:
      facts.lines.length === 0
        ? [{ customer, purchase, line: null, incident: null }]
        : mapList(facts.lines, (l) => ({ customer, purchase, line: l.fact, incident: null })),
    incidents: mapList(facts.incidents, (i) => ({ customer, purchase, line: null, incident: i.fact })),
  };
}

/** Candidates in order of due, then priority (highest first), rule and purpose: a total order. */
const byDueThenPriority = (a: Candidate, b: Candidate): number =>
  a.dueMs - b.dueMs ||
  b.priority - a.priority ||
  byCodeUnits(a.ruleIds[0] as string, b.ruleIds[0] as string) ||
  byCodeUnits(a.purpose, b.purpose);
/** Candidates in order of priority (highest first), then due, rule and purpose: a total order. */
const byPriorityThenDue = (a: Candidate, b: Candidate): number =>
  b.priority - a.priority ||
  a.dueMs - b.dueMs ||
  byCodeUnits(a.ruleIds[0] as string, b.ruleIds[0] as string) ||
  byCodeUnits(a.purpose, b.purpose);

const byLeadPriorityThenDue = (a: NearDuplicates, b: NearDuplicates): number =>
  byPriorityThenDue(a.members[0] as Candidate, b.members[0] as Candidate);

/**
 * Places routine candidates in near-duplicate groups, highest-priority lead first: a group as one contact where it has
 * a slot, else member by member. Groups holding an earlier plan's open contact go before the rest: each re-issues that
 * contact with the others merged in (it is taken out of the caps' count while that is tried), so a contact placed
 * after may join it on its day; where the group has no slot, the earlier contact stays as it was and the others take
 * their turn with the rest.
 */
function placeNearDuplicates(
  state: PlanState,
  escalations: readonly Placed[],
  placer: RoutinePlacer,
  cap: CapRule,
  byDue: readonly Candidate[],
): void {
  const groups = groupNearDuplicates(state, escalations, cap, byDue, new WindowFirstSlots(state));
  for (const g of groups) if (g.members.length > 1) sortInPlace(g.members, byPriorityThenDue);
  sortInPlace(groups, byLeadPriorityThenDue);
  // Earlier plans' contacts re-issued first, with what joins them: a contact placed after may then join one on its day
  // (while it is counted as an earlier plan's, its day is taken).
  const reissued = new Set<NearDuplicates>();
  for (const g of groups) {
    const earlier = earlierMember(g.members);
    if (earlier === undefined || g.members.length === 1) continue;
    const released = placer.release(earlier.earlierContactId as string);
    if (placer.place(mergeNearDuplicates(state, cap, g), true)) reissued.add(g);
    else if (released !== undefined) placer.countEarlier([released]);
  }
  for (const g of groups) {
    if (reissued.has(g)) continue;
    const earlier = earlierMember(g.members);
    if (earlier === undefined) {
      if (g.members.length === 1 || !placer.place(mergeNearDuplicates(state, cap, g), true))
        for (const c of g.members) placer.place(c);
      continue;
    }
    for (const c of g.members) if (c !== earlier) placer.place(c);
  }
}

const isSync = (e: RuleEvaluator | SyncRuleEvaluator): e is SyncRuleEvaluator => 'evaluateSync' in e;

/**
 * Plans one validated input: facts → rules → candidates → channels →
 * placement with caps → the plan. Deterministic: no clock, no randomness,
 * every list sorted by a total order. Synchronous with the compiled evaluator;
 * with json-rules-engine the evaluations are awaited one after the other.
 */
export function buildPlan(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  input: ParsedPlanInput,
  renderer: Renderer,
  inputWarnings: readonly Explanation[] = NO_WARNINGS,
): AnyPlan | Promise<AnyPlan> {
  const facts = buildFacts(input, compiled.defaultZone);
  const ctx = contexts(facts);
  const { lineEvaluator, incidentEvaluator } = compiled;
  if (isSync(lineEvaluator) && isSync(incidentEvaluator)) {
    return planFromRules(
      compiled,
      tables,
      renderer,
      input,
      facts,
      lineEvaluator.evaluateEachSync(ctx.lines),
      incidentEvaluator.evaluateEachSync(ctx.incidents),
      inputWarnings,
    );
  }
  return (async () => {
    const lines: string[][] = [];
    for (const f of ctx.lines) lines.push(await lineEvaluator.evaluate(f));
    const incidents: string[][] = [];
    for (const f of ctx.incidents) incidents.push(await incidentEvaluator.evaluate(f));
    return planFromRules(compiled, tables, renderer, input, facts, lines, incidents, inputWarnings);
  })();
}
const NO_WARNINGS: readonly Explanation[] = [];

function planFromRules(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  renderer: Renderer,
  input: ParsedPlanInput,
  facts: PlanFacts,
  lineIds: string[][],
  incidentIds: string[][],
  inputWarnings: readonly Explanation[],
): AnyPlan {
  const { policy, retry } = policyStage(compiled, tables, lineIds, input.customer.preferredWindows);
  const state = new PlanState(compiled, facts, policy);
  for (const w of inputWarnings) state.warn(w);
  const channels = new Channels(state);
  const history = facts.history === null ? null : new HistoryStage(state);
  const asked = cadenceStage(state, lineIds);
  const escalated = escalationStage(state, channels, incidentIds);
  const mergeCap = nearDuplicateCap(policy.caps);
  const before = historyStage(state, history, retry, asked, escalated, mergeCap !== null);
  const placer = new RoutinePlacer(state, escalated.escalations);
  placer.countEarlier(before.counted);
  const held = holdStage(state, channels, escalated.holds, before.byDue);
  placementStage(state, escalated.escalations, placer, held.routine, mergeCap, before.joinable);
  const placed = placer.placed();
  const contacts: PlanContacts = {
    escalations: escalated.escalations,
    routine: placed.routine,
    // In the order the stages suppressed them (the plan sorts them; equal ones stay in this order).
    suppressed: [...escalated.suppressed, ...held.suppressed, ...placed.suppressed],
  };
  const shown = showContacts(state, renderer, contacts);
  // After placement, the history stage again: this purchase's planned contacts the plan no longer holds are replaced.
  const superseded =
    history === null ? NO_SUPERSEDED : history.finish(new Set(mapList(shown.touchpoints, (t) => t.id)));
  return finishPlan(state, renderer, shown, superseded);
}
const NO_SUPERSEDED: readonly Superseded[] = [];

/**
 * The policy rules in force (they hold for the whole plan when they hold for any line; kept in rule order): the
 * windows with their blackouts (and the customer's own preferred windows), channel policies, caps, the first retry
 * rule, and the rule ids the plan shows for them.
 */
function policyStage(
  compiled: CompiledRuleSet,
  tables: WindowTables,
  lineIds: readonly string[][],
  own: ParsedPlanInput['customer']['preferredWindows'],
): { policy: Policy; retry: RetryRule | null } {
  const anyLine = new Set<string>();
  for (const ids of lineIds) for (const id of ids) anyLine.add(id);
  const inForce = policyInForce(compiled.policyRules, (id) => anyLine.has(id));
  const policy: Policy = {
    windows: tables.for(inForce['call-window'], inForce.blackout, own),
    channelPolicies: inForce['channel-policy'],
    caps: inForce.cap,
    shown:
      own === undefined || own.length === 0
        ? { ruleIds: inForce.shownIds }
        : {
            ruleIds: inForce.shownIds,
            preferredWindows: own.map((w) => ({ days: [...w.days], from: w.from, to: w.to })),
          },
  };
  return { policy, retry: inForce.retry[0] ?? null };
}

/**
 * The cadences of each line's rules, expanded into candidates, but for a series that keeps running while the supply
 * carries over from an earlier purchase.
 */
function cadenceStage(state: PlanState, lineIds: readonly string[][]): Candidate[] {
  const cadences = new CadenceExpander(state);
  for (let i = 0; i < lineIds.length; i++) {
    const line = state.facts.lines[i] ?? null;
    for (const id of lineIds[i] ?? []) {
      const rule = state.compiled.cadences.get(id);
      if (rule === undefined) continue;
      if (rule.params.onRepeat === 'keep' && line !== null && line.fact.carriedOverDays > 0) continue;
      cadences.expandCadence(rule, line);
    }
  }
  return cadences.candidates();
}

/** What the history stage hands on to placement. */
interface BeforePlacement {
  /** The candidates to place, in order of due: the cadences' and feedbacks not asked for before, the retries. */
  readonly byDue: Candidate[];
  /** The contacts of earlier plans the caps count. */
  readonly counted: readonly Placed[];
  /** Open contacts of earlier purchases near-duplicates may take in (when a cap merges them), not held back. */
  readonly joinable: readonly Candidate[];
}

/**
 * The history before placement: a contact this purchase's plans asked for already (a series running or planned, a
 * feedback call made) is not asked again; contacts not reached are tried again, as the first retry rule in force
 * says; `restart` cadences supersede the open contacts of earlier purchases; what the caps count and what
 * near-duplicates may take in (`merging`). In order of due: holds, then channels; then near-duplicates group, and the
 * groups are placed highest priority first, so when a cap must choose between contacts, the higher-priority rule's
 * survives.
 */
function historyStage(
  state: PlanState,
  history: HistoryStage | null,
  retry: RetryRule | null,
  asked: readonly Candidate[],
  escalated: Escalated,
  merging: boolean,
): BeforePlacement {
  if (history === null)
    return {
      byDue: sortInPlace(dedupe([...asked, ...escalated.feedbacks]), byDueThenPriority),
      counted: [],
      joinable: [],
    };
  const candidates: Candidate[] = [];
  for (const c of asked) if (!history.alreadyPlanned(c)) candidates.push(c);
  if (retry !== null) for (const c of history.retries(retry)) candidates.push(c);
  for (const c of escalated.feedbacks) if (!history.attempted(c)) candidates.push(c);
  const byDue = sortInPlace(dedupe(candidates), byDueThenPriority);
  history.restart(byDue);
  const joinable = merging
    ? history.joinable().filter((c) => holdOn(escalated.holds, c) === undefined && heldBack(state, c) === undefined)
    : [];
  return { byDue, counted: history.counted(), joinable };
}

/** What the escalation stage hands on: the escalations placed or suppressed, the holds, the feedback candidates. */
interface Escalated {
  readonly escalations: readonly Placed[];
  readonly suppressed: readonly Suppressed[];
  readonly holds: readonly Hold[];
  readonly feedbacks: readonly Candidate[];
}

/**
 * Escalations first: a routine contact due after a report waits until its escalation has begun; an incident may hold
 * back routine contacts of its drug, and ask for feedback once resolved (a candidate for the routine stages).
 */
function escalationStage(state: PlanState, channels: Channels, incidentIds: readonly string[][]): Escalated {
  const escalations: Placed[] = [];
  const suppressed: Suppressed[] = [];
  const holds: Hold[] = [];
  const feedbacks: Candidate[] = [];
  for (let i = 0; i < state.facts.incidents.length; i++) {
    const incident = state.facts.incidents[i] as IncidentContext;
    for (const id of incidentIds[i] ?? []) {
      const rule = state.compiled.escalations.get(id);
      if (rule === undefined) continue;
      // An escalation the history shows made (or cancelled) is not planned again; what it holds back still holds.
      if (!escalationDealtWith(state, rule, incident)) {
        const planned = planEscalation(state, channels, rule, incident);
        if ('candidate' in planned) suppressed.push(planned);
        else placeEscalation(escalations, planned);
      }
      const hold = incidentHold(state, rule, incident);
      if (hold !== null) holds.push(hold);
      const feedback = incidentFeedback(state, rule, incident);
      if (feedback !== null) feedbacks.push(feedback);
    }
  }
  return { escalations, suppressed, holds, feedbacks };
}

/** The candidate moved to another channel by a channel policy: a new candidate, with the reason and the policy. */
function byChannel(c: Candidate, verdict: { next: Channel; reason: Explanation; policyId: string }): Candidate {
  return revised(c, {
    channel: verdict.next,
    reasons: [...c.reasons, verdict.reason],
    ruleIds: withAll(c.ruleIds, [verdict.policyId]),
  });
}

/**
 * Holds and channels, in order of due: a candidate an escalation or an outcome holds back is suppressed; the others,
 * with their routine channel resolved, are handed on for placement.
 */
function holdStage(
  state: PlanState,
  channels: Channels,
  holds: readonly Hold[],
  byDue: readonly Candidate[],
): { routine: Candidate[]; suppressed: Suppressed[] } {
  const routine: Candidate[] = [];
  const suppressed: Suppressed[] = [];
  for (const c of byDue) {
    const hold = holdOn(holds, c);
    const held = hold === undefined ? heldBack(state, c) : undefined;
    if (hold !== undefined) suppressed.push(suppression(c, hold.reason, [hold.ruleId]));
    else if (held !== undefined) suppressed.push(suppression(c, held, [...c.ruleIds]));
    else {
      const verdict = channels.routineVerdict(c.channel);
      if (verdict === null) routine.push(c);
      else if ('suppress' in verdict)
        suppressed.push(
          suppression(c, verdict.suppress, verdict.policyId === null ? [...c.ruleIds] : [verdict.policyId]),
        );
      else routine.push(byChannel(c, verdict));
    }
  }
  return { routine, suppressed };
}

/**
 * Placement: highest priority first, each within the caps of those before it — or, under a per-day cap with
 * `mergeWithin` (`mergeCap`), near-duplicates grouped first (open contacts of earlier purchases, `joinable`, may take
 * them in).
 */
function placementStage(
  state: PlanState,
  escalations: readonly Placed[],
  placer: RoutinePlacer,
  routine: Candidate[],
  mergeCap: CapRule | null,
  joinable: readonly Candidate[],
): void {
  if (mergeCap === null) {
    for (const c of sortInPlace(routine, byPriorityThenDue)) placer.place(c);
    return;
  }
  placeNearDuplicates(
    state,
    escalations,
    placer,
    mergeCap,
    joinable.length === 0 ? routine : sortInPlace([...routine, ...joinable], byDueThenPriority),
  );
}
