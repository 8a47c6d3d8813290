import fc from 'fast-check';
import { foldLines as icalFoldLines } from 'ical-generator';
import type { Writable as WritableStream } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { CSV_OPTIONS, foldLines, safeCell } from '../../src/cli/formats.js';

/** Text for content lines: ASCII, Chinese, emoji (surrogate pairs), lone surrogates, CR, LF and CRLF, long runs. */
const piece = fc.oneof(
  fc.string({ maxLength: 90 }),
  fc.constantFrom('回访', '😀', '\uD83D', '\uDE00', '\r\n', '\r', '\n', 'é', 'DESCRIPTION:', ' ', '\uD83D\r\n'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 60, max: 200 }).map((n) => 'x'.repeat(n)),
);
const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

describe('foldLines', () => {
  it('folds exactly as ical-generator does', async () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(foldLines(t)).toBe(icalFoldLines(t));
      }),
      { numRuns: 3000, seed: 5545 },
    );
  });

  it('keeps every line within 75 octets and never splits a character', async () => {
    const line = `DESCRIPTION:${'回访'.repeat(30)}😀${'a'.repeat(100)}`;
    const folded = foldLines(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    // Unfolded (RFC 5545: remove each CRLF followed by one space), the text is back.
    expect(folded.replaceAll('\r\n ', '')).toBe(line);
    expect(folded).not.toMatch(/[\uD800-\uDBFF]\r\n/);
    expect(foldLines('short\r\nlines')).toBe('short\r\nlines');
  });
});

describe('CSV cells no spreadsheet runs as a formula (issue 35)', () => {
  it('quotes a cell that a ";" or tab separated locale would split into a formula; guards a leading formula character', async () => {
    const cells = ['x;=HYPERLINK("http://evil")', 'a\t@SUM(1)', '=1+1', 'plain, text', 'C-1001'];
    const text = stringify([cells.map(safeCell)], CSV_OPTIONS);
    expect(text).toBe('"x;=HYPERLINK(""http://evil"")","a\t@SUM(1)",\'=1+1,"plain, text",C-1001\r\n');
    // Split as a ';' locale would: no field of the first cell starts a formula once quoted (one field, from the quote).
    expect(text.split(',')[0]?.startsWith('"x;')).toBe(true);
    expect(parse(text, { relax_quotes: true })[0]).toEqual([
      'x;=HYPERLINK("http://evil")',
      'a\t@SUM(1)',
      "'=1+1",
      'plain, text',
      'C-1001',
    ]);
  });
});

describe('text for a terminal (issue 35)', () => {
  it('escapes control characters and bidirectional overrides, keeps newlines, tabs and Chinese', async () => {
    const { printable } = await import('../../src/cli/terminal.js');
    expect(printable('王\u001b]0;pwned\u0007芳\r\n\tok\u202e\u009b')).toBe(
      '王\\x1b]0;pwned\\x07芳\\x0d\n\tok\\u202e\\x9b',
    );
  });

  it('explain prints a customer named with an OSC sequence and an ESC occupation as visible escapes', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Writable } = await import('node:stream');
    const { createPlanner, defaultRuleSet } = await import('../../src/index.js');
    const { runExplainCommand } = await import('../../src/cli/explain-command.js');
    const { ansiStyle, plainStyle } = await import('../../src/cli/timeline.js');
    const { regular } = await import('../worklist-helpers.js');
    const input = regular(1);
    const hostile = {
      ...input,
      customer: { ...input.customer, id: 'C\u001b[2J', name: '\u001b]0;pwned\u0007', occupation: '\u001b[31m会计' },
      purchase: { ...input.purchase, customerId: 'C\u001b[2J' },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'rx-esc-')), 'in.ndjson');
    writeFileSync(file, JSON.stringify(hostile));
    const sink = (into: (s: string) => void): WritableStream =>
      new Writable({ write: (chunk, _e, done) => (into(String(chunk)), done()) });
    const explain = async (style: typeof plainStyle): Promise<string> => {
      let out = '';
      const code = await runExplainCommand({
        planner: createPlanner({ ruleSet: defaultRuleSet }),
        input: file,
        stdin: process.stdin,
        asOf: undefined,
        encoding: 'utf-8',
        only: undefined,
        style,
        summary: false,
        stdout: sink((s) => (out += s)),
        stderr: sink(() => undefined),
      });
      expect(code).toBe(0);
      return out;
    };
    // Control characters but tab and newline, and the style's own colour sequences (SGR): patterns of them on purpose.
    // eslint-disable-next-line no-control-regex
    const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    // eslint-disable-next-line no-control-regex
    const SGR = /\u001b\[[0-9;]*m/g;
    const plain = await explain(plainStyle);
    expect(plain).toContain('C\\x1b[2J');
    expect(plain).not.toMatch(CONTROL);
    // In colour, the only escapes are the style's own (SGR colours), and the data's are still visible escapes.
    const coloured = await explain(ansiStyle);
    expect(coloured).not.toBe(plain);
    expect(coloured.replace(SGR, '')).not.toMatch(CONTROL);
  });
});
