import { addDuration, type Duration } from '../calendar/duration.js';
import { describeDay, describeInstant } from '../calendar/describe.js';
import { formatInstant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import { buildFacts, type FactSet, type IncidentContext, type LineContext, type PlanFacts } from '../facts/build-facts.js';
import type { RuleEvaluator, SyncRuleEvaluator } from '../rules/evaluator.js';
import type { ParsedPlanInput } from '../schema/input.js';
import {
  compileCustomerWindows,
  type BlackoutRule,
  type CadenceRule,
  type CapRule,
  type ChannelPolicyRule,
  type CompiledRuleSet,
  type EscalationRule,
  type WindowRule,
  type WindowUse,
} from './compile.js';
import { mapList } from '../_lib/list.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { touchpointId } from './ids.js';
import type { Channel, FollowUpPlan, SuppressedContact, Touchpoint, TouchpointKind, Urgency } from './types.js';
import { buildWindowSet, hasWindows, SlotCursor, withCustomerWindows, type SkippedDay, type Slot, type WindowSet } from './windows.js';

/** A contact on its way through the pipeline; instants in epoch milliseconds. */
interface Candidate {
  kind: TouchpointKind;
  channel: Channel;
  urgency: Urgency;
  purpose: string;
  dueMs: number;
  /** Earliest and latest start the rule allows (before asOf and the horizon). */
  earliestMs: number;
  latestMs: number;
  toleranceText: string;
  priority: number;
  ruleIds: string[];
  reasons: string[];
  /** Distinct drug codes (a short list: a Set costs more to make than it saves). */
  drugCodes: string[];
  incidentIndex: number | null;
  /** Where it was placed (set when placed; every candidate has one shape from the start). */
  startMs: number;
  endMs: number;
  epochDay: number;
}

/** A candidate that has been placed. */
type Placed = Candidate;

interface Suppressed {
  candidate: Candidate;
  reason: string;
  ruleIds: string[];
}

interface Policy {
  windows: WindowSet;
  channelPolicies: ChannelPolicyRule[];
  caps: CapRule[];
}

/** A day a cap rule blocked, as a reason names it. */
interface CapBlock {
  text: string;
  rule: CapRule;
}
const NO_CAP_BLOCKS: ReadonlyMap<string, CapBlock> = new Map();

const URGENCY_RANK: Record<Urgency, number> = { critical: 0, high: 1, routine: 2 };
const CAPS_OK = { ok: true } as const;
const MESSAGE_USES: readonly WindowUse[] = ['message'];
const CALL_USES: readonly WindowUse[] = ['preferred', 'fallback'];
const ONE_HOUR: Duration = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 1, minutes: 0, seconds: 0 };
const SAFETY_REASON = 'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)';

/** Appends what the list does not hold yet. */
const push = (list: string[], ...items: string[]): void => {
  for (const item of items) if (!list.includes(item)) list.push(item);
};
const pushOne = (list: string[], item: string): void => {
  if (!list.includes(item)) list.push(item);
};

function scaled(d: Duration, k: number): Duration {
  return {
    sign: d.sign,
    years: d.years * k,
    months: d.months * k,
    weeks: d.weeks * k,
    days: d.days * k,
    hours: d.hours * k,
    minutes: d.minutes * k,
    seconds: d.seconds * k,
  };
}

/** Most dues one cadence may produce for one line (a repeat every hour over two years stays bounded). */
const MAX_DUES_PER_CADENCE = 500;
/** Most candidate contacts one plan considers; beyond, the rest are dropped with a warning. */
export const MAX_CANDIDATES = 2_000;

/** Everything one plan needs at hand while it is built. */
class PlanBuilder {
  readonly zone: string;
  readonly horizonEndMs: number;
  readonly touchpointsRoutine: Placed[] = [];
  readonly escalations: Placed[] = [];
  readonly suppressed: Suppressed[] = [];
  readonly warnings = new Set<string>();
  private readonly byDay = new Map<number, Placed[]>();
  private candidateCount = 0;

  constructor(
    readonly compiled: CompiledRuleSet,
    readonly facts: PlanFacts,
    readonly policy: Policy,
  ) {
    this.zone = facts.zone;
    this.horizonEndMs = addDuration(facts.purchasedAtMs, compiled.horizon, facts.zone);
    for (const w of facts.warnings) this.warnings.add(w);
  }

  at(ms: number): string {
    return describeInstant(ms, this.zone);
  }

  // ---- candidates -------------------------------------------------------

  /** Candidates already expanded, by rule, anchor and end: another line with the same ones adds its drug code. */
  private readonly expanded = new Map<CadenceRule, { line: LineContext; made: Candidate[] }[]>();

