/**
 * The workbench's checks of rule files given as text (what the playground's editor shows inline) and the blackout
 * days a week calendar shades.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type PlanInput } from '../src/index.js';
import {
  blackoutDays,
  checkRuleFiles,
  MAX_PASTED_INPUTS,
  parseInputText,
  type RuleFileText,
} from '../src/workbench/index.js';

const shipped: RuleFileText[] = readdirSync('rules')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, text: readFileSync(`rules/${file}`, 'utf8') }));
const edited = (file: string, change: (text: string) => string): RuleFileText[] =>
  shipped.map((f) => (f.file === file ? { file, text: change(f.text) } : f));
/** The 1-based line of the first occurrence of `needle` in a shipped file. */
const lineOf = (file: string, needle: string): number =>
  (shipped.find((f) => f.file === file) as RuleFileText).text
    .slice(0, (shipped.find((f) => f.file === file) as RuleFileText).text.indexOf(needle))
    .split('\n').length;

describe('checkRuleFiles', () => {
  it('the shipped files validate, drop no contact by design; a lint warning points at the tolerance line, in cadences.json', () => {
    const { ruleSet, findings } = checkRuleFiles(shipped, { today: '2026-04-27' });
    expect(ruleSet?.rules.length).toBe(defaultRuleSet.rules?.length);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Holidays and month edges move promises, they do not drop them (issue 33 item 6): no always-dropped warning.
    expect(findings.filter((f) => f.check === 'always-dropped')).toEqual([]);
    // The intensive programme's overflow cut back to 2 days: dropped at the start of a long holiday, said at its line.
    const cut = edited('cadences.json', (text) =>
      text.replace(/("id": "cadence\.intensive-program"[\s\S]*?"within": )"P10D"/, '$1"P2D"'),
    );
    const dropped = checkRuleFiles(cut, { today: '2026-04-27' }).findings.find(
      (f) => f.check === 'always-dropped' && f.ruleId === 'cadence.intensive-program',
    );
    expect(dropped).toMatchObject({
      severity: 'warning',
      file: 'cadences.json',
      path: expect.stringMatching(/^rules\[\d+\]\.event\.params\.tolerance$/),
    });
    const text = (shipped.find((f) => f.file === 'cadences.json') as RuleFileText).text.split('\n');
    expect(text[(dropped?.line as number) - 1]?.slice((dropped?.column as number) - 1)).toMatch(/^"P1D"/);
    // By file, then line.
    const lines = findings.map((f) => f.line as number);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('a misspelt key is located at the key, not at its value (issue 37 item 2)', () => {
    const files = edited('blackouts.json', (t) => t.replace('"operator": ', '"opertor": '));
    const found = checkRuleFiles(files).findings.filter((f) => f.severity === 'error');
    expect(found).toHaveLength(1);
    const line = (files.find((f) => f.file === 'blackouts.json') as RuleFileText).text.split('\n')[
      (found[0]?.line as number) - 1
    ];
    expect(line?.slice((found[0]?.column as number) - 1)).toMatch(/^"opertor": "/);
    expect(found[0]?.message).toMatch(/did you mean "operator"\?$/);
  });

  it('a syntax error stops there: one error at the mistake, nothing validated', () => {
    const files = edited('caps.json', (t) => t.replace('"kind": "per-day"', '"kind"："per-day"'));
    const { ruleSet, findings } = checkRuleFiles(files);
    expect(ruleSet).toBeNull();
    expect(findings).toEqual([
      {
        severity: 'error',
        file: 'caps.json',
        line: lineOf('caps.json', '"kind": "per-day"'),
        column: expect.any(Number),
        path: '',
        code: 'syntax-look-alike',
        params: { name: 'full-width-colon', char: '：', instead: ':' },
        message: "invalid JSON: full-width colon '：' — use ':'",
        ruleId: null,
        check: null,
      },
    ]);
  });

  it('a misspelt key is an error at that key, in the locale asked for; the valid files are not blamed', () => {
    const files = edited('cadences.json', (t) => t.replace('"offsets"', '"ofsets"'));
    const { ruleSet, findings } = checkRuleFiles(files, { locale: 'zh-CN' });
    expect(ruleSet).toBeNull();
    expect(findings.every((f) => f.file === 'cadences.json' && f.severity === 'error')).toBe(true);
    const unknown = findings.find((f) => f.message.includes('"ofsets"'));
    // One message at the key, with the key it meant (not zod's "unknown key" beside "offsets is required").
    expect(unknown?.message).toBe('未知的键 "ofsets"：是不是 "offsets"？');
    expect(unknown?.line).toBe(lineOf('cadences.json', '"offsets"'));
  });

  it('what no file holds (the set has no id) is reported at the top of the first file, as `validate` does', () => {
    const files = edited('ruleset.json', (t) => t.replace('"id": "default",', ''));
    const { findings } = checkRuleFiles(files);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', file: 'blackouts.json', line: 1, column: 1, path: 'id' }),
    ]);
  });
});

describe('blackoutDays', () => {
  const planner = createPlanner({ ruleSet: defaultRuleSet });
  const input = (occupation: string | null): PlanInput => ({
    customer: { id: 'c1', occupation, contact: { phone: '1' } },
    purchase: {
      id: 'p1',
      customerId: 'c1',
      purchasedAt: '2026-04-24T10:00:00+08:00',
      items: [{ drugCode: 'D1', quantity: 1 }],
    },
    courses: [{ drugCode: 'D1', unitsPerPack: 6, dosePerDay: 1 }],
  });

  it('an accountant: the last 5 days of April and the first 5 of May (会计在月初月末最好不要打扰), and 劳动节 for everyone', async () => {
    const days = blackoutDays(planner.ruleSet, await planner.plan(input('会计')), '2026-04-25', 11);
    const accountant = days.filter((d) => d.ruleId === 'blackout.accountant-month-edges').map((d) => d.date);
    expect(accountant).toEqual([
      '2026-04-26',
      '2026-04-27',
      '2026-04-28',
      '2026-04-29',
      '2026-04-30',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
    ]);
    const holiday = days.filter((d) => d.ruleId === 'holiday.cn-public-holidays');
    expect(holiday.map((d) => d.date)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
    expect(holiday[0]).toMatchObject({
      why: { why: 'holiday', holiday: '劳动节' },
      channels: null,
      kinds: ['follow-up', 'refill'],
    });
  });

  it('a teacher: only the holiday; sorted by date; the count is bounded', async () => {
    const plan = await planner.plan(input('teacher'));
    const days = blackoutDays(planner.ruleSet, plan, '2026-04-25', 11);
    expect(new Set(days.map((d) => d.ruleId))).toEqual(new Set(['holiday.cn-public-holidays']));
    expect(blackoutDays(planner.ruleSet, plan, '2026-01-01', 1e9).length).toBeLessThanOrEqual(366);
    expect(blackoutDays(planner.ruleSet, plan, '2026-01-01', -3)).toEqual([]);
  });
});

describe("parseInputText (the playground's paste)", () => {
  it('reads NDJSON or a JSON array; a syntax error at its line and column, as the CLI says it, in the locale', () => {
    expect(parseInputText('{"a": 1}\n\n  \n[2]\n')).toEqual({ ok: true, values: [{ a: 1 }, [2]] });
    expect(parseInputText('  [{"a": 1}, null]')).toEqual({ ok: true, values: [{ a: 1 }, null] });
    expect(parseInputText('')).toEqual({ ok: true, values: [] });
    expect(parseInputText('{"a": 1}\n{"b"：2}')).toEqual({
      ok: false,
      line: 2,
      column: 5,
      message: "invalid JSON: full-width colon '：' — use ':'",
    });
    expect(parseInputText('{"a": 1}\n{"b"：2}', { locale: 'zh-CN' })).toMatchObject({
      line: 2,
      column: 5,
      message: "JSON 格式错误：全角冒号 '：'——请改用 ':'",
    });
    // In an array, the line is the file's.
    expect(parseInputText('[\n {"a": 1},\n {"b": }\n]')).toMatchObject({ ok: false, line: 3, column: 8 });
  });

  it(`reads at most ${MAX_PASTED_INPUTS} inputs: more is a problem, not a frozen page`, () => {
    const many = '{}\n'.repeat(MAX_PASTED_INPUTS + 1);
    expect(parseInputText(many)).toEqual({
      ok: false,
      line: MAX_PASTED_INPUTS + 1,
      column: 1,
      message: `more than ${MAX_PASTED_INPUTS} inputs`,
    });
    expect(
      parseInputText(
        `[${Array(MAX_PASTED_INPUTS + 1)
          .fill('{}')
          .join(',')}]`,
        { locale: 'zh-CN' },
      ),
    ).toMatchObject({ ok: false, message: `输入超过 ${MAX_PASTED_INPUTS} 条` });
    expect(parseInputText('{}\n'.repeat(MAX_PASTED_INPUTS))).toMatchObject({ ok: true });
  });
});
