/**
 * Determinism across host time zones, as a property: the same generated inputs
 * planned in processes whose TZ differs give byte-identical plans.
 */
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const SEED = Number(process.env['RX_SEED'] ?? 424242);
const script = `
  import fc from 'fast-check';
  import { createHash } from 'node:crypto';
  import { createPlanner, defaultRuleSet } from './src/index.ts';
  import { arbPlanInput } from './src/testing/index.ts';
  const planner = createPlanner({ ruleSet: defaultRuleSet });
  const inputs = fc.sample(arbPlanInput(), { numRuns: 300, seed: ${SEED} });
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(JSON.stringify(await planner.plan(input)));
  process.stdout.write(JSON.stringify({ offset: new Date(2026, 0, 1).getTimezoneOffset(), digest: hash.digest('hex') }));
`;

describe('determinism under the host TZ', () => {
  it('UTC, America/Santiago, Pacific/Apia and Asia/Kolkata give the same plans', () => {
    const runs = ['UTC', 'America/Santiago', 'Pacific/Apia', 'Asia/Kolkata'].map(
      (tz) =>
        JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            cwd: fileURLToPath(new URL('../..', import.meta.url)),
            env: { ...process.env, TZ: tz },
            encoding: 'utf8',
          }),
        ) as { offset: number; digest: string },
    );
    expect(new Set(runs.map((r) => r.offset)).size).toBe(4);
    expect(new Set(runs.map((r) => r.digest)).size).toBe(1);
  }, 120_000);
});