  expandCadence(rule: CadenceRule, line: LineContext): Candidate[] {
    const { params } = rule;
    if (params.until === 'supply-end' && (params.anchor === 'purchase' || params.anchor === 'registration'))
      return this.expandToSupplyEnd(rule, line);
    // Anchored on the purchase or registration and running to the horizon, a cadence is the same for every line;
    // anchored on the line, the same for lines with the same onset and supply.
    const lineBound = params.anchor === 'onset' || params.anchor === 'supply-end';
    let expansions = this.expanded.get(rule);
    if (expansions === undefined) {
      expansions = [];
      this.expanded.set(rule, expansions);
    }
    for (const e of expansions) {
      if (
        lineBound &&
        (e.line.onsetAtMs !== line.onsetAtMs ||
          e.line.supplyEndsAtMs !== line.supplyEndsAtMs ||
          e.line.fact.supplyDays !== line.fact.supplyDays ||
          e.line.fact.onsetDays !== line.fact.onsetDays)
      )
        continue;
      for (const c of e.made) pushOne(c.drugCodes, line.fact.drugCode);
      return [];
    }
    const made: Candidate[] = [];
    expansions.push({ line, made });
    const anchor = this.anchorOf(rule, line);
    const untilMs = params.until === 'supply-end' ? line.supplyEndsAtMs : this.horizonEndMs;
    if (anchor === null || untilMs === null) return made;
    this.forEachDue(rule, anchor, untilMs, (dueMs, label) => {
      if (!this.roomForOne()) return false;
      made.push(this.candidate(rule, dueMs, label, line.fact.drugCode));
      return true;
    });
    return made;
  }

  /**
   * A cadence anchored on the purchase or registration that runs to each line's supply end: its dues are the
   * same for every line, so they are worked out once (to the horizon) and each line joins those due before its
   * own supply ends, adding its drug code to a contact another line already made.
   */
  private readonly toSupplyEnd = new Map<
    CadenceRule,
    { dues: { dueMs: number; label: string; repeat: boolean }[]; made: (Candidate | undefined)[] }
  >();

  private expandToSupplyEnd(rule: CadenceRule, line: LineContext): Candidate[] {
    let shared = this.toSupplyEnd.get(rule);
    if (shared === undefined) {
      const dues: { dueMs: number; label: string; repeat: boolean }[] = [];
      const anchor = this.anchorOf(rule, line);
      if (anchor !== null) {
        this.forEachDue(rule, anchor, Number.POSITIVE_INFINITY, (dueMs, label, repeat) => {
          dues.push({ dueMs, label, repeat });
          return true;
        });
      }
      shared = { dues, made: [] };
      this.toSupplyEnd.set(rule, shared);
    }
    const untilMs = line.supplyEndsAtMs;
    const out: Candidate[] = [];
    if (untilMs === null) return out;
    const { dues, made } = shared;
    for (let i = 0; i < dues.length; i++) {
      const due = dues[i] as { dueMs: number; label: string; repeat: boolean };
      if (due.dueMs >= untilMs) {
        if (due.repeat) break;
        continue;
      }
      const existing = made[i];
      if (existing !== undefined) {
        pushOne(existing.drugCodes, line.fact.drugCode);
        continue;
      }
      if (!this.roomForOne()) break;
      const c = this.candidate(rule, due.dueMs, due.label, line.fact.drugCode);
      made[i] = c;
      out.push(c);
    }
    return out;
  }

  /** Counts one more candidate, or warns (once) that the plan already has as many as it may. */
  private roomForOne(): boolean {
    if (this.candidateCount >= MAX_CANDIDATES) {
      this.warnings.add(`more than ${MAX_CANDIDATES} candidate contacts: the rules ask for too many; later ones were dropped`);
      return false;
    }
    this.candidateCount++;
    return true;
  }

  /** The instant a cadence counts from for this line and how reasons name it; `null` when there is none. */
  private anchorOf(rule: CadenceRule, line: LineContext): { ms: number; label: string } | null {
    const { facts } = this;
    switch (rule.params.anchor) {
      case 'purchase':
        return { ms: facts.purchasedAtMs, label: 'purchase' };
      case 'registration':
        if (facts.registeredAtMs === null) {
          this.warnings.add(`rule ${rule.id} anchors on registration, but the customer has no membership: skipped`);
          return null;
        }
        return { ms: facts.registeredAtMs, label: 'registration' };
      case 'onset':
        return line.onsetAtMs === null ? null : { ms: line.onsetAtMs, label: `expected onset (day ${line.fact.onsetDays})` };
      case 'supply-end':
        return line.supplyEndsAtMs === null ? null : { ms: line.supplyEndsAtMs, label: `supply end (${line.fact.supplyDays ?? '?'} days)` };
    }
  }

