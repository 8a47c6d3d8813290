/** The house rules no linter holds (docs/architecture.md, "House rules the tools hold"). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const MAX_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the house', () => {
  it(`keeps every source file within ${MAX_LINES} lines`, () => {
    const over = sources(SRC)
      .map((f) => ({ f: f.slice(SRC.length + 1), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > MAX_LINES);
    expect(over).toEqual([]);
  });
});
