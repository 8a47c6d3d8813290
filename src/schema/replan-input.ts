/**
 * The input of `planner.replan`: a customer, their history and the moment to plan for — no new purchase. Checked as
 * a plan input's history is (the same cross-field checks), with `asOf` where a plan input has its purchase.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Locale } from '../i18n/explanation.js';
import { offsetDateTime } from './common.js';
import { replanProblems } from './cross-field.js';
import { fastReader } from '../_lib/zod-fast.js';
import { CustomerHistorySchema, CustomerProfileSchema } from './input.js';
import { failedIssues, safeParseInput } from './parse-input.js';

/**
 * zod schema of {@link ReplanInput}: the customer, their history (at least one purchase; every contact of one of
 * them) and `asOf`, after every purchase and attempt.
 *
 * @example
 * ```ts
 * import { ReplanInputSchema } from 'rx-followup';
 *
 * const result = ReplanInputSchema.safeParse({ customer: { id: 'c', contact: {} }, history: {}, asOf: '2026-03-10T18:00:00+08:00' });
 * console.log(result.success); // false: history.purchases must list the purchases the contacts follow up
 * ```
 */
export const ReplanInputSchema = z
  .object({
    customer: CustomerProfileSchema,
    history: CustomerHistorySchema,
    asOf: offsetDateTime,
  })
  .superRefine((input, ctx) => {
    for (const issue of replanProblems(input)) ctx.addIssue(issue);
  });

/** What `planner.replan` takes: a customer with no new purchase, their history, and the moment to plan for. */
export type ReplanInput = z.input<typeof ReplanInputSchema>;
/** A validated {@link ReplanInput}. */
export type ParsedReplanInput = z.output<typeof ReplanInputSchema>;

/** `ReplanInputSchema`'s parse result for a valid input, read without zod's result objects; `undefined`: ask zod. */
export const fastParseReplanInput = fastReader(ReplanInputSchema);

/**
 * Validates a replan input, or throws {@link InputError} listing every problem (zod's messages in `locale`).
 *
 * @throws {InputError} when the input is not valid.
 * @example
 * ```ts
 * import { parseReplanInput } from 'rx-followup';
 *
 * try {
 *   parseReplanInput({ customer: { id: 'c', contact: {} }, history: { purchases: [] } });
 * } catch (error) {
 *   console.log((error as Error).message.split('\n')[1]); // asOf: must be an ISO-8601 date-time with offset …
 * }
 * ```
 */
export function parseReplanInput(input: unknown, locale?: Locale): ParsedReplanInput {
  // A valid input takes the schema's fast reading (same result); anything doubtful goes to zod, which names every problem.
  const fast = fastParseReplanInput(input);
  if (fast !== undefined) return fast;
  const result = safeParseInput(ReplanInputSchema, input, locale);
  if (!result.success) throw new InputError(failedIssues(result), 'Invalid replan input', locale);
  return result.data;
}