  /**
   * Calls `fn` with each due of a cadence in order: its offsets (those before `untilMs` when it runs to the
   * supply end), then its repeats after the last offset while before `untilMs` and the horizon, at most
   * {@link MAX_DUES_PER_CADENCE}. Stops when `fn` returns false.
   */
  private forEachDue(
    rule: CadenceRule,
    anchor: { ms: number; label: string },
    untilMs: number,
    fn: (dueMs: number, label: string, repeat: boolean) => boolean,
  ): void {
    const { params } = rule;
    const zone = this.zone;
    for (let i = 0; i < rule.offsets.length; i++) {
      const dueMs = addDuration(anchor.ms, rule.offsets[i] as Duration, zone);
      if (params.until === 'supply-end' && dueMs >= untilMs) continue;
      if (!fn(dueMs, `${anchor.label} ${rule.offsetTexts[i]}`, false)) return;
    }
    if (rule.repeat === null) return;
    const base = addDuration(anchor.ms, rule.offsets[rule.offsets.length - 1] as Duration, zone);
    const label = `${anchor.label} + ${params.offsets[params.offsets.length - 1]} + `;
    const suffix = ` × ${params.repeat?.every}`;
    for (let k = 1; k <= MAX_DUES_PER_CADENCE; k++) {
      const dueMs = addDuration(base, scaled(rule.repeat, k), zone);
      if (dueMs >= untilMs || dueMs > this.horizonEndMs) return;
      if (!fn(dueMs, `${label}${k}${suffix}`, true)) return;
    }
  }

  private candidate(rule: CadenceRule, dueMs: number, label: string, drugCode: string): Candidate {
    const { params } = rule;
    return {
      kind: params.kind,
      channel: params.channel,
      urgency: 'routine',
      purpose: params.purpose,
      dueMs,
      earliestMs: rule.toleranceBefore === null ? dueMs : addDuration(dueMs, rule.toleranceBefore, this.zone),
      latestMs: addDuration(dueMs, rule.tolerance, this.zone),
      toleranceText: rule.toleranceText,
      priority: rule.priority,
      ruleIds: [rule.id],
      reasons: [`due ${this.at(dueMs)}: ${label} (rule ${rule.id})`],
      drugCodes: [drugCode],
      incidentIndex: null,
      startMs: 0,
      endMs: 0,
      epochDay: 0,
    };
  }

  // ---- channels ---------------------------------------------------------

  private usable(channel: Channel, escalation: boolean): boolean {
    const { contact } = this.facts.customer;
    switch (channel) {
      case 'phone':
        return contact.hasPhone && (escalation || !contact.doNotCall);
      case 'sms':
        return contact.sms;
      case 'wechat':
        return contact.wechat;
      case 'home-visit':
        return true;
    }
  }

  /** Applies channel policy to a routine candidate; false when it had to be suppressed. */
  resolveRoutineChannel(c: Candidate): boolean {
    let verdict = this.channelVerdicts.get(c.channel);
    if (verdict === undefined) {
      verdict = this.channelVerdict(c.channel);
      this.channelVerdicts.set(c.channel, verdict);
    }
    if (verdict === null) return true;
    if ('suppress' in verdict) {
      this.suppress(c, verdict.suppress, verdict.policyId === null ? [...c.ruleIds] : [verdict.policyId]);
      return false;
    }
    c.reasons.push(verdict.reason);
    pushOne(c.ruleIds, verdict.policyId);
    c.channel = verdict.next;
    return true;
  }

  /** What channel policy makes of routine contacts by one channel, worked out once per plan. */
  private readonly channelVerdicts = new Map<Channel, ReturnType<PlanBuilder['channelVerdict']>>();

  private channelVerdict(
    channel: Channel,
  ): null | { suppress: string; policyId: string | null } | { next: Channel; reason: string; policyId: string } {
    const { contact } = this.facts.customer;
    let situation: 'do-not-call' | 'no-phone' | 'no-consent' | null = null;
    if (channel === 'phone') situation = contact.doNotCall ? 'do-not-call' : contact.hasPhone ? null : 'no-phone';
    else if (channel === 'sms' || channel === 'wechat') situation = this.usable(channel, false) ? null : 'no-consent';
    if (situation === null) return null;
    const why =
      situation === 'do-not-call'
        ? 'the customer asked not to be called'
        : situation === 'no-phone'
          ? 'no phone number on file'
          : `the customer has not consented to ${channel}`;
    const policy = this.policy.channelPolicies.find((p) => p.params.applies === 'routine' && p.params.when === situation);
    if (!policy) return { suppress: `${why}, and no channel-policy rule covers it`, policyId: null };
    const next = policy.params.fallback.find((ch) => ch !== channel && this.usable(ch, false));
    if (next === undefined) {
      const options = policy.params.fallback.length > 0 ? `none of ${policy.params.fallback.join(', ')} may be used` : 'no fallback channel';
      return { suppress: `${why}; ${options} (rule ${policy.id})`, policyId: policy.id };
    }
    return { next, reason: `channel ${channel} → ${next}: ${why} (rule ${policy.id})`, policyId: policy.id };
  }

  // ---- placement --------------------------------------------------------

  suppress(c: Candidate, reason: string, ruleIds: string[]): void {
    this.suppressed.push({ candidate: c, reason, ruleIds });
  }

  /** Routine contacts per local day, for each min-gap or rolling cap (counting its channels only). */
  private readonly capDays = new Map<CapRule, Map<number, Placed[]>>();

