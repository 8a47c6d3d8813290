import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, rx } from './built.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
beforeAll(() => ensureBuilt(), 120_000);

describe('rx-followup init', () => {
  it('writes the rules with $schema lines that resolve from there, the schema, and samples that plan', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rx-init-')), 'pharmacy');
    const r = await rx(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote 12 files to ${dir}/`);
    const schemaFile = join(dir, 'schema', 'ruleset.schema.json');
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(schemaFile, 'utf8')),
    );
    const files = readdirSync(join(dir, 'rules')).sort();
    expect(files).toEqual([
      'blackouts.json',
      'cadences.json',
      'caps.json',
      'channels.json',
      'escalations.json',
      'holidays.json',
      'retries.json',
      'ruleset.json',
      'windows.json',
    ]);
    for (const f of files) {
      const path = join(dir, 'rules', f);
      const json = JSON.parse(readFileSync(path, 'utf8')) as { $schema: string };
      // What an editor does with the line: resolve it from the file's folder.
      expect(resolve(dirname(path), json.$schema)).toBe(schemaFile);
      expect(validate(json), f).toBe(true);
    }
    expect((await rx(['validate', join(dir, 'rules'), '--as-of', '2026-06-01'])).code).toBe(0);
    const plans = await rx([
      'plan',
      '--rules',
      join(dir, 'rules'),
      '--input',
      join(dir, 'purchases.json'),
      '--as-of',
      'purchase',
      '--quiet',
    ]);
    expect(plans.code).toBe(0);
    expect(plans.stdout.trim().split('\n')).toHaveLength(5);
    const list = await rx(
      [
        'worklist',
        '--rules',
        join(dir, 'rules'),
        '--staff',
        join(dir, 'staff.json'),
        '--from',
        '2026-03-09',
        '--format',
        'json',
      ],
      {
        input: plans.stdout,
      },
    );
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).days).toHaveLength(7);
  });

  it('leaves existing files alone, naming them, unless --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-init-'));
    expect((await rx(['init', dir])).code).toBe(0);
    const again = await rx(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(join(dir, 'rules', 'cadences.json'));
    expect(again.stderr).toContain('--force');
    expect((await rx(['init', dir, '--force'])).code).toBe(0);
  });
});

describe('init and symbolic links (issue 35)', () => {
  it('refuses to write through a link, a dangling one too, --force or not; nothing is written outside', async () => {
    const { symlinkSync, existsSync } = await import('node:fs');
    const { runInitCommand } = await import('../../src/cli/init-command.js');
    const { Writable } = await import('node:stream');
    const sink = (out: string[]) => new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) });
    const dir = mkdtempSync(join(tmpdir(), 'rx-init-link-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'rx-init-outside-')), 'staff.json');
    symlinkSync(outside, join(dir, 'staff.json'));
    for (const force of [[], ['--force']]) {
      const err: string[] = [];
      expect(await runInitCommand([dir, ...force], { stdout: sink([]), stderr: sink(err), env: {} })).toBe(1);
      expect(err.join('')).toContain('symbolic links');
      expect(existsSync(outside)).toBe(false);
    }
  });
});
