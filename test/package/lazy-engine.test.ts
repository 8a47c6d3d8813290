/** With the compiled evaluator (the default), json-rules-engine and jsonpath-plus are never even loaded. */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, root } from '../cli/built.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

beforeAll(() => ensureBuilt(), 120_000);

const script = (evaluator: string) => `
  const { createPlanner, defaultRuleSet } = require('./dist/index.cjs');
  const planner = createPlanner({ ruleSet: defaultRuleSet, evaluator: '${evaluator}' });
  planner.plan({ customer: { id: 'c', contact: { phone: '1' } }, purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'D', quantity: 1 }] }, courses: [] })
    .then(() => process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /json-rules-engine|jsonpath-plus/.test(k)).length)));
`;

describe('loading', () => {
  it('the default planner loads neither json-rules-engine nor jsonpath-plus; the reference evaluator does', () => {
    expect(execFileSync(process.execPath, ['-e', script('compiled')], { cwd: root, encoding: 'utf8' })).toBe('0');
    expect(
      Number(execFileSync(process.execPath, ['-e', script('json-rules-engine')], { cwd: root, encoding: 'utf8' })),
    ).toBeGreaterThan(0);
  });
});
