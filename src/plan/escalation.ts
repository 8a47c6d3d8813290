/**
 * The escalation stage: an incident's urgent contact, from its report (or the next urgent opening) to its deadline,
 * whatever the windows, blackouts, holidays, caps and do-not-call; by another channel where the customer has no phone.
 */
import { addDuration, type Duration } from '../calendar/duration.js';
import { formatInstant } from '../calendar/instant.js';
import { localEpochDay } from '../calendar/zone.js';
import type { IncidentContext } from '../facts/build-facts.js';
import type { Channels } from './channels.js';
import type { EscalationRule } from './compile.js';
import { mergeLists, newCandidate, placeAt, pushOne, URGENCY_RANK, type Candidate, type PlanState } from './plan-state.js';
import { hasWindows, SlotCursor } from './windows.js';

const ONE_HOUR: Duration = { sign: 1, years: 0, months: 0, weeks: 0, days: 0, hours: 1, minutes: 0, seconds: 0 };
const SAFETY_REASON = 'escalation: bypasses preferred windows, blackouts, holidays, caps and do-not-call (safety)';

/** Plans the escalation `rule` asks for after `incident`: placed among the plan's escalations, or suppressed. */
export function planEscalation(state: PlanState, channels: Channels, rule: EscalationRule, incident: IncidentContext): void {
  const { params } = rule;
  const { asOfMs } = state.facts;
  const report = incident.reportedAtMs;
  const c = newCandidate({
    kind: 'escalation',
    channel: params.channel,
    urgency: params.urgency,
    purpose: params.purpose,
    dueMs: report,
    earliestMs: report,
    latestMs: addDuration(report, rule.deadline, state.zone),
    toleranceText: `${params.deadline} after the report`,
    priority: rule.priority,
    ruleIds: [rule.id],
    reasons: [
      `reported ${state.at(report)}: ${incident.fact.type}${incident.fact.severity ? ` (${incident.fact.severity})` : ''}; ${params.urgency} ${params.channel} contact within ${params.deadline} (rule ${rule.id})`,
    ],
    drugCodes: [...state.facts.purchase.drugCodes],
    incidentIndex: incident.fact.index,
    overflow: null,
  });
  let duration = rule.duration;
  if (c.channel === 'phone' && !channels.usable('phone', true)) {
    const { policy, next } = channels.escalationFallback();
    if (!policy || next === undefined) {
      state.warnings.add(
        `incident ${incident.fact.index} (${incident.fact.type}): no phone number and no usable escalation channel: contact the customer by other means`,
      );
      state.suppress(
        c,
        `no phone number on file${policy ? ` and none of ${policy.params.fallback.join(', ')} may be used (rule ${policy.id})` : ', and no channel-policy rule covers escalations'}`,
        policy ? [policy.id] : [rule.id],
      );
      return;
    }
    c.channel = next;
    if (policy.deadline !== null) {
      c.latestMs = addDuration(report, policy.deadline, state.zone);
      c.toleranceText = `${policy.params.deadline} after the report`;
    }
    duration = null;
    c.reasons.push(
      `channel phone → ${next}${policy.params.deadline ? ` within ${policy.params.deadline}` : ''}: no phone number on file (rule ${policy.id})`,
    );
    pushOne(c.ruleIds, policy.id);
  }
  const deadline = c.latestMs;
  // Reported before the plan is made (a nightly batch finding yesterday's complaint): it waits for the next urgent
  // opening whatever its deadline, never starts at night.
  const late = report < asOfMs;
  const earliest = Math.max(report, asOfMs);
  let start = earliest;
  let openUntil = Number.POSITIVE_INFINITY;
  if (params.start === 'urgent-hours' || late) {
    if (!hasWindows(state.policy.windows, 'urgent')) {
      c.reasons.push(`no urgent-hours window: contact from ${state.at(earliest)}`);
    } else {
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
      if (!slot.next()) c.reasons.push(`no urgent-hours slot before the deadline ${state.at(deadline)}: contact at once`);
      else {
        start = slot.start;
        openUntil = slot.end;
        const ruleText = slot.ruleId === null ? '' : ` (rule ${slot.ruleId})`;
        if (start === report) c.reasons.push(`at once: ${slot.label}${ruleText}`);
        else if (late)
          c.reasons.push(`reported before asOf ${state.at(asOfMs)}: from ${state.at(start)}, the next opening of ${slot.label}${ruleText}`);
        else c.reasons.push(`from ${state.at(start)}: ${start === earliest ? '' : 'the report is outside '}${slot.label}${ruleText}`);
        if (slot.ruleId !== null) pushOne(c.ruleIds, slot.ruleId);
      }
    }
  }
  let end = duration === null ? deadline : Math.min(addDuration(start, duration, state.zone), deadline);
  if (end <= start) {
    end = addDuration(start, duration ?? ONE_HOUR, state.zone);
    c.reasons.push(`overdue: the deadline ${state.at(deadline)} passed before ${state.at(start)}; contact first thing`);
    state.warnings.add(
      `incident ${incident.fact.index} (${incident.fact.type}): the ${params.purpose} deadline ${formatInstant(deadline, state.zone)} passed before the contact could start (${formatInstant(start, state.zone)})`,
    );
  }
  // Within the urgent hours it starts in: a home visit does not run overnight.
  end = Math.min(end, openUntil);
  if (start >= state.horizonEndMs) {
    state.suppress(c, `starts ${state.at(start)}, beyond the horizon (ends ${state.at(state.horizonEndMs)})`, [...c.ruleIds]);
    return;
  }
  end = Math.min(end, state.horizonEndMs);
  c.reasons.push(SAFETY_REASON);
  const placed = placeAt(c, start, end, localEpochDay(start, state.zone));
  // One contact per channel for an incident, or for incidents reported at the same moment.
  const twin = state.escalations.find((e) => e.channel === placed.channel && (e.incidentIndex === placed.incidentIndex || e.dueMs === placed.dueMs));
  if (twin) {
    mergeLists(twin, placed);
    twin.startMs = Math.min(twin.startMs, placed.startMs);
    twin.endMs = Math.min(twin.endMs, placed.endMs);
    if (URGENCY_RANK[placed.urgency] < URGENCY_RANK[twin.urgency]) twin.urgency = placed.urgency;
    twin.reasons.push(
      `merged ${placed.purpose} into this ${placed.channel} contact for the same report`,
      ...placed.reasons.map((r) => `  ${placed.purpose}: ${r}`),
    );
    return;
  }
  state.escalations.push(placed);
}

