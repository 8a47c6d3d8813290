import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

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
  const stale =
    !existsSync(bin) ||
    statSync(bin).mtimeMs < Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'rules')));
  if (stale) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
}

/** Runs the built bin in a process of its own. */
export function rxSpawned(
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

/**
 * Runs a command line: in this process (`runCli`, the bin's own function, no process per case), or — for `plan
 * --workers N` with N > 0, whose workers run `dist/cli.js` — the built bin in a process of its own.
 */
export async function rx(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const workers = args.indexOf('--workers');
  if (workers >= 0 && args[workers + 1] !== '0') return rxSpawned(args, options);
  const io = testIo({
    ...(options.input === undefined ? {} : { input: options.input }),
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', ...options.env },
  });
  const code = await runCli(args, io, new URL('../../dist/cli.js', import.meta.url));
  return { code, stdout: io.out(), stderr: io.err() };
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

/** What an in-process command reads and writes: given streams, or sinks that keep what was written. */
export function testIo(
  over: Partial<CliIo> & { input?: string } = {},
): CliIo & { out: () => string; err: () => string } {
  const collected = { out: [] as Buffer[], err: [] as Buffer[] };
  const sink = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        // A copy: a writer may reuse its buffer once the write has called back (as `plan` does with its batches).
        into.push(Buffer.from(chunk));
        done();
      },
    });
  return {
    stdin: over.stdin ?? Readable.from(over.input === undefined ? [] : [Buffer.from(over.input)]),
    stdout: over.stdout ?? sink(collected.out),
    stderr: over.stderr ?? sink(collected.err),
    // English unless a test asks otherwise, whatever the host's locale.
    env: over.env ?? { NO_COLOR: '1', LANG: 'C.UTF-8' },
    now: over.now ?? (() => Date.now()),
    out: () => Buffer.concat(collected.out).toString('utf8'),
    err: () => Buffer.concat(collected.err).toString('utf8'),
  };
}
