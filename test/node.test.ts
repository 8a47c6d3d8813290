import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleSetError, defaultRuleSet, validateRuleSet, ruleSetHash } from '../src/index.js';
import { loadRuleSet, parseJsonFile } from '../src/node/index.js';

const rulesDir = new URL('../rules/', import.meta.url).pathname;

function copyRules(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'rx-followup-')), 'rules');
  mkdirSync(dir);
  for (const f of readdirSync(rulesDir)) copyFileSync(join(rulesDir, f), join(dir, f));
  return dir;
}

async function loadIssues(target: string): Promise<{ path: string; message: string }[]> {
  try {
    await loadRuleSet(target);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return [...(error as RuleSetError).issues];
  }
  throw new Error('expected a RuleSetError');
}

describe('loadRuleSet', () => {
  it('reads the shipped folder into the same set as defaultRuleSet', async () => {
    const fromDisk = await loadRuleSet(rulesDir);
    const inCore = validateRuleSet(defaultRuleSet);
    if (!inCore.ok) throw new Error('invalid default');
    expect(ruleSetHash(fromDisk)).toBe(ruleSetHash(inCore.ruleSet));
    expect(fromDisk.rules).toHaveLength(inCore.ruleSet.rules.length);
  });

  it('reads a single file', async () => {
    const dir = copyRules();
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify({ id: 'one', version: '2', rules: [] }));
    const set = await loadRuleSet(file);
    expect(set.id).toBe('one');
    expect(set.defaults).toEqual({ timeZone: 'UTC', horizon: 'P120D' });
  });

  it('names the file in every issue path', async () => {
    const dir = copyRules();
    const file = join(dir, 'cadences.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.rules[2].event.params.offsets[0] = 'P7';
    writeFileSync(file, JSON.stringify(json, null, 2));
    expect(await loadIssues(dir)).toEqual([
      { path: `${file}: rules[2].event.params.offsets[0]`, message: '"P7" is not an ISO-8601 duration (e.g. "P3D", "P1M", "PT24H")' },
    ]);
  });

  it('reports a rule id duplicated across files with both places', async () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'zz-extra.json'), JSON.stringify({ rules: [{ id: 'cap.call-gap', description: 'again', conditions: { all: [] }, event: { type: 'cap', params: { kind: 'per-day', max: 2 } } }] }));
    expect(await loadIssues(dir)).toEqual([
      { path: `${join(dir, 'zz-extra.json')}: rules[0].id`, message: `duplicate rule id "cap.call-gap" (also at ${join(dir, 'caps.json')}: rules[1].id)` },
    ]);
  });

  it('reports conflicting ids between files', async () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'zz.json'), JSON.stringify({ id: 'other' }));
    expect(await loadIssues(dir)).toEqual([{ path: `${join(dir, 'zz.json')}: id`, message: `"other" differs from "default" in ${join(dir, 'ruleset.json')}: a rule set has one id` }]);
  });

  it('gives file, line and column for a JSON syntax error', async () => {
    const dir = copyRules();
    const file = join(dir, 'caps.json');
    writeFileSync(file, '{\n  "rules": [\n    { "id": "x" }\n    { "id": "y" }\n  ]\n}\n');
    const issues = await loadIssues(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(`${file}:4:5`);
    expect(issues[0]?.message).toMatch(/^invalid JSON: /);
  });

  it('reports a missing folder and an empty folder', async () => {
    expect(await loadIssues('/nonexistent/rules')).toEqual([{ path: '/nonexistent/rules', message: 'no such file or folder' }]);
    const empty = mkdtempSync(join(tmpdir(), 'rx-empty-'));
    expect(await loadIssues(empty)).toEqual([{ path: empty, message: 'the folder holds no *.json rule file' }]);
  });

  it('parseJsonFile counts lines and columns from 1 and tolerates a BOM', () => {
    expect(parseJsonFile('f.json', '\uFEFF{"a":1}')).toEqual({ ok: true, json: { a: 1 } });
    const bad = parseJsonFile('f.json', '{"a":1,}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issue.path).toBe('f.json:1:8');
    const truncated = parseJsonFile('f.json', '{\n"a":');
    if (!truncated.ok) expect(truncated.issue.path).toBe('f.json:2:5');
  });
});
