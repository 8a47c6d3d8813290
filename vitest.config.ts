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
    // The files share a worker's modules, one after another (each file still starts with its own tests and config):
    // starting a worker and importing src/ again for each of 70 files was a fifth of the suite's time on 2 cores
    // (213 s isolated, 178 s shared; 2026-12-07). No test changes a module, the environment or a global for the next:
    // the library's only module state is its bounded memos of pure functions (SECURITY.md).
    isolate: false,
    // No test depends on the machine's speed: on a loaded box (another npm test beside it) a case may take many times
    // its usual time, so none fails for being slow.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
