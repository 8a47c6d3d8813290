/**
 * The Chinese a pharmacist reads (issue 34 item 12; seed 004: 避免使用模糊、歧义或生僻的词汇) follows the glossary
 * in docs/zh-CN/glossary.md: none of the words it says not to use, dates as staff read them, counts from 1, no input
 * paths in reasons and warnings.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet } from '../src/index.js';
import { EN_MESSAGES } from '../src/i18n/messages-en.js';
import { ZH_CN_MESSAGES } from '../src/i18n/messages-zh-cn.js';
import { Words } from '../src/i18n/words.js';
import { arbPlanInput } from '../src/testing/index.js';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The words the glossary's third column says not to use (each in backticks); 召回 stays for a product recall. */
function avoided(): RegExp[] {
  const rows = read('docs/zh-CN/glossary.md')
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('| ---'));
  const words = rows
    .slice(1)
    .flatMap((row) => [...(row.split('|')[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));
  return words.map((word) => (word === '召回' ? /(?<!产品)召回/ : new RegExp(word)));
}

/** What staff read must not hold: an ISO date or instant, an input path, a count from 0. */
const STAFF_TEXT_FAULTS = [
  /\d{4}-\d{2}-\d{2}/,
  /\b(purchase|customer|history|courses)\.\w+/,
  /\w\[\d+\]/,
  /第 0 /,
  /事件 \d/,
];

describe('the glossary (docs/zh-CN/glossary.md)', () => {
  const words = avoided();

  it('lists words not to use, and the checks below read them', () => {
    expect(words.map(String)).toEqual(['/停联/', '/停联日/', '/拒接来电/', '/(?<!产品)召回/']);
  });

  it('none of them is in the Chinese of the code, the default rules or the Chinese docs', () => {
    const files = [
      'src/i18n/messages-zh-cn.ts',
      'src/i18n/issues-zh-cn.ts',
      'src/i18n/text-issues.ts',
      'src/i18n/words.ts',
      'src/workbench/lint-messages.ts',
      'src/worklist/words.ts',
      'src/cli/help-zh-cn.ts',
      'src/cli/usage-messages.ts',
      'src/cli/worklist-words.ts',
      'src/cli/cli-words.ts',
      ...readdirSync(new URL('rules/', root)).map((f) => `rules/${f}`),
      ...readdirSync(new URL('docs/zh-CN/', root))
        .filter((f) => f !== 'glossary.md')
        .map((f) => `docs/zh-CN/${f}`),
    ];
    const found = files.flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => words.filter((w) => w.test(line)).map((w) => `${file}:${i + 1}: ${String(w)}`)),
    );
    expect(found).toEqual([]);
  });

  it('every plan message in Chinese: dates as staff read them, counts from 1, no input paths', () => {
    const w = new Words('zh-CN');
    // Params as plans give them (instants, local dates, indexes from 0, comma-joined lists).
    const params = {
      at: '2026-09-29T22:00:00+08:00',
      due: '2026-09-29T22:00:00+08:00',
      day: '2026-09-30',
      from: '2026-09-28',
      to: '2026-10-08',
      through: '2026-12-31',
      first: '2026-01-01',
      last: '2027-02-12',
      holidays: '元旦 2027-01-01/2027-01-01,春节 2027-02-05/2027-02-08',
      deadlineAt: '2026-09-30T10:00:00+08:00',
      start: '2026-10-01T08:00:00+08:00',
      resolved: '2026-09-30T10:00:00+08:00',
      reported: '2026-09-29T22:00:00+08:00',
      since: '2026-09-01T10:00:00+08:00',
      lastAttempt: '2026-09-28T15:00:00+08:00',
      index: 0,
      incident: 0,
      type: 'complaint',
      drugCode: 'METF',
      calendar: 'cn-public-holidays',
      contact: 'tp_1',
    };
    for (const code of Object.keys(EN_MESSAGES) as (keyof typeof EN_MESSAGES)[]) {
      // Channel reasons read from/to as channels, not days.
      const p = code.startsWith('channel.') ? { ...params, from: 'phone', to: 'wechat' } : params;
      // One sample of every param, for every code (each message reads its own).
      const text = ZH_CN_MESSAGES[code](p as never, w);
      for (const fault of [...STAFF_TEXT_FAULTS, ...words]) expect(text, `${code}: ${text}`).not.toMatch(fault);
    }
    expect(ZH_CN_MESSAGES['warning.no-course'](params, w)).toBe(
      '药品编码 "METF"（第 1 种药品）没有疗程信息：只按购药时间安排联系',
    );
    expect(ZH_CN_MESSAGES['warning.calendar-ends'](params, w)).toBe(
      '日历 cn-public-holidays 只覆盖到 2026年12月31日，而这个计划到 2027年2月12日：之后的节假日和调休未知（请补充下一年的日期）',
    );
  });

  it('in the plans of generated inputs: reasons, suppressions and warnings (property)', async () => {
    const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    await fc.assert(
      fc.asyncProperty(arbPlanInput({ history: true }), async (input) => {
        const plan = await zh.plan(input);
        const texts = [
          ...plan.touchpoints.flatMap((t) => t.reasons),
          ...plan.suppressed.map((s) => s.reason),
          ...plan.supersedes.map((s) => s.reason),
          ...plan.warnings,
        ];
        for (const text of texts) for (const fault of [...STAFF_TEXT_FAULTS, ...words]) expect(text).not.toMatch(fault);
      }),
      { numRuns: 120, seed: 34 },
    );
  });
});
