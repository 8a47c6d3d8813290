import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('rx-followup CLI', () => {
  it('validate: exit 0 on the shipped rules', () => {
    const r = cli('validate', 'rules');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules: ok \(default 1\.0\.0, \d+ rules\)/);
  });

  it('validate: one line per problem with file and path, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-cli-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'x', version: '1', rules: [{ id: 'r', description: 'd', conditions: { all: [] }, event: { type: 'cadence', params: { anchor: 'purchase', offsets: ['P3'], channel: 'phone', purpose: 'p', tolerance: 'P1D' } } }] }));
    const r = cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, 'a.json')}: rules[0].event.params.offsets[0]: "P3" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")\n`);
  });

  it('explain: prints the timeline of every example purchase', () => {
    const r = cli('explain', '--rules', 'rules', '--input', 'examples/purchases.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Purchase P-1001-01 · customer C-1001 (loyal) · Asia/Shanghai');
    expect(r.stdout).toContain('Tue 03-10 15:00-18:00  phone      routine   medication-check');
    expect(r.stdout).toContain('Sun 11-08 08:00-09:00  phone      critical  wrong-drug-recall');
    expect(r.stdout.match(/^Purchase /gm)).toHaveLength(5);
  });

  it('explain --line picks one input; a bad input exits 1 with its issues', () => {
    expect(cli('explain', '--input', 'examples/purchases.json', '--line', '2').stdout.match(/^Purchase /gm)).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'rx-cli-'));
    writeFileSync(join(dir, 'in.ndjson'), '{"customer":{"id":"c","contact":{}},"purchase":{"id":"p","customerId":"c","purchasedAt":"2026-03-05T10:00","items":[]},"courses":[]}\n');
    const r = cli('explain', '--input', join(dir, 'in.ndjson'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('purchase.purchasedAt: "2026-03-05T10:00" has no UTC offset');
    expect(r.stdout).toContain('purchase.items: must list at least one item');
  });

  it('--help, --version and an unknown command', () => {
    expect(cli('--help').stdout).toContain('Usage:');
    expect(cli('--version').stdout).toBe('0.1.0\n');
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});
