import { addDuration } from '../calendar/duration.js';
import type { HistoryContact } from '../facts/history.js';
import { durationOf, instantOf, type PlanCheckContext, type PlanInvariant } from './plan-invariant.js';

/**
 * A retry starts within its tolerance after its due, and answers a contact of this purchase the history records as
 * not reached, of one of its purposes: no more calls than `max` retries, and then at most one message — a call while
 * the misses since the purpose was last reached are at most `max`, the message only after that. The count is the
 * most-missed purpose's, through calls of other purposes that carried it.
 */
export const retryInvariant: PlanInvariant<'retry'> = (rules, ctx) => {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const { t, start } of ctx.routine) {
    const rule = byId.get(t.ruleIds[0] as string);
    if (rule === undefined) continue;
    const ownDue = retryDue(t);
    const due = instantOf(ownDue);
    const tolerance = durationOf(rule.event.params.tolerance ?? 'P1D');
    if (tolerance === undefined || start < due || start > addDuration(due, tolerance, ctx.facts.zone))
      ctx.report({
        invariant: 'tolerance',
        touchpointId: t.id,
        message: `a retry starting ${t.window.start}, outside its tolerance after ${ownDue}`,
      });
    // Of any of its purposes (a retry merged with another contact that day lists both, as a merged miss does).
    const history = ctx.facts.history?.contacts ?? [];
    const own = t.purpose.split('+');
    const missed = history.filter(
      (h) =>
        h.record.status === 'not-reached' &&
        h.record.purchaseId === ctx.plan.purchaseId &&
        h.record.purpose.split('+').some((p) => own.includes(p)),
    );
    const max = rule.event.params.max ?? 2;
    if (missed.length === 0)
      ctx.report({
        invariant: 'retry',
        touchpointId: t.id,
        message: `a retry after 0 contacts not reached (at most ${max} retries, then a message)`,
      });
    // Its kind by the count: the misses of its purpose and drugs since one was last made (or declined) — a call while
    // at most `max` of them, the message only after the last call missed. The purpose and drugs are those of the
    // contact it retries (a retry merged with another contact that day lists both).
    const first = t.explanations[0];
    const code = first?.code;
    if (code !== 'due.retry' && code !== 'due.retry-message') continue;
    const retried = history.find((h) => h.record.id === first?.params.contact);
    const of = retried?.record ?? t;
    // It answers the latest attempt of its purposes: one carrying them all since took the retry in.
    if (retried !== undefined) checkLatest(ctx, t.id, history, retried);
    const same = (r: { purpose: string; drugCodes?: readonly string[] | undefined }): boolean =>
      purposes(r.purpose) === purposes(of.purpose) &&
      [...(r.drugCodes ?? [])].sort().join(',') === [...(of.drugCodes ?? [])].sort().join(',');
    const group = history.filter(
      (h) =>
        h.record.purchaseId === ctx.plan.purchaseId &&
        h.record.urgency === 'routine' &&
        h.record.kind !== 'escalation' &&
        same(h.record),
    );
    let madeMs = Number.NEGATIVE_INFINITY;
    for (const h of group)
      if ((h.record.status === 'done' || h.record.status === 'declined') && h.attemptedMs > madeMs)
        madeMs = h.attemptedMs;
    const n = Math.max(
      group.filter((h) => h.record.status === 'not-reached' && h.attemptedMs > madeMs).length,
      mostMissed(history, ctx.plan.purchaseId, of),
    );
    const shouldMessage = n > max;
    // A check of this purpose made (or its message sent) starts the count again: a later check not reached is retried.
    if (n > max + 1)
      ctx.report({
        invariant: 'retry',
        touchpointId: t.id,
        message: `a retry after ${n} misses in a row: ${max} retries and then a message at most`,
      });
    else if (shouldMessage !== (code === 'due.retry-message'))
      ctx.report({
        invariant: 'retry',
        touchpointId: t.id,
        message: shouldMessage
          ? `a call retried after ${n} misses: ${max} retries are used up, the next is a message`
          : `a message after ${n} misses: a call comes first while at most ${max} were missed`,
      });
  }
};

/**
 * Reports a retry of the miss `retried` when a contact of the purchase that carried every purpose and drug of it, and
 * more, was attempted after it (it took the retry in: it was reached, or has its own retry).
 */
function checkLatest(
  ctx: PlanCheckContext,
  touchpointId: string,
  history: readonly HistoryContact[],
  retried: HistoryContact,
): void {
  const r = retried.record;
  const since = history.find(
    (h) =>
      h.record.purchaseId === ctx.plan.purchaseId &&
      h.record.status !== 'planned' &&
      h.record.status !== 'cancelled' &&
      h.attemptedMs > retried.attemptedMs &&
      // Of more purposes (a merge took the retry in); a later miss of the same ones is the count's to check.
      h.record.purpose.split('+').length > r.purpose.split('+').length &&
      r.purpose.split('+').every((p) => h.record.purpose.split('+').includes(p)) &&
      (r.drugCodes ?? []).every((d) => (h.record.drugCodes ?? []).includes(d)),
  );
  if (since !== undefined)
    ctx.report({
      invariant: 'retry',
      touchpointId,
      message: `a retry of ${r.id}, which ${since.record.id} carried and tried again since`,
    });
}

/**
 * The most misses in a row of any one purpose of `of`, over every routine contact of the purchase that carried it for
 * drugs among `of`'s (a retry merged into a call of other purposes carries its count on), since one was made.
 */
function mostMissed(
  history: readonly HistoryContact[],
  purchaseId: string,
  of: { purpose: string; drugCodes?: readonly string[] | undefined },
): number {
  const drugs = of.drugCodes ?? [];
  let most = 0;
  for (const purpose of of.purpose.split('+')) {
    const carrying = history.filter(
      (h) =>
        h.record.purchaseId === purchaseId &&
        h.record.urgency === 'routine' &&
        h.record.kind !== 'escalation' &&
        h.record.purpose.split('+').includes(purpose) &&
        (h.record.drugCodes ?? []).every((d) => drugs.includes(d)),
    );
    const made = Math.max(
      Number.NEGATIVE_INFINITY,
      ...carrying.filter((h) => h.record.status === 'done' || h.record.status === 'declined').map((h) => h.attemptedMs),
    );
    most = Math.max(most, carrying.filter((h) => h.record.status === 'not-reached' && h.attemptedMs > made).length);
  }
  return most;
}

/**
 * A retry's own due, as its reason gives it: a contact it leads may have taken in one due earlier (a check overdue,
 * moved later by its overflow), and the contact's due is then that one's.
 */
function retryDue(t: PlanCheckContext['routine'][number]['t']): string {
  const said = t.explanations[0];
  return (said?.code === 'due.retry' || said?.code === 'due.retry-message') && typeof said.params.at === 'string'
    ? said.params.at
    : t.due;
}

/** A contact's purposes as a set (a merged contact lists them in the order of its lead). */
const purposes = (purpose: string): string => purpose.split('+').sort().join('+');