  /** Whether the caps allow a new routine contact on `day` by `channel`; or the touchpoint to merge into. */
  private checkCaps(day: number, channel: Channel): typeof CAPS_OK | { merge: Placed; rule: CapRule } | { blocked: string; rule: CapRule } {
    for (const cap of this.policy.caps) {
      const p = cap.params;
      if (p.kind === 'per-day') {
        const sameDay = this.byDay.get(day);
        if (sameDay !== undefined && sameDay.length >= p.max) return { merge: sameDay[sameDay.length - 1] as Placed, rule: cap };
      }
    }
    for (const cap of this.policy.caps) {
      const p = cap.params;
      if (p.kind === 'per-day' || !cap.channels.has(channel)) continue;
      const days = this.capDays.get(cap);
      if (days === undefined) continue;
      if (p.kind === 'min-gap') {
        for (let d = day - cap.days + 1; d < day + cap.days; d++) {
          const near = days.get(d)?.[0];
          if (near) {
            return {
              blocked: `routine ${p.channels.join('/')} contacts at least ${p.gap} apart (${near.purpose} on ${describeDay(near.epochDay)})`,
              rule: cap,
            };
          }
        }
      } else {
        // Every window of cap.days days that holds `day`: the first sum, then slide one day at a time.
        const n = cap.days;
        let count = 0;
        for (let d = day - n + 1; d <= day; d++) count += days.get(d)?.length ?? 0;
        for (let first = day - n + 1; ; first++) {
          if (count + 1 > p.max) return { blocked: `at most ${p.max} routine ${p.channels.join('/')} contacts in any ${p.period}`, rule: cap };
          if (first === day) break;
          count += (days.get(first + n)?.length ?? 0) - (days.get(first)?.length ?? 0);
        }
      }
    }
    return CAPS_OK;
  }

  private recordForCaps(placed: Placed): void {
    const day = this.byDay.get(placed.epochDay);
    if (day) day.push(placed);
    else this.byDay.set(placed.epochDay, [placed]);
    for (const cap of this.policy.caps) {
      if (cap.params.kind === 'per-day' || !cap.channels.has(placed.channel)) continue;
      let days = this.capDays.get(cap);
      if (days === undefined) {
        days = new Map();
        this.capDays.set(cap, days);
      }
      const list = days.get(placed.epochDay);
      if (list) list.push(placed);
      else days.set(placed.epochDay, [placed]);
    }
  }

  private describeSkips(skipped: readonly SkippedDay[], beforeDay: number): string[] {
    if (skipped.length === 0) return [];
    const seen = new Set<number>();
    const days = sortInPlace(
      skipped.filter((s) => s.epochDay < beforeDay && !seen.has(s.epochDay) && seen.add(s.epochDay)),
      (a, b) => a.epochDay - b.epochDay,
    );
    const out: string[] = [];
    let i = 0;
    while (i < days.length) {
      const first = days[i] as SkippedDay;
      let j = i;
      while (
        j + 1 < days.length &&
        (days[j + 1] as SkippedDay).epochDay === (days[j] as SkippedDay).epochDay + 1 &&
        (days[j + 1] as SkippedDay).why === first.why &&
        (days[j + 1] as SkippedDay).ruleId === first.ruleId
      )
        j++;
      const last = days[j] as SkippedDay;
      const span = first === last ? describeDay(first.epochDay) : `${describeDay(first.epochDay)} to ${describeDay(last.epochDay)}`;
      out.push(`skipped ${span}: ${first.why} (rule ${first.ruleId})`);
      i = j + 1;
    }
    return out;
  }

  /** The window uses with hours in this plan, for messages and for calls. */
  private messageUses: readonly WindowUse[] | undefined;
  private callUses: readonly WindowUse[] | undefined;

