import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RuleSetError, type Issue } from '../errors.js';
import type { RuleSet } from '../schema/ruleset.js';
import { validateRuleSources, type RuleSource } from '../rules/validate.js';

/**
 * Largest rule file read, in bytes.
 *
 * @example
 * ```ts
 * import { MAX_RULE_FILE_BYTES } from 'rx-followup/node';
 *
 * console.log(MAX_RULE_FILE_BYTES); // 5242880
 * ```
 */
export const MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;

/** Line and column (1-based) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parses JSON text; a syntax error becomes an issue naming the file, line and
 * column (`rules/cadences.json:14:7: Expected ',' or '}' after property value`).
 *
 * @example
 * ```ts
 * import { parseJsonFile } from 'rx-followup/node';
 *
 * const result = parseJsonFile('rules/caps.json', '{\n  "rules": [\n    {}\n    {}\n  ]\n}');
 * if (!result.ok) console.log(result.issue.path); // rules/caps.json:4:5
 * ```
 */
export function parseJsonFile(file: string, text: string): { ok: true; json: unknown } | { ok: false; issue: Issue } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : body.length;
    const { line, column } = lineAndColumn(body, offset);
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return { ok: false, issue: { path: `${file}:${line}:${column}`, message: `invalid JSON: ${reason}` } };
  }
}

async function readSources(target: string): Promise<{ sources: RuleSource[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  let files: string[];
  let info;
  try {
    info = await stat(target);
  } catch {
    return { sources: [], issues: [{ path: target, message: 'no such file or folder' }] };
  }
  if (info.isDirectory()) {
    const names = (await readdir(target)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    if (names.length === 0) return { sources: [], issues: [{ path: target, message: 'the folder holds no *.json rule file' }] };
    files = names.map((n) => join(target, n));
  } else files = [target];

  const sources: RuleSource[] = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    if (size > MAX_RULE_FILE_BYTES) {
      issues.push({ path: file, message: `the file is larger than ${MAX_RULE_FILE_BYTES} bytes` });
      continue;
    }
    const parsed = parseJsonFile(file, await readFile(file, 'utf8'));
    if (parsed.ok) sources.push({ file, json: parsed.json });
    else issues.push(parsed.issue);
  }
  return { sources, issues };
}

/**
 * Reads a rule set from one JSON file, or from every `*.json` file of a folder
 * (in file-name order) merged into one set, and validates it. Issue paths
 * start with the file name: `rules/cadences.json: rules[2].event.params.offsets[0]`.
 *
 * @throws {RuleSetError} listing every problem in every file.
 * @example
 * ```ts
 * import { loadRuleSet } from 'rx-followup/node';
 * const ruleSet = await loadRuleSet('./rules');
 * ```
 */
export async function loadRuleSet(pathToDirOrFile: string): Promise<RuleSet> {
  const { sources, issues } = await readSources(pathToDirOrFile);
  const result = sources.length > 0 ? validateRuleSources(sources) : undefined;
  const all = [...issues, ...(result && !result.ok ? result.issues : [])];
  if (all.length > 0 || result === undefined || !result.ok) throw new RuleSetError(all);
  return result.ruleSet;
}
