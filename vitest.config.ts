import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Not the copies of the repository `npm run mutate` works in (Stryker's sandboxes) while it runs.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    // A larger young generation: the programme simulation and the property suites allocate many short-lived plans,
    // and V8's default 16 MB semi-space spends a quarter of their time in scavenges (measured on 2 cores).
    execArgv: ['--max-semi-space-size=64'],
    // Two workers at least: vitest's default (one fewer than the cores) is a single worker on 2 cores, where two
    // finish the suite in 231 s against 297 s (2026-12-06) — its CLI tests wait on processes for part of their time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // No test depends on the machine's speed: on a loaded box (another npm test beside it) a case may take many times
    // its usual time, so none fails for being slow.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
