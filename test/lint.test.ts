import { describe, expect, it } from 'vitest';
import { defaultRuleSet, RuleSetError, type RuleInput, type RuleSetInput } from '../src/index.js';
import { lintRuleSet } from '../src/workbench/index.js';

/** The default rules with these rules added (and `change` applied), linted; the warnings about `ruleId` only. */
function lintWith(
  rules: RuleInput[],
  ruleId: string | null,
  options: { today?: string; change?: (set: Record<string, any>) => void } = {},
) {
  const set = structuredClone(defaultRuleSet) as Record<string, any>;
  set.rules.push(...rules);
  options.change?.(set);
  return lintRuleSet(set as RuleSetInput, options.today === undefined ? {} : { today: options.today }).filter((w) =>
    ruleId === null ? w.ruleId === null : w.ruleId === ruleId,
  );
}

const cadence = (
  id: string,
  params: Record<string, unknown>,
  conditions: RuleInput['conditions'] = { all: [] },
): RuleInput =>
  ({
    id,
    description: 'for the lint test',
    conditions,
    event: {
      type: 'cadence',
      params: {
        anchor: 'purchase',
        offsets: ['P10D'],
        channel: 'phone',
        purpose: 'lint-check',
        tolerance: 'P14D',
        ...params,
      },
    },
  }) as unknown as RuleInput;
/** A rule of any event type that always holds, for the lint test. */
const ruleOf = (id: string, type: string, params: Record<string, unknown>): RuleInput =>
  ({ id, description: 'for the lint test', conditions: { all: [] }, event: { type, params } }) as unknown as RuleInput;
const tier = (value: string) => ({ fact: 'customer', path: '$.tier', operator: 'equal', value }) as const;

