/**
 * `rx-followup lint <rules>`: the warnings of `lintRuleSet`, each at its file, line and column, with the rule id.
 * Exit 0 with warnings (1 with `--strict`); a rule set that does not validate is reported as `validate` does.
 */
import { parseArgs } from 'node:util';
import { cliWords } from './cli-words.js';
import type { CliIo } from './io.js';
import { lintRuleSet } from '../workbench/lint.js';
import { locateWarning } from '../workbench/rule-files.js';
import { positionOfPath, type ParsedJson } from '../_lib/json-text.js';
import { readRuleFiles } from '../node/load-rule-set.js';
import { validateRuleSources } from '../rules/validate.js';
import { encodingOption, localeOption, resolveAsOf, UsageError } from './options.js';
import { fileIssuesIn } from '../i18n/text-issues.js';
import { printable } from './terminal.js';

export const LINT_HELP = `Usage: rx-followup lint [rules] [--strict] [--format text|json] [--as-of DATE] [--encoding E] [--locale en|zh-CN]

Warns, at file:line:column with the rule id, about what validates but cannot be meant:
  never-holds     conditions that can never hold (tier equal "new" and equal "loyal" in one "all"; tier notIn
                  every tier; in [])
  never-opens     a call window whose every day is a blackout day
  always-dropped  a tolerance (and overflow) shorter than a run of days a blackout can block: a contact due at
                  its start is always dropped (the 0.1 accountant rule did this)
  past-horizon    an offset past the rule set's horizon: never planned
  always-merged   two cadences asking for the same purpose, channel and moment whose conditions can both hold
  no-channel      a channel policy whose fallbacks cannot be used when it applies
  calendar-ends   a calendar whose dates end before --as-of (default today) + the horizon
Exit 0 (warnings or not), 1 with --strict when there are warnings or when the rules do not validate.
--format json prints [{ file, line, column, ruleId, path, check, message }]. --locale (else LC_ALL / LANG: zh_CN.*)
is the language of the messages.
`;

const sourcesOf = (files: readonly { file: string; parsed: ParsedJson }[]) =>
  files.map((f) => ({ file: f.file, json: f.parsed.json }));

export async function runLintCommand(args: string[], io: Pick<CliIo, 'stdout' | 'env' | 'now'>): Promise<number> {
  const { stdout } = io;
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      strict: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'as-of': { type: 'string' },
      encoding: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const locale = localeOption(values.locale, io.env);
  const say = cliWords(locale);
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError('one-of', { option: '--format', values: ['text', 'json'] });
  const target = positionals[0] ?? 'rules';
  const { files, issues } = await readRuleFiles(target, { encoding: encodingOption(values.encoding, '--encoding') });
  const result = files.length > 0 ? validateRuleSources(sourcesOf(files), locale) : undefined;
  if (issues.length > 0 || result === undefined || !result.ok) {
    const all = [...fileIssuesIn(issues, locale), ...(result && !result.ok ? result.issues : [])];
    stdout.write(
      printable(`${say('lint-invalid', { target })}\n${all.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`),
    );
    return 1;
  }
  const zone = result.ruleSet.defaults.timeZone;
  const today = (resolveAsOf(values['as-of'] ?? 'now', zone, io.now) as string).slice(0, 10);
  const warnings = lintRuleSet(result.ruleSet, { today, locale }).map((w) => {
    const at = locateWarning(w, sourcesOf(files));
    const parsed = files.find((f) => f.file === at.file)?.parsed;
    const position = parsed === undefined ? undefined : positionOfPath(parsed, at.path);
    return {
      file: at.file,
      line: position?.line ?? null,
      column: position?.column ?? null,
      ruleId: w.ruleId,
      path: at.path,
      check: w.check,
      code: w.code,
      params: w.params,
      message: w.message,
    };
  });
  if (values.format === 'json') stdout.write(`${JSON.stringify(warnings, null, 2)}\n`);
  else {
    for (const w of warnings) {
      const where = w.file === null ? target : `${w.file}${w.line === null ? '' : `:${w.line}:${w.column}`}`;
      stdout.write(
        `${printable(`${where} ${w.ruleId ?? w.path}: ${say('warning-word', { of: 'lint' })}: ${w.message} [${w.check}]`)}\n`,
      );
    }
    stdout.write(`${target}: ${say('lint-count', { count: warnings.length })}\n`);
  }
  return values.strict && warnings.length > 0 ? 1 : 0;
}
