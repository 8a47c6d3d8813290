import { said } from './helpers.js';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, RuleSetError, ruleSetHash, validateRuleSet } from '../src/index.js';
import { DEFAULT_RULE_FILES } from '../src/rules/default-rules.js';
import { validateRuleSources } from '../src/rules/validate.js';
import { ruleFileJsonSchema } from '../src/schema/json-schema.js';

const rulesDir = new URL('../rules/', import.meta.url);
const shippedFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const readRuleFile = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, rulesDir), 'utf8'));

/** A minimal valid rule set with one cadence rule, for corrupting. */
function minimal(): Record<string, any> {
  return {
    id: 'test',
    version: '1',
    defaults: { timeZone: 'Asia/Shanghai', horizon: 'P120D' },
    calendars: { cn: { holidays: [{ date: '2026-10-01', name: '国庆节' }], workdays: ['2026-10-10'] } },
    rules: [
      {
        id: 'cadence.one',
        description: 'one call',
        priority: 10,
        conditions: { all: [{ fact: 'customer', path: '$.membership.tier', operator: 'equal', value: 'loyal' }] },
        event: {
          type: 'cadence',
          params: {
            anchor: 'purchase',
            offsets: ['P3D'],
            channel: 'phone',
            purpose: 'medication-check',
            tolerance: 'P7D',
          },
        },
      },
      {
        id: 'window.fallback',
        description: 'hours',
        conditions: { all: [] },
        event: {
          type: 'call-window',
          params: { use: 'fallback', windows: [{ days: ['MON'], from: '09:00', to: '12:00' }] },
        },
      },
    ],
  };
}

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = validateRuleSet(json);
  if (result.ok) throw new Error('expected issues');
  // What these tests hold to: the path and the English message (codes and params: issue-catalogue.test.ts).
  return result.issues.map(({ path, message }) => ({ path, message }));
}