  placeRoutine(c: Candidate): void {
    const { asOfMs } = this.facts;
    if (c.dueMs > this.horizonEndMs) {
      this.suppress(
        c,
        `due ${this.at(c.dueMs)} is beyond the horizon (${this.compiled.ruleSet.defaults.horizon} after the purchase, ends ${this.at(this.horizonEndMs)})`,
        [...c.ruleIds],
      );
      return;
    }
    let lo = Math.max(c.earliestMs, asOfMs);
    // The latest-starting escalation reported before this contact was due (the first of equals).
    let escalation: Placed | undefined;
    for (const e of this.escalations) if (e.dueMs < c.dueMs && (escalation === undefined || e.startMs > escalation.startMs)) escalation = e;
    if (escalation && escalation.startMs > lo) {
      lo = escalation.startMs;
      c.reasons.push(`waits until the ${escalation.purpose} escalation starts (${this.at(escalation.startMs)})`);
    }
    const hi = Math.min(c.latestMs, this.horizonEndMs);
    if (c.latestMs < asOfMs) {
      this.suppress(c, `its tolerance (${c.toleranceText}) ended ${this.at(c.latestMs)}, before asOf ${this.at(asOfMs)}`, [...c.ruleIds]);
      return;
    }
    const messages = c.channel === 'sms' || c.channel === 'wechat';
    const uses = messages ? MESSAGE_USES : CALL_USES;
    const available = messages
      ? (this.messageUses ??= uses.filter((u) => hasWindows(this.policy.windows, u)))
      : (this.callUses ??= uses.filter((u) => hasWindows(this.policy.windows, u)));
    if (available.length === 0) {
      this.suppress(c, `no call-window rule gives ${uses.join(' or ')} hours for ${c.channel}`, [...c.ruleIds]);
      return;
    }
    const skipped: SkippedDay[] = [];
    // Made when a cap first blocks a day (few placements): a Map per placement was 5% of a plan's allocation.
    let capBlocks: Map<string, CapBlock> | undefined;
    const tried: string[] = [];
    for (const use of available) {
      // The caps give every slot of a day the same verdict: asked once per day.
      let verdictDay = Number.NaN;
      let verdict: ReturnType<PlanBuilder['checkCaps']> = CAPS_OK;
      const slot = new SlotCursor(this.policy.windows, use, lo, hi, this.horizonEndMs, this.zone, skipped);
      while (slot.next()) {
        if (slot.epochDay !== verdictDay) {
          verdictDay = slot.epochDay;
          verdict = this.checkCaps(slot.epochDay, c.channel);
        } else if ('blocked' in verdict) continue;
        if ('merge' in verdict) {
          this.merge(verdict.merge, c, slot, verdict.rule, skipped, capBlocks ?? NO_CAP_BLOCKS, tried);
          return;
        }
        if ('blocked' in verdict) {
          (capBlocks ??= new Map()).set(`${verdict.rule.id}|${verdict.blocked}|${slot.epochDay}`, {
            text: `${describeDay(slot.epochDay)}: ${verdict.blocked}`,
            rule: verdict.rule,
          });
          continue;
        }
        this.accept(c, slot, skipped, capBlocks ?? NO_CAP_BLOCKS, tried);
        return;
      }
      tried.push(`no ${use} slot within the tolerance (${c.toleranceText})`);
    }
    // Plain loops, not spreads: spreading arrays of other elements kinds here made V8 deoptimise and recompile
    // this function (and all it inlines) several times per worker.
    const blockers: string[] = [];
    for (const s of skipped) pushOne(blockers, s.ruleId);
    const blocks = capBlocks ?? NO_CAP_BLOCKS;
    for (const b of blocks.values()) pushOne(blockers, b.rule.id);
    const details = this.describeSkips(skipped, Number.POSITIVE_INFINITY);
    for (const b of blocks.values()) details.push(`${b.text} (rule ${b.rule.id})`);
    const span = `between ${this.at(lo)} and ${this.at(hi)}`;
    this.suppress(c, `no allowed slot ${span}${details.length ? `: ${details.join('; ')}` : ''}`, blockers.length ? blockers : [...c.ruleIds]);
  }

  private placementReasons(
    c: Candidate,
    slot: Slot,
    skipped: readonly SkippedDay[],
    capBlocks: ReadonlyMap<string, CapBlock>,
    tried: readonly string[],
  ): void {
    for (const s of this.describeSkips(skipped, slot.epochDay)) c.reasons.push(s);
    for (const s of skipped) if (s.epochDay < slot.epochDay) pushOne(c.ruleIds, s.ruleId);
    for (const b of capBlocks.values()) {
      c.reasons.push(`skipped ${b.text} (rule ${b.rule.id})`);
      pushOne(c.ruleIds, b.rule.id);
    }
    for (const t of tried) c.reasons.push(t);
    const rule = slot.ruleId === null ? '' : ` (rule ${slot.ruleId})`;
    if (slot.start === c.dueMs) c.reasons.push(`at ${this.at(slot.start)}: ${slot.label}${rule}`);
    else c.reasons.push(`moved from ${this.at(c.dueMs)} to ${this.at(slot.start)}: ${slot.label}${rule}`);
    if (slot.ruleId !== null) pushOne(c.ruleIds, slot.ruleId);
  }

  private accept(c: Candidate, slot: Slot, skipped: readonly SkippedDay[], capBlocks: ReadonlyMap<string, CapBlock>, tried: readonly string[]): void {
    this.placementReasons(c, slot, skipped, capBlocks, tried);
    c.startMs = slot.start;
    c.endMs = slot.end;
    c.epochDay = slot.epochDay;
    const placed: Placed = c;
    this.touchpointsRoutine.push(placed);
    this.recordForCaps(placed);
  }

