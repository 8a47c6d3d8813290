import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changedRules, ensureBuilt, rx } from './built.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
beforeAll(() => ensureBuilt(), 120_000);

/** A copy of the shipped rules with one cadence rule's conditions made contradictory. */
const brokenRules = (): string =>
  changedRules('cadences.json', (json) =>
    json.rules[0].conditions.all.push({ fact: 'customer', path: '$.tier', operator: 'equal', value: 'new' }),
  );

describe('rx-followup lint', () => {
  it('points at file:line:column with the rule id; exit 0, or 1 with --strict', async () => {
    const dir = brokenRules();
    const r = await rx(['lint', dir, '--as-of', '2026-06-01']);
    expect(r.code).toBe(0);
    // cadence.loyal-3-2-3 asks for tier equal "loyal"; the added leaf, the third of its "all", for "new".
    const line = r.stdout.split('\n').find((l) => l.includes('[never-holds]'));
    expect(line).toMatch(
      /^.*cadences\.json:\d+:\d+ cadence\.loyal-3-2-3: warning: can never hold: customer\.\$\.tier equal "loyal" and equal "new" in one "all"/,
    );
    const [, lineNo] = /cadences\.json:(\d+):/.exec(line as string) ?? [];
    expect(readFileSync(join(dir, 'cadences.json'), 'utf8').split('\n')[Number(lineNo) - 1]).toContain('{');
    expect((await rx(['lint', dir, '--as-of', '2026-06-01', '--strict'])).code).toBe(1);
    const json = JSON.parse((await rx(['lint', dir, '--as-of', '2026-06-01', '--format', 'json'])).stdout) as {
      check: string;
      ruleId: string;
      path: string;
      line: number;
    }[];
    expect(json.find((w) => w.check === 'never-holds')).toMatchObject({
      ruleId: 'cadence.loyal-3-2-3',
      path: 'rules[0].conditions.all[2]',
      line: Number(lineNo),
    });
  });

  it('in Chinese with --locale zh-CN or LANG=zh_CN.UTF-8: the warnings, the summary and why the rules do not validate', async () => {
    const dir = brokenRules();
    const r = await rx(['lint', dir, '--as-of', '2026-06-01', '--locale', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').find((l) => l.includes('[never-holds]'))).toMatch(
      /cadences\.json:\d+:\d+ cadence\.loyal-3-2-3: 提示: 条件永远不成立：同一个 "all" 里 customer\.\$\.tier 既 equal "loyal" 又 equal "new"/,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^.*: \d+ 条提示$/);
    expect((await rx(['lint', dir, '--as-of', '2026-06-01'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toBe(r.stdout);
    const file = join(dir, 'caps.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"P2D"', '"P2"'));
    const bad = await rx(['lint', dir, '--locale', 'zh-CN']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('规则未通过校验');
  });

  it('says when the rules do not validate', async () => {
    const dir = brokenRules();
    const file = join(dir, 'caps.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"P2D"', '"P2"'));
    const r = await rx(['lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the rules do not validate');
  });
});
