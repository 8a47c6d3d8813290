import fc from 'fast-check';
import type { StaffMember, WorkDay, WorklistOptions } from '../worklist/types.js';

const WORK_DAYS: readonly WorkDay[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** Options of {@link arbStaffMember} and {@link arbWorklistOptions}. */
export interface WorklistArbitraryOptions {
  /** Stores staff may belong to (`null`: the shared desk). Default `['A', 'B', null]`. */
  readonly storeIds?: readonly (string | null)[];
  /** The first day of the worklist. Default `2026-03-09`. */
  readonly from?: string;
}

/**
 * A staff member: a store (or none), small capacities (so that full days happen), sometimes working days, hours and
 * a day off.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbStaffMember } from 'rx-followup/testing';
 *
 * console.log(fc.sample(arbStaffMember(), { numRuns: 1, seed: 1 })[0]?.id.startsWith('S')); // true
 * ```
 */
export function arbStaffMember(options: WorklistArbitraryOptions = {}): fc.Arbitrary<StaffMember> {
  const stores = options.storeIds ?? ['A', 'B', null];
  return fc.record(
    {
      id: fc.integer({ min: 1, max: 30 }).map((n) => `S${n}`),
      storeId: fc.constantFrom(...stores),
      calls: fc.integer({ min: 0, max: 6 }),
      visits: fc.integer({ min: 0, max: 3 }),
      days: fc.subarray([...WORK_DAYS], { minLength: 1 }),
      hours: fc.constantFrom(
        { from: '09:00', to: '18:00' },
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '21:00' },
      ),
      off: fc.constantFrom(['2026-03-10'], [], ['2026-03-09', '2026-03-12']),
    },
    { requiredKeys: ['id', 'calls'] },
  );
}

/**
 * Options of a worklist: 1–14 days from `from`, 1–6 staff with distinct ids, sometimes without levelling.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbWorklistOptions } from 'rx-followup/testing';
 *
 * const [options] = fc.sample(arbWorklistOptions(), { numRuns: 1, seed: 1 });
 * console.log((options?.staff.length ?? 0) > 0); // true
 * ```
 */
export function arbWorklistOptions(options: WorklistArbitraryOptions = {}): fc.Arbitrary<WorklistOptions> {
  return fc.record({
    from: fc.constant(options.from ?? '2026-03-09'),
    days: fc.integer({ min: 1, max: 14 }),
    staff: fc.uniqueArray(arbStaffMember(options), { minLength: 1, maxLength: 6, selector: (s) => s.id }),
    level: fc.boolean(),
    maskPhone: fc.boolean(),
  });
}
