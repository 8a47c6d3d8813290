/**
 * The cadence stage: each cadence rule that holds for a purchase line becomes candidates, one per due (its offsets,
 * then its repeats), with the tolerance its rule gives; lines that share a cadence share its candidates.
 */
import { addDuration, type Duration } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { fromFloating, localEpochDay } from '../calendar/zone.js';
import { explain, sameExplanation } from '../i18n/explanation.js';
import type { AnchorParams, DueParams } from '../i18n/reason-params.js';
import type { LineContext } from '../facts/build-facts.js';
import type { CadenceRule } from './compile.js';
import {
  newCandidate,
  overflowOf,
  pushOne,
  revised,
  withAll,
  type Candidate,
  type Overflow,
  type PlanState,
} from './plan-state.js';

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

/** The instant a cadence counts from, and how its reason names it (`anchor` and what it needs). */
interface Anchor {
  ms: number;
  label: AnchorParams;
}
/** A due worked out once for every line of a purchase (a cadence to each line's supply end). */
interface SharedDue {
  dueMs: number;
  label: AnchorParams;
  offset: string;
  count: number;
  repeat: boolean;
}
/**
 * A contact a cadence asks for while lines are still read: lines with the same cadence add their drug codes to it.
 * It becomes a candidate once every line is read ({@link CadenceExpander.candidates}).
 */
interface Asked {
  readonly rule: CadenceRule;
  readonly dueMs: number;
  readonly anchor: AnchorParams;
  readonly offset: string;
  readonly count: number;
  readonly line: LineContext | null;
  readonly drugs: string[];
}

/**
 * A due's reason params: when, from what anchor (and what it needs), by which offset, which repeat. Built key by key,
 * not spread: this runs for every candidate.
 */
function dueParams(at: string, anchor: AnchorParams, offset: string, count: number, rule: CadenceRule): DueParams {
  const p: DueParams = { at, anchor: anchor.anchor as NonNullable<AnchorParams['anchor']>, offset };
  if (anchor.anchor !== 'purchase' && anchor.anchor !== 'registration') {
    for (const key in anchor)
      if (key !== 'anchor') (p as Record<string, unknown>)[key] = anchor[key as keyof AnchorParams];
  }
  if (count > 0) {
    p.every = rule.params.repeat?.every as string;
    p.count = count;
  }
  return p;
}

const PURCHASE: AnchorParams = { anchor: 'purchase' };
const REGISTRATION: AnchorParams = { anchor: 'registration' };
/** Most candidate contacts one plan considers; beyond, the rest are dropped with a warning. */
export const MAX_CANDIDATES = 2_000;

/**
 * Expands the cadences of one plan into candidates: each line's cadences read in turn ({@link expandCadence}), then
 * the candidates made, each with the drugs of every line that shares it ({@link candidates}).
 */
export class CadenceExpander {
  /** The contacts asked for so far, in the order asked. */
  private readonly asked: Asked[] = [];

  constructor(private readonly state: PlanState) {}

  /** The contacts asked for, by rule, line, anchor and end: another line with the same ones adds its drug code. */
  private readonly expanded = new Map<CadenceRule, { line: LineContext | null; asked: Asked[] }[]>();

  /** The candidates of every cadence read, in the order they were asked for. */
  candidates(): Candidate[] {
    const out: Candidate[] = [];
    for (const a of this.asked) out.push(this.candidate(a));
    return out;
  }