describe('validateRuleSet', () => {
  it('says "did you mean" for a misspelt key, fact, field, operator or event param — one message per mistake (issue 37)', () => {
    const set = minimal() as Record<string, any>;
    set.rules[0].conditions = {
      all: [
        { fact: 'customer', path: '$.occupatonKey', opertor: 'equal', value: 'a' },
        { fact: 'custmer', path: '$.tier', operator: 'equa', value: 'loyal' },
      ],
    };
    set.rules[0].event.params.tolerence = set.rules[0].event.params.tolerance;
    delete set.rules[0].event.params.tolerance;
    const en = validateRuleSet(set);
    const issues = en.ok ? [] : en.issues;
    expect(issues.map((i) => i.path)).toEqual([
      'rules[0].event.params.tolerence',
      'rules[0].conditions.all[0].opertor',
      'rules[0].conditions.all[0].path',
      'rules[0].conditions.all[1].fact',
      'rules[0].conditions.all[1].operator',
    ]);
    expect(issues.map((i) => /did you mean "([^"]+)"\?$/.exec(i.message)?.[1])).toEqual([
      'tolerance',
      'operator',
      'occupationKey',
      'customer',
      'equal',
    ]);
    const zh = validateRuleSet(set, 'zh-CN');
    expect(zh.ok ? [] : zh.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('：是不是 "tolerance"？'),
      expect.stringContaining('：是不是 "operator"？'),
      expect.stringContaining('：是不是 "occupationKey"？'),
      expect.stringContaining('：是不是 "customer"？'),
      expect.stringContaining('：是不是 "equal"？'),
    ]);
    expect((zh.ok ? [] : zh.issues)[0]?.message).toBe('未知的键 "tolerence"：是不是 "tolerance"？');
  });

  it('refuses a condition value a fact never takes, naming the values it does (issue 37), in both locales', () => {
    const set = minimal() as Record<string, any>;
    set.rules[0].conditions = {
      all: [
        { fact: 'customer', path: '$.tier', operator: 'equal', value: 'gold' },
        { fact: 'purchase', path: '$.weekday', operator: 'in', value: ['MON', 'FUN'] },
        { fact: 'purchase', path: '$.localHour', operator: 'greaterThan', value: 30 },
        { fact: 'customer', path: '$.tier', operator: 'notEqual', value: 'Loyal' },
        // These can hold: kept.
        { fact: 'purchase', path: '$.localHour', operator: 'lessThan', value: 24 },
        { fact: 'incident', path: '$.severity', operator: 'equal', value: null },
        { fact: 'customer', path: '$.tags', operator: 'contains', value: 'gold' },
      ],
    };
    const en = validateRuleSet(set);
    expect(en.ok ? [] : said(en.issues)).toEqual([
      {
        path: 'rules[0].conditions.all[0].value',
        message: '"gold" is not a value customer.tier takes (one of "new", "regular", "loyal", "walk-in")',
      },
      {
        path: 'rules[0].conditions.all[1].value[1]',
        message: '"FUN" is not a value purchase.weekday takes (one of "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")',
      },
      {
        path: 'rules[0].conditions.all[2].value',
        message: 'purchase.localHour greaterThan 30 can never hold: purchase.localHour is a whole number from 0 to 23',
      },
      {
        path: 'rules[0].conditions.all[3].value',
        message:
          '"Loyal" is not a value customer.tier takes (one of "new", "regular", "loyal", "walk-in"): did you mean "loyal"?',
      },
    ]);
    const zh = validateRuleSet(set, 'zh-CN');
    expect(zh.ok ? [] : zh.issues.map((i) => i.message)).toEqual([
      '"gold" 不是 customer.tier 会取的值（只能是 "new"、"regular"、"loyal"、"walk-in" 之一）',
      '"FUN" 不是 purchase.weekday 会取的值（只能是 "MON"、"TUE"、"WED"、"THU"、"FRI"、"SAT"、"SUN" 之一）',
      'purchase.localHour greaterThan 30 永远不成立：purchase.localHour 是 0 到 23 的整数',
      '"Loyal" 不是 customer.tier 会取的值（只能是 "new"、"regular"、"loyal"、"walk-in" 之一）：是不是 "loyal"？',
    ]);
  });

  it('accepts the minimal set and fills in defaults', () => {
    const result = validateRuleSet(minimal());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.ruleSet.rules[1]?.priority).toBe(1);
      expect(result.ruleSet.rules[1]?.enabled).toBe(true);
    }
  });

  it.each<[string, (r: Record<string, any>) => void, string, string]>([
    [
      'a duplicate rule id',
      (r) => (r.rules[1].id = 'cadence.one'),
      'rules[1].id',
      'duplicate rule id "cadence.one" (also at rules[0].id)',
    ],
    ['an unknown event type', (r) => (r.rules[0].event.type = 'teleport'), 'rules[0].event.type', 'unknown event type'],
    [
      'a malformed duration',
      (r) => (r.rules[0].event.params.offsets[0] = 'P3'),
      'rules[0].event.params.offsets[0]',
      '"P3" is not an ISO-8601 duration',
    ],
    [
      'a negative tolerance',
      (r) => (r.rules[0].event.params.tolerance = '-P1D'),
      'rules[0].event.params.tolerance',
      'must not be negative',
    ],
    [
      'a window ending before it starts',
      (r) => (r.rules[1].event.params.windows[0].to = '08:00'),
      'rules[1].event.params.windows[0].to',
      'must be later than from (09:00)',
    ],
    [
      'a window of zero length',
      (r) => (r.rules[1].event.params.windows[0].to = '09:00'),
      'rules[1].event.params.windows[0].to',
      'must be later than from',
    ],
    [
      'a time that is not a time',
      (r) => (r.rules[1].event.params.windows[0].from = '9am'),
      'rules[1].event.params.windows[0].from',
      'is not a time of day',
    ],
    [
      'a holiday that does not exist',
      (r) => (r.calendars.cn.holidays[0].date = '2026-02-30'),
      'calendars.cn.holidays[0].date',
      'the date "2026-02-30" does not exist',
    ],
    [
      'a workday that does not exist',
      (r) => (r.calendars.cn.workdays[0] = '2026-13-01'),
      'calendars.cn.workdays[0]',
      'does not exist',
    ],
    [
      'an unknown key (a typo)',
      (r) => (r.rules[0].event.params.tolerence = 'P7D'),
      'rules[0].event.params',
      'Unrecognized key: "tolerence"',
    ],
    ['an unknown top-level key', (r) => (r.ruels = []), '', 'Unrecognized key: "ruels"'],
    [
      'an unknown time zone',
      (r) => (r.defaults.timeZone = 'Asia/Beijing'),
      'defaults.timeZone',
      'unknown IANA time zone "Asia/Beijing"',
    ],
    [
      'an unknown fact',
      (r) => (r.rules[0].conditions.all[0].fact = 'client'),
      'rules[0].conditions.all[0].fact',
      'unknown fact "client"',
    ],
    [
      'an unknown operator',
      (r) => (r.rules[0].conditions.all[0].operator = 'equals'),
      'rules[0].conditions.all[0].operator',
      'unknown operator "equals"',
    ],
    [
      'an unknown decorator',
      (r) => (r.rules[0].conditions.all[0].operator = 'maybe:equal'),
      'rules[0].conditions.all[0].operator',
      'unknown operator decorator "maybe"',
    ],
    [
      'a filter expression in a path',
      (r) => (r.rules[0].conditions.all[0].path = '$..[?(@.x)]'),
      'rules[0].conditions.all[0].path',
      'filter, script, wildcard and recursive expressions are not allowed',
    ],
    [
      'a script expression in a path',
      (r) => (r.rules[0].conditions.all[0].path = "$.tags[?(@.constructor('x')())]"),
      'rules[0].conditions.all[0].path',
      'not a plain property path',
    ],
    [
      'a misspelt field in a path',
      (r) => (r.rules[0].conditions.all[0].path = '$.membership.teir'),
      'rules[0].conditions.all[0].path',
      'has no field "membership.teir"',
    ],
    [
      'a path into a fact reference',
      (r) => (r.rules[0].conditions.all[0].value = { fact: 'purchase', path: '$..x' }),
      'rules[0].conditions.all[0].value.path',
      'not a plain property path',
    ],
    [
      '"in" without a list',
      (r) => (r.rules[0].conditions.all[0].operator = 'in'),
      'rules[0].conditions.all[0].value',
      'needs a list value',
    ],
    [
      'a top level that is a bare condition',
      (r) => (r.rules[0].conditions = r.rules[0].conditions.all[0]),
      'rules[0].conditions',
      'the top level of conditions must be',
    ],
    [
      'all and any together',
      (r) => (r.rules[0].conditions.any = []),
      'rules[0].conditions',
      'use one of all / any / not',
    ],
    [
      'a reference to a condition the rule set does not name',
      (r) => (r.rules[0].conditions.all[0] = { condition: 'shared' }),
      'rules[0].conditions.all[0].condition',
      'unknown condition "shared" (the rule set\'s conditions: none)',
    ],
    [
      'an unknown calendar',
      (r) =>
        r.rules.push({
          id: 'holiday.x',
          description: 'x',
          conditions: { all: [] },
          event: { type: 'blackout', params: { kind: 'holidays', calendar: 'us' } },
        }),
      'rules[2].event.params.calendar',
      'unknown calendar "us" (defined: cn)',
    ],
    [
      'a day that is both holiday and workday',
      (r) => r.calendars.cn.workdays.push('2026-10-01'),
      'calendars.cn.workdays[1]',
      'both a holiday and a make-up workday',
    ],
    [
      'a horizon over the limit',
      (r) => (r.defaults.horizon = 'P5Y'),
      'defaults.horizon',
      'longer than the longest horizon (731 days)',
    ],
    [
      'a coverage that ends before it starts',
      (r) => (r.calendars.cn.coverage = { from: '2026-12-31', through: '2026-01-01' }),
      'calendars.cn.coverage.through',
      'comes before coverage.from (2026-12-31)',
    ],
    [
      'a holiday outside the coverage',
      (r) => (r.calendars.cn.coverage = { from: '2026-01-01', through: '2026-09-30' }),
      'calendars.cn.holidays[0].date',
      "2026-10-01 is outside the calendar's coverage (2026-01-01 to 2026-09-30)",
    ],
    [
      'a make-up workday outside the coverage',
      (r) => (r.calendars.cn.coverage = { from: '2026-10-01', through: '2026-10-09' }),
      'calendars.cn.workdays[0]',
      "2026-10-10 is outside the calendar's coverage (2026-10-01 to 2026-10-09)",
    ],
    [
      'a holidays anchor without its calendar',
      (r) => (r.rules[0].event.params.anchor = 'holidays'),
      'rules[0].event.params.calendar',
      'names their calendar',
    ],
    [
      'a holidays anchor on an unknown calendar',
      (r) => Object.assign(r.rules[0].event.params, { anchor: 'holidays', calendar: 'us' }),
      'rules[0].event.params.calendar',
      'unknown calendar "us"',
    ],
    [
      'a holidays anchor that repeats',
      (r) => Object.assign(r.rules[0].event.params, { anchor: 'holidays', calendar: 'cn', repeat: { every: 'P1D' } }),
      'rules[0].event.params.repeat',
      'does not repeat',
    ],
    [
      'holidays named on another anchor',
      (r) => (r.rules[0].event.params.holidays = ['春节']),
      'rules[0].event.params.holidays',
      'only a cadence anchored to holidays',
    ],
    [
      'an overflow of no length',
      (r) => (r.rules[0].event.params.overflow = { move: 'later', within: 'P0D' }),
      'rules[0].event.params.overflow.within',
      'longer than zero',
    ],
    [
      'an overflow past the longest horizon',
      (r) => (r.rules[0].event.params.overflow = { move: 'earlier', within: 'P800D' }),
      'rules[0].event.params.overflow.within',
      'longer than the longest horizon',
    ],
    [
      'an earlierWithin of no length',
      (r) => (r.rules[0].event.params.overflow = { move: 'later', within: 'P7D', earlierWithin: 'P0D' }),
      'rules[0].event.params.overflow.earlierWithin',
      'longer than zero',
    ],
    [
      'an earlierWithin on a policy that moves earlier',
      (r) => (r.rules[0].event.params.overflow = { move: 'earlier', within: 'P7D', earlierWithin: 'P2D' }),
      'rules[0].event.params.overflow',
      'Unrecognized key: "earlierWithin"',
    ],
    [
      'a slack on a window other than the preferred one',
      (r) => Object.assign(r.rules[1].event.params, { use: 'fallback', slack: 'P2D' }),
      'rules[1].event.params.slack',
      "only a preferred window ('use': 'preferred') has a slack",
    ],
    ['a slack in hours', (r) => (r.rules[1].event.params.slack = 'PT12H'), 'rules[1].event.params.slack', 'whole days'],
    [
      'an overflow without its bound',
      (r) => (r.rules[0].event.params.overflow = { move: 'later' }),
      'rules[0].event.params.overflow.within',
      '',
    ],
    [
      'an overflow that moves sideways',
      (r) => (r.rules[0].event.params.overflow = { move: 'sideways', within: 'P1D' }),
      'rules[0].event.params.overflow.move',
      '',
    ],
    [
      'a cap gap in hours',
      (r) =>
        r.rules.push({
          id: 'cap.x',
          description: 'x',
          conditions: { all: [] },
          event: { type: 'cap', params: { kind: 'min-gap', gap: 'PT12H', channels: ['phone'] } },
        }),
      'rules[2].event.params.gap',
      'whole days',
    ],
    ['a missing id', (r) => delete r.id, 'id', 'needs an id'],
    ['a rule without description', (r) => delete r.rules[0].description, 'rules[0].description', 'expected string'],
    [
      'a __proto__ key',
      (r) => Object.defineProperty(r.rules[0].event.params, '__proto__', { value: { x: 1 }, enumerable: true }),
      'rules[0].event.params.__proto__',
      'not allowed',
    ],
    [
      'a constructor key in a value',
      (r) => (r.rules[0].conditions.all[0].value = { constructor: 1 }),
      'rules[0].conditions.all[0].value.constructor',
      'not allowed',
    ],
  ])('reports %s at its path', (_label, corrupt, path, message) => {
    const json = minimal();
    corrupt(json);
    expect(issuesOf(json)).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('never throws, whatever it is given', () => {
    for (const value of [
      null,
      undefined,
      42,
      'rules',
      [],
      [1, 2],
      { rules: 'x' },
      { rules: [null] },
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      ),
    ]) {
      const result = validateRuleSet(value);
      expect(result.ok).toBe(false);
    }
    const cyclic: Record<string, unknown> = minimal();
    cyclic['self'] = cyclic;
    expect(validateRuleSet(cyclic).ok).toBe(false);
  });

  it('the hash ignores rule order, key order and defaults written out', () => {
    const a = validateRuleSet(minimal());
    const reordered = minimal();
    reordered.rules.reverse();
    reordered.rules[0] = Object.fromEntries(Object.entries(reordered.rules[0]).reverse());
    reordered.rules[0].priority = 1; // the default, now explicit
    reordered.rules[0].enabled = true;
    const b = validateRuleSet(reordered);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(ruleSetHash(a.ruleSet)).toBe(ruleSetHash(b.ruleSet));
      expect(ruleSetHash(a.ruleSet)).toMatch(/^[0-9a-f]{64}$/);
      const changed = minimal();
      changed.rules[0].event.params.tolerance = 'P6D';
      const c = validateRuleSet(changed);
      expect(c.ok && ruleSetHash(c.ruleSet)).not.toBe(ruleSetHash(a.ruleSet));
    }
  });

  it('createPlanner throws RuleSetError with the same issues', () => {
    const json = minimal();
    json.rules[0].event.params.offsets[0] = 'P3';
    const issues = issuesOf(json);
    expect(() => createPlanner({ ruleSet: json })).toThrow(RuleSetError);
    try {
      createPlanner({ ruleSet: json });
    } catch (error) {
      expect(said((error as RuleSetError).issues)).toEqual(issues);
      expect((error as RuleSetError).name).toBe('RuleSetError');
    }
  });
});