/**
 * What an escalation rule asks of the routine plan beyond its urgent contact: the routine contacts its incident holds
 * back (`holds`), and, once the incident is resolved, a feedback call (`feedback`), returned as a candidate.
 */
export function incidentFollowUps(state: PlanState, rule: EscalationRule, incident: IncidentContext): Candidate | null {
  const { fact } = incident;
  const drug = fact.drugCode;
  if (rule.holds !== null) {
    const resolved = incident.resolvedAtMs;
    state.holds.push({
      drugCode: drug,
      kinds: rule.holds,
      untilMs: resolved ?? Number.POSITIVE_INFINITY,
      ruleId: rule.id,
      reason: `held: ${fact.type} reported ${state.at(incident.reportedAtMs)}${drug === null ? '' : ` for ${drug}`}; no ${[...rule.holds].join(' or ')} contact ${drug === null ? 'for this purchase' : 'for that drug'} ${resolved === null ? 'while it is open' : `due before it was resolved (${state.at(resolved)})`} (rule ${rule.id})`,
    });
  }
  const feedback = rule.params.feedback;
  if (rule.feedback === null || feedback === undefined || incident.resolvedAtMs === null) return null;
  const dueMs = addDuration(incident.resolvedAtMs, rule.feedback.after, state.zone);
  return newCandidate({
    kind: 'follow-up',
    channel: feedback.channel,
    urgency: 'routine',
    purpose: feedback.purpose,
    dueMs,
    earliestMs: dueMs,
    latestMs: addDuration(dueMs, rule.feedback.tolerance, state.zone),
    toleranceText: `${feedback.tolerance} after due`,
    priority: rule.priority,
    ruleIds: [rule.id],
    reasons: [`due ${state.at(dueMs)}: ${fact.type} resolved ${state.at(incident.resolvedAtMs)} + ${feedback.after} (rule ${rule.id})`],
    drugCodes: drug === null ? [...state.facts.purchase.drugCodes] : [drug],
    incidentIndex: fact.index,
    overflow: null,
  });
}
