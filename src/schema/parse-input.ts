import type { z } from 'zod';
import { InputError, type Issue } from '../errors.js';
import { formatPath } from '../_lib/path.js';
import { issue } from '../i18n/issues.js';
import { fromZodIssue } from './zod-issues.js';
import { fastReader } from '../_lib/zod-fast.js';
import type { Locale } from '../i18n/explanation.js';
import { zodParams } from '../i18n/zod-locale.js';
import { PlanInputSchema, type ParsedPlanInput } from './input.js';

/** Converts zod issues to ours, with dotted paths under `prefix`. */
export function toIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Issue[] {
  return issues.map((i) => fromZodIssue(i, formatPath([...prefix, ...i.path])));
}

/**
 * zod's `safeParse`, with an input that throws while it is read (a getter, a proxy trap) as one issue rather than the
 * error escaping from inside zod.
 */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  locale?: Locale,
): ReturnType<S['safeParse']> | { success: false; unreadable: Issue } {
  try {
    return schema.safeParse(input, zodParams(locale)) as ReturnType<S['safeParse']>;
  } catch (error) {
    return {
      success: false,
      unreadable: issue('', 'unreadable', { thrown: error instanceof Error ? error.name : typeof error }),
    };
  }
}

/** The issues of a failed {@link safeParseInput}, with dotted paths under `prefix`. */
export function failedIssues(
  result: { error?: z.ZodError; unreadable?: Issue },
  prefix: readonly PropertyKey[] = [],
): Issue[] {
  if (result.unreadable !== undefined) return [{ ...result.unreadable, path: formatPath([...prefix]) }];
  return toIssues(result.error?.issues ?? [], prefix);
}

/** `PlanInputSchema`'s parse result for a valid input, read without zod's result objects; `undefined`: ask zod. */
export const fastParsePlanInput = fastReader(PlanInputSchema);

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
  // A valid input takes the schema's fast reading (same result); anything doubtful goes to zod, which names every problem.
  const fast = fastParsePlanInput(input);
  if (fast !== undefined) return fast;
  const result = safeParseInput(PlanInputSchema, input, locale);
  if (!result.success) throw new InputError(failedIssues(result), undefined, locale);
  return result.data;
}
