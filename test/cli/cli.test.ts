import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpPlan } from '../../src/index.js';
import { ensureBuilt, root, rx } from './built.js';

beforeAll(() => ensureBuilt(), 120_000);

const examples = JSON.parse(readFileSync(join(root, 'examples/purchases.json'), 'utf8')) as unknown[];
const ndjson = examples.map((e) => JSON.stringify(e)).join('\n');
const AS_OF = '2026-01-01T00:00:00Z';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'rx-cli-'));

describe('rx-followup validate', () => {
  it('exit 0 on the shipped rules', () => {
    const r = rx(['validate', 'rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules: ok \(default 1\.0\.0, \d+ rules\)\n$/);
  });

  it('one compiler-style line per problem, with file, line and column; exit 1', () => {
    const dir = tmp();
    const file = join(dir, 'cadences.json');
    writeFileSync(
      file,
      `{
  "id": "x", "version": "1",
  "rules": [
    {
      "id": "r", "description": "d", "conditions": { "all": [] },
      "event": { "type": "cadence", "params": { "anchor": "purchase", "offsets": ["P3"], "channel": "phone",
                 "purpose": "p", "tolerance": "P1D", "tolerence": "P2D" } }
    }
  ]
}
`,
    );
    const r = rx(['validate', dir]);
    expect(r.code).toBe(1);
    // Columns counted from 1: "P3" is the 83rd character of line 6, the key "tolerence" the 54th of line 7.
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:6:83 rules[0].event.params.offsets[0]: "P3" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")`,
      `${file}:7:54 rules[0].event.params: Unrecognized key: "tolerence"`,
    ]);
    const json = JSON.parse(rx(['validate', dir, '--format', 'json']).stdout);
    expect(json).toContainEqual({ file, line: 6, column: 83, path: 'rules[0].event.params.offsets[0]', message: expect.stringContaining('"P3"') });
  });

  it('points a JSON syntax error at its line and column', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), '{\n  "rules": [\n    { "id": "x" }\n    { "id": "y" }\n  ]\n}\n');
    const r = rx(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${join(dir, 'a.json')}:4:5 invalid JSON: `));
  });
});

describe('rx-followup plan', () => {
  it('writes NDJSON in input order, the same with 0, 1 and 2 workers', () => {
    const outputs = ['0', '1', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w], { input: ndjson }));
    for (const o of outputs) {
      expect(o.code).toBe(0);
      expect(o.stdout).toBe(outputs[0]?.stdout);
    }
    const plans = (outputs[0]?.stdout ?? '').trim().split('\n').map((l) => JSON.parse(l) as FollowUpPlan);
    expect(plans.map((p) => p.purchaseId)).toEqual(['P-1001-01', 'P-2002-07', 'P-3003-01', 'P-4004-12', 'P-5005-02']);
  });

  it('writes the same bytes with 0 and 2 workers across many batches, in every format, bad records included', () => {
    // 300 records (batches of 64 go to the workers), every 50th invalid and every 70th a blank line.
    const lines = Array.from({ length: 300 }, (_, i) => (i % 50 === 7 ? '{"customer": {}}' : i % 70 === 3 ? '' : JSON.stringify(examples[i % examples.length])));
    const input = lines.join('\n');
    for (const format of ['ndjson', 'json', 'csv', 'ics']) {
      const [main, workers] = ['0', '2'].map((w) => rx(['plan', '--rules', 'rules', '--format', format, '--as-of', AS_OF, '--workers', w], { input }));
      expect(main?.code).toBe(1);
      expect(workers?.code).toBe(1);
      expect(workers?.stdout, format).toBe(main?.stdout);
      expect(workers?.stderr, format).toBe(main?.stderr);
      if (format === 'json') expect((JSON.parse(main?.stdout ?? '') as unknown[]).length).toBe(300 - 6 - 5);
    }
  }, 60_000);

  it('gives the same with 0 and 2 workers for a JSON array, and for NDJSON with a record too long to read', () => {
    const array = JSON.stringify(Array.from({ length: 150 }, (_, i) => examples[i % examples.length]), null, 1);
    const [main, workers] = ['0', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w], { input: array }));
    expect(main?.code).toBe(0);
    expect(workers?.stdout).toBe(main?.stdout);
    expect(main?.stdout.trim().split('\n')).toHaveLength(150);
    // Line 2 holds 1.2 million characters: not parsed, named on stderr; the lines around it are planned.
    const lines = ndjson.split('\n');
    const long = `{"customer": {"id": "${'x'.repeat(1_200_000)}"}}`;
    const input = [lines[0], long, lines[1]].join('\n');
    const [a, b] = ['0', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w], { input }));
    expect(a?.code).toBe(1);
    expect(b?.stdout).toBe(a?.stdout);
    expect(b?.stderr).toBe(a?.stderr);
    expect(a?.stdout.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(a?.stderr ?? '')).toEqual({ line: 2, error: 'record too long: more than 1000000 characters' });
  }, 60_000);

  it('gives the same with 0 and 2 workers when one batch makes megabytes of plans (sent in parts)', () => {
    // An hourly SMS for every purchase: ~500 contacts, a plan of a few hundred KB from a record of one or two KB.
    const dir = tmp();
    for (const file of readdirSync(join(root, 'rules'))) writeFileSync(join(dir, file), readFileSync(join(root, 'rules', file)));
    const hourly = {
      id: 'cadence.hourly',
      description: 'stress: an hourly message',
      conditions: { all: [{ fact: 'customer', path: '$.id', operator: 'notEqual', value: '' }] },
      event: { type: 'cadence', params: { kind: 'follow-up', anchor: 'purchase', offsets: ['PT1H'], repeat: { every: 'PT1H' }, until: 'horizon', channel: 'sms', purpose: 'hourly', tolerance: 'PT1H' } },
    };
    writeFileSync(join(dir, 'hourly.json'), JSON.stringify({ rules: [hourly] }));
    // 40 records in one block, the 17th invalid: about 10 MB of plans, more than one part of 1 MB.
    const input = Array.from({ length: 40 }, (_, i) => (i === 16 ? '{"customer": {}}' : JSON.stringify(examples[i % examples.length]))).join('\n');
    const [main, workers] = ['0', '2'].map((w) => rx(['plan', '--rules', dir, '--as-of', AS_OF, '--workers', w], { input }));
    expect(main?.code).toBe(1);
    expect(main?.stdout.length).toBeGreaterThan(4 << 20);
    expect(workers?.stdout).toBe(main?.stdout);
    expect(workers?.stderr).toBe(main?.stderr);
    expect(JSON.parse(main?.stderr ?? '')).toMatchObject({ line: 17, error: 'InputError' });
    expect(main?.stdout.trim().split('\n')).toHaveLength(39);
    // The same records as one JSON array (a batch of records rather than a block of bytes).
    const array = `[\n${input.split('\n').join(',\n')}\n]`;
    const fromArray = rx(['plan', '--rules', dir, '--as-of', AS_OF, '--workers', '2'], { input: array });
    expect(fromArray.stdout).toBe(main?.stdout);
    expect(JSON.parse(fromArray.stderr)).toMatchObject({ line: 18, error: 'InputError' });
    // Parts joined with each format's own separator.
    for (const format of ['json', 'csv', 'ics']) {
      const [a, b] = ['0', '2'].map((w) => rx(['plan', '--rules', dir, '--format', format, '--as-of', AS_OF, '--workers', w], { input }));
      expect(b?.stdout, format).toBe(a?.stdout);
    }
  }, 120_000);

  it('applies --as-of to records without their own asOf', () => {
    // With asOf Thu 03-12 00:00 the loyal +3 days contact (due Sun 03-08 10:20, tolerance to Sun 03-15 10:20)
    // cannot take Tue 03-10: the first preferred slot from asOf within its tolerance is Thu 03-12 15:00.
    const r = rx(['plan', '--rules', 'rules', '--as-of', '2026-03-12T00:00:00+08:00', '--workers', '0'], { input: JSON.stringify(examples[0]) });
    const plan = JSON.parse(r.stdout) as FollowUpPlan;
    expect(plan.touchpoints[0]?.window.start).toBe('2026-03-12T15:00:00+08:00');
  });

  it('reads a JSON array as well as NDJSON, from a file or from - (stdin)', () => {
    const fromFile = rx(['plan', '--rules', 'rules', '--input', 'examples/purchases.json', '--as-of', AS_OF, '--workers', '0']);
    const fromStdin = rx(['plan', '--rules', 'rules', '--input', '-', '--as-of', AS_OF, '--workers', '0'], { input: ndjson });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
  });

  it('reports a bad line in the middle of a batch on stderr and goes on; exit 1', () => {
    const lines = ndjson.split('\n');
    const input = [lines[0], '{"customer": {"id": "c", "contact": {}}, "purchase": {"id": "p", "customerId": "c", "purchasedAt": "2026-03-05T10:00", "items": []}, "courses": []}', '{not json', lines[1]].join('\n');
    const r = rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '2'], { input });
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as FollowUpPlan).purchaseId)).toEqual(['P-1001-01', 'P-2002-07']);
    const errors = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { line: number; error: string; issues?: unknown[] });
    expect(errors).toEqual([
      {
        line: 2,
        error: 'InputError',
        issues: [
          { path: 'purchase.purchasedAt', message: '"2026-03-05T10:00" has no UTC offset: add one, e.g. "2026-03-05T10:00+08:00" or "2026-03-05T10:00Z"' },
          { path: 'purchase.items', message: 'must list at least one item' },
        ],
      },
      { line: 3, error: expect.stringMatching(/^invalid JSON: /) },
    ]);
  });

  it('writes a JSON array with --format json', () => {
    const r = rx(['plan', '--rules', 'rules', '--format', 'json', '--as-of', AS_OF, '--workers', '0'], { input: ndjson });
    expect((JSON.parse(r.stdout) as FollowUpPlan[]).map((p) => p.customerId)).toEqual(['C-1001', 'C-2002', 'C-3003', 'C-4004', 'C-5005']);
  });

  it('writes a CSV worklist that parses back, one row per touchpoint, with a BOM on request', () => {
    const plans = rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '0'], { input: ndjson })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    const r = rx(['plan', '--rules', 'rules', '--format', 'csv', '--bom', '--as-of', AS_OF, '--workers', '0'], { input: ndjson });
    expect(r.stdout.startsWith('\uFEFFcustomerId,')).toBe(true);
    const rows = parseCsv(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    const touchpoints = plans.flatMap((p) => p.touchpoints.map((t) => ({ p, t })));
    expect(rows).toHaveLength(touchpoints.length);
    rows.forEach((row, i) => {
      const { p, t } = touchpoints[i] as (typeof touchpoints)[number];
      expect(row).toMatchObject({ customerId: p.customerId, touchpointId: t.id, windowStart: t.window.start, channel: t.channel, purpose: t.purpose, reasons: t.reasons.join(' | ') });
    });
    expect(rows[0]?.['localStart']).toBe('Tue 03-10 15:00');
  });

  it('writes iCalendar that an independent parser (ical.js) reads back', () => {
    const plans = rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '0'], { input: ndjson })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    const r = rx(['plan', '--rules', 'rules', '--format', 'ics', '--as-of', AS_OF, '--workers', '2'], { input: ndjson });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(r.stdout));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const touchpoints = plans.flatMap((p) => p.touchpoints);
    expect(events.map((e) => e.uid)).toEqual(touchpoints.map((t) => t.id));
    events.forEach((event, i) => {
      const t = touchpoints[i] as (typeof touchpoints)[number];
      expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(t.window.start));
      expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(t.window.end));
      expect(event.summary).toBe(`${t.purpose} (${t.channel})`);
      expect(event.description.split('\n').slice(1)).toEqual(t.reasons);
      expect(event.component.getFirstPropertyValue('categories')).toBe(t.urgency.toUpperCase());
    });
  });

  it('refuses bad options with exit 2', () => {
    expect(rx(['plan', '--format', 'xml']).code).toBe(2);
    expect(rx(['plan', '--as-of', 'yesterday']).stderr).toContain('--as-of');
    expect(rx(['plan', '--workers', '-1']).code).toBe(2);
    expect(rx(['plan', '--frobnicate']).code).toBe(2);
  });

  it('exits 1 with the issues when the rules are invalid', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'x' }));
    const r = rx(['plan', '--rules', dir, '--as-of', AS_OF], { input: ndjson });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the rule set needs a version');
  });
});

describe('rx-followup explain, help, version', () => {
  it('prints the timeline of every example purchase', () => {
    const r = rx(['explain', '--rules', 'rules', '--input', 'examples/purchases.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Purchase P-1001-01 · customer C-1001 (loyal) · Asia/Shanghai');
    expect(r.stdout).toContain('Tue 03-10 15:00-18:00  phone      routine   medication-check');
    expect(r.stdout).toContain('rules: cadence.loyal-3-2-3, window.preferred');
    expect(r.stdout).toContain('Sun 11-08 08:00-09:00  phone      critical  wrong-drug-recall');
    expect(r.stdout.match(/^Purchase /gm)).toHaveLength(5);
  });

  it('--line picks one input; a bad input exits 1 with its issues', () => {
    expect(rx(['explain', '--input', 'examples/purchases.json', '--line', '2']).stdout.match(/^Purchase /gm)).toHaveLength(1);
    const dir = tmp();
    writeFileSync(join(dir, 'in.ndjson'), '{"customer":{"id":"c","contact":{}},"purchase":{"id":"p","customerId":"c","purchasedAt":"2026-03-05T10:00","items":[]},"courses":[]}\n');
    const r = rx(['explain', '--input', join(dir, 'in.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('purchase.purchasedAt: "2026-03-05T10:00" has no UTC offset');
  });

  it('--help for every command, --version, an unknown command', () => {
    for (const command of ['validate', 'plan', 'explain', 'schema']) {
      const r = rx([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: rx-followup ${command}`));
    }
    expect(rx(['--help']).stdout).toContain('Usage:');
    expect(rx(['--version']).stdout).toBe(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    const r = rx(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('schema prints the shipped JSON Schema', () => {
    expect(JSON.parse(rx(['schema']).stdout)).toEqual(JSON.parse(readFileSync(join(root, 'schema/ruleset.schema.json'), 'utf8')));
  });
});

describe('progress on a terminal', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('reports lines, rate and elapsed time on a TTY stderr, and nothing with --quiet', () => {
    // `script` gives the command a pseudo-terminal, so stderr is a TTY.
    const run = (extra: string): string =>
      spawnSync('script', ['-qec', `node dist/cli.js plan --rules rules --input examples/purchases.ndjson --as-of ${AS_OF} --workers 0 ${extra} > /dev/null`, '/dev/null'], {
        cwd: root,
        encoding: 'utf8',
      }).stdout;
    expect(run('')).toMatch(/5 lines, \d+ lines\/s, \d+\.\d s/);
    expect(run('--quiet')).not.toMatch(/lines\/s/);
  });
});
