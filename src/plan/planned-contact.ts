/** A plan's touchpoint as the customer's history keeps it once the plan is applied. */
import type { FollowUpPlan, TouchpointData } from './types.js';

/**
 * The contact record an ERP stores for a touchpoint of `plan` (status `planned`): its own fields, not its reasons;
 * its purchase, or the plan's. What a replan's passes, `plan --thread` and the simulator write into a history.
 */
export function plannedContact(t: TouchpointData, plan: Pick<FollowUpPlan, 'purchaseId'>) {
  const { id, kind, channel, urgency, purpose, due, window, ruleIds, drugCodes } = t;
  return {
    id,
    purchaseId: t.purchaseId ?? plan.purchaseId,
    kind,
    channel,
    urgency,
    purpose,
    due,
    window,
    ruleIds,
    drugCodes,
    status: 'planned' as const,
  };
}
