/**
 * Rule files as an editor holds them — text, by file name — checked the way `rx-followup validate` and `lint` check a
 * folder: JSON syntax, then validation, then lint, each finding at its file, line and column. Browser-safe: the
 * playground's inline errors and warnings are these.
 */
import type { Locale } from '../i18n/explanation.js';
import { sayText } from '../i18n/text-issues.js';
import { parseJsonText, positionOfPath, type ParsedJson } from '../_lib/json-text.js';
import { MAX_RULE_SET_VALUES, validateRuleSources } from '../rules/validate.js';
import type { RuleSet } from '../schema/ruleset.js';
import { lintRuleSet, type LintCheck, type LintWarning } from './lint.js';
import { checkFiles, checkToday } from './guards.js';

/** One rule file's text and its name (`cadences.json`). */
export interface RuleFileText {
  readonly file: string;
  readonly text: string;
}

/** A problem (the rules cannot be used) or a warning (they can, but part of them cannot be meant), where it is. */
export interface RuleFileFinding {
  readonly severity: 'error' | 'warning';
  /** The file it is in; `null` when no file can be named (a problem of the set as a whole is put at the top of its first file). */
  readonly file: string | null;
  /** 1-based; `null` when the place is not in a file. Columns count UTF-16 code units, as editors do. */
  readonly line: number | null;
  readonly column: number | null;
  /** The path of the value in its file (`rules[2].event.params.offsets[0]`). */
  readonly path: string;
  /** The problem's code (docs/issues.md), or the lint check's; `params`: what its message is made from. */
  readonly code: string;
  readonly params: unknown;
  readonly message: string;
  /** The rule a warning is about (`null` for a calendar, and for errors). */
  readonly ruleId: string | null;
  /** Which lint check a warning comes from (`null` for errors). */
  readonly check: LintCheck | null;
}

/** What {@link checkRuleFiles} found: the rule set when it validates, and every finding, by file (in the order given), line and column. */
export interface RuleFilesCheck {
  readonly ruleSet: RuleSet | null;
  readonly findings: readonly RuleFileFinding[];
}

/** A lint warning's file and path: the file holding its rule (or calendar). */
export function locateWarning(
  w: LintWarning,
  files: readonly { readonly file: string; readonly json: unknown }[],
): { file: string | null; path: string } {
  for (const f of files) {
    const json = f.json as { rules?: { id?: unknown }[]; calendars?: Record<string, unknown> } | null;
    if (w.ruleId !== null) {
      const index = Array.isArray(json?.rules) ? json.rules.findIndex((r) => r?.id === w.ruleId) : -1;
      if (index >= 0) return { file: f.file, path: `rules[${index}].${w.path}` };
    } else if (
      w.path.startsWith('calendars.') &&
      json?.calendars !== null &&
      typeof json?.calendars === 'object' &&
      Object.hasOwn(json.calendars, w.path.slice('calendars.'.length))
    )
      return { file: f.file, path: w.path };
  }
  return { file: null, path: w.path };
}

/**
 * Checks rule files given as text: a syntax error stops there (one finding per file that does not parse); else the
 * merged set is validated (every issue, at its place); else linted (`today` as for `rx-followup lint --as-of`).
 *
 * @example
 * ```ts
 * import { checkRuleFiles } from 'rx-followup/workbench';
 *
 * const text = '{ "id": "mine", "version": "1", "rules": [\n  { "id"："r" }\n] }';
 * const { findings } = checkRuleFiles([{ file: 'mine.json', text }]);
 * console.log(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)[0]); // mine.json:2:9 invalid JSON: full-width colon '：' — use ':'
 * ```
 */
export function checkRuleFiles(
  files: readonly RuleFileText[],
  options: { readonly today?: string; readonly locale?: Locale } = {},
): RuleFilesCheck {
  checkFiles(files);
  checkToday(options.today, 'Invalid rule files check options', options.locale);
  const findings: RuleFileFinding[] = [];
  const parsed: { file: string; parsed: ParsedJson }[] = [];
  const at = (
    severity: RuleFileFinding['severity'],
    file: string | null,
    path: string,
    said: { readonly code: string; readonly params: unknown; readonly message: string },
  ): RuleFileFinding => {
    const json = parsed.find((p) => p.file === file)?.parsed;
    const position = json === undefined ? undefined : positionOfPath(json, path, said.message);
    const { code, params, message } = said;
    return {
      severity,
      file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      path,
      code,
      params,
      message,
      ruleId: null,
      check: null,
    };
  };
  for (const { file, text } of files) {
    const result = parseJsonText(text, { maxValues: MAX_RULE_SET_VALUES });
    if (result.ok) parsed.push({ file, parsed: result.value });
    else {
      const { line, column, code, params } = result.problem;
      findings.push({
        severity: 'error',
        file,
        line,
        column,
        path: '',
        code,
        params,
        message: sayText(result.problem, options.locale),
        ruleId: null,
        check: null,
      });
    }
  }
  if (findings.length > 0) return { ruleSet: null, findings };

  const sources = parsed.map((p) => ({ file: p.file, json: p.parsed.json }));
  const validation = validateRuleSources(sources, options.locale);
  if (!validation.ok) {
    for (const issue of validation.issues) {
      const file =
        parsed.find((p) => issue.path === `${p.file}: ` || issue.path.startsWith(`${p.file}: `))?.file ?? null;
      findings.push(at('error', file, file === null ? issue.path : issue.path.slice(file.length + 2), issue));
    }
    return { ruleSet: null, findings };
  }
  const lintOptions = {
    ...(options.today === undefined ? {} : { today: options.today }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  for (const w of lintRuleSet(validation.ruleSet, lintOptions)) {
    const place = locateWarning(w, sources);
    findings.push({ ...at('warning', place.file, place.path, w), ruleId: w.ruleId, check: w.check });
  }
  const order = (f: RuleFileFinding): number => (f.file === null ? -1 : files.findIndex((x) => x.file === f.file));
  findings.sort((a, b) => order(a) - order(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ruleSet: validation.ruleSet, findings };
}