  /** Reads a cadence for a line (`null`: a purchase without lines, a consultation). */
  expandCadence(rule: CadenceRule, line: LineContext | null): void {
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
      if (line === null || e.line === null) continue;
      if (
        lineBound &&
        (e.line.onsetAtMs !== line.onsetAtMs ||
          e.line.supplyEndsAtMs !== line.supplyEndsAtMs ||
          e.line.fact.supplyDays !== line.fact.supplyDays ||
          e.line.fact.onsetDays !== line.fact.onsetDays)
      )
        continue;
      for (const a of e.asked) pushOne(a.drugs, line.fact.drugCode);
      return;
    }
    const asked: Asked[] = [];
    expansions.push({ line, asked });
    const untilMs = params.until === 'supply-end' ? (line?.supplyEndsAtMs ?? null) : this.state.horizonEndMs;
    if (untilMs === null) return;
    // Anchored to holidays, one anchor per holiday; otherwise one anchor, or none.
    const anchors = params.anchor === 'holidays' ? this.holidayAnchors(rule) : null;
    const single = anchors === null ? this.anchorOf(rule, line) : null;
    for (let k = 0; anchors === null ? k < 1 : k < anchors.length; k++) {
      const anchor = anchors === null ? single : (anchors[k] as Anchor);
      if (anchor === null) continue;
      // An anonymous callback: the CommonJS build (keepNames) defines a named closure's name each time it is made.
      this.forEachDue(rule, anchor, untilMs, (dueMs, offset, count) => {
        if (!this.roomForOne()) return false;
        const drugs = line === null ? [] : [line.fact.drugCode];
        asked.push(this.ask({ rule, dueMs, anchor: anchor.label, offset, count, line, drugs }));
        return true;
      });
    }
  }

  /** Notes a contact asked for. */
  private ask(a: Asked): Asked {
    this.asked.push(a);
    return a;
  }

  /**
   * A cadence anchored on the purchase or registration that runs to each line's supply end: its dues are the
   * same for every line, so they are worked out once (to the horizon) and each line joins those due before its
   * own supply ends, adding its drug code to a contact another line already made (its drug list, by due).
   */
  private readonly toSupplyEnd = new Map<CadenceRule, { dues: SharedDue[]; asked: (Asked | undefined)[] }>();

  private expandToSupplyEnd(rule: CadenceRule, line: LineContext | null): void {
    let shared = this.toSupplyEnd.get(rule);
    if (shared === undefined) {
      const dues: SharedDue[] = [];
      const anchor = this.anchorOf(rule, line);
      if (anchor !== null) {
        this.forEachDue(rule, anchor, Number.POSITIVE_INFINITY, (dueMs, offset, count, repeat) => {
          dues.push({ dueMs, label: anchor.label, offset, count, repeat });
          return true;
        });
      }
      shared = { dues, asked: [] };
      this.toSupplyEnd.set(rule, shared);
    }
    const untilMs = line?.supplyEndsAtMs ?? null;
    if (line === null || untilMs === null) return;
    const { dues, asked } = shared;
    for (let i = 0; i < dues.length; i++) {
      const due = dues[i] as SharedDue;
      if (due.dueMs >= untilMs) {
        if (due.repeat) break;
        continue;
      }
      const existing = asked[i];
      if (existing !== undefined) {
        pushOne(existing.drugs, line.fact.drugCode);
        continue;
      }
      if (!this.roomForOne()) break;
      const { dueMs, label: anchor, offset, count } = due;
      asked[i] = this.ask({ rule, dueMs, anchor, offset, count, line, drugs: [line.fact.drugCode] });
    }
  }

  /** Whether the plan has room for one more candidate; else warns (once) that it has as many as it may. */
  private roomForOne(): boolean {
    if (this.asked.length < MAX_CANDIDATES) return true;
    this.state.warn(explain('warning.too-many-candidates', { max: MAX_CANDIDATES }));
    return false;
  }

  /** The instant a cadence counts from for this line and how reasons name it; `null` when there is none. */
  private anchorOf(rule: CadenceRule, line: LineContext | null): Anchor | null {
    const { facts } = this.state;
    switch (rule.params.anchor) {
      case 'purchase':
        return { ms: facts.purchasedAtMs, label: PURCHASE };
      case 'registration':
        if (facts.registeredAtMs === null) {
          this.state.warn(explain('warning.no-membership', { rule: rule.id }));
          return null;
        }
        return { ms: facts.registeredAtMs, label: REGISTRATION };
      case 'onset':
        return line === null || line.onsetAtMs === null
          ? null
          : { ms: line.onsetAtMs, label: { anchor: 'onset', onsetDays: line.fact.onsetDays ?? '?' } };
      case 'supply-end':
        return line === null || line.supplyEndsAtMs === null
          ? null
          : {
              ms: line.supplyEndsAtMs,
              label:
                line.fact.carriedOverDays > 0
                  ? {
                      anchor: 'supply-end',
                      supplyDays: line.fact.supplyDays ?? '?',
                      carriedOverDays: line.fact.carriedOverDays,
                    }
                  : { anchor: 'supply-end', supplyDays: line.fact.supplyDays ?? '?' },
            };
      case 'discharge': {
        const discharged = facts.history?.discharged ?? null;
        return discharged === null
          ? null
          : { ms: discharged.atMs, label: { anchor: 'discharge', discharged: this.state.at(discharged.atMs) } };
      }
      case 'holidays':
        return null; // several anchors: holidayAnchors
    }
  }

  /** The local midnight starting each holiday of a holidays-anchored cadence, from the purchase day to the horizon. */
  private holidayAnchors(rule: CadenceRule): Anchor[] {
    const { zone, horizonEndMs } = this.state;
    const purchaseDay = localEpochDay(this.state.facts.purchasedAtMs, zone);
    const anchors: Anchor[] = [];
    for (const h of rule.holidayStarts) {
      if (h.epochDay < purchaseDay) continue;
      const ms = fromFloating(h.epochDay * 86_400_000, zone);
      if (ms > horizonEndMs) break;
      anchors.push({
        ms,
        label: { anchor: 'holiday', holiday: h.name, holidayDate: formatLocalDate(fromEpochDay(h.epochDay)) },
      });
    }
    return anchors;
  }

  /**
   * Calls `fn` with each due of a cadence in order: its offsets (those before `untilMs` when it runs to the
   * supply end), then its repeats after the last offset while before `untilMs` and the horizon, at most
   * {@link MAX_DUES_PER_CADENCE}. Stops when `fn` returns false.
   */
  private forEachDue(
    rule: CadenceRule,
    anchor: Anchor,
    untilMs: number,
    fn: (dueMs: number, offset: string, count: number, repeat: boolean) => boolean,
  ): void {
    const { params } = rule;
    const zone = this.state.zone;
    for (let i = 0; i < rule.offsets.length; i++) {
      const dueMs = addDuration(anchor.ms, rule.offsets[i] as Duration, zone);
      if (params.until === 'supply-end' && dueMs >= untilMs) continue;
      if (!fn(dueMs, params.offsets[i] as string, 0, false)) return;
    }
    if (rule.repeat === null) return;
    const base = addDuration(anchor.ms, rule.offsets[rule.offsets.length - 1] as Duration, zone);
    const last = params.offsets[params.offsets.length - 1] as string;
    for (let k = 1; k <= MAX_DUES_PER_CADENCE; k++) {
      const dueMs = addDuration(base, scaled(rule.repeat, k), zone);
      if (dueMs >= untilMs || dueMs > this.state.horizonEndMs) return;
      if (!fn(dueMs, last, k, true)) return;
    }
  }

  /** The candidate a contact asked for becomes, its drug list as every line left it. */
  private candidate({ rule, dueMs, anchor, offset, count, line, drugs }: Asked): Candidate {
    const { params } = rule;
    const zone = this.state.zone;
    const earliestMs = rule.toleranceBefore === null ? dueMs : addDuration(dueMs, rule.toleranceBefore, zone);
    const latestMs = addDuration(dueMs, rule.tolerance, zone);
    let overflow: Overflow | null =
      rule.overflow === null ? null : overflowOf(rule.overflow, earliestMs, latestMs, zone);
    // Counted back from the run-out, a contact never moves past it.
    if (overflow !== null && params.anchor === 'supply-end' && line !== null && line.supplyEndsAtMs !== null)
      overflow = { ...overflow, limitMs: Math.min(overflow.limitMs, line.supplyEndsAtMs) };
    return newCandidate({
      kind: params.kind,
      channel: params.channel,
      urgency: 'routine',
      purpose: params.purpose,
      dueMs,
      earliestMs,
      latestMs,
      tolerance: rule.toleranceParams,
      priority: rule.priority,
      ruleIds: [rule.id],
      reasons: [explain('due', dueParams(this.state.at(dueMs), anchor, offset, count, rule), rule.id)],
      drugCodes: drugs,
      incidentIndex: null,
      overflow,
      earlierContactId: null,
      missedAtMs: null,
    });
  }
}

/**
 * Merges candidates that would share an id (same kind, purpose and due): one contact, every rule — a new candidate
 * in the first one's place.
 */
export function dedupe(candidates: readonly Candidate[]): Candidate[] {
  /** Where each due's candidates are in `out`. */
  const byDue = new Map<number, number[]>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    const sameDue = byDue.get(c.dueMs);
    const at = sameDue?.find((i) => out[i]?.kind === c.kind && out[i]?.purpose === c.purpose);
    if (at === undefined) {
      if (sameDue) sameDue.push(out.length);
      else byDue.set(c.dueMs, [out.length]);
      out.push(c);
      continue;
    }
    const prior = out[at] as Candidate;
    const reasons = prior.reasons.slice();
    for (const r of c.reasons) if (!reasons.some((p) => sameExplanation(p, r))) reasons.push(r);
    out[at] = revised(prior, {
      ruleIds: withAll(prior.ruleIds, c.ruleIds),
      reasons,
      drugCodes: withAll(prior.drugCodes, c.drugCodes),
    });
  }
  return out;
}