  private merge(
    into: Placed,
    c: Candidate,
    slot: Slot,
    cap: CapRule,
    skipped: readonly SkippedDay[],
    capBlocks: ReadonlyMap<string, CapBlock>,
    tried: readonly string[],
  ): void {
    this.placementReasons(c, slot, skipped, capBlocks, tried);
    if (!into.purpose.split('+').includes(c.purpose)) into.purpose = `${into.purpose}+${c.purpose}`;
    into.dueMs = Math.min(into.dueMs, c.dueMs);
    into.reasons.push(
      `merged ${c.purpose} (${c.channel}) into this contact: at most ${cap.params.kind === 'per-day' ? cap.params.max : 1} routine contact per day (rule ${cap.id})`,
      ...c.reasons.map((r) => `  ${c.purpose}: ${r}`),
    );
    push(into.ruleIds, ...c.ruleIds, cap.id);
    for (const code of c.drugCodes) pushOne(into.drugCodes, code);
  }

  // ---- escalations ------------------------------------------------------

  planEscalation(rule: EscalationRule, incident: IncidentContext): void {
    const { params } = rule;
    const { asOfMs } = this.facts;
    const report = incident.reportedAtMs;
    const c: Candidate = {
      kind: 'escalation',
      channel: params.channel,
      urgency: params.urgency,
      purpose: params.purpose,
      dueMs: report,
      earliestMs: report,
      latestMs: addDuration(report, rule.deadline, this.zone),
      toleranceText: `${params.deadline} after the report`,
      priority: rule.priority,
      ruleIds: [rule.id],
      reasons: [
        `reported ${this.at(report)}: ${incident.fact.type}${incident.fact.severity ? ` (${incident.fact.severity})` : ''}; ${params.urgency} ${params.channel} contact within ${params.deadline} (rule ${rule.id})`,
      ],
      drugCodes: [...this.facts.purchase.drugCodes],
      incidentIndex: incident.fact.index,
      startMs: 0,
      endMs: 0,
      epochDay: 0,
    };
    let duration = rule.duration;
    if (c.channel === 'phone' && !this.usable('phone', true)) {
      const policy = this.policy.channelPolicies.find((p) => p.params.applies === 'escalation' && p.params.when === 'no-phone');
      const next = policy?.params.fallback.find((ch) => ch !== 'phone' && this.usable(ch, true));
      if (!policy || next === undefined) {
        this.warnings.add(
          `incident ${incident.fact.index} (${incident.fact.type}): no phone number and no usable escalation channel: contact the customer by other means`,
        );
        this.suppress(
          c,
          `no phone number on file${policy ? ` and none of ${policy.params.fallback.join(', ')} may be used (rule ${policy.id})` : ', and no channel-policy rule covers escalations'}`,
          policy ? [policy.id] : [rule.id],
        );
        return;
      }
      c.channel = next;
      if (policy.deadline !== null) {
        c.latestMs = addDuration(report, policy.deadline, this.zone);
        c.toleranceText = `${policy.params.deadline} after the report`;
      }
      duration = null;
      c.reasons.push(
        `channel phone → ${next}${policy.params.deadline ? ` within ${policy.params.deadline}` : ''}: no phone number on file (rule ${policy.id})`,
      );
      pushOne(c.ruleIds, policy.id);
    }
    const deadline = c.latestMs;
    const earliest = Math.max(report, asOfMs);
    let start = earliest;
    if (params.start === 'urgent-hours') {
      if (!hasWindows(this.policy.windows, 'urgent')) {
        c.reasons.push(`no urgent-hours window: contact from ${this.at(earliest)}`);
      } else {
        const slot = new SlotCursor(this.policy.windows, 'urgent', earliest, deadline, Number.POSITIVE_INFINITY, this.zone, null, true);
        if (!slot.next()) c.reasons.push(`no urgent-hours slot before the deadline ${this.at(deadline)}: contact at once`);
        else {
          start = slot.start;
          const ruleText = slot.ruleId === null ? '' : ` (rule ${slot.ruleId})`;
          if (start === report) c.reasons.push(`at once: ${slot.label}${ruleText}`);
          else c.reasons.push(`from ${this.at(start)}: ${start === earliest ? '' : 'the report is outside '}${slot.label}${ruleText}`);
          if (slot.ruleId !== null) pushOne(c.ruleIds, slot.ruleId);
        }
      }
    }
    let end = duration === null ? deadline : Math.min(addDuration(start, duration, this.zone), deadline);
    if (end <= start) {
      end = addDuration(start, duration ?? ONE_HOUR, this.zone);
      c.reasons.push(`overdue: the deadline ${this.at(deadline)} passed before ${this.at(start)}; contact at once`);
      this.warnings.add(
        `incident ${incident.fact.index} (${incident.fact.type}): the ${params.purpose} deadline ${formatInstant(deadline, this.zone)} passed before asOf`,
      );
    }
    if (start >= this.horizonEndMs) {
      this.suppress(c, `starts ${this.at(start)}, beyond the horizon (ends ${this.at(this.horizonEndMs)})`, [...c.ruleIds]);
      return;
    }
    end = Math.min(end, this.horizonEndMs);
    c.reasons.push(SAFETY_REASON);
    c.startMs = start;
    c.endMs = end;
    c.epochDay = localEpochDay(start, this.zone);
    const placed: Placed = c;
    // One contact per channel for an incident, or for incidents reported at the same moment.
    const twin = this.escalations.find((e) => e.channel === placed.channel && (e.incidentIndex === placed.incidentIndex || e.dueMs === placed.dueMs));
    if (twin) {
      if (!twin.purpose.split('+').includes(placed.purpose)) twin.purpose = `${twin.purpose}+${placed.purpose}`;
      twin.startMs = Math.min(twin.startMs, placed.startMs);
      twin.endMs = Math.min(twin.endMs, placed.endMs);
      if (URGENCY_RANK[placed.urgency] < URGENCY_RANK[twin.urgency]) twin.urgency = placed.urgency;
      twin.reasons.push(
        `merged ${placed.purpose} into this ${placed.channel} contact for the same report`,
        ...placed.reasons.map((r) => `  ${placed.purpose}: ${r}`),
      );
      push(twin.ruleIds, ...placed.ruleIds);
      return;
    }
    this.escalations.push(placed);
  }

