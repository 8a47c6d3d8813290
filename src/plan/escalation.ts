/**
 * The escalation stage: an incident's urgent contact, from its report (or the next urgent opening) to its deadline,
 * whatever the windows, blackouts, holidays, caps and do-not-call; by another channel where the customer has no phone.
 */
import { addDuration, type Duration } from '../calendar/duration.js';
import { formatInstant } from '../calendar/instant.js';
import { addParams, explain, nested, type Explanation } from '../i18n/explanation.js';
import { joined, type ReasonParams } from '../i18n/reason-params.js';
import { localEpochDay } from '../calendar/zone.js';
import type { IncidentContext } from '../facts/build-facts.js';
import type { Channels } from './channels.js';
import type { EscalationRule } from './compile.js';
import {
  mergedLists,
  newCandidate,
  overflowOf,
  placeAt,
  pushOne,
  revised,
  suppression,
  withAll,
  URGENCY_RANK,
  type Candidate,
  type Hold,
  type Placed,
  type PlanState,
  type Suppressed,
} from './plan-state.js';
import { hasWindows, SlotCursor } from './windows.js';
import { placedWith } from './merge.js';

const ONE_HOUR: Duration = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 1, minutes: 0, seconds: 0 };
const SAFETY_REASON = explain('escalation.safety');

/** The urgent contact an escalation rule asks for after `incident`, by the rule's channel, from the report. */
function escalationCandidate(state: PlanState, rule: EscalationRule, incident: IncidentContext): Candidate {
  const { params } = rule;
  const report = incident.reportedAtMs;
  const reported: ReasonParams['escalation.reported'] = {
    at: state.at(report),
    incident: incident.fact.type,
    urgency: params.urgency,
    channel: params.channel,
    deadline: params.deadline,
  };
  return newCandidate({
    kind: 'escalation',
    channel: params.channel,
    urgency: params.urgency,
    purpose: params.purpose,
    dueMs: report,
    earliestMs: report,
    latestMs: addDuration(report, rule.deadline, state.zone),
    tolerance: { tolAfter: params.deadline, tolFrom: 'report' },
    priority: rule.priority,
    ruleIds: [rule.id],
    reasons: [
      explain(
        'escalation.reported',
        incident.fact.severity
          ? {
              at: reported.at,
              incident: reported.incident,
              severity: incident.fact.severity,
              urgency: reported.urgency,
              channel: reported.channel,
              deadline: reported.deadline,
            }
          : reported,
        rule.id,
      ),
    ],
    drugCodes: [...state.facts.purchase.drugCodes],
    incidentIndex: incident.fact.index,
    overflow: null,
    earlierContactId: null,
    missedAtMs: null,
  });
}

/**
 * The escalation on a channel the customer can be reached by: as it is; by the escalation channel policy's fallback
 * when the customer has no phone (a new candidate, its deadline the policy's, with the reason); or, with no
 * fallback, why not (`suppress`).
 */
function onUsableChannel(
  state: PlanState,
  channels: Channels,
  c: Candidate,
): { c: Candidate; byFallback: boolean } | { suppress: Explanation; ruleIds: string[] } {
  if (c.channel !== 'phone' || channels.usable('phone', true)) return { c, byFallback: false };
  const { policy, next } = channels.escalationFallback();
  if (!policy || next === undefined)
    return policy
      ? {
          suppress: explain(
            'suppressed.escalation-no-channel',
            { fallback: joined(policy.params.fallback) },
            policy.id,
          ),
          ruleIds: [policy.id],
        }
      : { suppress: explain('suppressed.escalation-no-channel'), ruleIds: [...c.ruleIds] };
  const reason = explain(
    'escalation.channel',
    policy.params.deadline ? { channel: next, deadline: policy.params.deadline } : { channel: next },
    policy.id,
  );
  // The policy's deadline, from the report, is the contact's.
  const { deadline } = policy;
  const moved = revised(c, {
    channel: next,
    latestMs: deadline === null ? c.latestMs : addDuration(c.dueMs, deadline, state.zone),
    tolerance: deadline === null ? c.tolerance : { tolAfter: policy.params.deadline as string, tolFrom: 'report' },
    reasons: [...c.reasons, reason],
    ruleIds: withAll(c.ruleIds, [policy.id]),
  });
  return { c: moved, byFallback: true };
}

/**
 * When the escalation starts: at the report (or asOf, when reported before the plan is made), or — with
 * `start: 'urgent-hours'`, and always when reported before asOf — at the first urgent opening; with why, and the
 * window rule that gave the opening.
 */
