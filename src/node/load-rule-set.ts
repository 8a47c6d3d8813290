import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { RuleSetError, type Issue } from '../errors.js';
import type { RuleSet } from '../schema/ruleset.js';
import { MAX_RULE_SET_VALUES, validateRuleSources, type RuleSource } from '../rules/validate.js';
import { parseJsonText, type ParsedJson } from '../_lib/json-text.js';
import { describeFsError, readRegularFile } from './read-file.js';

export { describeFsError };
import { decodeText, type TextEncodingName } from './text.js';
import type { Locale } from '../i18n/explanation.js';
import { fileIssuesIn, textIssue } from '../i18n/text-issues.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';

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

/**
 * Most `*.json` files read from one folder.
 *
 * @example
 * ```ts
 * import { MAX_RULE_FILES } from 'rx-followup/node';
 *
 * console.log(MAX_RULE_FILES); // 100
 * ```
 */
export const MAX_RULE_FILES = 100;

/** Options of {@link loadRuleSet}. */
export interface LoadRuleSetOptions {
  /** The files' encoding: `'utf-8'` (default), `'gbk'` or `'gb18030'`. Bytes that are not text in it are an issue. */
  readonly encoding?: TextEncodingName;
  /** The language of the `RuleSetError`'s messages: `'en'` (default) or `'zh-CN'`. Paths stay as they are. */
  readonly locale?: Locale;
}

/**
 * Parses JSON text; a syntax error (or a key repeated in one object) becomes an issue naming the file, line and
 * column, and saying what was found there.
 *
 * @example
 * ```ts
 * import { parseJsonFile } from 'rx-followup/node';
 *
 * const result = parseJsonFile('rules/caps.json', '{\n  "rules": [\n    { "id"："cap.x" }\n  ]\n}');
 * if (!result.ok) console.log(result.issue.path, result.issue.message); // rules/caps.json:3:11 full-width colon '：' — use ':'
 * ```
 */
export function parseJsonFile(file: string, text: string): { ok: true; json: unknown } | { ok: false; issue: Issue } {
  const parsed = parseJsonText(text, { maxValues: MAX_RULE_SET_VALUES });
  if (parsed.ok) return { ok: true, json: parsed.value.json };
  const { line, column } = parsed.problem;
  return { ok: false, issue: textIssue(`${file}:${line}:${column}`, parsed.problem) };
}

/** One rule file read and parsed, with what can say where each of its values is. */
export interface LoadedRuleFile {
  readonly file: string;
  readonly parsed: ParsedJson;
}

/**
 * Reads one rule file: a regular file only (a FIFO, device or folder is an issue, and is never opened for
 * reading in a way that could block), at most {@link MAX_RULE_FILE_BYTES} bytes actually read, decoded in
 * `encoding` and parsed. Nothing of a file that is not a rule file is ever echoed in an issue.
 */
async function readRuleFile(
  file: string,
  encoding: TextEncodingName,
): Promise<{ ok: true; value: LoadedRuleFile } | { ok: false; issue: Issue }> {
  const fail = (problem: TextCoded, path = file): { ok: false; issue: Issue } => ({
    ok: false,
    issue: textIssue(path, problem),
  });
  const read = await readRegularFile(file, MAX_RULE_FILE_BYTES);
  if (!read.ok)
    return fail(
      read.problem.code === 'file-is-folder' ? { code: 'file-is-folder', params: { what: 'rule-file' } } : read.problem,
    );
  const decoded = decodeText(read.bytes, encoding);
  if (!decoded.ok) return fail(decoded.problem, `${file}:${decoded.problem.line}:${decoded.problem.column}`);
  const parsed = parseJsonText(decoded.text, { maxValues: MAX_RULE_SET_VALUES });
  if (!parsed.ok) return fail(parsed.problem, `${file}:${parsed.problem.line}:${parsed.problem.column}`);
  return { ok: true, value: { file, parsed: parsed.value } };
}

/** Whether `path` lies inside `folder` (both real paths). */
const inside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/**
 * The rule files of a target: the file itself, or a folder's `*.json` files in file-name order. In a folder, a
 * symbolic link is followed only to a file inside the same folder (as Kubernetes ConfigMap mounts make them);
 * one that leads outside, or nowhere, is an issue. Every failure is an issue with the file name.
 */
export async function readRuleFiles(
  target: string,
  options: LoadRuleSetOptions = {},
): Promise<{ files: LoadedRuleFile[]; issues: Issue[] }> {
  const encoding = options.encoding ?? 'utf-8';
  const issues: Issue[] = [];
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    return { files: [], issues: [textIssue(target, describeFsError(error))] };
  }
  let paths: string[];
  if (info.isDirectory()) {
    let entries;
    let folder: string;
    try {
      entries = await readdir(target, { withFileTypes: true });
      folder = await realpath(target);
    } catch (error) {
      return { files: [], issues: [textIssue(target, describeFsError(error))] };
    }
    const names = entries
      .filter((e) => e.name.toLowerCase().endsWith('.json'))
      .map((e) => e.name)
      .sort();
    if (names.length === 0) return { files: [], issues: [textIssue(target, { code: 'folder-no-rules', params: {} })] };
    if (names.length > MAX_RULE_FILES)
      return {
        files: [],
        issues: [
          textIssue(target, { code: 'folder-too-many-files', params: { count: names.length, max: MAX_RULE_FILES } }),
        ],
      };
    paths = [];
    for (const name of names) {
      const path = join(target, name);
      const entry = entries.find((e) => e.name === name);
      if (entry?.isSymbolicLink()) {
        let real: string;
        try {
          real = await realpath(path);
        } catch (error) {
          issues.push(textIssue(path, describeFsError(error)));
          continue;
        }
        if (!inside(folder, real)) {
          issues.push(textIssue(path, { code: 'link-outside-folder', params: {} }));
          continue;
        }
      }
      paths.push(path);
    }
  } else paths = [target];

  const files: LoadedRuleFile[] = [];
  for (const file of paths) {
    const read = await readRuleFile(file, encoding);
    if (read.ok) files.push(read.value);
    else issues.push(read.issue);
  }
  return { files, issues };
}

/**
 * Reads a rule set from one JSON file, or from every `*.json` file of a folder
 * (in file-name order) merged into one set, and validates it. Issue paths
 * start with the file name: `rules/cadences.json: rules[2].event.params.offsets[0]`;
 * a file that is not JSON gives `file:line:column` and what was found there.
 * Only regular files are read; in a folder, symbolic links only to files in the same folder.
 *
 * @throws {RuleSetError} listing every problem in every file.
 * @example
 * ```ts
 * import { loadRuleSet } from 'rx-followup/node';
 * const ruleSet = await loadRuleSet('./rules'); // files saved as GBK: loadRuleSet('./rules', { encoding: 'gbk' })
 * console.log(ruleSet.id); // default
 * ```
 */
export async function loadRuleSet(pathToDirOrFile: string, options: LoadRuleSetOptions = {}): Promise<RuleSet> {
  const { files, issues } = await readRuleFiles(pathToDirOrFile, options);
  const sources: RuleSource[] = files.map((f) => ({ file: f.file, json: f.parsed.json }));
  const locale = options.locale ?? 'en';
  const result = sources.length > 0 ? validateRuleSources(sources, locale) : undefined;
  const all = [...fileIssuesIn(issues, locale), ...(result && !result.ok ? result.issues : [])];
  if (all.length > 0 || result === undefined || !result.ok) throw new RuleSetError(all, locale);
  return result.ruleSet;
}