  // ---- output -----------------------------------------------------------

  toCandidateRecord(c: Candidate): Omit<Touchpoint, 'window'> {
    const due = formatInstant(c.dueMs, this.zone);
    // The candidate's lists belong to this plan alone and are final here: handed over, not copied.
    return {
      id: touchpointId(this.facts.purchase.id, c.kind, c.purpose, due),
      kind: c.kind,
      channel: c.channel,
      urgency: c.urgency,
      purpose: c.purpose,
      due,
      ruleIds: c.ruleIds,
      reasons: c.reasons,
      drugCodes: sortedCodes(c.drugCodes),
    };
  }

  finish(): FollowUpPlan {
    const { zone } = this;
    const placed: { startMs: number; rank: number; tp: Touchpoint }[] = [];
    for (const list of [this.escalations, this.touchpointsRoutine]) {
      for (const p of list) {
        const due = formatInstant(p.dueMs, zone);
        const tp: Touchpoint = {
          id: touchpointId(this.facts.purchase.id, p.kind, p.purpose, due),
          kind: p.kind,
          channel: p.channel,
          urgency: p.urgency,
          purpose: p.purpose,
          due,
          window: { start: formatInstant(p.startMs, zone), end: formatInstant(p.endMs, zone) },
          ruleIds: p.ruleIds,
          reasons: p.reasons,
          drugCodes: sortedCodes(p.drugCodes),
        };
        placed.push({ startMs: p.startMs, rank: URGENCY_RANK[p.urgency], tp });
      }
    }
    sortInPlace(placed, (a, b) => a.startMs - b.startMs || a.rank - b.rank || byCodeUnits(a.tp.id, b.tp.id));
    const touchpoints = mapList(placed, (x) => x.tp);
    const suppressed = mapList(
      sortInPlace(
        mapList(this.suppressed, (s) => ({
          dueMs: s.candidate.dueMs,
          entry: { candidate: this.toCandidateRecord(s.candidate), reason: s.reason, ruleIds: s.ruleIds } as SuppressedContact,
        })),
        (a, b) => a.dueMs - b.dueMs || byCodeUnits(a.entry.candidate.id, b.entry.candidate.id) || byCodeUnits(a.entry.reason, b.entry.reason),
      ),
      (x) => x.entry,
    );
    return {
      customerId: this.facts.customer.id,
      purchaseId: this.facts.purchase.id,
      ruleSet: { id: this.compiled.ruleSet.id, version: this.compiled.ruleSet.version, hash: this.compiled.hash },
      asOf: formatInstant(this.facts.asOfMs, zone),
      timeZone: zone,
      touchpoints,
      suppressed,
      warnings: sortInPlace([...this.warnings], byCodeUnits),
    };
  }
}

/** Drug codes in code-unit order: the candidate's own list, final by now, sorted in place. */
function sortedCodes(codes: string[]): string[] {
  return codes.length > 1 ? sortInPlace(codes, byCodeUnits) : codes;
}

const MAX_WINDOW_SETS = 1_000;

/** The window tables for these rules and customer windows: built once, then looked up. */
function windowSetFor(
  compiled: CompiledRuleSet,
  windowRules: readonly WindowRule[],
  blackouts: readonly BlackoutRule[],
  customerWindows: ParsedPlanInput['customer']['preferredWindows'],
): WindowSet {
  // Tables for the fired rules are built once; a customer's own windows only replace the preferred table.
  // Concatenated, not `.map(…).join`: the blackout list is often empty, and `.map` over empty and filled lists
  // got this function deoptimised (src/_lib/list.ts).
  let key = '';
  for (const r of windowRules) key += `${r.id},`;
  key += '|';
  for (const r of blackouts) key += `${r.id},`;
  let set = compiled.windowSets.get(key);
  if (!set) {
    set = buildWindowSet(windowRules, blackouts, null);
    if (compiled.windowSets.size >= MAX_WINDOW_SETS) compiled.windowSets.clear();
    compiled.windowSets.set(key, set);
  }
  if (!customerWindows || customerWindows.length === 0) return set;
  return withCustomerWindows(set, windowRules.find((r) => r.use === 'preferred')?.id ?? null, compileCustomerWindows(customerWindows));
}

