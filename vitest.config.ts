import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A larger young generation: the programme simulation and the property suites allocate many short-lived plans,
    // and V8's default 16 MB semi-space spends a quarter of their time in scavenges (measured on 2 cores).
    execArgv: ['--max-semi-space-size=64'],
  },
});
