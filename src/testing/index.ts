/**
 * Test helpers for rx-followup and for embedders' own rule sets.
 * fast-check is an optional peer dependency: only this entry point uses it.
 *
 * @packageDocumentation
 */
export { checkPlanInvariants, assertPlanInvariants } from './invariants.js';
export type { Violation } from './invariants.js';
