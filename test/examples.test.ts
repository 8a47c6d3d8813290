/** Every example in examples/ runs against the built package and prints what it promises. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, root } from './cli/built.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

beforeAll(() => ensureBuilt(), 120_000);

const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('examples/', () => {
  it('pos-integration.ts stores the loyal member plan and logs the bad sale', () => {
    const r = run(['--import', 'tsx', 'examples/pos-integration.ts']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 26)),
    ).toEqual(['2026-03-10T15:00:00+08:00 ', '2026-03-19T15:00:00+08:00 ', '2026-04-07T15:00:00+08:00 ']);
    expect(r.stderr).toContain('purchase.items: must list at least one item');
  });

  it('commonjs.cjs plans with require()', () => {
    const r = run(['examples/commonjs.cjs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      // Metformin, 60 days from Mon 07-06 09:00: the monthly care call, +P1M Thu 08-06 09:00 → 15:00 (+P2M, 09-06, is past the run-out).
      'default rules valid: true\n2026-07-14T15:00:00+08:00 phone care-call+medication-check\n2026-08-06T15:00:00+08:00 phone care-call\n2026-08-31T09:30:00+08:00 phone refill-reminder\n',
    );
  });

  it('custom-rules.ts validates the folder and plans with its morning windows and diabetes programme', () => {
    const r = run(['--import', 'tsx', 'examples/custom-rules.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^my-chain 2026\.11: \d+ rules, hash [0-9a-f]{12}\n/);
    // Mon 06-01 09:00 + P14D = Mon 06-15 09:00 → the weekday-morning window opens at 10:00.
    expect(r.stdout).toContain('2026-06-15T10:00:00+08:00 glucose-review');
  });

  it('nightly-batch.ts streams the NDJSON through planMany', () => {
    const r = run(['--import', 'tsx', 'examples/nightly-batch.ts', 'examples/purchases.ndjson']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ contacts planned, 0 records failed\n$/);
  });

  it('erp-postgres/ plans a week of purchases on PGlite: no duplicates, caps per customer, idempotent', () => {
    // Without DATABASE_URL: embedded PGlite. The week: 24 customers, 48 purchases, repeat buyers of one drug.
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/erp-postgres/run.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2026-06-03: 12 purchases, \d+ customers replanned, \d+ contacts written, \d+ superseded/);
    // The call centre's misses got their retries from the nightly replans.
    expect(r.stdout).toMatch(/\n([1-9]\d*) routine calls not reached, ([1-9]\d*) retries planned\n/);
    expect(r.stdout).toMatch(
      /\n\d+ contacts for 24 customers: no duplicates, one routine contact a day and calls 2 days apart per customer, idempotent re-run\n$/,
    );
  }, 120_000);

  it('property-test.ts runs fast-check over the custom rules', () => {
    const r = run(['--import', 'tsx', 'examples/property-test.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('every invariant holds');
  }, 60_000);
});

describe('examples/ from a folder with spaces and Chinese in its name', () => {
  it('custom-rules.ts finds its rule folder (fileURLToPath, not URL.pathname)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rx-')), '药房 回访 examples');
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', 'rx-followup'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    cpSync(join(root, 'examples', 'custom-rules'), join(dir, 'custom-rules'), { recursive: true });
    cpSync(join(root, 'examples', 'custom-rules.ts'), join(dir, 'custom-rules.ts'));
    const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, 'custom-rules.ts'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2026-06-15T10:00:00+08:00 glucose-review');
  });
});
