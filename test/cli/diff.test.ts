import { beforeAll, describe, expect, it, vi } from 'vitest';
import { regular } from '../worklist-helpers.js';
import { changedRules as copyWith, ensureBuilt, rx } from './built.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });
beforeAll(() => ensureBuilt(), 120_000);

/** A copy of the shipped rules with the regular members' check at 1 day instead of 7. */
const changedRules = (): string =>
  copyWith(
    'cadences.json',
    (json) => (json.rules.find((r: { id: string }) => r.id === 'cadence.regular-7d').event.params.offsets = ['P1D']),
  );

/** The histogram's row that starts with `prefix`, and the row under it (the same day after the change). */
function rowAndNext(lines: readonly string[], prefix: string): [string | undefined, string | undefined] {
  const at = lines.findIndex((l) => l.startsWith(prefix));
  return at < 0 ? [undefined, undefined] : [lines[at], lines[at + 1]];
}

describe('rx-followup diff', () => {
  const input = [
    JSON.stringify(regular(1)),
    JSON.stringify(regular(2, '2026-03-03T10:00:00+08:00')),
    '{"not": "an input"}',
  ].join('\n');

  it('lists per input what moved, then totals and the load per weekday; a bad record is reported and exits 1', async () => {
    const r = await rx(['diff', '--base', 'rules', '--rules', changedRules(), '--as-of', 'purchase'], { input });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('record at line 3');
    const lines = r.stdout.split('\n');
    // Bought Mon 03-02: Tue 03-10 15:00 → Tue 03-03 15:00. Bought Tue 03-03: Tue 03-10 15:00 → Wed 03-04 15:00.
    expect(lines.slice(0, 4)).toEqual([
      'P1 (customer C1): +0 -0 ~1, 0 unchanged',
      '  ~ Tue 03-10 15:00 → Tue 03-03 15:00 phone medication-check',
      'P2 (customer C2): +0 -0 ~1, 0 unchanged',
      '  ~ Tue 03-10 15:00 → Wed 03-04 15:00 phone medication-check',
    ]);
    // Totals name the rule and the purpose, with the id an analyst finds in the file.
    expect(lines).toContain('  Non-loyal customers: 7-day medication check (cadence.regular-7d): +0 -0 ~2');
    expect(lines).toContain('  medication check (medication-check): +0 -0 ~2');
    const [tue, tueAfter] = rowAndNext(lines, '  Tue before');
    expect(tue).toMatch(/^ {2}Tue before 2 █+$/);
    // "after" under "before".
    expect(tueAfter).toMatch(/^ {6}after {2}1 █+$/);
    expect(rowAndNext(lines, '  Wed before')[0]).toMatch(/^ {2}Wed before 0 $/);
  });

  it('in Chinese with --locale zh-CN: days, channels, purposes and the histogram in Chinese; the same changes', async () => {
    const r = await rx(
      ['diff', '--base', 'rules', '--rules', changedRules(), '--as-of', 'purchase', '--locale', 'zh-CN'],
      { input },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rx-followup：第 3 行的记录：');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'P1（顾客 C1）：+0 -0 ~1，0 次不变',
      '  ~ 3月10日 周二 15:00 → 3月3日 周二 15:00 电话 用药回访',
      'P2（顾客 C2）：+0 -0 ~1，0 次不变',
      '  ~ 3月10日 周二 15:00 → 3月4日 周三 15:00 电话 用药回访',
    ]);
    expect(lines).toContain('按规则：');
    expect(lines).toContain('  非老会员顾客 7 天用药回访（cadence.regular-7d）：+0 -0 ~2');
    expect(lines).toContain('  用药回访（medication-check）：+0 -0 ~2');
    const [tue, tueAfter] = rowAndNext(lines, '  周二 修改前');
    expect(tue).toMatch(/^ {2}周二 修改前 2 █+$/);
    // Under 周二, two columns a character in a terminal.
    expect(tueAfter).toMatch(/^ {7}修改后 1 █+$/);
  });

  it('gives it all as JSON', async () => {
    const r = await rx(
      ['diff', '--base', 'rules', '--rules', changedRules(), '--as-of', 'purchase', '--format', 'json'],
      {
        input: input.split('\n').slice(0, 2).join('\n'),
      },
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      inputs: { purchaseId: string; moved: unknown[] }[];
      totals: { weekdays: { before: number[]; after: number[] } };
    };
    expect(json.inputs.map((d) => [d.purchaseId, d.moved.length])).toEqual([
      ['P1', 1],
      ['P2', 1],
    ]);
    expect(json.totals.weekdays).toEqual({ before: [0, 2, 0, 0, 0, 0, 0], after: [0, 1, 1, 0, 0, 0, 0] });
  });
});
