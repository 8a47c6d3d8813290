import type { z } from 'zod';
import { InputError, type Issue } from '../errors.js';
import { formatPath } from '../_lib/path.js';
import { fastParsePlanInput } from './fast-input.js';
import type { Locale } from '../i18n/explanation.js';
import { zodParams } from '../i18n/zod-locale.js';
import { PlanInputSchema, type ParsedPlanInput } from './input.js';

/** Converts zod issues to ours, with dotted paths under `prefix`. */
export function toIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/**
 * Validates a plan input, or throws {@link InputError} listing every problem (zod's messages in `locale`).
 * Unknown fields are dropped: the result holds only what the contract names.
 *
 * @throws {InputError} when the input is not valid.
 * @example
 * ```ts
 * import { parsePlanInput } from 'rx-followup';
 *
 * const input = parsePlanInput({
 *   customer: { id: 'c', contact: { phone: '1' }, erpField: 'dropped' },
 *   purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00Z', items: [{ drugCode: 'D', quantity: 2 }] },
 *   courses: [],
 * });
 * console.log('erpField' in input.customer); // false
 * ```
 */
export function parsePlanInput(input: unknown, locale?: Locale): ParsedPlanInput {
  // A valid input takes the hand-written check (same result); anything doubtful goes to zod, which names every problem.
  const fast = fastParsePlanInput(input);
  if (fast !== undefined) return fast;
  const result = PlanInputSchema.safeParse(input, zodParams(locale));
  if (!result.success) throw new InputError(toIssues(result.error.issues), undefined, locale);
  return result.data;
}
