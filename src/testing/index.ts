/**
 * Test helpers for rx-followup and for embedders' own rule sets: fast-check
 * arbitraries of valid inputs, and a checker of the plan invariants.
 * fast-check is an optional peer dependency: only this entry point uses it.
 *
 * @packageDocumentation
 */
export { checkPlanInvariants, assertPlanInvariants } from './invariants.js';
export type { Violation } from './invariants.js';
export { arbCourse, arbCustomer, arbIncident, arbPlanInput, arbPurchase, DEFAULT_ZONES } from './arbitraries.js';
export type { ArbitraryOptions } from './arbitraries.js';
export { checkWorklist, assertWorklistInvariants } from './worklist-invariants.js';
export type { WorklistViolation } from './worklist-invariants.js';
export { arbStaffMember, arbWorklistOptions } from './arb-worklist.js';
export type { WorklistArbitraryOptions } from './arb-worklist.js';
export { simulateProgramme } from './simulate.js';
export type { OutcomeRates, ProgrammeDay, ProgrammeOptions, ProgrammeOutcome, ProgrammeRun } from './simulate.js';
export { checkProgramme } from './check-programme.js';
export type { ProgrammeLimits, ProgrammeViolation } from './check-programme.js';