describe('the shipped rules', () => {
  it('every file in rules/ is part of defaultRuleSet', () => {
    expect(Object.keys(DEFAULT_RULE_FILES)).toEqual(shippedFiles);
    for (const file of shippedFiles) expect(DEFAULT_RULE_FILES[file]).toEqual(readRuleFile(file));
  });

  it('defaultRuleSet validates', () => {
    const result = validateRuleSet(defaultRuleSet);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(shippedFiles)('%s starts with the $schema pointer and validates alone', (file) => {
    const text = readFileSync(new URL(file, rulesDir), 'utf8');
    expect(text.startsWith('{\n  "$schema": "../schema/ruleset.schema.json"')).toBe(true);
    // Alone, beside only what it needs from elsewhere: an id and version, and the holiday calendar.
    const json = readRuleFile(file);
    const companion = {
      ...(json['id'] ? {} : { id: 'x', version: '1' }),
      calendars: file === 'holidays.json' ? {} : (readRuleFile('holidays.json').calendars as object),
    };
    const result = validateRuleSources([{ file: `rules/${file}`, json }, { json: companion }]);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(shippedFiles)('a corrupted copy of %s fails with a path into it', (file) => {
    const json = readRuleFile(file) as Record<string, any>;
    let expected: string;
    if (Array.isArray(json.rules) && json.rules.length > 0) {
      json.rules[0].event.type = 'not-a-type';
      expected = `rules/${file}: rules[0].event.type`;
    } else if (json.calendars) {
      json.calendars['cn-public-holidays'].holidays[0].date = '2026-02-29';
      expected = `rules/${file}: calendars.cn-public-holidays.holidays[0].date`;
    } else {
      json.defaults.horizon = 'P120';
      expected = `rules/${file}: defaults.horizon`;
    }
    const sources = shippedFiles.map((f) => ({ file: `rules/${f}`, json: f === file ? json : readRuleFile(f) }));
    const result = validateRuleSources(sources);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toContain(expected);
  });

  it('every rule description cites the practice behind it, never a file users do not have', () => {
    const result = validateRuleSet(defaultRuleSet);
    if (!result.ok) throw new Error('invalid');
    const rules = result.ruleSet.rules;
    const uncited = rules.filter(
      (r) =>
        !/Pharmacy follow-up practice|State Council/.test(r.description) &&
        !r.id.startsWith('window.') &&
        !r.id.startsWith('channel.no-phone-message'),
    );
    expect(uncited.map((r) => r.id)).toEqual([]);
    const shipped = JSON.stringify(defaultRuleSet);
    expect(shipped).not.toMatch(/seeds\/|\.txt|SPEC/);
  });
});

describe('JSON Schema', () => {
  it('schema/ruleset.schema.json is up to date (npm run schema)', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../schema/ruleset.schema.json', import.meta.url), 'utf8'));
    expect(onDisk).toEqual(ruleFileJsonSchema());
  });

  it('an independent validator accepts every shipped file and refuses typos', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(ruleFileJsonSchema());
    for (const file of shippedFiles) expect(validate(readRuleFile(file)), file).toBe(true);
    const bad = readRuleFile('cadences.json') as Record<string, any>;
    bad.rules[0].event.params.tolerence = 'P7D';
    expect(validate(bad)).toBe(false);
    const badPath = readRuleFile('cadences.json') as Record<string, any>;
    badPath.rules[0].conditions.all[0].path = '$..[?(@.x)]';
    expect(validate(badPath)).toBe(false);
  });
});

describe('rule sets built in JavaScript', () => {
  it('a hole, undefined or null in any list is an issue with its path, never a crash in createPlanner', () => {
    const holed = structuredClone(defaultRuleSet) as { rules: { conditions: { all?: unknown[]; any?: unknown[] } }[] };
    const index = holed.rules.findIndex((r) => (r.conditions.all?.length ?? 0) > 0);
    delete (holed.rules[index]?.conditions.all as unknown[])[0];
    expect(issuesOf(holed)).toEqual([
      {
        path: `rules[${index}].conditions.all[0]`,
        message: 'is a hole in the list (an empty slot): lists in a rule set hold values only',
      },
    ]);
    expect(() => createPlanner({ ruleSet: holed as never })).toThrow(RuleSetError);
    const set = minimal();
    set['rules'][0].event.params.offsets = ['P3D', undefined, null];
    set['calendars'].cn.workdays = [, '2026-10-10']; // eslint-disable-line no-sparse-arrays
    expect(issuesOf(set)).toEqual([
      {
        path: 'calendars.cn.workdays[0]',
        message: 'is a hole in the list (an empty slot): lists in a rule set hold values only',
      },
      { path: 'rules[0].event.params.offsets[1]', message: 'is undefined, which is not JSON: remove it from the list' },
      { path: 'rules[0].event.params.offsets[2]', message: 'is null: lists in a rule set hold no nulls' },
    ]);
  });

  it('a huge sparse list is refused by its length, not walked', () => {
    const set = minimal();
    set['rules'][0].event.params.offsets = new Array(1e9);
    // Walking a billion slots would not finish within the test's timeout; the message says it was refused by length.
    expect(issuesOf(set)).toEqual([
      { path: 'rules[0].event.params.offsets', message: 'lists 1,000,000,000 values; at most 10,000' },
    ]);
  });

  it('a getter that throws or a revoked proxy is an issue, named by the error kind only', () => {
    const set = minimal();
    Object.defineProperty(set, 'description', {
      enumerable: true,
      get: () => {
        throw new TypeError('secret');
      },
    });
    expect(issuesOf(set)).toEqual([{ path: '', message: 'not plain data: reading it threw TypeError' }]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(issuesOf({ ...minimal(), calendars: proxy })).toEqual([
      { path: '', message: 'not plain data: reading it threw TypeError' },
    ]);
  });

  it('purposes, rule ids and calendar names may be Chinese (letters and digits of any script)', async () => {
    const set = minimal();
    set['rules'][0].id = 'cadence.会员回访';
    set['rules'][0].event.params.purpose = '用药回访';
    set['calendars'] = { 节假日: set['calendars'].cn };
    const result = validateRuleSet(set);
    expect(result.ok ? [] : result.issues).toEqual([]);
    const plan = await createPlanner({ ruleSet: set as never }).plan({
      customer: {
        id: 'c',
        membership: { tier: 'loyal', registeredAt: '2020-01-01T00:00:00+08:00' },
        contact: { phone: '1' },
      },
      purchase: {
        id: 'p',
        customerId: 'c',
        purchasedAt: '2026-03-05T10:00:00+08:00',
        items: [{ drugCode: 'D', quantity: 1 }],
      },
      courses: [],
    });
    // Due Sun 03-08 10:00; the only window is Monday 09:00-12:00.
    expect(plan.touchpoints.map((t) => [t.purpose, t.window.start, t.ruleIds])).toEqual([
      ['用药回访', '2026-03-09T09:00:00+08:00', ['cadence.会员回访', 'window.fallback']],
    ]);
    for (const [path, bad] of [
      ['id', 'cadence 会员'],
      ['event.params.purpose', 'Medication-Check'],
      ['event.params.purpose', '用药+回访'],
    ] as const) {
      const broken = minimal();
      if (path === 'id') broken['rules'][0].id = bad;
      else broken['rules'][0].event.params.purpose = bad;
      expect(issuesOf(broken).map((i) => i.path)).toEqual([`rules[0].${path}`]);
    }
  });

  it('more than 1,000 rules across files is an issue, as in one file', () => {
    const rule = (i: number) => ({
      id: `r${i}`,
      description: 'd',
      conditions: { all: [] },
      event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
    });
    const files = [0, 1].map((f) => ({
      json: {
        ...(f === 0 ? { id: 'x', version: '1' } : {}),
        rules: Array.from({ length: 600 }, (_, i) => rule(f * 600 + i)),
      },
    }));
    const result = validateRuleSources(files);
    expect(result.ok ? [] : said(result.issues)).toEqual([
      { path: 'rules', message: 'the rule set holds 1200 rules in all; at most 1000' },
    ]);
  });
});
