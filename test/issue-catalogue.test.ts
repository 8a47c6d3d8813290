/**
 * Issues by code (issue 36 item 2): every code is said in every locale from its params, the Chinese is Chinese, and
 * the issues the library reports carry their code and params, said again in another locale from them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createPlanner,
  defaultRuleSet,
  formatIssues,
  InputError,
  issueMessage,
  parsePlanInput,
  validateRuleSet,
} from '../src/index.js';
import type { ErrorSummary, Issue, IssueCode, ListNoun } from '../src/index.js';
import { ISSUES_EN } from '../src/i18n/issues-en.js';
import { ISSUES_ZH_CN } from '../src/i18n/issues-zh-cn.js';
import { issueWith, sayIssue } from '../src/i18n/issues.js';
import { plural } from '../src/i18n/plural.js';
import { ISSUE_SAMPLES, TEXT_ISSUE_SAMPLES } from './issue-samples.js';
import type { TextCoded, TextIssueCode } from '../src/i18n/text-issue-codes.js';
import { sayText } from '../src/i18n/text-issues.js';

const CODES = Object.keys(ISSUE_SAMPLES).sort() as IssueCode[];
const TEXT_CODES = Object.keys(TEXT_ISSUE_SAMPLES).sort() as TextIssueCode[];
const HAN = /\p{Script=Han}/u;

function thrown(run: () => unknown): readonly Issue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the issue catalogues', () => {
  it('say every code in both locales, and nothing else', () => {
    expect(Object.keys(ISSUES_EN).sort()).toEqual(CODES);
    expect(Object.keys(ISSUES_ZH_CN).sort()).toEqual(CODES);
  });

  it.each(CODES)('%s: English and Chinese from the same params, the Chinese in Chinese', (code) => {
    const params = ISSUE_SAMPLES[code];
    const en = sayIssue(code, params, 'en');
    const zh = sayIssue(code, params, 'zh-CN');
    expect(zh).toMatch(HAN);
    expect(zh).not.toBe(en);
    // Every value the params name appears in both sentences (lists item by item; flags and units are words).
    for (const [key, value] of Object.entries(params))
      for (const v of Array.isArray(value) ? value : [value]) {
        if (
          typeof v === 'boolean' ||
          key === 'noun' ||
          key === 'unit' ||
          key === 'part' ||
          key === 'what' ||
          key === 'scope' ||
          key === 'side'
        )
          continue;
        if (v === null) continue;
        // Limits and counts are grouped (`100,000,000`); years and indexes are not.
        const said = [String(v), typeof v === 'number' ? new Intl.NumberFormat('en').format(v) : String(v)];
        expect(
          said.some((x) => en.includes(x)),
          `${code}.${key} in ${en}`,
        ).toBe(true);
        expect(
          said.some((x) => zh.includes(x)),
          `${code}.${key} in ${zh}`,
        ).toBe(true);
      }
  });

  it.each(TEXT_CODES)('%s (text read from files): both locales, the Chinese in Chinese', (code) => {
    const problem = { code, params: TEXT_ISSUE_SAMPLES[code] } as TextCoded;
    const en = sayText(problem);
    const zh = sayText(problem, 'zh-CN');
    expect(zh).toMatch(HAN);
    expect(zh).not.toBe(en);
    expect(en.startsWith('invalid JSON: ')).toBe(code.startsWith('syntax-'));
    expect(zh.startsWith('JSON 格式错误：')).toBe(code.startsWith('syntax-'));
    // What is left in Latin letters is a value of the params, quoted, a name from the text or JSON's own words — never
    // English prose.
    let rest = zh;
    for (const v of Object.values(problem.params)) if (typeof v === 'string' && v !== '') rest = rest.split(v).join('');
    expect(
      rest.replace(
        /'[^']*'|"[^"]*"|\b(JSON|UTF-8|GBK|GB18030|U\+[0-9A-F]{4}|FIFO|NDJSON|EIO|true|false|null|description|encoding)\b|--[a-z]+|\*\.json|\\[tn]/g,
        '',
      ),
    ).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('lists every code in docs/issues.md, with the sentences the catalogues say for its example', () => {
    const doc = readFileSync(new URL('../docs/issues.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n')) {
      const m = /^\| `([a-z-]+)` \|/.exec(line);
      if (m)
        rows.set(
          m[1] as string,
          line
            .split(/(?<!\\)\|/)
            .slice(1, -1)
            .map((c) => c.trim().replace(/\\\|/g, '|')),
        );
    }
    for (const code of CODES)
      expect(rows.get(code)?.slice(2), code).toEqual([
        sayIssue(code, ISSUE_SAMPLES[code], 'en'),
        sayIssue(code, ISSUE_SAMPLES[code], 'zh-CN'),
      ]);
    for (const code of TEXT_CODES) {
      const problem = { code, params: TEXT_ISSUE_SAMPLES[code] } as TextCoded;
      expect(rows.get(code)?.slice(2), code).toEqual([sayText(problem), sayText(problem, 'zh-CN')]);
    }
  });
});

describe('English plurals (Intl.PluralRules)', () => {
  it('one for 1, other for 0, 2 and 1.5; the messages count with them', () => {
    expect([0, 1, 2, 1.5].map((n) => plural(n, 'problem', 'problems'))).toEqual([
      'problems',
      'problem',
      'problems',
      'problems',
    ]);
    const made = issueWith('x', 'required', {});
    expect(new InputError([made]).message).toMatch(/\(1 problem\)/);
    expect(new InputError([made, made]).message).toMatch(/\(2 problems\)/);
    expect(sayIssue('keys-unknown', { keys: ['a'] }, 'en')).toBe('unknown key: "a"');
    expect(sayIssue('keys-unknown', { keys: ['a', 'b'] }, 'en')).toBe('unknown keys: "a", "b"');
  });
});

describe('error summaries', () => {
  // Every summary (a Record over the type: a new one must be listed here) is said in Chinese.
  const SUMMARIES: Record<ErrorSummary, true> = {
    'Invalid plan input': true,
    'Invalid replan input': true,
    'Invalid rule set': true,
    'Invalid rule files': true,
    'Invalid worklist input': true,
    'Invalid planner options': true,
    'Invalid render options': true,
    'Invalid lint options': true,
    'Invalid rule files check options': true,
    'Invalid plans to compare': true,
    'Invalid blackoutDays arguments': true,
  };
  it.each(Object.keys(SUMMARIES) as ErrorSummary[])('%s: in Chinese too', (summary) => {
    const made = issueWith('x', 'required', {});
    expect(new InputError([made], summary).message).toBe(`${summary} (1 problem):\nx: is required`);
    // A function's name (blackoutDays) stays as the code writes it.
    expect(new InputError([made], summary, 'zh-CN').message.replace('blackoutDays ', '')).toMatch(
      /^\p{Script=Han}[^A-Za-z]*（1 个问题）：\nx: 必填$/u,
    );
  });
});

describe('an error shows its first five issues, then how many more', () => {
  // Seven issues: the message lists five (SHOWN_IN_MESSAGE), then says two more; `issues` keeps all seven.
  const seven = Array.from({ length: 7 }, (_, i) => issueWith(`x${i}`, 'required', {}));
  it('in English, with the plural', () => {
    const error = new InputError(seven, 'Invalid plan input');
    expect(error.message.split('\n')).toEqual([
      'Invalid plan input (7 problems):',
      ...[0, 1, 2, 3, 4].map((i) => `x${i}: is required`),
      '… and 2 more',
    ]);
    expect(error.issues).toHaveLength(7);
    expect(formatIssues(seven.slice(0, 2), 1)).toBe('x0: is required\n… and 1 more');
  });
  it('in Chinese', () => {
    const error = new InputError(seven, 'Invalid plan input', 'zh-CN');
    expect(error.message.split('\n')).toEqual([
      '计划输入无效（7 个问题）：',
      ...[0, 1, 2, 3, 4].map((i) => `x${i}: 必填`),
      '……另有 2 个问题',
    ]);
    expect(formatIssues(error.issues.slice(0, 2), 1, 'zh-CN')).toBe('x0: 必填\n……另有 1 个问题');
  });
});

describe('issues carry their code and params', () => {
  it('the workbench says a day that does not exist in the locale it was asked for', async () => {
    const { lintRuleSet } = await import('../src/workbench/index.js');
    const error = (() => {
      try {
        lintRuleSet(defaultRuleSet, { today: '2026-02-30', locale: 'zh-CN' });
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    })();
    expect(error.message).toBe('检查选项无效（1 个问题）：\noptions.today: 必须是存在的日期（YYYY-MM-DD）');
    expect(error.issues[0]).toMatchObject({ code: 'not-a-date' });
  });

  it('an input error: each issue by code, its params typed, said in Chinese from them', () => {
    const issues = thrown(() =>
      parsePlanInput({
        customer: { id: 'c', contact: {} },
        purchase: {
          id: 'p',
          customerId: 'x',
          purchasedAt: '2026-03-05 10:00',
          items: [{ drugCode: 'A', quantity: 1.5 }],
        },
        courses: [],
      }),
    );
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['purchase.purchasedAt']).toMatchObject({
      code: 'instant-no-offset',
      params: { value: '2026-03-05 10:00' },
    });
    expect(byPath['purchase.items[0].quantity']).toMatchObject({ code: 'not-whole', params: { unit: 'packs' } });
    const at = byPath['purchase.purchasedAt'] as Issue;
    expect(issueMessage(at, 'zh-CN')).toBe(
      '"2026-03-05 10:00" 没有 UTC 偏移：请加上，例如 "2026-03-05 10:00+08:00" 或 "2026-03-05 10:00Z"',
    );
    expect(issueMessage(at, 'en')).toBe(at.message);
  });

  it("a check's own bound comes into the params (a list too long, a text too long)", () => {
    const items = Array.from({ length: 201 }, (_, i) => ({ drugCode: `D${i}`, quantity: 1 }));
    const issues = thrown(() =>
      parsePlanInput({
        customer: { id: 'c'.repeat(201), contact: {} },
        purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00Z', items },
        courses: [],
      }),
    );
    expect(issues.find((i) => i.path === 'purchase.items')).toMatchObject({
      code: 'list-too-long',
      params: { max: 200, noun: 'items' },
    });
    expect(issues.find((i) => i.path === 'customer.id')).toMatchObject({ code: 'text-too-long', params: { max: 200 } });
  });

  it('the planner in Chinese says every issue of ours in Chinese, from its code', async () => {
    const planner = createPlanner({ ruleSet: defaultRuleSet, locale: 'zh-CN' });
    const error = await planner
      .plan({
        customer: { id: 'c', contact: {} },
        purchase: {
          id: 'p',
          customerId: 'c',
          purchasedAt: '2026-03-05T10:00:00Z',
          kind: 'consultation',
          items: [{ drugCode: 'A', quantity: 1 }],
        },
        courses: [],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const [first] = (error as InputError).issues;
    expect(first).toMatchObject({ code: 'consultation-items', message: '咨询记录不列药品' });
  });

  it('a rule set: codes from the validator, the conditions and the event checks, with their params', () => {
    const ruleSet = structuredClone(defaultRuleSet) as {
      rules: { conditions: unknown; event: { params: Record<string, unknown> } }[];
    };
    (ruleSet.rules[0] as { conditions: unknown }).conditions = {
      all: [{ fact: 'custmer', operator: 'equals', value: 1 }],
    };
    const check = validateRuleSet(ruleSet, 'zh-CN');
    expect(check.ok).toBe(false);
    const issues = check.ok ? [] : check.issues;
    expect(issues.map((i) => i.code)).toEqual(['fact-unknown', 'operator-unknown']);
    expect(issues[0]).toMatchObject({ params: { fact: 'custmer', suggestion: 'customer' } });
    expect(issues[1]?.message).toMatch(/^未知的运算符 "equals"（已知：.*）：是不是 "equal"？$/);
  });

  it('an issue narrowed by its code has its params typed (compile-time), and a Chinese one is said in English again', () => {
    const made = issueWith('purchase.amount', 'too-big', { max: 100_000_000 }) as Issue;
    if (made.code === 'too-big') expectTypeOf(made.params.max).toEqualTypeOf<number>();
    if (made.code === 'list-too-long') expectTypeOf(made.params.noun).toEqualTypeOf<ListNoun>();
    const zhIssue = { ...made, message: issueMessage(made, 'zh-CN') };
    expect(zhIssue.message).toBe('不能大于 100,000,000');
    expect(issueMessage(zhIssue, 'en')).toBe('must be at most 100,000,000');
  });

  it("an issue's params are its own: emptying them changes nothing of the library's tables", () => {
    const ruleSet = structuredClone(defaultRuleSet) as { rules: { conditions: unknown }[] };
    (ruleSet.rules[0] as { conditions: unknown }).conditions = {
      all: [
        { fact: 'custmer', operator: 'equals', value: 1 },
        { fact: 'customer', path: '$.tier', operator: 'equal', value: 'gold' },
      ],
    };
    const lists = (): string[][] => {
      const check = validateRuleSet(ruleSet);
      return (check.ok ? [] : check.issues).flatMap((i) =>
        Object.values(i.params as Record<string, unknown>).filter((v): v is string[] => Array.isArray(v)),
      );
    };
    const first = lists();
    expect(first.length).toBe(3); // the facts known, the operators known, the tiers a customer has
    for (const list of first) list.length = 0;
    expect(lists().every((list) => list.length > 0)).toBe(true);
  });

  it('a message made elsewhere is said again from its code in any locale', () => {
    const made = issueWith('rules[0].event.params.then[0]', 'not-a-message-channel', { value: 'phone' });
    expect(made.message).toBe('"phone" is not a message channel (sms or wechat)');
    expect(issueMessage(made, 'zh-CN')).toBe('"phone" 不是消息渠道（sms 或 wechat）');
  });
});