function escalationStart(
  state: PlanState,
  rule: EscalationRule,
  report: number,
  deadline: number,
): { start: number; openUntil: number; reason: Explanation | null; ruleId: string | null } {
  const { asOfMs } = state.facts;
  // Reported before the plan is made (a nightly batch finding yesterday's complaint): it waits for the next urgent
  // opening whatever its deadline, never starts at night.
  const late = report < asOfMs;
  const earliest = Math.max(report, asOfMs);
  const asReported = { start: earliest, openUntil: Number.POSITIVE_INFINITY, ruleId: null };
  if (rule.params.start !== 'urgent-hours' && !late) return { ...asReported, reason: null };
  if (!hasWindows(state.policy.windows, 'urgent'))
    return { ...asReported, reason: explain('escalation.no-urgent-hours', { at: state.at(earliest) }) };
  const slot = new SlotCursor(
    state.policy.windows,
    'urgent',
    earliest,
    late ? state.horizonEndMs : deadline,
    Number.POSITIVE_INFINITY,
    state.zone,
    null,
    null,
  );
  if (!slot.next()) return { ...asReported, reason: explain('escalation.no-slot', { deadlineAt: state.at(deadline) }) };
  const start = slot.start;
  const reason =
    start === report
      ? explain('escalation.at-once', slot.window, slot.ruleId)
      : late
        ? explain(
            'escalation.late',
            addParams({ asOf: state.at(asOfMs), at: state.at(start) }, slot.window),
            slot.ruleId,
          )
        : explain(
            'escalation.from',
            addParams({ at: state.at(start), outside: start === earliest ? (0 as const) : (1 as const) }, slot.window),
            slot.ruleId,
          );
  return { start, openUntil: slot.end, reason, ruleId: slot.ruleId };
}

/** The escalation `rule` asks for after `incident`: placed (not merged yet with the plan's others), or suppressed. */
export function planEscalation(
  state: PlanState,
  channels: Channels,
  rule: EscalationRule,
  incident: IncidentContext,
): Placed | Suppressed {
  const { params } = rule;
  const report = incident.reportedAtMs;
  const asAsked = escalationCandidate(state, rule, incident);
  const usable = onUsableChannel(state, channels, asAsked);
  if ('suppress' in usable) {
    state.warn(explain('warning.escalation-no-channel', { incident: incident.fact.index, type: incident.fact.type }));
    return suppression(asAsked, usable.suppress, usable.ruleIds);
  }
  const { c } = usable;
  const duration = usable.byFallback ? null : rule.duration;
  const deadline = c.latestMs;
  const { start, openUntil, reason, ruleId } = escalationStart(state, rule, report, deadline);
  const reasons = c.reasons.slice();
  if (reason !== null) reasons.push(reason);
  const ruleIds = c.ruleIds.slice();
  if (ruleId !== null) pushOne(ruleIds, ruleId);
  // The window runs until the deadline: whoever is on duty first in it makes the contact (a worklist assigns it at
  // the first staffed slot). Past its deadline by the time it starts: the rest of that urgent opening.
  let end = deadline;
  if (deadline > openUntil) end = lastUrgentMoment(state, openUntil, deadline);
  if (end <= start) {
    end = Number.isFinite(openUntil) ? openUntil : addDuration(start, duration ?? ONE_HOUR, state.zone);
    reasons.push(explain('escalation.overdue', { deadlineAt: state.at(deadline), at: state.at(start) }));
    state.warn(
      explain('warning.deadline-passed', {
        incident: incident.fact.index,
        type: incident.fact.type,
        purpose: params.purpose,
        deadlineAt: formatInstant(deadline, state.zone),
        start: formatInstant(start, state.zone),
      }),
    );
  }
  if (start >= state.horizonEndMs) {
    return suppression(
      revised(c, { reasons, ruleIds }),
      explain('suppressed.escalation-beyond-horizon', { at: state.at(start), end: state.at(state.horizonEndMs) }),
      [...ruleIds],
    );
  }
  end = Math.min(end, state.horizonEndMs);
  reasons.push(SAFETY_REASON);
  return placeAt(c, start, end, localEpochDay(start, state.zone), 0, 0, { reasons, ruleIds });
}

/**
 * An escalation placed, among the plan's escalations so far (the list the escalation stage is making): one contact per
 * channel for an incident, or for incidents reported at the same moment — a twin is replaced by one new contact for
 * both.
 */