describe('lintRuleSet', () => {
  it('never-holds: two values of one fact in one "all"; not two different facts', () => {
    const never = lintWith([cadence('c.x', {}, { all: [tier('new'), tier('loyal')] })], 'c.x');
    expect(never).toMatchObject([
      {
        check: 'never-holds',
        ruleId: 'c.x',
        path: 'conditions.all[1]',
        message:
          'can never hold: customer.$.tier equal "new" and equal "loyal" in one "all" (no value satisfies both): the rule never applies',
      },
    ]);
    expect(
      lintWith(
        [
          cadence(
            'c.x',
            {},
            { all: [tier('new'), { fact: 'customer', path: '$.occupationKey', operator: 'equal', value: '会计' }] },
          ),
        ],
        'c.x',
      ),
    ).toEqual([]);
    const ranges = {
      all: [
        { fact: 'customer', path: '$.ageYears', operator: 'greaterThan', value: 60 },
        { fact: 'customer', path: '$.ageYears', operator: 'lessThan', value: 18 },
      ],
    } as RuleInput['conditions'];
    expect(lintWith([cadence('c.x', {}, ranges)], 'c.x').map((w) => w.check)).toEqual(['never-holds']);
  });

  it('never-holds: one leaf that no value of its field satisfies — in [], notIn every value of a field always there (issue 37 item 1)', () => {
    const allTiers = {
      fact: 'customer',
      path: '$.tier',
      operator: 'notIn',
      value: ['walk-in', 'loyal', 'regular', 'new'],
    };
    expect(lintWith([cadence('c.x', {}, { all: [allTiers] } as RuleInput['conditions'])], 'c.x')).toMatchObject([
      {
        check: 'never-holds',
        ruleId: 'c.x',
        path: 'conditions.all[0]',
        message:
          'can never hold: customer.$.tier notIn ["walk-in","loyal","regular","new"] (it excludes every value the field takes: "new", "regular", "loyal", "walk-in"): the rule never applies',
      },
    ]);
    const weekdays = {
      fact: 'purchase',
      path: '$.weekday',
      operator: 'notIn',
      value: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
    };
    const empty = { fact: 'customer', path: '$.tags', operator: 'in', value: [] };
    expect(
      lintWith([cadence('c.x', {}, { all: [tier('loyal'), weekdays] } as RuleInput['conditions'])], 'c.x').map(
        (w) => w.path,
      ),
    ).toEqual(['conditions.all[1]']);
    const zh = lintRuleSet(
      {
        ...structuredClone(defaultRuleSet),
        rules: [...(defaultRuleSet.rules ?? []), cadence('c.x', {}, { all: [empty] } as RuleInput['conditions'])],
      } as RuleSetInput,
      {
        locale: 'zh-CN',
      },
    ).filter((w) => w.ruleId === 'c.x');
    expect(zh.map((w) => w.message)).toEqual([
      '条件永远不成立：customer.$.tags in []（空列表不包含任何值）：这条规则永远不会生效',
    ]);
    // A field that may be absent: notIn every value still holds for a customer who is not a member.
    const members = {
      fact: 'customer',
      path: '$.membership.tier',
      operator: 'notIn',
      value: ['new', 'regular', 'loyal'],
    };
    expect(lintWith([cadence('c.x', {}, { all: [members] } as RuleInput['conditions'])], 'c.x')).toEqual([]);
    // Not every value: no warning.
    expect(
      lintWith(
        [cadence('c.x', {}, { all: [{ ...allTiers, value: ['new', 'regular'] }] } as RuleInput['conditions'])],
        'c.x',
      ),
    ).toEqual([]);
  });

  it('never-opens: a window on blackout days only', () => {
    const blackout = (days: string[]) => ruleOf('blackout.days', 'blackout', { kind: 'weekdays', days });
    expect(lintWith([blackout(['TUE', 'WED', 'THU'])], 'window.preferred').map((w) => [w.check, w.path])).toEqual([
      ['never-opens', 'event.params.windows'],
    ]);
    expect(lintWith([blackout(['MON'])], 'window.preferred')).toEqual([]);
  });

  it('always-dropped: a tolerance shorter than the run a blackout blocks (the 0.1 accountant rule); not a longer one', () => {
    // The accountant blackout blocks the last 5 days of a month and the first 5 of the next: 10 days in a row.
    const short = lintWith([cadence('c.short', { tolerance: 'P3D' })], 'c.short');
    expect(short.map((w) => w.check)).toEqual(['always-dropped']);
    expect(short[0]?.message).toContain('10 by rule blackout.accountant-month-edges');
    expect(lintWith([cadence('c.long', { tolerance: 'P14D' })], 'c.long')).toEqual([]);
    // One that may move earlier gets out before the run.
    expect(
      lintWith([cadence('c.early', { tolerance: 'P1D', overflow: { move: 'earlier', within: 'P7D' } })], 'c.early'),
    ).toEqual([]);
  });

  it('past-horizon: an offset past the horizon; not one within it', () => {
    expect(lintWith([cadence('c.far', { offsets: ['P10D', 'P400D'] })], 'c.far').map((w) => [w.check, w.path])).toEqual(
      [['past-horizon', 'event.params.offsets[1]']],
    );
    expect(lintWith([cadence('c.near', { offsets: ['P100D'] })], 'c.near')).toEqual([]);
  });

  it('always-merged: the same purpose, channel and moment when both can hold; not when their conditions exclude each other', () => {
    const a = cadence('c.a', {}, { all: [tier('new')] });
    expect(lintWith([a, cadence('c.b', {}, { all: [] })], 'c.b').map((w) => [w.check, w.path])).toEqual([
      ['always-merged', 'event.params.offsets[0]'],
    ]);
    expect(lintWith([a, cadence('c.b', {}, { all: [tier('loyal')] })], 'c.b')).toEqual([]);
    expect(lintWith([a, cadence('c.b', { offsets: ['P11D'] })], 'c.b')).toEqual([]);
    // An `any` whose every alternative the other rule excludes: disjoint too (the shipped child and special-instructions
    // messages); with one alternative left open, they can hold together.
    const either = cadence('c.any', {}, { all: [{ any: [tier('new'), tier('regular')] }] });
    expect(lintWith([either, cadence('c.b', {}, { all: [tier('loyal')] })], 'c.b')).toEqual([]);
    const notNew = { fact: 'customer', path: '$.tier', operator: 'notEqual', value: 'new' } as const;
    expect(lintWith([either, cadence('c.b', {}, { all: [notNew] })], 'c.b').map((w) => w.check)).toEqual([
      'always-merged',
    ]);
  });

  it('no-channel: a no-phone policy that falls back to the phone; not one that falls back to a message', () => {
    const policy = (fallback: string[]) => ruleOf('channel.x', 'channel-policy', { when: 'no-phone', fallback });
    expect(lintWith([policy(['phone'])], 'channel.x').map((w) => w.check)).toEqual(['no-channel']);
    expect(lintWith([policy(['sms'])], 'channel.x')).toEqual([]);
  });

  it('calendar-ends: a calendar ending before today + the horizon; not when it covers it, nor when it keeps the statutory days', () => {
    // The 2026 calendar ends 2026-12-31; 120 days from 2026-11-27 is 2027-03-27, from 2026-06-01 2026-09-29.
    const change = (set: Record<string, any>) => delete set.calendars['cn-public-holidays'].provisional;
    expect(lintWith([], null, { today: '2026-11-27', change }).map((w) => [w.check, w.path])).toEqual([
      ['calendar-ends', 'calendars.cn-public-holidays'],
    ]);
    expect(lintWith([], null, { today: '2026-06-01', change })).toEqual([]);
    expect(lintWith([], null, { change })).toEqual([]);
    // As shipped: past 2026 the statutory holidays stand in ("provisional": "cn-statutory"), and plans name them.
    expect(lintWith([], null, { today: '2026-11-27' })).toEqual([]);
  });

  it('in zh-CN: every check says its warning in Chinese, for the same rules and paths as in English', () => {
    const set = structuredClone(defaultRuleSet) as Record<string, any>;
    set.rules.push(
      cadence('c.never', {}, { all: [tier('new'), tier('loyal')] }),
      cadence('c.far', { offsets: ['P10D', 'P400D'], tolerance: 'P14D' }),
      cadence('c.twin', { offsets: ['P400D'], tolerance: 'P14D' }),
      cadence('c.short', { tolerance: 'P3D', purpose: 'short-check' }),
      ruleOf('blackout.days', 'blackout', { kind: 'weekdays', days: ['TUE', 'WED', 'THU'] }),
      ruleOf('channel.x', 'channel-policy', { when: 'no-phone', fallback: ['phone'] }),
    );
    delete set.calendars['cn-public-holidays'].provisional;
    const options = { today: '2026-11-27' };
    const en = lintRuleSet(set as RuleSetInput, options);
    const zh = lintRuleSet(set as RuleSetInput, { ...options, locale: 'zh-CN' });
    expect(new Set(zh.map((w) => w.check))).toEqual(
      new Set([
        'never-holds',
        'never-opens',
        'always-dropped',
        'past-horizon',
        'always-merged',
        'no-channel',
        'calendar-ends',
      ]),
    );
    expect(zh.map(({ check, ruleId, path }) => ({ check, ruleId, path }))).toEqual(
      en.map(({ check, ruleId, path }) => ({ check, ruleId, path })),
    );
    for (const w of zh) {
      expect(w.message).toMatch(/[\u4e00-\u9fff]/);
      // English words of the English messages are gone; ids, operators and durations stay as the file writes them.
      expect(w.message).not.toMatch(/\b(never|always|tolerance|horizon|rule|covers|asks|leaves)\b/);
    }
    expect(zh.find((w) => w.ruleId === 'c.never')?.message).toBe(
      '条件永远不成立：同一个 "all" 里 customer.$.tier 既 equal "new" 又 equal "loyal"（没有值能同时满足两者）：这条规则永远不会生效',
    );
  });

  it('lints only what validates', () => {
    expect(() => lintRuleSet({ ...defaultRuleSet, rules: [{ id: 'x' }] } as unknown as RuleSetInput)).toThrow(
      RuleSetError,
    );
  });
});

