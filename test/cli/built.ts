import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ or rules/, so the tests run the real bin. */
export function ensureBuilt(): void {
  const stale = !existsSync(bin) || statSync(bin).mtimeMs < Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'rules')));
  if (stale) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
}

/** Runs the built bin. */
export function rx(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    input: options.input,
    // English unless a test asks otherwise, whatever the host's locale.
    env: { ...process.env, NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the shipped rules in a new temporary folder, with `change` applied to one file's JSON; its path. */
export function changedRules(file: string, change: (json: Record<string, any>) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rx-rules-')), 'rules');
  cpSync(join(root, 'rules'), dir, { recursive: true });
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  change(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  return dir;
}
