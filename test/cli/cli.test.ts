import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FollowUpPlan } from '../../src/index.js';
import { ensureBuilt, root, rx } from './built.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

beforeAll(() => ensureBuilt(), 120_000);

const examples = JSON.parse(readFileSync(join(root, 'examples/purchases.json'), 'utf8')) as unknown[];
const ndjson = examples.map((e) => JSON.stringify(e)).join('\n');
const AS_OF = '2026-01-01T00:00:00Z';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'rx-cli-'));

describe('rx-followup validate', () => {
  it('exit 0 on the shipped rules', async () => {
    const r = await rx(['validate', 'rules', '--as-of', '2026-06-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules: ok \(default 1\.0\.0, \d+ rules\)\n$/);
  });

  it('warns, exit 0, when a calendar ends within the horizon of --as-of (default today)', async () => {
    // The 2026 calendar ends 2026-12-31; 120 days from 2026-11-27 is 2027-03-27.
    const r = await rx(['validate', 'rules', '--as-of', '2026-11-27']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^rules: ok /),
      'rules: warning: calendar cn-public-holidays covers dates through 2026-12-31, which ends in 34 days, within the horizon (120 days) of 2026-11-27: plans made now keep the statutory holidays after it, provisionally, without its make-up workdays; add the next year\'s dates (rules guide: "Next year\'s holidays")',
    ]);
    // From early September on, as the issue found: 2026-09-02 + 120 days = 2026-12-31 is still covered, 09-03 is not.
    expect((await rx(['validate', 'rules', '--as-of', '2026-09-02'])).stdout).not.toContain('warning');
    const json = JSON.parse((await rx(['validate', 'rules', '--as-of', '2026-09-03', '--format', 'json'])).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        file: 'rules',
        severity: 'warning',
        message: expect.stringContaining('which ends in 119 days'),
      }),
    ]);
    expect((await rx(['validate', 'rules', '--as-of', '2027-01-05'])).stdout).toContain(
      'which ended 5 days before 2027-01-05',
    );
    expect((await rx(['validate', 'rules', '--as-of', '2027-01-01'])).stdout).toContain(
      'which ended 1 day before 2027-01-01',
    );
  });

  it('says the same in Chinese with --locale zh-CN', async () => {
    const warningOf = async (asOf: string): Promise<string> =>
      (await rx(['validate', 'rules', '--as-of', asOf, '--locale', 'zh-CN'])).stdout.split('\n')[1] as string;
    // The same 34 days and 120-day horizon as above; the horizon in Chinese words.
    expect(await warningOf('2026-11-27')).toBe(
      'rules：警告：日历 cn-public-holidays 只覆盖到 2026-12-31，34 天后结束，在 2026-11-27 起的计划期限（120 天）之内：现在做的计划在那之后暂按法定假日安排，调休未知；请加上下一年的日期（规则指南：“下一年的节假日”）',
    );
    expect(await warningOf('2027-01-05')).toContain('已在 2027-01-05 之前 5 天结束');
  });

  it('one compiler-style line per problem, with file, line and column; exit 1', async () => {
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
    const r = await rx(['validate', dir]);
    expect(r.code).toBe(1);
    // Columns counted from 1: "P3" is the 83rd character of line 6, the key "tolerence" the 54th of line 7.
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:6:83 rules[0].event.params.offsets[0]: "P3" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")`,
      `${file}:7:54 rules[0].event.params: Unrecognized key: "tolerence"`,
    ]);
    const json = JSON.parse((await rx(['validate', dir, '--format', 'json'])).stdout);
    expect(json).toContainEqual({
      file,
      line: 6,
      column: 83,
      path: 'rules[0].event.params.offsets[0]',
      code: 'duration-form',
      message: expect.stringContaining('"P3"'),
      severity: 'error',
    });
  });

  it('points a JSON syntax error at its line and column', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), '{\n  "rules": [\n    { "id": "x" }\n    { "id": "y" }\n  ]\n}\n');
    const r = await rx(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${join(dir, 'a.json')}:4:5 invalid JSON: `));
  });
});

describe('rx-followup plan', () => {
  it('writes NDJSON in input order, the same with 0, 1 and 2 workers', async () => {
    const outputs = await Promise.all(
      ['0', '1', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w], { input: ndjson })),
    );
    for (const o of outputs) {
      expect(o.code).toBe(0);
      expect(o.stdout).toBe(outputs[0]?.stdout);
    }
    const plans = (outputs[0]?.stdout ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    expect(plans.map((p) => p.purchaseId)).toEqual(['P-1001-01', 'P-2002-07', 'P-3003-01', 'P-4004-12', 'P-5005-02']);
  });

  it('writes the same bytes with 0 and 2 workers across many batches, in every format, bad records included', async () => {
    // 300 records (batches of 64 go to the workers), every 50th invalid and every 70th a blank line.
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7 ? '{"customer": {}}' : i % 70 === 3 ? '' : JSON.stringify(examples[i % examples.length]),
    );
    const input = lines.join('\n');
    for (const format of ['ndjson', 'json', 'csv', 'ics']) {
      const [main, workers] = await Promise.all(
        ['0', '2'].map((w) =>
          rx(['plan', '--rules', 'rules', '--format', format, '--as-of', AS_OF, '--workers', w, '--quiet'], { input }),
        ),
      );
      expect(main?.code).toBe(1);
      expect(workers?.code).toBe(1);
      expect(workers?.stdout, format).toBe(main?.stdout);
      expect(workers?.stderr, format).toBe(main?.stderr);
      if (format === 'json') expect((JSON.parse(main?.stdout ?? '') as unknown[]).length).toBe(300 - 6 - 5);
    }
  }, 60_000);

  it('gives the same with 0 and 2 workers for a JSON array, and for NDJSON with a record too long to read', async () => {
    const array = JSON.stringify(
      Array.from({ length: 150 }, (_, i) => examples[i % examples.length]),
      null,
      1,
    );
    const [main, workers] = await Promise.all(
      ['0', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w], { input: array })),
    );
    expect(main?.code).toBe(0);
    expect(workers?.stdout).toBe(main?.stdout);
    expect(main?.stdout.trim().split('\n')).toHaveLength(150);
    // Line 2 holds 1.2 million characters: not parsed, named on stderr; the lines around it are planned.
    const lines = ndjson.split('\n');
    const long = `{"customer": {"id": "${'x'.repeat(1_200_000)}"}}`;
    const input = [lines[0], long, lines[1]].join('\n');
    const [a, b] = await Promise.all(
      ['0', '2'].map((w) => rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', w, '--quiet'], { input })),
    );
    expect(a?.code).toBe(1);
    expect(b?.stdout).toBe(a?.stdout);
    expect(b?.stderr).toBe(a?.stderr);
    expect(a?.stdout.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(a?.stderr ?? '')).toEqual({ line: 2, error: 'record too long: more than 1,000,000 characters' });
  }, 60_000);

  it('gives the same with 0 and 2 workers when one batch makes megabytes of plans (sent in parts)', async () => {
    // An hourly SMS for every purchase: ~500 contacts, a plan of a few hundred KB from a record of one or two KB.
    const dir = tmp();
    for (const file of readdirSync(join(root, 'rules')))
      writeFileSync(join(dir, file), readFileSync(join(root, 'rules', file)));
    const hourly = {
      id: 'cadence.hourly',
      description: 'stress: an hourly message',
      conditions: { all: [{ fact: 'customer', path: '$.id', operator: 'notEqual', value: '' }] },
      event: {
        type: 'cadence',
        params: {
          kind: 'follow-up',
          anchor: 'purchase',
          offsets: ['PT1H'],
          repeat: { every: 'PT1H' },
          until: 'horizon',
          channel: 'sms',
          purpose: 'hourly',
          tolerance: 'PT1H',
        },
      },
    };
    writeFileSync(join(dir, 'hourly.json'), JSON.stringify({ rules: [hourly] }));
    // 12 records in one block, the 6th invalid: about 3 MB of plans, more than one part of 1 MB (40 records, 10 MB,
    // took a third of this file's time and tested nothing more).
    const input = Array.from({ length: 12 }, (_, i) =>
      i === 5 ? '{"customer": {}}' : JSON.stringify(examples[i % examples.length]),
    ).join('\n');
    const [main, workers] = await Promise.all(
      ['0', '2'].map((w) => rx(['plan', '--rules', dir, '--as-of', AS_OF, '--workers', w, '--quiet'], { input })),
    );
    expect(main?.code).toBe(1);
    expect(main?.stdout.length).toBeGreaterThan(2 << 20);
    expect(workers?.stdout).toBe(main?.stdout);
    expect(workers?.stderr).toBe(main?.stderr);
    expect(JSON.parse(main?.stderr ?? '')).toMatchObject({ line: 6, error: 'InputError' });
    expect(main?.stdout.trim().split('\n')).toHaveLength(11);
    // The same records as one JSON array (a batch of records rather than a block of bytes).
    const array = `[\n${input.split('\n').join(',\n')}\n]`;
    const fromArray = await rx(['plan', '--rules', dir, '--as-of', AS_OF, '--workers', '2', '--quiet'], {
      input: array,
    });
    expect(fromArray.stdout).toBe(main?.stdout);
    expect(JSON.parse(fromArray.stderr)).toMatchObject({ line: 7, error: 'InputError' });
    // Parts joined with each format's own separator.
    for (const format of ['json', 'csv', 'ics']) {
      const [a, b] = await Promise.all(
        ['0', '2'].map((w) =>
          rx(['plan', '--rules', dir, '--format', format, '--as-of', AS_OF, '--workers', w], { input }),
        ),
      );
      expect(b?.stdout, format).toBe(a?.stdout);
    }
  }, 120_000);

  it('applies --as-of to records without their own asOf', async () => {
    // With asOf Thu 03-12 00:00 the loyal +3 days contact (due Sun 03-08 10:20, tolerance to Sun 03-15 10:20)
    // cannot take Tue 03-10: the first preferred slot from asOf within its tolerance is Thu 03-12 15:00.
    const r = await rx(['plan', '--rules', 'rules', '--as-of', '2026-03-12T00:00:00+08:00', '--workers', '0'], {
      input: JSON.stringify(examples[0]),
    });
    const plan = JSON.parse(r.stdout) as FollowUpPlan;
    expect(plan.touchpoints[0]?.window.start).toBe('2026-03-12T15:00:00+08:00');
  });

  it('reads a JSON array as well as NDJSON, from a file or from - (stdin)', async () => {
    const fromFile = await rx([
      'plan',
      '--rules',
      'rules',
      '--input',
      'examples/purchases.json',
      '--as-of',
      AS_OF,
      '--workers',
      '0',
    ]);
    const fromStdin = await rx(['plan', '--rules', 'rules', '--input', '-', '--as-of', AS_OF, '--workers', '0'], {
      input: ndjson,
    });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
  });

  it('reports a bad line in the middle of a batch on stderr and goes on; exit 1', async () => {
    const lines = ndjson.split('\n');
    const input = [
      lines[0],
      '{"customer": {"id": "c", "contact": {}}, "purchase": {"id": "p", "customerId": "c", "purchasedAt": "2026-03-05T10:00", "items": []}, "courses": []}',
      '{not json',
      lines[1],
    ].join('\n');
    const r = await rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '2', '--quiet'], { input });
    expect(r.code).toBe(1);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as FollowUpPlan).purchaseId),
    ).toEqual(['P-1001-01', 'P-2002-07']);
    const errors = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; error: string; issues?: unknown[] });
    expect(errors).toEqual([
      {
        line: 2,
        error: 'InputError',
        issues: [
          {
            path: 'purchase.purchasedAt',
            code: 'instant-no-offset',
            message:
              '"2026-03-05T10:00" has no UTC offset: add one, e.g. "2026-03-05T10:00+08:00" or "2026-03-05T10:00Z"',
          },
          { path: 'purchase.items', code: 'list-empty', message: 'must list at least one item' },
        ],
      },
      // `{not json`: the bare word at column 2, with what to do about it.
      {
        line: 3,
        column: 2,
        error:
          "invalid JSON: bare word 'not': a string needs double quotes (\"not\"); JSON's only words are true, false and null",
      },
    ]);
  });

  it('writes a JSON array with --format json', async () => {
    const r = await rx(['plan', '--rules', 'rules', '--format', 'json', '--as-of', AS_OF, '--workers', '0'], {
      input: ndjson,
    });
    expect((JSON.parse(r.stdout) as FollowUpPlan[]).map((p) => p.customerId)).toEqual([
      'C-1001',
      'C-2002',
      'C-3003',
      'C-4004',
      'C-5005',
    ]);
  });

  it('writes a CSV worklist that parses back, one row per touchpoint, with a BOM on request', async () => {
    const plans = (await rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '0'], { input: ndjson })).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    const r = await rx(['plan', '--rules', 'rules', '--format', 'csv', '--bom', '--as-of', AS_OF, '--workers', '0'], {
      input: ndjson,
    });
    expect(r.stdout.startsWith('\uFEFFcustomerId,')).toBe(true);
    const rows = parseCsv(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    const touchpoints = plans.flatMap((p) => p.touchpoints.map((t) => ({ p, t })));
    expect(rows).toHaveLength(touchpoints.length);
    rows.forEach((row, i) => {
      const { p, t } = touchpoints[i] as (typeof touchpoints)[number];
      expect(row).toMatchObject({
        customerId: p.customerId,
        touchpointId: t.id,
        windowStart: t.window.start,
        channel: t.channel,
        purpose: t.purpose,
        reasons: t.reasons.join(' | '),
      });
    });
    // With the year: a worklist spanning New Year must not be ambiguous.
    expect(rows[0]?.['localStart']).toBe('2026-03-10 Tue 15:00');
    expect(rows[0]?.['localEnd']).toBe('2026-03-10 Tue 18:00');
  });

  it('writes the CSV in Chinese with --locale zh-CN: a BOM, Chinese headers and reasons, weekdays in Chinese', async () => {
    const r = await rx(
      ['plan', '--rules', 'rules', '--format', 'csv', '--bom', '--locale', 'zh-CN', '--as-of', AS_OF, '--workers', '0'],
      {
        input: ndjson,
      },
    );
    expect(r.code).toBe(0);
    // The bytes Excel reads: EF BB BF, then UTF-8 "顾客编号,购药单号,".
    expect([...Buffer.from(r.stdout, 'utf8').subarray(0, 3 + 12 + 1)]).toEqual([
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from('顾客编号', 'utf8'),
      0x2c,
    ]);
    const rows = parseCsv(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]?.['开始时间']).toBe('2026-03-10 周二 15:00');
    expect(rows[0]?.['原因']).toMatch(/^应于 3月8日 周日 10:20 联系：购药后第 3 天（规则：老会员 3\+2\+3 用药回访）/);
  });

  it('explains in Chinese when LANG says zh_CN, and writes iCalendar titles in Chinese', async () => {
    const explained = await rx(
      ['explain', '--rules', 'rules', '--input', 'examples/purchases.json', '--line', '2', '--as-of', 'purchase'],
      {
        env: { LANG: 'zh_CN.UTF-8' },
      },
    );
    expect(explained.stdout).toContain('· 跳过 5月1日 周五至5月5日 周二：每月前 5 天（规则：会计月初月末免打扰）');
    const ics = await rx(
      ['plan', '--rules', 'rules', '--format', 'ics', '--locale', 'zh-CN', '--as-of', AS_OF, '--workers', '0'],
      { input: ndjson },
    );
    expect(ics.stdout).toContain('SUMMARY:用药回访（电话）');
  });

  it('writes iCalendar that an independent parser (ical.js) reads back', async () => {
    const plans = (await rx(['plan', '--rules', 'rules', '--as-of', AS_OF, '--workers', '0'], { input: ndjson })).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as FollowUpPlan);
    const r = await rx(['plan', '--rules', 'rules', '--format', 'ics', '--as-of', AS_OF, '--workers', '2'], {
      input: ndjson,
    });
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
      expect(event.summary).toBe(`${t.label} (${t.channel})`);
      expect(event.description.split('\n').slice(1)).toEqual(t.reasons);
      expect(event.component.getFirstPropertyValue('categories')).toBe(t.urgency.toUpperCase());
    });
  });

  it('refuses bad options with exit 2', async () => {
    expect((await rx(['plan', '--rules', 'rules', '--format', 'xml'])).code).toBe(2);
    const asOf = await rx(['plan', '--rules', 'rules', '--as-of', 'yesterday']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of');
    expect((await rx(['plan', '--rules', 'rules', '--workers', '-1'])).code).toBe(2);
    expect((await rx(['plan', '--rules', 'rules', '--workers', ''])).code).toBe(2);
    expect((await rx(['plan', '--rules', 'rules', '--workers', '0x2'])).code).toBe(2);
    expect((await rx(['plan', '--rules', 'rules', '--encoding', 'latin1'])).stderr).toContain(
      '--encoding must be one of utf-8, gbk, gb18030',
    );
    expect((await rx(['plan', '--frobnicate'])).code).toBe(2);
    expect((await rx(['explain', '--rules', 'rules', '--input', 'examples'])).stderr).toContain('is a folder');
  });

  it('exits 1 with the issues when the rules are invalid', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'x' }));
    const r = await rx(['plan', '--rules', dir, '--as-of', AS_OF], { input: ndjson });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the rule set needs a version');
  });
});

describe('rx-followup explain, help, version', () => {
  it('prints the timeline of every example purchase', async () => {
    const r = await rx(['explain', '--rules', 'rules', '--input', 'examples/purchases.json', '--as-of', 'purchase']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Purchase P-1001-01 · customer C-1001 (loyal) · Asia/Shanghai');
    expect(r.stdout).toContain('Tue 03-10 15:00-18:00  phone      routine   medication-check');
    expect(r.stdout).toContain('rules: cadence.loyal-3-2-3, window.preferred');
    // Reported Sat 22:40, 12 hours to act: from the next urgent opening until the deadline (issue 33).
    expect(r.stdout).toContain('Sun 11-08 08:00-10:40  phone      critical  wrong-drug-recall');
    expect(r.stdout.match(/^Purchase /gm)).toHaveLength(5);
  });

  it('--line picks one input; a bad input exits 1 with its issues', async () => {
    expect(
      (await rx(['explain', '--rules', 'rules', '--input', 'examples/purchases.json', '--line', '2'])).stdout.match(
        /^Purchase /gm,
      ),
    ).toHaveLength(1);
    expect(
      (await rx(['explain', '--rules', 'rules', '--input', 'examples/purchases.json', '--line', '9'])).stderr,
    ).toContain('--line 9: the input holds 5 records');
    const dir = tmp();
    writeFileSync(
      join(dir, 'in.ndjson'),
      '{"customer":{"id":"c","contact":{}},"purchase":{"id":"p","customerId":"c","purchasedAt":"2026-03-05T10:00","items":[]},"courses":[]}\n',
    );
    const r = await rx(['explain', '--rules', 'rules', '--input', join(dir, 'in.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('purchase.purchasedAt: "2026-03-05T10:00" has no UTC offset');
  });

  it('--help for every command, --version, an unknown command', async () => {
    for (const command of ['validate', 'plan', 'explain', 'schema']) {
      const r = await rx([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: rx-followup ${command}`));
    }
    expect((await rx(['--help'])).stdout).toContain('Usage:');
    expect((await rx(['--version'])).stdout).toBe(
      `${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    const r = await rx(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it("the top-level usage lists every option of each command's own usage", async () => {
    const usage = (await rx(['--help'])).stdout;
    const optionsOf = (text: string): string[] => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();
    for (const command of ['validate', 'plan', 'explain', 'worklist', 'lint', 'diff', 'init']) {
      // A command's usage block: its help's first lines, up to the first blank line.
      const own = (await rx([command, '--help'])).stdout.split('\n\n')[0] as string;
      // Its entry in the top-level usage: from `rx-followup <command>` to the indented line that describes it.
      const entry = new RegExp(`  rx-followup ${command}\\b[\\s\\S]*?\\n      [a-z]`).exec(usage)?.[0] ?? '';
      expect(entry, command).not.toBe('');
      expect(optionsOf(entry), command).toEqual(optionsOf(own));
    }
    expect(usage).toContain('L is en or zh-CN');
  });

  it("the rules guide's worked example is what explain prints", async () => {
    const guide = readFileSync(join(root, 'docs/rules-guide.md'), 'utf8');
    const shown = /```\n(Purchase P-4004-12[\s\S]*?)```/.exec(guide)?.[1];
    const r = await rx([
      'explain',
      '--rules',
      'rules',
      '--input',
      'examples/purchases.json',
      '--line',
      '4',
      '--as-of',
      'purchase',
    ]);
    expect(r.code).toBe(0);
    expect(shown).toBe(r.stdout);
  });

  it("the Chinese rules guide's worked example is what explain --locale zh-CN prints", async () => {
    const guide = readFileSync(join(root, 'docs/zh-CN/rules-guide.md'), 'utf8');
    const shown = /```\n(购药单 P-4004-12[\s\S]*?)```/.exec(guide)?.[1];
    const r = await rx([
      'explain',
      '--rules',
      'rules',
      '--input',
      'examples/purchases.json',
      '--line',
      '4',
      '--as-of',
      'purchase',
      '--locale',
      'zh-CN',
    ]);
    expect(r.code).toBe(0);
    expect(shown).toBe(r.stdout);
  });

  it('schema prints the shipped JSON Schema', async () => {
    expect(JSON.parse((await rx(['schema'])).stdout)).toEqual(
      JSON.parse(readFileSync(join(root, 'schema/ruleset.schema.json'), 'utf8')),
    );
  });
});

describe('progress on a terminal', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)(
    'reports records, rate, elapsed time, share read and ETA on a TTY stderr, and nothing with --quiet',
    async () => {
      // `script` gives the command a pseudo-terminal, so stderr is a TTY.
      const run = (extra: string): string =>
        spawnSync(
          'script',
          [
            '-qec',
            `node dist/cli.js plan --rules rules --input examples/purchases.ndjson --as-of ${AS_OF} --workers 0 ${extra} > /dev/null`,
            '/dev/null',
          ],
          {
            cwd: root,
            encoding: 'utf8',
          },
        ).stdout;
      // The input's size is known, so the share read and the time left are shown.
      expect(run('')).toMatch(/5 records, \d+\/s, \d+\.\d s, 100% of 0\.0 MB, ETA 0 s/);
      expect(run('')).toMatch(/rx-followup: 5 planned, 0 failed, \d+ touchpoints, \d+\.\d s/);
      expect(run('--quiet')).not.toMatch(/records|planned/);
    },
  );
});

/** Text in GBK, as Windows in a Chinese locale saves it: ASCII as is, 会计 as its two GBK double bytes. */
function gbk(text: string): Buffer {
  const parts = text.split('会计');
  const out: Buffer[] = [];
  parts.forEach((part, i) => {
    // eslint-disable-next-line no-control-regex -- any character outside ASCII
    if (/[^\x00-\x7f]/.test(part)) throw new Error('this helper encodes ASCII and 会计 only');
    out.push(Buffer.from(part, 'ascii'));
    if (i < parts.length - 1) out.push(Buffer.from([0xbb, 0xe1, 0xbc, 0xc6]));
  });
  return Buffer.concat(out);
}

describe('data as ERP systems and analysts write it', () => {
  // examples[1] is an accountant (会计) buying on Fri 04-24: her check (due Fri 05-01) waits out the first 5 days of May.
  const accountant = JSON.stringify(examples[1]);

  it('a GBK input is refused as UTF-8 at its line and column, and read with --encoding gbk (the blackout applies)', async () => {
    const dir = tmp();
    const file = join(dir, 'gbk.ndjson');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${JSON.stringify(examples[0])}\n`), gbk(accountant), Buffer.from('\n')]),
    );
    const plain = await rx([
      'plan',
      '--rules',
      'rules',
      '--input',
      file,
      '--as-of',
      'purchase',
      '--workers',
      '0',
      '--quiet',
    ]);
    expect(plain.code).toBe(1);
    const error = JSON.parse(plain.stderr) as { line: number; column: number; error: string };
    // The first GBK byte follows `{"customer":{"id":"C-2002","occupation":"`: column 42 of line 2.
    expect(error).toEqual({
      line: 2,
      column: 42,
      error: expect.stringContaining('not valid UTF-8: the file may be GBK or GB18030'),
    });
    for (const workers of ['0', '2']) {
      const read = await rx([
        'plan',
        '--rules',
        'rules',
        '--input',
        file,
        '--as-of',
        'purchase',
        '--encoding',
        'gbk',
        '--workers',
        workers,
        '--quiet',
      ]);
      expect(read.code).toBe(0);
      const plan = JSON.parse(read.stdout.trim().split('\n')[1] as string) as FollowUpPlan;
      expect(plan.touchpoints[0]?.ruleIds).toContain('blackout.accountant-month-edges');
      expect(plan.touchpoints[0]?.window.start).toBe('2026-05-06T15:00:00+08:00');
    }
  });

  it('a GBK rule file: validate names the file, line and column; --encoding gbk reads it', async () => {
    const dir = tmp();
    const file = join(dir, 'rules.json');
    const rule = {
      id: 'blackout.acc',
      description: 'accountants',
      conditions: { all: [{ fact: 'customer', path: '$.occupation', operator: 'equal', value: '会计' }] },
      event: { type: 'blackout', params: { kind: 'month-days', first: 5 } },
    };
    writeFileSync(file, gbk(JSON.stringify({ id: 'x', version: '1', rules: [rule] }, null, 2)));
    const r = await rx(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file}:14:\\d+ not valid UTF-8`));
    expect((await rx(['validate', dir, '--encoding', 'gbk'])).stdout).toBe(`${dir}: ok (x 1, 1 rules)\n`);
  });

  it.each([
    ['a full-width colon', '{\n  "id": "x",\n  "version"："1"\n}', 3, 12, "full-width colon '：' — use ':'"],
    [
      'a comment',
      '{\n  // the default set\n  "id": "x"\n}',
      2,
      3,
      "a comment ('// the default set'): JSON has no comments — remove it",
    ],
    [
      'a bare word',
      '{\n  "rules": [{ "max": one }]\n}',
      2,
      22,
      "bare word 'one': a string needs double quotes (\"one\"); JSON's only words are true, false and null",
    ],
    ['a trailing comma', '{\n  "id": "x",\n}', 2, 12, "a comma before '}': JSON allows no trailing comma — remove it"],
    ['a curly quote', '{\n  "id": “x”\n}', 2, 9, "curly quote '“' — use '\"'"],
    [
      'a key given twice',
      '{\n  "id": "x",\n  "id": "y"\n}',
      3,
      3,
      'the key "id" appears twice in one object (also at line 2, column 3): JSON keeps only the last',
    ],
    [
      'a tab inside a string',
      '{\n  "id": "a\tb"\n}',
      2,
      11,
      'a control character (U+0009) inside a string: write it escaped (\\t, \\n)',
    ],
  ])('validate points at %s, one line, not at the end of the file', async (_what, text, line, column, message) => {
    const dir = tmp();
    const file = join(dir, 'a.json');
    writeFileSync(file, text);
    const r = await rx(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain(`${file}:${line}:${column} invalid JSON: ${message}`);
  });

  it('validate --locale zh-CN says a JSON syntax error in Chinese, at the same place', async () => {
    const dir = tmp();
    const file = join(dir, 'a.json');
    writeFileSync(file, '{\n  "id": "x",\n  "version"："1"\n}');
    expect((await rx(['validate', dir, '--locale', 'zh-CN'])).stdout).toBe(
      `${file}:3:12 JSON 格式错误：全角冒号 '：'——请改用 ':'\n`,
    );
    writeFileSync(file, '{\n  // 默认规则\n  "id": "x"\n}');
    expect((await rx(['validate', dir], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toContain(
      `${file}:2:3 JSON 格式错误：注释（'// 默认规则'）：JSON 不能有注释`,
    );
  });

  it('explain reports a malformed line at its line and column and goes on, as plan does', async () => {
    const dir = tmp();
    const file = join(dir, 'in.ndjson');
    writeFileSync(
      file,
      [JSON.stringify(examples[0]), '{"customer": {"id"："c"}}', JSON.stringify(examples[2])].join('\n'),
    );
    const r = await rx(['explain', '--rules', 'rules', '--input', file, '--as-of', 'purchase', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("record at line 2, column 19: invalid JSON: full-width colon '：' — use ':'");
    expect(r.stdout.match(/^Purchase /gm)).toHaveLength(2);
    const p = await rx([
      'plan',
      '--rules',
      'rules',
      '--input',
      file,
      '--as-of',
      'purchase',
      '--workers',
      '0',
      '--quiet',
    ]);
    expect(JSON.parse(p.stderr)).toEqual({
      line: 2,
      column: 19,
      error: "invalid JSON: full-width colon '：' — use ':'",
    });
  });

  it('plan and explain take the same --as-of, a date alone meaning local midnight in the rule set zone', async () => {
    const input = JSON.stringify(examples[0]);
    const plan = JSON.parse(
      (await rx(['plan', '--rules', 'rules', '--as-of', '2026-03-12', '--workers', '0', '--quiet'], { input })).stdout,
    ) as FollowUpPlan;
    expect(plan.asOf).toBe('2026-03-12T00:00:00+08:00');
    // The +3 days contact (tolerance to Sun 03-15) cannot take Tue 03-10 any more: Thu 03-12 15:00.
    expect(plan.touchpoints[0]?.window.start).toBe('2026-03-12T15:00:00+08:00');
    const explained = await rx(['explain', '--rules', 'rules', '--as-of', '2026-03-12', '--quiet'], { input });
    expect(explained.stdout).toContain('as of 2026-03-12 00:00');
    expect(explained.stdout).toContain('Thu 03-12 15:00-18:00  phone      routine   medication-check');
  });

  it('both default to now, to the whole minute, and say so in the plan', async () => {
    const input = JSON.stringify({ ...(examples[0] as object), asOf: undefined });
    const plan = JSON.parse(
      (await rx(['plan', '--rules', 'rules', '--workers', '0', '--quiet'], { input })).stdout,
    ) as FollowUpPlan;
    expect(plan.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(Date.parse(plan.asOf)).toBeGreaterThan(Date.now() - 5 * 60_000);
    const explained = await rx(['explain', '--rules', 'rules', '--quiet'], { input });
    expect(explained.stdout).toContain(`as of ${plan.asOf.slice(0, 10)}`);
  });

  it('an empty input is a warning; a missing --rules a usage error; a batch ends with a summary line', async () => {
    const empty = await rx(['plan', '--rules', 'rules', '--workers', '0'], { input: '\n\n' });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toBe('rx-followup: warning: the input holds no records\n');
    for (const command of ['plan', 'explain']) {
      const r = await rx([command, '--input', 'examples/purchases.json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${command} needs --rules`);
    }
    const r = await rx(['plan', '--rules', 'rules', '--as-of', 'purchase', '--workers', '2'], {
      input: `${ndjson}\n{"customer": {}}`,
    });
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').at(-1) as string;
    const touchpoints = r.stdout
      .trim()
      .split('\n')
      .reduce((n, l) => n + (JSON.parse(l) as FollowUpPlan).touchpoints.length, 0);
    expect(last).toMatch(new RegExp(`^rx-followup: 5 planned, 1 failed, ${touchpoints} touchpoints, \\d+\\.\\d s$`));
  });
});