describe('the workbench at the door (issue 35): typed errors at their paths, never a TypeError', () => {
  it('lintRuleSet and checkRuleFiles refuse a today that does not exist; checkRuleFiles files that are not text', async () => {
    const { lintRuleSet: lint, checkRuleFiles, diffPlans, blackoutDays } = await import('../src/workbench/index.js');
    const { InputError, defaultRuleSet, createPlanner } = await import('../src/index.js');
    const issues = (f: () => unknown): unknown => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InstanceType<typeof InputError>).issues.map(({ path, message }) => ({ path, message }));
      }
      throw new Error('no error');
    };
    expect(issues(() => lint(defaultRuleSet, { today: '2026-02-30' }))).toEqual([
      { path: 'options.today', message: 'must be a date YYYY-MM-DD that exists' },
    ]);
    expect(issues(() => checkRuleFiles([], { today: '2026-02-30' }))).toEqual([
      { path: 'options.today', message: 'must be a date YYYY-MM-DD that exists' },
    ]);
    expect(issues(() => checkRuleFiles([{ file: 'a.json', text: null as unknown as string }]))).toEqual([
      { path: 'files[0].text', message: 'must be text (the file as read)' },
    ]);
    expect(issues(() => diffPlans({} as never, {} as never))).toEqual([
      { path: 'before.touchpoints', message: 'must be a list of touchpoints' },
    ]);
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    expect(issues(() => blackoutDays(planner.ruleSet, {} as never, '2026-03-01', 7))).toEqual([
      { path: 'plan.touchpoints', message: 'must be a list of touchpoints' },
      { path: 'plan.policy.ruleIds', message: 'must list the rules in force (a plan of 0.1 has none)' },
    ]);
  });

  it('a rule file nested 100,000 deep is a finding at the 65th bracket, not a RangeError (issue 35)', async () => {
    const { checkRuleFiles } = await import('../src/workbench/index.js');
    const text = `{"id":"x","version":"1","rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const check = checkRuleFiles([{ file: 'deep.json', text }]);
    expect(check.findings.map((f) => [f.file, f.line, f.column, f.message])).toEqual([
      ['deep.json', 1, 33 + 63, 'invalid JSON: nests deeper than 64 levels'],
    ]);
  });
});

describe('lint is bounded by design (issue 35)', () => {
  it('12 lists of 1,000 values on one path: compared by their values once, the contradiction found', () => {
    const lists = Array.from({ length: 12 }, (_, k) => ({
      fact: 'customer',
      path: '$.occupation',
      operator: k % 2 === 0 ? 'in' : 'notIn',
      value: Array.from({ length: 1_000 }, (_, i) => `v${i + (k === 11 ? 0 : 2_000)}`),
    }));
    // The in lists allow v2000…v2999, and the first notIn excludes exactly those: the second leaf contradicts the first.
    const warnings = lintWith(
      [
        {
          id: 'big.in',
          description: 'd',
          conditions: { all: lists },
          event: { type: 'cap', params: { kind: 'per-day', max: 1 } },
        } as unknown as RuleInput,
      ],
      'big.in',
    );
    expect(warnings.map((w) => [w.check, w.path])).toEqual([['never-holds', 'conditions.all[1]']]);
  });

  it('900 cadences asking for the same 100 offsets: each named once, with the first, found by offset and not by every pair', () => {
    const offsets = Array.from({ length: 100 }, (_, k) => `P${k + 1}D`);
    const rules = Array.from({ length: 900 }, (_, i) =>
      cadence(`same.${i}`, { offsets, purpose: 'same', tolerance: 'P1D' }),
    );
    const all = lintRuleSet({
      ...(structuredClone(defaultRuleSet) as object),
      rules: [...(structuredClone(defaultRuleSet) as { rules: RuleInput[] }).rules, ...rules],
    } as RuleSetInput);
    const warnings = all.filter((w) => w.check === 'always-merged' && w.ruleId?.startsWith('same.'));
    expect(warnings).toHaveLength(899);
    expect(new Set(warnings.map((w) => w.ruleId)).size).toBe(899);
    expect(warnings.every((w) => w.path === 'event.params.offsets[0]' && w.message.includes('same.0'))).toBe(true);
    // Cadences that can never hold together (one customer each) are compared, and none is named.
    const apart = Array.from({ length: 300 }, (_, i) =>
      cadence(`apart.${i}`, { offsets, purpose: 'apart', tolerance: 'P1D' }, {
        all: [{ fact: 'customer', path: '$.id', operator: 'equal', value: `x${i}` }],
      } as RuleInput['conditions']),
    );
    const none = lintRuleSet({
      ...(structuredClone(defaultRuleSet) as object),
      rules: [...(structuredClone(defaultRuleSet) as { rules: RuleInput[] }).rules, ...apart],
    } as RuleSetInput);
    expect(none.filter((w) => w.check === 'always-merged')).toEqual([]);
  });
});
