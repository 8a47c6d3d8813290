import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, RuleSetError, ruleSetHash, validateRuleSet } from '../src/index.js';
import { DEFAULT_RULE_FILES } from '../src/rules/default-rules.js';
import { validateRuleSources } from '../src/rules/validate.js';
import { ruleFileJsonSchema } from '../src/schema/json-schema.js';

const rulesDir = new URL('../rules/', import.meta.url);
const shippedFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.json')).sort();
const readRuleFile = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, rulesDir), 'utf8'));

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
        event: { type: 'cadence', params: { anchor: 'purchase', offsets: ['P3D'], channel: 'phone', purpose: 'medication-check', tolerance: 'P7D' } },
      },
      {
        id: 'window.fallback',
        description: 'hours',
        conditions: { all: [] },
        event: { type: 'call-window', params: { use: 'fallback', windows: [{ days: ['MON'], from: '09:00', to: '12:00' }] } },
      },
    ],
  };
}

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = validateRuleSet(json);
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('validateRuleSet', () => {
  it('accepts the minimal set and fills in defaults', () => {
    const result = validateRuleSet(minimal());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.ruleSet.rules[1]?.priority).toBe(1);
      expect(result.ruleSet.rules[1]?.enabled).toBe(true);
    }
  });

  it.each<[string, (r: Record<string, any>) => void, string, string]>([
    ['a duplicate rule id', (r) => (r.rules[1].id = 'cadence.one'), 'rules[1].id', 'duplicate rule id "cadence.one" (also at rules[0].id)'],
    ['an unknown event type', (r) => (r.rules[0].event.type = 'teleport'), 'rules[0].event.type', 'unknown event type'],
    ['a malformed duration', (r) => (r.rules[0].event.params.offsets[0] = 'P3'), 'rules[0].event.params.offsets[0]', '"P3" is not an ISO-8601 duration'],
    ['a negative tolerance', (r) => (r.rules[0].event.params.tolerance = '-P1D'), 'rules[0].event.params.tolerance', 'must not be negative'],
    ['a window ending before it starts', (r) => (r.rules[1].event.params.windows[0].to = '08:00'), 'rules[1].event.params.windows[0].to', 'must be later than from (09:00)'],
    ['a window of zero length', (r) => (r.rules[1].event.params.windows[0].to = '09:00'), 'rules[1].event.params.windows[0].to', 'must be later than from'],
    ['a time that is not a time', (r) => (r.rules[1].event.params.windows[0].from = '9am'), 'rules[1].event.params.windows[0].from', 'is not a time of day'],
    ['a holiday that does not exist', (r) => (r.calendars.cn.holidays[0].date = '2026-02-30'), 'calendars.cn.holidays[0].date', 'the date "2026-02-30" does not exist'],
    ['a workday that does not exist', (r) => (r.calendars.cn.workdays[0] = '2026-13-01'), 'calendars.cn.workdays[0]', 'does not exist'],
    ['an unknown key (a typo)', (r) => (r.rules[0].event.params.tolerence = 'P7D'), 'rules[0].event.params', 'Unrecognized key: "tolerence"'],
    ['an unknown top-level key', (r) => (r.ruels = []), '', 'Unrecognized key: "ruels"'],
    ['an unknown time zone', (r) => (r.defaults.timeZone = 'Asia/Beijing'), 'defaults.timeZone', 'unknown IANA time zone "Asia/Beijing"'],
    ['an unknown fact', (r) => (r.rules[0].conditions.all[0].fact = 'client'), 'rules[0].conditions.all[0].fact', 'unknown fact "client"'],
    ['an unknown operator', (r) => (r.rules[0].conditions.all[0].operator = 'equals'), 'rules[0].conditions.all[0].operator', 'unknown operator "equals"'],
    ['an unknown decorator', (r) => (r.rules[0].conditions.all[0].operator = 'maybe:equal'), 'rules[0].conditions.all[0].operator', 'unknown operator decorator "maybe"'],
    ['a filter expression in a path', (r) => (r.rules[0].conditions.all[0].path = '$..[?(@.x)]'), 'rules[0].conditions.all[0].path', 'filter, script, wildcard and recursive expressions are not allowed'],
    ['a script expression in a path', (r) => (r.rules[0].conditions.all[0].path = "$.tags[?(@.constructor('x')())]"), 'rules[0].conditions.all[0].path', 'not a plain property path'],
    ['a misspelt field in a path', (r) => (r.rules[0].conditions.all[0].path = '$.membership.teir'), 'rules[0].conditions.all[0].path', 'has no field "membership.teir"'],
    ['a path into a fact reference', (r) => (r.rules[0].conditions.all[0].value = { fact: 'purchase', path: '$..x' }), 'rules[0].conditions.all[0].value.path', 'not a plain property path'],
    ['"in" without a list', (r) => (r.rules[0].conditions.all[0].operator = 'in'), 'rules[0].conditions.all[0].value', 'needs a list value'],
    ['a top level that is a bare condition', (r) => (r.rules[0].conditions = r.rules[0].conditions.all[0]), 'rules[0].conditions', 'the top level of conditions must be'],
    ['all and any together', (r) => (r.rules[0].conditions.any = []), 'rules[0].conditions', 'use one of all / any / not'],
    ['a condition reference', (r) => (r.rules[0].conditions.all[0] = { condition: 'shared' }), 'rules[0].conditions.all[0].condition', 'not supported'],
    ['an unknown calendar', (r) => r.rules.push({ id: 'holiday.x', description: 'x', conditions: { all: [] }, event: { type: 'blackout', params: { kind: 'holidays', calendar: 'us' } } }), 'rules[2].event.params.calendar', 'unknown calendar "us" (defined: cn)'],
    ['a day that is both holiday and workday', (r) => r.calendars.cn.workdays.push('2026-10-01'), 'calendars.cn.workdays[1]', 'both a holiday and a make-up workday'],
    ['a horizon over the limit', (r) => (r.defaults.horizon = 'P5Y'), 'defaults.horizon', 'longer than the limit'],
    ['a cap gap in hours', (r) => r.rules.push({ id: 'cap.x', description: 'x', conditions: { all: [] }, event: { type: 'cap', params: { kind: 'min-gap', gap: 'PT12H', channels: ['phone'] } } }), 'rules[2].event.params.gap', 'whole days'],
    ['a missing id', (r) => delete r.id, 'id', 'needs an id'],
    ['a rule without description', (r) => delete r.rules[0].description, 'rules[0].description', 'expected string'],
    ['a __proto__ key', (r) => Object.defineProperty(r.rules[0].event.params, '__proto__', { value: { x: 1 }, enumerable: true }), 'rules[0].event.params.__proto__', 'not allowed'],
    ['a constructor key in a value', (r) => (r.rules[0].conditions.all[0].value = { constructor: 1 }), 'rules[0].conditions.all[0].value.constructor', 'not allowed'],
  ])('reports %s at its path', (_label, corrupt, path, message) => {
    const json = minimal();
    corrupt(json);
    expect(issuesOf(json)).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('never throws, whatever it is given', () => {
    for (const value of [null, undefined, 42, 'rules', [], [1, 2], { rules: 'x' }, { rules: [null] }, new Proxy({}, { ownKeys: () => { throw new Error('trap'); } })]) {
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
      expect((error as RuleSetError).issues).toEqual(issues);
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
    const companion = { ...(json['id'] ? {} : { id: 'x', version: '1' }), calendars: file === 'holidays.json' ? {} : (readRuleFile('holidays.json').calendars as object) };
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

  it('every rule description cites a seed or the SPEC', () => {
    const result = validateRuleSet(defaultRuleSet);
    if (!result.ok) throw new Error('invalid');
    const uncited = result.ruleSet.rules.filter((r) => !/seeds\/\d{3}_[0-9a-f]{16}\.txt|SPEC/.test(r.description) && !r.id.startsWith('window.') && !r.id.startsWith('channel.no-phone-message'));
    expect(uncited.map((r) => r.id)).toEqual([]);
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
