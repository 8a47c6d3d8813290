/**
 * What the CLI says while it runs, under --locale zh-CN: record errors, rule-file errors, warnings, summaries, help
 * texts and usage errors — no English prose left.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, rx } from './built.js';
import { progressLine } from '../../src/cli/plan-command.js';
import { HELP_ZH_CN, USAGE_ZH_CN } from '../../src/cli/help-zh-cn.js';
import { HELP_EN, USAGE_EN } from '../../src/cli/help-en.js';
import { WORKLIST_HELP } from '../../src/cli/worklist-command.js';
import { LINT_HELP } from '../../src/cli/lint-command.js';
import { DIFF_HELP } from '../../src/cli/diff-command.js';
import { INIT_HELP } from '../../src/cli/init-command.js';

const ENGLISH_HELP: Record<string, string> = {
  usage: USAGE_EN('0.1.0'),
  ...HELP_EN,
  worklist: WORKLIST_HELP,
  lint: LINT_HELP,
  diff: DIFF_HELP,
  init: INIT_HELP,
};
import { usageMessage, type UsageCode, type UsageParams } from '../../src/cli/usage-messages.js';

/** What is left once quoted text, paths, codes, options, file names and data words are taken out. */
const prose = (text: string): string =>
  text
    .replace(
      /(?:cd \S+ && )?npx rx-followup [^\n]*|rx-followup [a-z]+\b[^\n\u4e00-\u9fff]*|"[^"]*"|'[^']*'|“[^”]*”|--[a-z-]+|[\w./$-]*[[.$/:][\w.$[\]/:+-]*|\b(rx-followup|JSON|NDJSON|UTF-8|GBK|GB18030|FIFO|InputError|RuleSetError|iCalendar|U\+FFFD|object|string|number|undefined|null|cn-public-holidays|default|ISO-8601)\b/g,
      '',
    )
    .replace(/\d+/g, '');
/** The texts a line says: an error line of `plan` (JSON) says its error and its issues' messages; a plan, nothing here. */
const texts = (line: string): string[] => {
  if (!line.startsWith('{')) return [line];
  const error = JSON.parse(line) as { error?: string; issues?: { message: string }[] };
  return error.error === undefined ? [] : [error.error, ...(error.issues ?? []).map((i) => i.message)];
};
/** Texts holding two English words in a row, once the above is taken out. */
const english = (said: string): string[] =>
  said
    .split('\n')
    .flatMap(texts)
    .filter((text) => /[A-Za-z]{2,}[\s,;]+[A-Za-z]{2,}/.test(prose(text)));

// These tests start processes: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const ZH = ['--locale', 'zh-CN'];

