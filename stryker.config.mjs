// Mutation testing (issue 36 item 5): `npm run mutate`. A periodic check, not part of CI: it runs the suite of
// vitest.mutate.config.ts against every mutant of src/plan/, src/events/ and src/worklist/ (hours on 2 cores); pass
// `--mutate <file>` to check one file. The score is kept in docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['src/plan/**/*.ts', 'src/events/**/*.ts', 'src/worklist/**/*.ts', '!src/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 60_000,
};