describe('hostile input and output for the CLI', () => {
  it('a JSON array input: every record is planned or reported, nothing after the array is dropped silently', async () => {
    const [r0, r1, r2] = examples.slice(0, 3).map((e) => JSON.stringify(e));
    const run = async (input: string) =>
      rx(['plan', '--rules', 'rules', '--as-of', 'purchase', '--workers', '0', '--quiet'], { input });
    const errors = (stderr: string) =>
      stderr
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { line: number; column?: number; error: string });
    const planned = (stdout: string) => stdout.trim().split('\n').filter(Boolean).length;

    // Two arrays: the second is reported, at its line and column.
    const two = await run(`[${r0},${r1}]\n[${r2}]`);
    expect(two.code).toBe(1);
    expect(planned(two.stdout)).toBe(2);
    expect(errors(two.stderr)).toEqual([
      { line: 2, column: 1, error: expect.stringContaining('more text after the end of the JSON array') },
    ]);
    // NDJSON after an array, likewise.
    expect(errors((await run(`[${r0}]\n${r1}\n${r2}`)).stderr)).toEqual([
      { line: 2, column: 1, error: expect.stringContaining('more text after the end of the JSON array') },
    ]);
    // A stray '}' makes its record fail, not the rest of the array.
    const stray = await run(`[${r0}}, ${r1}, ${r2}]`);
    expect(planned(stray.stdout)).toBe(2);
    expect(errors(stray.stderr)).toEqual([
      {
        line: 1,
        column: expect.any(Number),
        error: expect.stringContaining('invalid JSON: more text after the end of the JSON value'),
      },
    ]);
    // Empty elements and a trailing comma are errors with their places.
    const holes = await run(`[${r0},,${r1},]`);
    expect(planned(holes.stdout)).toBe(2);
    expect(errors(holes.stderr).map((e) => e.error)).toEqual([
      'an empty element: two commas in a row',
      "a comma before ']': an array ends with its last record",
    ]);
  });

  it('bytes after the array are not held: 200 MB of them keep the process small', async () => {
    const dir = tmp();
    const file = join(dir, 'big.json');
    writeFileSync(file, `[${JSON.stringify(examples[0])}]\n`);
    const chunk = Buffer.alloc(8 << 20, 0x20);
    for (let i = 0; i < 25; i++) appendFileSync(file, chunk);
    appendFileSync(file, 'x');
    // A 64 MB heap: holding 200 MB of text after the array would end the process out of memory.
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=64',
        join(root, 'dist/cli.js'),
        'plan',
        '--rules',
        'rules',
        '--input',
        file,
        '--as-of',
        'purchase',
        '--workers',
        '0',
        '--quiet',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({
      line: 2,
      error: expect.stringContaining('more text after the end of the JSON array'),
    });
  });

  it('a full disk: one line and exit code 3, not a stack trace', async () => {
    for (const workers of ['0', '2']) {
      const out = openSync('/dev/full', 'w');
      const r = spawnSync(
        process.execPath,
        [
          join(root, 'dist/cli.js'),
          'plan',
          '--rules',
          'rules',
          '--input',
          'examples/purchases.ndjson',
          '--as-of',
          'purchase',
          '--workers',
          workers,
          '--quiet',
        ],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', out, 'pipe'],
        },
      );
      closeSync(out);
      expect(r.status).toBe(3);
      expect(r.stderr).toBe('rx-followup: cannot write the output: ENOSPC\n');
    }
  });

  it('CSV cells that a spreadsheet would run as formulas are neutralized (OWASP: a leading quote)', async () => {
    const payloads = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1'];
    const input = payloads
      .map((p, i) => {
        const e = structuredClone(examples[0]) as {
          customer: { id: string };
          purchase: { id: string; customerId: string; items: { drugCode: string }[] };
          courses: { drugCode: string }[];
        };
        e.customer.id = p;
        e.purchase.customerId = p;
        e.purchase.id = `${p}${i}`;
        e.purchase.items[0]!.drugCode = p;
        e.courses[0]!.drugCode = p;
        return JSON.stringify(e);
      })
      .join('\n');
    const r = await rx(
      ['plan', '--rules', 'rules', '--format', 'csv', '--as-of', 'purchase', '--workers', '0', '--quiet'],
      { input },
    );
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(payloads.length);
    for (const row of rows) {
      for (const column of ['customerId', 'purchaseId', 'drugCodes']) {
        expect(row[column], column).toMatch(/^'[=+\-@\t\r]/);
      }
    }
    expect(rows[0]?.['customerId']).toBe(`'${payloads[0]}`);
  });
});

describe('validate on large files', () => {
  it('locates issues in linear time: a 50,000-character key over 8,000 list elements', async () => {
    const dir = tmp();
    const json: Record<string, unknown> = { id: 'x', version: '1' };
    json['k'.repeat(50_000)] = Array.from({ length: 8_000 }, (_, i) => ({ a: i }));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(json, null, 1));
    // Linear, not quadratic: a quadratic locator would not finish within the test's timeout (speed is npm run bench's).
    const r = await rx(['validate', dir]);
    expect(r.code).toBe(1);
    // The unknown key, at its own line and column.
    expect(r.stdout).toMatch(new RegExp(`^${join(dir, 'a.json')}:4:2 Unrecognized key: "k{50000}"`));
  });
});

describe('typos on the command line (issue 37)', () => {
  it('says which command or option was meant', async () => {
    const command = await rx(['plna']);
    expect(command.code).toBe(2);
    expect(command.stderr.split('\n')[0]).toBe('rx-followup: unknown command "plna": did you mean "plan"?');
    const option = await rx(['worklist', '--rule', 'rules']);
    expect(option.code).toBe(2);
    expect(option.stderr.split('\n')[0]).toBe(`rx-followup: unknown option '--rule': did you mean "--rules"?`);
  });
});
