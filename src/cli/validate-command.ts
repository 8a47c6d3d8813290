/** `rx-followup validate`: rule files checked, problems at their file, line and column. */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.js';
import { positionOfPath } from '../_lib/json-text.js';
import { fileIssuesIn } from '../i18n/text-issues.js';
import { readRuleFiles } from '../node/load-rule-set.js';
import { addDuration, parseDuration } from '../calendar/duration.js';
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { localEpochDay } from '../calendar/zone.js';
import { coverageOf } from '../calendar/coverage.js';
import { validateRuleSources } from '../rules/validate.js';
import type { Calendar, RuleSet } from '../schema/ruleset.js';
import type { Locale } from '../i18n/explanation.js';
import { Words } from '../i18n/words.js';
import { encodingOption, localeOption, resolveAsOf, UsageError } from './options.js';
import { cliWords } from './cli-words.js';
import { printable } from './terminal.js';

/** Splits a loader issue path `file: inner` (or `file:line:col`) into its parts. */
function splitIssuePath(path: string): { file: string | undefined; inner: string; line?: number; column?: number } {
  const syntax = /^(.*):(\d+):(\d+)$/.exec(path);
  if (syntax) return { file: syntax[1], inner: '', line: Number(syntax[2]), column: Number(syntax[3]) };
  const cut = path.indexOf(': ');
  if (cut < 0)
    return {
      file: path.endsWith('.json') || path.includes('/') ? path : undefined,
      inner: path.endsWith('.json') || path.includes('/') ? '' : path,
    };
  return { file: path.slice(0, cut), inner: path.slice(cut + 2) };
}

/** One line of `validate`'s report. */
interface Problem {
  file: string | null;
  line: number | null;
  column: number | null;
  path: string;
  /** The issue's code (docs/issues.md); a calendar that ends within the horizon is `calendar-ends`, as in lint. */
  code: string;
  message: string;
}

/**
 * The calendars whose known dates end within the horizon of `--as-of` (default today): plans made from then on run
 * into days nobody knows to be holidays or not.
 */
function coverageWarnings(
  ruleSet: RuleSet,
  asOfOption: string | undefined,
  locale: Locale,
  now: () => number,
): string[] {
  const zone = ruleSet.defaults.timeZone;
  const asOf = resolveAsOf(asOfOption === 'purchase' ? 'now' : asOfOption, zone, now) as string;
  const asOfMs = Date.parse(asOf);
  const horizon = parseDuration(ruleSet.defaults.horizon);
  if (horizon === undefined) return [];
  const today = localEpochDay(asOfMs, zone);
  const horizonEnd = localEpochDay(addDuration(asOfMs, horizon, zone), zone);
  const out: string[] = [];
  const day = formatLocalDate(fromEpochDay(today));
  const horizonWords = new Words(locale).dur(ruleSet.defaults.horizon);
  const say = cliWords(locale);
  for (const name of Object.keys(ruleSet.calendars).sort()) {
    const coverage = coverageOf(name, ruleSet.calendars[name] as Calendar);
    if (coverage === null || coverage.throughDay >= horizonEnd) continue;
    const left = coverage.throughDay - today;
    const { through, provisional } = coverage;
    out.push(say('calendar-short', { calendar: name, through, left, day, horizon: horizonWords, provisional }));
  }
  return out;
}

/**
 * One target's rule files checked: the line that says it is valid (`ok`, `null` when not), its problems at their
 * files, lines and columns, and, valid, the calendars that end within a plan made `asOf`.
 */
async function validateTarget(
  target: string,
  encoding: ReturnType<typeof encodingOption>,
  locale: Locale,
  asOf: string | undefined,
  now: CliIo['now'],
): Promise<{ ok: string | null; problems: Problem[]; warnings: Problem[] }> {
  const { files, issues } = await readRuleFiles(target, { encoding });
  const result =
    files.length > 0
      ? validateRuleSources(
          files.map((f) => ({ file: f.file, json: f.parsed.json })),
          locale,
        )
      : undefined;
  if (issues.length === 0 && result?.ok) {
    const { id, version, rules } = result.ruleSet;
    const warnings = coverageWarnings(result.ruleSet, asOf, locale, now).map((message): Problem => ({
      file: target,
      line: null,
      column: null,
      path: '',
      code: 'calendar-ends',
      message,
    }));
    return {
      ok: cliWords(locale)('validate-ok', { target, id, version, rules: rules.length }),
      problems: [],
      warnings,
    };
  }
  const parsedByFile = new Map(files.map((f) => [f.file, f.parsed]));
  const problems: Problem[] = [];
  for (const issue of [...fileIssuesIn(issues, locale), ...(result && !result.ok ? result.issues : [])]) {
    const { file, inner, line, column } = splitIssuePath(issue.path);
    let at = line === undefined ? undefined : { line, column: column ?? 1 };
    const parsed = file === undefined ? undefined : parsedByFile.get(file);
    if (!at && parsed) at = positionOfPath(parsed, inner, issue.message);
    problems.push({
      file: file ?? null,
      line: at?.line ?? null,
      column: at?.column ?? null,
      path: inner,
      code: issue.code,
      message: issue.message,
    });
  }
  return { ok: null, problems, warnings: [] };
}

/** The text report: the valid targets, each problem at its place, then the warnings. */
function printProblems(
  stdout: CliIo['stdout'],
  ok: readonly string[],
  problems: readonly Problem[],
  warnings: readonly Problem[],
  locale: Locale,
): void {
  for (const line of ok) stdout.write(`${printable(line)}\n`);
  for (const p of problems) {
    const where = p.file === null ? '' : `${p.file}${p.line === null ? '' : `:${p.line}:${p.column}`} `;
    stdout.write(`${printable(`${where}${p.path === '' ? '' : `${p.path}: `}${p.message}`)}\n`);
  }
  const said = cliWords(locale);
  for (const p of warnings)
    stdout.write(
      `${printable(`${p.file ?? ''}${said('colon')}${said('warning-word', { of: 'validate' })}${said('colon')}${p.message}`)}\n`,
    );
}

/** `rx-followup validate`: each target's rule files checked, one line per problem (or JSON); exit 1 on any. */
export async function runValidateCommand(args: string[], io: Pick<CliIo, 'stdout' | 'env' | 'now'>): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      encoding: { type: 'string' },
      'as-of': { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const locale = localeOption(values.locale, io.env);
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError('one-of', { option: '--format', values: ['text', 'json'] });
  const encoding = encodingOption(values.encoding, '--encoding');
  const targets = positionals.length > 0 ? positionals : ['rules'];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const ok: string[] = [];
  for (const target of targets) {
    const checked = await validateTarget(target, encoding, locale, values['as-of'], io.now);
    if (checked.ok !== null) ok.push(checked.ok);
    problems.push(...checked.problems);
    warnings.push(...checked.warnings);
  }
  if (values.format === 'json') {
    const all = [
      ...problems.map((p) => ({ ...p, severity: 'error' })),
      ...warnings.map((p) => ({ ...p, severity: 'warning' })),
    ];
    io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  } else printProblems(io.stdout, ok, problems, warnings, locale);
  return problems.length === 0 ? 0 : 1;
}
