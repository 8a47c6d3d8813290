import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` runs against each mutant: the goldens, unit and property tests of planning, history,
 * caps, retries and worklists (about 10 s) — not the CLI, docs, package or browser suites (processes and bundles), nor
 * the 90-day programme run and the invariant properties (80 s between them: every mutant would run them).
 */
export default defineConfig({
  test: {
    // No node flags: Stryker runs the tests in worker threads, which refuse V8 flags such as the semi-space size.
    include: [
      'src/**/*.test.ts',
      'test/golden*.test.ts',
      'test/{caps,edge,history,near-duplicates-history,render-plan,replan,replan-merge,hospital,provisional-holidays,worklist,worklist.property,worklist-parse}.test.ts',
      'test/property/checker.test.ts',
    ],
  },
});
