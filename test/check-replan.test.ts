/**
 * simulateProgramme's `checkPlans` checks the night's replans too: each pass of `planner.replan` — a purchase of the
 * history planned again around what the passes before it planned — is checked as a purchase's plan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type ReplanInput } from '../src/index.js';
import { checkReplanPasses } from '../src/testing/check-replan.js';
import { checkReadPlan } from '../src/testing/invariants.js';
import type { ParsedPlanInput } from '../src/schema/input.js';

const planner = createPlanner({ ruleSet: defaultRuleSet });
// A night of CI's simulated store (test/replan.test.ts): four purchases of C1536, three with contacts within their
// horizon.
const input = JSON.parse(
  readFileSync(new URL('./fixtures/replan-retry-beside-earlier.json', import.meta.url), 'utf8'),
) as ReplanInput;

describe('checkReplanPasses', () => {
  it('checks every pass, oldest purchase first, each around what the passes before it planned', async () => {
    const seen: { purchase: string; earlier: string[]; contacts: string[]; planned: string[] }[] = [];
    const violations = await checkReplanPasses(planner, input, (plan, passInput: ParsedPlanInput) => {
      seen.push({
        purchase: passInput.purchase.id,
        earlier: (passInput.history?.purchases ?? []).map((p) => p.purchase.id),
        contacts: (passInput.history?.contacts ?? []).map((c) => c.id),
        planned: plan.touchpoints.map((t) => t.id),
      });
      return [{ invariant: 'planted', message: `pass ${seen.length}` }];
    });
    expect(seen.map((s) => [s.purchase, s.earlier])).toEqual([
      ['S2-2026-04-07-98', []],
      ['S2-2026-04-13-99', ['S2-2026-04-07-98']],
      // S2-2026-04-20-97 has no contacts: it is not planned again, but it came before.
      ['S2-2026-05-06-3', ['S2-2026-04-07-98', 'S2-2026-04-13-99', 'S2-2026-04-20-97']],
    ]);
    // Each pass's history holds what the pass before it planned.
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.contacts).toEqual(expect.arrayContaining(seen[i - 1]!.planned));
    // What a check says comes back with the purchase of its pass.
    expect(violations.map((v) => [v.purchaseId, v.violation.message])).toEqual([
      ['S2-2026-04-07-98', 'pass 1'],
      ['S2-2026-04-13-99', 'pass 2'],
      ['S2-2026-05-06-3', 'pass 3'],
    ]);
    // The last pass plans what the replan says of its purchase.
    const night = await planner.replan(input);
    const own = night.touchpoints.filter((t) => (t.purchaseId ?? night.purchaseId) === 'S2-2026-05-06-3');
    expect(seen[2]!.planned).toEqual(expect.arrayContaining(own.map((t) => t.id)));
  });

  it("names an earlier purchase's contact that took in a retry when re-issued", async () => {
    // That night's third pass re-issues S2-2026-04-13-99's contact tp_111bea478bbd1ec3 (Wed 05-13) with this purchase's
    // checks merged in; had it taken in the retry of S2-2026-05-06-3's call not reached too (the bug test/replan.test.ts
    // replays), that retry would be gone from its own purchase's record.
    const violations = await checkReplanPasses(planner, input, (plan, passInput, ruleSet) => {
      const took = structuredClone(plan);
      for (const t of took.touchpoints)
        if (t.id === 'tp_111bea478bbd1ec3') t.ruleIds = [...t.ruleIds, 'retry.not-reached'];
      return checkReadPlan(took, passInput, ruleSet);
    });
    expect(violations.map((v) => [v.purchaseId, v.violation.invariant, v.violation.message])).toEqual([
      [
        'S2-2026-05-06-3',
        'history-reissued',
        "purchase S2-2026-04-13-99's contact, re-issued, took in retry.not-reached",
      ],
    ]);
  });

  it('finds nothing in the passes of that night with the default rules', async () => {
    expect(await checkReplanPasses(planner, input)).toEqual([]);
    // A planner of the same rules made elsewhere (not by this build's createPlanner): the passes are planned by one
    // made here from its rules.
    const foreign = { ...planner };
    expect(await checkReplanPasses(foreign, input)).toEqual([]);
  });

  it('holds a retry that leads a contact to its own due, not the overdue check it took in', async () => {
    // Found by CI's 90-day store with every replan checked (seed 33, customer C171, the night of Sun 04-12, as the store
    // recorded it): the retry of the call not reached Sun 04-12 10:15 is due Mon 04-13 10:15 and leads a contact that
    // took in the condition check due Sun 04-05 15:51 (its tolerance over, moved later by its overflow, up to 9 days).
    // The contact's due is the earlier, the check's; the retry starts Mon 04-13 11:15, within a day of its own.
    const night = JSON.parse(
      readFileSync(new URL('./fixtures/replan-retry-leads-overdue-check.json', import.meta.url), 'utf8'),
    ) as ReplanInput;
    const led: unknown[] = [];
    const violations = await checkReplanPasses(planner, night, (plan, passInput, ruleSet) => {
      for (const t of plan.touchpoints)
        if (t.id === 'tp_95a44c829ac2bcc5')
          led.push([t.due, t.window.start, t.explanations[0]?.code, t.explanations[0]?.params.at]);
      return checkReadPlan(plan, passInput, ruleSet);
    });
    expect(led).toEqual([
      [`2026-04-05T15:51:00+08:00`, `2026-04-13T11:15:00+08:00`, 'due.retry', `2026-04-13T10:15:00+08:00`],
    ]);
    expect(violations).toEqual([]);
  });
});
