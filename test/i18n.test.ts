/**
 * Reasons as data, rendered per locale (issue 21): every message code has both renderings, Chinese reasons carry no
 * ISO duration or English weekday, the data is the same in every locale, and errors come in the planner's locale
 * without touching zod's global config.
 */
import { said } from './helpers.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  createPlanner,
  defaultRuleSet,
  InputError,
  RuleSetError,
  validateRuleSet,
  type FollowUpPlan,
  type PlanInput,
} from '../src/index.js';
import { mutate } from './mutate.js';
import { EN_MESSAGES } from '../src/i18n/messages-en.js';
import { ZH_CN_MESSAGES } from '../src/i18n/messages-zh-cn.js';
import { Words } from '../src/i18n/words.js';
import { explain, nested, sameExplanation } from '../src/i18n/explanation.js';
import { localeOption } from '../src/cli/options.js';
import { arbPlanInput } from '../src/testing/index.js';
import { readFileSync } from 'node:fs';
import { parseJsonText } from '../src/_lib/json-text.js';
import { sayText } from '../src/i18n/text-issues.js';

// Sweeps over a thousand mutated rule sets and generated inputs: seconds each, more on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const examples = (): PlanInput[] =>
  JSON.parse(readFileSync(new URL('../examples/purchases.json', import.meta.url), 'utf8')) as PlanInput[];

const en = createPlanner({ ruleSet: defaultRuleSet });
const zh = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });

/** An ISO-8601 duration, or an English weekday, as a rendered Chinese reason must not hold. */
const ISO_DURATION = /(^|[^A-Za-z])[+-]?P(\d+[YMWD])+(T\d+[HMS])?|PT\d+[HMS]/;
const ENGLISH_WEEKDAY = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN)\b/;

/** Params that fill every message (each code reads a few of them). */
const SAMPLE = {
  at: '2026-03-10T15:00:00+08:00',
  due: '2026-03-08T10:20:00+08:00',
  from: '2026-03-08',
  to: '2026-03-09',
  day: '2026-03-10',
  anchor: 'purchase',
  offset: 'P3D',
  use: 'preferred',
  days: 'TUE-THU',
  hours: '15:00-18:00',
  why: 'holiday',
  holiday: '春节',
  tolAfter: 'P7D',
  deadline: 'PT12H',
  deadlineAt: '2026-03-08T10:40:00+08:00',
  horizon: 'P120D',
  end: '2026-07-03T10:00:00+08:00',
  asOf: '2026-03-16T00:00:00+08:00',
  purpose: 'medication-check',
  channel: 'phone',
  incident: 'wrong-drug',
  urgency: 'critical',
  move: 'later',
  within: 'P14D',
  withinDays: 3,
  uses: 'preferred,fallback',
  fallback: 'sms,wechat',
  kinds: 'follow-up,refill',
  reported: '2026-03-07T22:40:00+08:00',
  since: '2026-03-01T10:00:00+08:00',
  until: '2026-03-20T10:00:00+08:00',
  latest: '2026-03-15T10:00:00+08:00',
  lastAttempt: '2026-03-09T15:00:00+08:00',
  contact: 'tp_1',
  attempt: 1,
  attempts: 3,
  max: 2,
  calendar: 'cn-public-holidays',
  through: '2026-12-31',
  drugs: 'METF',
  drugCode: 'METF',
  index: 0,
  rule: 'cadence.x',
  type: 'complaint',
  purchase: 'P1',
  start: '2026-03-05T08:00:00+08:00',
  other: '2026-03-10T15:00:00+08:00',
} as const;