export function placeEscalation(escalations: Placed[], placed: Placed): void {
  const at = escalations.findIndex(
    (e) => e.channel === placed.channel && (e.incidentIndex === placed.incidentIndex || e.dueMs === placed.dueMs),
  );
  const twin = escalations[at];
  if (twin === undefined) {
    escalations.push(placed);
    return;
  }
  const reasons = [
    ...twin.reasons,
    explain('merged.same-report', { purpose: placed.purpose, channel: placed.channel }),
  ];
  for (const r of placed.reasons) reasons.push(nested(r, placed.purpose));
  const lists = mergedLists(twin, placed);
  escalations[at] = placedWith(twin, {
    urgency: URGENCY_RANK[placed.urgency] < URGENCY_RANK[twin.urgency] ? placed.urgency : twin.urgency,
    purpose: lists.purpose,
    dueMs: twin.dueMs,
    ruleIds: lists.ruleIds,
    reasons,
    drugCodes: lists.drugCodes,
    startMs: Math.min(twin.startMs, placed.startMs),
    endMs: Math.min(twin.endMs, placed.endMs),
    reachLoMs: twin.reachLoMs,
    reachHiMs: twin.reachHiMs,
  });
}

/**
 * The end of the last urgent opening (after the one ending at `openUntil`) that starts before the deadline, at most
 * the deadline: a window to the deadline never ends in the middle of the night.
 */
function lastUrgentMoment(state: PlanState, openUntil: number, deadline: number): number {
  const cursor = new SlotCursor(
    state.policy.windows,
    'urgent',
    openUntil,
    deadline,
    Number.POSITIVE_INFINITY,
    state.zone,
    null,
    null,
  );
  let last = openUntil;
  // Deadlines are bounded durations; the cursor walks day by day, at most a few hundred openings.
  // The latest end: overlapping openings come by their start, and a later one may end sooner.
  for (let n = 0; n < 1_000 && cursor.next() && cursor.start < deadline; n++)
    last = Math.max(last, Math.min(cursor.end, deadline));
  return last;
}

/** The routine contacts an escalation rule's incident holds back, if it holds any. */
export function incidentHold(state: PlanState, rule: EscalationRule, incident: IncidentContext): Hold | null {
  if (rule.holds === null) return null;
  const { fact } = incident;
  const drug = fact.drugCode;
  const resolved = incident.resolvedAtMs;
  return {
    drugCode: drug,
    kinds: rule.holds,
    untilMs: resolved ?? Number.POSITIVE_INFINITY,
    ruleId: rule.id,
    reason: explain(
      'held.incident',
      heldParams(state, fact.type, incident.reportedAtMs, drug, [...rule.holds], resolved),
      rule.id,
    ),
  };
}

/** The feedback call an escalation rule asks for once its incident is resolved, as a candidate; `null`: none. */
export function incidentFeedback(state: PlanState, rule: EscalationRule, incident: IncidentContext): Candidate | null {
  const { fact } = incident;
  const drug = fact.drugCode;
  const feedback = rule.params.feedback;
  if (rule.feedback === null || feedback === undefined || incident.resolvedAtMs === null) return null;
  const dueMs = addDuration(incident.resolvedAtMs, rule.feedback.after, state.zone);
  const latestMs = addDuration(dueMs, rule.feedback.tolerance, state.zone);
  const policy = rule.feedback.overflow;
  // Where it goes when a holiday covers its tolerance: as a cadence's overflow policy says.
  const overflow = policy === null ? null : overflowOf(policy, dueMs, latestMs, state.zone);
  return newCandidate({
    kind: 'follow-up',
    channel: feedback.channel,
    urgency: 'routine',
    purpose: feedback.purpose,
    dueMs,
    earliestMs: dueMs,
    latestMs,
    tolerance: { tolAfter: feedback.tolerance },
    priority: rule.priority,
    ruleIds: [rule.id],
    reasons: [
      explain(
        'due',
        {
          at: state.at(dueMs),
          anchor: 'resolved',
          incident: fact.type,
          resolved: state.at(incident.resolvedAtMs),
          offset: feedback.after,
        },
        rule.id,
      ),
    ],
    drugCodes: drug === null ? [...state.facts.purchase.drugCodes] : [drug],
    incidentIndex: fact.index,
    overflow,
    earlierContactId: null,
    missedAtMs: null,
  });
}

/** What a held contact's reason says: the incident, its report, its drug, the kinds held, until when. */
function heldParams(
  state: PlanState,
  type: string,
  reportedMs: number,
  drug: string | null,
  kinds: string[],
  resolved: number | null,
): ReasonParams['held.incident'] {
  const params: ReasonParams['held.incident'] = {
    incident: type,
    reported: state.at(reportedMs),
    kinds: joined(kinds),
  };
  if (drug !== null) params.drug = drug;
  if (resolved !== null) params.resolved = state.at(resolved);
  return params;
}