describe('the CLI in zh-CN', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'rx-zh-'));
    const good = JSON.parse(
      JSON.stringify({
        customer: { id: 'C1', contact: { phone: '13800000001' } },
        purchase: {
          id: 'P1',
          customerId: 'C1',
          purchasedAt: '2026-03-05T10:00:00+08:00',
          items: [{ drugCode: 'LORA-10', quantity: 1 }],
        },
        courses: [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }],
      }),
    ) as { purchase: { purchasedAt: string } };
    const early = { ...good, purchase: { ...good.purchase, id: 'P0', purchasedAt: '2026-03-01T10:00:00+08:00' } };
    writeFileSync(
      join(dir, 'bad.ndjson'),
      [
        JSON.stringify(good),
        '{"customer":{"id":"C2"},"purchase":{"id":"P2","customerId":"C2","purchasedAt":"2026-03-05T10:00:00+08:00","items":[{"drugCode":"X","quantity":0}]},"courses":[]}',
        '{"customer"："C3"}',
        'not json',
        JSON.stringify(early),
      ].join('\n'),
    );
    writeFileSync(join(dir, 'empty.json'), '[]');
    writeFileSync(join(dir, 'tail.json'), `[${JSON.stringify(good)}] x`);
    writeFileSync(join(dir, 'gbk.ndjson'), Buffer.from([0x7b, 0x22, 0xbb, 0xe1, 0xbc, 0xc6, 0x22, 0x7d, 0x0a]));
    mkdirSync(join(dir, 'broken-rules'));
    writeFileSync(join(dir, 'broken-rules', 'a.json'), '{"id": "x", "version": "1", "rules": [}');
    mkdirSync(join(dir, 'no-rules'));
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'purchases.json'), '[]');
    writeFileSync(join(dir, 'staff-bad.json'), '[{"id": "A1", "calls": -1}');
    writeFileSync(join(dir, 'staff.json'), '[{"id": "A1", "calls": -1}]');
    writeFileSync(join(dir, 'plans.ndjson'), '{"customerId":"x"}\n{"customerId"：1}\n');
  });

  const cases: [string, () => string[]][] = [
    [
      'plan: input, JSON and time-order errors, the summary',
      () => ['plan', '--rules', 'rules', '--input', join(dir, 'bad.ndjson'), '--thread', ...ZH],
    ],
    ['plan: an empty input', () => ['plan', '--rules', 'rules', '--input', join(dir, 'empty.json'), ...ZH]],
    ['plan: text after the array', () => ['plan', '--rules', 'rules', '--input', join(dir, 'tail.json'), ...ZH]],
    ['plan: not UTF-8', () => ['plan', '--rules', 'rules', '--input', join(dir, 'gbk.ndjson'), ...ZH]],
    [
      'plan: rule files that are not JSON',
      () => ['plan', '--rules', join(dir, 'broken-rules'), '--input', join(dir, 'empty.json'), ...ZH],
    ],
    [
      'plan: a folder without rule files',
      () => ['plan', '--rules', join(dir, 'no-rules'), '--input', join(dir, 'empty.json'), ...ZH],
    ],
    ['plan: no such rules', () => ['plan', '--rules', join(dir, 'nowhere'), '--input', join(dir, 'empty.json'), ...ZH]],
    [
      'explain: input and JSON errors, the summary',
      () => ['explain', '--rules', 'rules', '--input', join(dir, 'bad.ndjson'), '--as-of', 'purchase', ...ZH],
    ],
    ['explain: an empty input', () => ['explain', '--rules', 'rules', '--input', join(dir, 'empty.json'), ...ZH]],
    [
      'diff: input and JSON errors',
      () => ['diff', '--base', 'rules', '--rules', 'rules', '--input', join(dir, 'bad.ndjson'), ...ZH],
    ],
    ['validate: a calendar that ends within the horizon', () => ['validate', 'rules', '--as-of', '2026-11-27', ...ZH]],
    [
      'validate: rule files that are not JSON, no such folder',
      () => ['validate', join(dir, 'broken-rules'), join(dir, 'nowhere'), ...ZH],
    ],
    [
      'worklist: a roster that is not JSON',
      () => [
        'worklist',
        '--rules',
        'rules',
        '--staff',
        join(dir, 'staff-bad.json'),
        '--from',
        '2026-03-09',
        '--input',
        join(dir, 'plans.ndjson'),
        ...ZH,
      ],
    ],
    [
      'worklist: a roster that does not exist',
      () => [
        'worklist',
        '--rules',
        'rules',
        '--staff',
        join(dir, 'nowhere.json'),
        '--from',
        '2026-03-09',
        '--input',
        join(dir, 'plans.ndjson'),
        ...ZH,
      ],
    ],
    ['init: a folder to start from', () => ['init', join(dir, 'start'), ...ZH]],
    ['init: files that exist already', () => ['init', join(dir, 'taken'), ...ZH]],
    [
      'worklist: an invalid roster and plans',
      () => [
        'worklist',
        '--rules',
        'rules',
        '--staff',
        join(dir, 'staff.json'),
        '--from',
        '2026-03-09',
        '--input',
        join(dir, 'plans.ndjson'),
        ...ZH,
      ],
    ],
  ];

  it.each(cases)('%s', async (_, args) => {
    const r = await rx(args(), { env: { LANG: 'C' } });
    const said = `${r.stdout}\n${r.stderr}`;
    expect(said).toMatch(/[\u4e00-\u9fff]/);
    expect(english(said)).toEqual([]);
  });

  it('says where and what, in Chinese', async () => {
    const r = await rx(['plan', '--rules', 'rules', '--input', join(dir, 'bad.ndjson'), '--thread', ...ZH]);
    const errors = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { line: number; column?: number; error: string });
    expect(errors.map((e) => [e.line, e.column, e.error])).toEqual([
      [2, undefined, 'InputError'],
      [3, 12, "JSON 格式错误：全角冒号 '：'——请改用 ':'"],
      [4, 1, expect.stringMatching(/^JSON 格式错误：没有引号的词 'not'：/)],
      [5, undefined, '--thread 要求记录按时间顺序排列：purchase.purchasedAt 2026-03-01T10:00:00+08:00 早于前一条记录'],
    ]);
    expect(r.stderr).toMatch(/^rx-followup：已规划 1 条，失败 4 条，共 \d+ 个触达，用时 [\d.]+ 秒$/m);
    const explain = await rx([
      'explain',
      '--rules',
      'rules',
      '--input',
      join(dir, 'bad.ndjson'),
      '--as-of',
      'purchase',
      ...ZH,
    ]);
    // The error in words, with its count, not its class name (issue 37 item 3).
    expect(explain.stdout).toMatch(
      /第 2 行的记录：输入无效（\d 处问题）\n {2}customer\.contact：无效输入：期望 object，实际接收 undefined\n/,
    );
    expect(explain.stdout).toContain('\n  purchase.items[0].quantity：必须大于 0\n');
    expect(explain.stdout).toContain("第 3 行第 12 列的记录：JSON 格式错误：全角冒号 '：'");
    expect((await rx(['plan', '--rules', 'rules', '--input', join(dir, 'empty.json'), ...ZH])).stderr).toBe(
      'rx-followup：警告：输入中没有记录\n',
    );
    expect(
      (await rx(['plan', '--rules', join(dir, 'no-rules'), '--input', join(dir, 'empty.json'), ...ZH])).stderr,
    ).toBe(`rx-followup：规则集无效（1 个问题）：\n${join(dir, 'no-rules')}: 文件夹里没有 *.json 规则文件\n`);
    // The same runs in English say what they said before.
    const en = await rx(['plan', '--rules', 'rules', '--input', join(dir, 'bad.ndjson'), '--thread', '--locale', 'en']);
    expect(en.stderr).toContain('"error":"invalid JSON: full-width colon');
    expect(en.stderr).toMatch(/^rx-followup: 1 planned, 4 failed, \d+ touchpoints, [\d.]+ s$/m);
    expect((await rx(['plan', '--rules', 'rules', '--input', join(dir, 'empty.json'), '--locale', 'en'])).stderr).toBe(
      'rx-followup: warning: the input holds no records\n',
    );
  });

  it('says --help and usage errors in Chinese: every command, every usage code (issue 37 item 3)', async () => {
    for (const [command, text] of Object.entries({ usage: USAGE_ZH_CN('0.1.0'), ...HELP_ZH_CN })) {
      expect([command, english(text)]).toEqual([command, []]);
      // The same options as the English help.
      const options = (t: string): string[] => [...new Set(t.match(/--[a-z][a-z-]*/g))].sort();
      expect([command, options(text)]).toEqual([command, options(ENGLISH_HELP[command] as string)]);
    }
    const examples: { [C in UsageCode]: UsageParams[C] } = {
      'one-of': { option: '--format', values: ['csv', 'json', 'xlsx'] },
      'whole-number': { option: '--days', from: 1, to: 62 },
      'needs-rules': { command: 'plan' },
      'needs-staff': {},
      'needs-from': {},
      'needs-base-and-rules': {},
      'xlsx-needs-output': {},
      'as-of-no-such-date': { value: '2026-02-30' },
      'as-of-invalid': { problem: '不是 ISO-8601 日期时间' },
      'input-missing': { path: 'a.json' },
      'input-folder': { path: 'rules' },
      'line-past-end': { line: 9, records: 2 },
      'roster-unreadable': { path: 'staff.json', problem: '：没有这个文件' },
      'roster-shape': { path: 'staff.json' },
      'unknown-option': { option: '--rule', suggestion: '--rules' },
      'unknown-command': { command: 'plna', suggestion: 'plan' },
    };
    for (const [code, params] of Object.entries(examples)) {
      const said = usageMessage(code as UsageCode, params as never, 'zh-CN');
      expect([code, said, english(said)]).toEqual([code, expect.stringMatching(/[\u4e00-\u9fff]/), []]);
    }
    // The command line's locale reaches them: LANG, or --locale.
    expect((await rx(['plna'], { env: { LANG: 'zh_CN.UTF-8' } })).stderr.split('\n')[0]).toBe(
      'rx-followup：未知的命令 "plna"：是不是 "plan"？',
    );
    expect((await rx(['plan', '--rule', 'x', ...ZH])).stderr).toBe(
      'rx-followup：未知的选项 \'--rule\'：是不是 "--rules"？\n',
    );
    expect((await rx(['worklist', '--rules', 'rules', '--days', 'x', ...ZH])).stderr).toBe(
      'rx-followup：worklist 需要 --staff <文件>（排班表：员工的 JSON 数组）\n',
    );
    expect((await rx(['worklist', '--help'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toBe(HELP_ZH_CN['worklist']);
  });

  it('says progress on a terminal in Chinese too', async () => {
    expect(progressLine(5000, 2, 500_000, 2_000_000, 3, 'zh-CN')).toBe(
      '5000 条记录，每秒 2500 条，2.0 秒，已读 2.0 MB 的 25%，约剩 6 秒，失败 3 条',
    );
    expect(progressLine(5000, 2, 500_000, 2_000_000, 3, 'en')).toBe(
      '5000 records, 2500/s, 2.0 s, 25% of 2.0 MB, ETA 6 s, 3 failed',
    );
    expect(progressLine(10, 1, 0, undefined, 0, 'zh-CN')).toBe('10 条记录，每秒 10 条，1.0 秒');
    expect(progressLine(10, 1, 0, 100, 0, 'en')).toBe('10 records, 10/s, 1.0 s, 0% of 0.0 MB');
  });
});