describe('message catalogues', () => {
  it('every code has an English and a Chinese rendering, and the Chinese one holds no ISO duration or English weekday', () => {
    expect(Object.keys(ZH_CN_MESSAGES).sort()).toEqual(Object.keys(EN_MESSAGES).sort());
    const wordsEn = new Words('en');
    const wordsZh = new Words('zh-CN');
    for (const code of Object.keys(EN_MESSAGES) as (keyof typeof EN_MESSAGES)[]) {
      // One sample of every param, for every code (each message reads its own).
      const english = EN_MESSAGES[code](SAMPLE as never, wordsEn);
      const chinese = ZH_CN_MESSAGES[code](SAMPLE as never, wordsZh);
      expect(english, code).not.toBe('');
      expect(chinese, code).not.toBe('');
      expect(chinese, code).not.toMatch(ISO_DURATION);
      expect(chinese, code).not.toMatch(ENGLISH_WEEKDAY);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says durations in words and dates with weekday names from date-fns', () => {
    const w = new Words('zh-CN');
    expect([w.dur('P3D'), w.dur('PT12H'), w.dur('P1M'), w.dur('P1DT12H'), w.at('2026-03-10T15:00:00+08:00')]).toEqual([
      '3 天',
      '12 小时',
      '1 个月',
      '1 天 12 小时',
      '3月10日 周二 15:00',
    ]);
    const e = new Words('en');
    expect([
      e.dur('P3D'),
      e.dur('PT12H'),
      e.dur('P2W'),
      e.at('2026-03-10T15:00:00+08:00'),
      e.dayList('MON-SUN'),
    ]).toEqual(['3 days', '12 hours', '2 weeks', 'Tue 03-10 15:00', 'every day']);
    expect([w.dayList('TUE-THU'), w.dayList('MON,WED'), w.dayList('MON-SUN')]).toEqual([
      '周二至周四',
      '周一、周三',
      '每天',
    ]);
  });
});

describe('explanations', () => {
  it('compare by code, rule and params; a nested one says which purpose it is of, without changing the original', () => {
    const a = explain('due', { at: '2026-03-08T10:20:00+08:00', anchor: 'purchase', offset: 'P3D' }, 'cadence.x');
    expect(
      sameExplanation(
        a,
        explain('due', { anchor: 'purchase', at: '2026-03-08T10:20:00+08:00', offset: 'P3D' }, 'cadence.x'),
      ),
    ).toBe(true);
    expect(
      sameExplanation(
        a,
        explain('due', { at: '2026-03-08T10:20:00+08:00', anchor: 'purchase', offset: 'P3D' }, 'cadence.y'),
      ),
    ).toBe(false);
    expect(
      // A param fewer (no offset: not a due the planner makes) is another explanation.
      sameExplanation(a, explain('due', { at: '2026-03-08T10:20:00+08:00', anchor: 'purchase' } as never, 'cadence.x')),
    ).toBe(false);
    const inner = nested(a, 'medication-check');
    expect(nested(inner, 'care-call').params.of).toBe('care-call/medication-check');
    expect(a.params.of).toBeUndefined();
  });
});

describe('plans in zh-CN', () => {
  // Seed: 会计/出纳 "月初月末不打扰" (accountants are not called on the first and last 5 days of the month); regular
  // customers get one medication-check call 7 days after the purchase; calls prefer Tue-Thu 15:00-18:00.
  it('an accountant who buys on Fri 04-24 18:45: due Fri 05-01, the month edge skipped, called Wed 05-06 15:00 — in Chinese', async () => {
    const input = examples()[1] as PlanInput;
    const plan = await zh.plan({ ...input, asOf: '2026-04-24T18:45:00+08:00' });
    expect(plan.touchpoints.map((t) => [t.window.start, t.label, t.reasons])).toEqual([
      [
        '2026-05-06T15:00:00+08:00',
        '用药回访',
        [
          '应于 5月1日 周五 18:45 联系：购药后第 7 天（规则：非老会员顾客 7 天用药回访）',
          '跳过 5月1日 周五至5月5日 周二：每月前 5 天（规则：会计月初月末免打扰）',
          '从 5月1日 周五 18:45 改到 5月6日 周三 15:00：首选通话时段 周二至周四 15:00-18:00（规则：首选通话时段）',
        ],
      ],
    ]);
    // The same contact as data, the same in English.
    const english = await en.plan({ ...input, asOf: '2026-04-24T18:45:00+08:00' });
    expect(english.touchpoints[0]?.explanations).toEqual(plan.touchpoints[0]?.explanations);
    expect(plan.touchpoints[0]?.explanations[0]).toEqual({
      code: 'due',
      params: { at: '2026-05-01T18:45:00+08:00', anchor: 'purchase', offset: 'P7D' },
      ruleId: 'cadence.regular-7d',
    });
    expect(english.touchpoints[0]?.label).toBe('medication check');
  });

  // Seed: 发错药 "第一时间回访、召回" — a wrong drug reported at night is called at the next urgent opening, 08:00.
  it('a wrong drug reported on a Saturday night: the escalation reasons in Chinese', async () => {
    const input = examples()[4] as PlanInput;
    const plan = await zh.plan(input);
    expect(plan.touchpoints[0]?.reasons).toEqual([
      '11月7日 周六 22:40 报告发错药（重）：须在 12 小时内电话联系（危急）（规则：发错药紧急处理）',
      '从 11月8日 周日 08:00 起：报告时间不在紧急联系时段 每天 08:00-21:00内（规则：紧急联系时段）',
      '紧急处理：不受首选时段、免打扰、节假日、频次上限和“不接受电话回访”的限制（安全优先）',
    ]);
    expect(plan.suppressed[0]?.reason).toMatch(/^暂缓：11月7日 周六 22:40 报告发错药；/);
    // Its 120 days reach 2027, past the published dates: the statutory holidays are kept there, provisionally.
    expect(plan.warnings[0]).toMatch(/^日历 cn-public-holidays 已公布的日期只到 2026年12月31日，/);
    expect(plan.warningExplanations[0]?.code).toBe('warning.calendar-provisional');
  });

  it('over generated inputs: no ISO duration or English weekday in any Chinese reason; the data equals the English plan’s', async () => {
    const strip = (p: FollowUpPlan) => ({
      touchpoints: p.touchpoints.map((t) => ({ ...t, reasons: [], label: '' })),
      suppressed: p.suppressed.map((s) => ({
        ...s,
        reason: '',
        candidate: { ...s.candidate, reasons: [], label: '' },
      })),
      supersedes: p.supersedes.map((s) => ({ ...s, reason: '' })),
      warnings: p.warningExplanations,
    });
    await fc.assert(
      fc.asyncProperty(arbPlanInput(), async (input) => {
        const [a, b] = [await zh.plan(input), await en.plan(input)];
        const texts = [
          ...a.touchpoints.flatMap((t) => t.reasons),
          ...a.suppressed.map((s) => s.reason),
          ...a.supersedes.map((s) => s.reason),
          ...a.warnings,
        ];
        for (const text of texts) {
          expect(text).not.toMatch(ISO_DURATION);
          expect(text).not.toMatch(ENGLISH_WEEKDAY);
        }
        for (const t of a.touchpoints) expect(t.explanations).toHaveLength(t.reasons.length);
        expect(strip(a)).toEqual(strip(b));
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});

describe('errors in the locale', () => {
  it("gives InputError in Chinese with zod's zh-CN messages, paths as they are, and leaves zod's global config alone", async () => {
    const bad = {
      customer: { id: 'c', contact: {} },
      purchase: { id: 'p', purchasedAt: '2026-03-05T10:00:00+08:00', items: [] },
    };
    const error = await zh.plan(bad as unknown as PlanInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const issues = (error as InputError).issues;
    expect(issues.map((i) => i.path)).toContain('purchase.customerId');
    expect(issues.find((i) => i.path === 'purchase.customerId')?.message).toMatch(/^无效输入/);
    expect((error as Error).message).toMatch(/^计划输入无效（\d+ 个问题）：/);
    // The embedding application's zod still speaks English.
    expect(z.string().safeParse(1).error?.issues[0]?.message).toMatch(/^Invalid input/);
    const english = await en.plan(bad as unknown as PlanInput).catch((e: unknown) => e);
    expect((english as Error).message).toMatch(/^Invalid plan input/);
  });

  it("gives rx-followup's own messages in Chinese too: a bad instant, a bad duration, a bad quantity", async () => {
    const bad = {
      customer: { id: 'c', contact: { phone: '1' } },
      purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05 10:00', items: [{ drugCode: 'A', quantity: -1 }] },
      courses: [],
    };
    const error = (await zh.plan(bad as unknown as PlanInput).catch((e: unknown) => e)) as InputError;
    expect(said(error.issues)).toEqual([
      {
        path: 'purchase.purchasedAt',
        message: '"2026-03-05 10:00" 没有 UTC 偏移：请加上，例如 "2026-03-05 10:00+08:00" 或 "2026-03-05 10:00Z"',
      },
      { path: 'purchase.items[0].quantity', message: '必须大于 0' },
    ]);
    const rule = {
      id: 'a',
      description: 'd',
      conditions: { all: [] },
      event: {
        type: 'cadence',
        params: { anchor: 'purchase', offsets: ['P3'], channel: 'phone', purpose: 'x', tolerance: 'P1D' },
      },
    };
    const rules = { id: 'x', version: '1', rules: [rule] } as never;
    expect(() => createPlanner({ ruleSet: rules, locale: 'zh-CN' })).toThrow(
      'rules[0].event.params.offsets[0]: "P3" 不是 ISO-8601 时长（例如 "P3D"、"P1M"、"PT24H"）',
    );
    expect(() => createPlanner({ ruleSet: rules })).toThrow(
      'rules[0].event.params.offsets[0]: "P3" is not an ISO-8601 duration',
    );
  });

  it('gives RuleSetError in Chinese, and refuses an unknown locale', () => {
    expect(() => createPlanner({ ruleSet: { id: 'x', version: '1', rules: 'no' } as never, locale: 'zh-CN' })).toThrow(
      /^规则集无效/,
    );
    expect(() => createPlanner({ ruleSet: { id: 'x', version: '1', rules: 'no' } as never, locale: 'zh-CN' })).toThrow(
      RuleSetError,
    );
    expect(() => createPlanner({ ruleSet: defaultRuleSet, locale: 'fr' as never })).toThrow(InputError);
  });
});

describe('rule-set validation in zh-CN', () => {
  /** What is left of a message once quoted text, paths, codes and JSON's words are taken out: no English prose. */
  const prose = (message: string): string =>
    message.replace(
      /"[^"]*"|'[^']*'|[\w.$-]*[[.$][\w.$[\]-]*|\b(JSON|IANA|ISO-8601|YYYY-MM-DD|HH:MM|null|undefined|true|false|id|all|any|not|sms|wechat|phone|home-visit|calendar|holidays|repeat|first|last|from|coverage|function|symbol|bigint|conditions|month-days)\b/g,
      '',
    );
  const untranslated = (issues: readonly { message: string }[]): string[] =>
    issues.map((i) => i.message).filter((m) => !/[\u4e00-\u9fff]/.test(prose(m)) && /[A-Za-z]{3,}/.test(prose(m)));

  it('says every problem of a broken default rule set in Chinese (a thousand mutations)', () => {
    const junks = [
      null,
      'P3',
      -1,
      0,
      1e9,
      'x',
      [],
      {},
      'PT1H',
      '25:00',
      '2026-02-30',
      'not:not:not:not:in',
      { fact: 'customer', path: '$.x' },
      true,
      'phone',
      ['MON'],
      'P999D',
      '$..x',
    ];
    const seen: string[] = [];
    for (let pick = 0; pick < 400; pick++)
      for (const action of ['replace', 'delete', 'add'] as const) {
        const result = validateRuleSet(
          mutate(defaultRuleSet, pick * 13, action, junks[(pick * 7 + action.length) % junks.length]),
          'zh-CN',
        );
        if (!result.ok) seen.push(...untranslated(result.issues));
      }
    expect([...new Set(seen)]).toEqual([]);
  });

  it('says the calendar, rule and event checks in Chinese', () => {
    const broken = (change: (set: Record<string, any>) => void) => {
      const set = structuredClone(defaultRuleSet) as Record<string, any>;
      change(set);
      const result = validateRuleSet(set, 'zh-CN');
      expect(result.ok).toBe(false);
      return result.ok ? [] : result.issues;
    };
    const calendar = (set: Record<string, any>) => set.calendars['cn-public-holidays'];
    const cadence = (set: Record<string, any>) => set.rules.find((r: any) => r.event.type === 'cadence');
    const cases = [
      broken((set) => calendar(set).holidays.push({ ...calendar(set).holidays[0] })),
      broken((set) => calendar(set).workdays.push(calendar(set).holidays[0].date)),
      broken((set) => calendar(set).holidays.push({ date: '2027-01-01', name: '元旦' })),
      broken((set) => (calendar(set).coverage = { from: '2026-12-31', through: '2026-01-01' })),
      broken((set) => set.rules.push({ ...set.rules[0] })),
      broken((set) =>
        set.rules.push({
          id: 'b',
          description: 'd',
          conditions: { all: [] },
          event: { type: 'blackout', params: { kind: 'holidays', calendar: 'nowhere' } },
        }),
      ),
      broken((set) =>
        set.rules.push({
          id: 'b',
          description: 'd',
          conditions: { all: [] },
          event: { type: 'blackout', params: { kind: 'month-days', first: 0, last: 0 } },
        }),
      ),
      broken((set) =>
        Object.assign(cadence(set).event.params, { anchor: 'holidays', repeat: { every: 'P1D', times: 2 } }),
      ),
      broken((set) => Object.assign(cadence(set).event.params, { calendar: 'cn-public-holidays', holidays: ['元旦'] })),
      broken((set) =>
        set.rules.push({
          id: 'e',
          description: 'd',
          conditions: { all: [] },
          event: {
            type: 'escalation',
            params: {
              channel: 'phone',
              urgency: 'high',
              purpose: 'x',
              start: 'urgent-hours',
              deadline: 'PT0H',
              fallback: ['sms'],
            },
          },
        }),
      ),
      broken((set) => (cadence(set).conditions = { all: [], any: [] })),
      broken((set) => (set.defaults = { ...set.defaults, timeZone: 'Mars/Olympus' })),
    ];
    for (const issues of cases) expect(untranslated(issues)).toEqual([]);
  });
});

describe('input validation in zh-CN', () => {
  it('says every problem of a broken input in Chinese (generated inputs, each mutated a hundred ways)', async () => {
    const planner = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const junks = [
      null,
      'P3',
      -1,
      0,
      1e9,
      'x',
      [],
      {},
      '2026-02-30',
      true,
      '2026-03-05 10:00',
      'Mars/Olympus',
      1.5,
      '',
      'a'.repeat(3000),
    ];
    const left = new Set<string>();
    for (const [k, input] of fc.sample(arbPlanInput(), { numRuns: 12, seed: 7 }).entries())
      for (let pick = 0; pick < 40; pick++)
        for (const action of ['replace', 'delete', 'add'] as const) {
          const error = await planner
            .plan(mutate(input, pick * 11 + k, action, junks[(pick + k) % junks.length]) as PlanInput)
            .then(
              () => null,
              (e: unknown) => e,
            );
          if (error === null) continue;
          expect(error).toBeInstanceOf(InputError);
          for (const { message } of (error as InputError).issues) {
            const prose = message.replace(/"[^"]*"|'[^']*'|[\w.$-]*[[.$][\w.$[\]-]*/g, '');
            if (!/[\u4e00-\u9fff]/.test(prose) && /[A-Za-z]{3,}/.test(prose)) left.add(message);
          }
        }
    expect([...left]).toEqual([]);
  });
});

describe('JSON syntax errors in zh-CN', () => {
  // One text per problem json-text.ts names (look-alike characters, comments, quotes, words, commas, brackets,
  // strings, numbers, duplicate keys, empty text).
  const texts = [
    '{"a"："b"}',
    '{"a"，1}',
    '{"a": “b”}',
    '{"a": 1}　',
    '{"a": "b" // x\n}',
    "{'a': 1}",
    '{"a": TRUE}',
    '{"max": one}',
    '{"a": 1,}',
    '{"a": 1',
    '{"a" 1}',
    '[1 2]',
    '{"a": [1, 2}',
    '{"a": "b',
    '{"a": "\u0001"}',
    '{"a": 01}',
    '{"a": -}',
    '',
    '{"a":1,"a":2}',
    '{"a": [1,2',
    '{"a": }',
    '{1: 2}',
  ];
  it.each(texts)('%j: said in Chinese, every word of it', (text) => {
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    const problem = (parsed as Extract<typeof parsed, { ok: false }>).problem;
    expect(sayText(problem)).toBe(`invalid JSON: ${problem.message}`);
    const zh = sayText(problem, 'zh-CN');
    expect(zh).toMatch(/^JSON 格式错误：/);
    // What is left in Latin letters is quoted from the text or JSON's own words, never English prose.
    expect(zh.replace(/'[^']*'|"[^"]*"|\b(JSON|true|false|null|U\+[0-9A-F]{4}|description)\b|\\[tn]/g, '')).not.toMatch(
      /[A-Za-z]{3,}/,
    );
  });
});

describe('the CLI locale', () => {
  it('follows --locale, else LC_ALL, LC_MESSAGES or LANG (zh_CN.* → zh-CN), else English', () => {
    expect(localeOption('zh-CN', {})).toBe('zh-CN');
    expect(localeOption(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeOption(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeOption(undefined, { LC_ALL: '', LANG: 'zh_CN.GB18030' })).toBe('zh-CN');
    expect(localeOption(undefined, {})).toBe('en');
    expect(() => localeOption('zh', {})).toThrow(/--locale must be en or zh-CN/);
  });
});

describe('docs/zh-CN', () => {
  it('the Chinese quick start runs and prints what it says', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('..', import.meta.url).pathname;
    const doc = readFileSync(join(root, 'docs/zh-CN/README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1] as string;
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    const file = join(mkdtempSync(join(root, 'node_modules', '.cache', 'rx-zh-')), 'example.mts');
    writeFileSync(file, code.replace(/from 'rx-followup'/g, `from '${join(root, 'src/index.ts')}'`));
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
    const shown = /\/\/ (2026-05-06T15:00:00\+08:00 用药回访 .*)…/.exec(code)?.[1] as string;
    expect(out.startsWith(shown)).toBe(true);
  }, 60_000);
});