/** Merges candidates that would share an id (same kind, purpose and due): one contact, every rule. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const byDue = new Map<number, Candidate[]>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    const sameDue = byDue.get(c.dueMs);
    const prior = sameDue?.find((p) => p.kind === c.kind && p.purpose === c.purpose);
    if (!prior) {
      if (sameDue) sameDue.push(c);
      else byDue.set(c.dueMs, [c]);
      out.push(c);
      continue;
    }
    push(prior.ruleIds, ...c.ruleIds);
    push(prior.reasons, ...c.reasons);
    for (const code of c.drugCodes) pushOne(prior.drugCodes, code);
  }
  return out;
}

/** The fact sets rules are evaluated on: one per line (non-escalation rules), one per incident (escalation rules). */
function contexts(facts: PlanFacts): { lines: FactSet[]; incidents: FactSet[] } {
  const { customer, purchase } = facts;
  return {
    lines: mapList(facts.lines, (l) => ({ customer, purchase, line: l.fact, incident: null })),
    incidents: mapList(facts.incidents, (i) => ({ customer, purchase, line: null, incident: i.fact })),
  };
}

const isSync = (e: RuleEvaluator | SyncRuleEvaluator): e is SyncRuleEvaluator => 'evaluateSync' in e;

/**
 * Plans one validated input: facts → rules → candidates → channels →
 * placement with caps → the plan. Deterministic: no clock, no randomness,
 * every list sorted by a total order. Synchronous with the compiled evaluator;
 * with json-rules-engine the evaluations are awaited one after the other.
 */
export function buildPlan(compiled: CompiledRuleSet, input: ParsedPlanInput): FollowUpPlan | Promise<FollowUpPlan> {
  const facts = buildFacts(input, compiled.defaultZone);
  const ctx = contexts(facts);
  const { lineEvaluator, incidentEvaluator } = compiled;
  if (isSync(lineEvaluator) && isSync(incidentEvaluator)) {
    return planFromRules(compiled, input, facts, lineEvaluator.evaluateEachSync(ctx.lines), incidentEvaluator.evaluateEachSync(ctx.incidents));
  }
  return (async () => {
    const lines: string[][] = [];
    for (const f of ctx.lines) lines.push(await lineEvaluator.evaluate(f));
    const incidents: string[][] = [];
    for (const f of ctx.incidents) incidents.push(await incidentEvaluator.evaluate(f));
    return planFromRules(compiled, input, facts, lines, incidents);
  })();
}

function planFromRules(
  compiled: CompiledRuleSet,
  input: ParsedPlanInput,
  facts: PlanFacts,
  lineIds: string[][],
  incidentIds: string[][],
): FollowUpPlan {
  // Policy rules hold for the whole plan when they hold for any line; kept in rule order.
  const anyLine = new Set<string>();
  for (const ids of lineIds) for (const id of ids) anyLine.add(id);
  const windowRules: WindowRule[] = [];
  const blackouts: BlackoutRule[] = [];
  const channelPolicies: ChannelPolicyRule[] = [];
  const caps: CapRule[] = [];
  for (const rule of compiled.policyRules) {
    if (!anyLine.has(rule.id)) continue;
    if (rule.type === 'call-window') windowRules.push(rule);
    else if (rule.type === 'blackout') blackouts.push(rule);
    else if (rule.type === 'channel-policy') channelPolicies.push(rule);
    else if (rule.type === 'cap') caps.push(rule);
  }
  const policy: Policy = { windows: windowSetFor(compiled, windowRules, blackouts, input.customer.preferredWindows), channelPolicies, caps };
  const builder = new PlanBuilder(compiled, facts, policy);

  const candidates: Candidate[] = [];
  for (let i = 0; i < facts.lines.length; i++) {
    const line = facts.lines[i] as LineContext;
    for (const id of lineIds[i] ?? []) {
      const rule = compiled.rules.get(id);
      if (rule?.type !== 'cadence') continue;
      for (const c of builder.expandCadence(rule, line)) candidates.push(c);
    }
  }
  const routine = sortInPlace(
    dedupe(candidates),
    (a, b) =>
      a.dueMs - b.dueMs ||
      b.priority - a.priority ||
      byCodeUnits(a.ruleIds[0] as string, b.ruleIds[0] as string) ||
      byCodeUnits(a.purpose, b.purpose),
  );
  // Escalations first: a routine contact due after a report waits until its escalation has begun.
  for (let i = 0; i < facts.incidents.length; i++) {
    const incident = facts.incidents[i] as IncidentContext;
    for (const id of incidentIds[i] ?? []) {
      const rule = compiled.rules.get(id);
      if (rule?.type === 'escalation') builder.planEscalation(rule, incident);
    }
  }
  for (const c of routine) {
    if (builder.resolveRoutineChannel(c)) builder.placeRoutine(c);
  }
  return builder.finish();
}
