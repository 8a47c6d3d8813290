/**
 * `rx-followup` as a function: the command line's arguments, streams, environment and clock in, an exit code out
 * (0 done, 1 the input or rules are invalid, 2 a usage error or an unexpected failure). `main.ts` runs it on the
 * process's; tests run it in-process on their own.
 */
import { nearest } from '../_lib/nearest.js';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { createPlanner, RxFollowupError } from '../index.js';
import { loadRuleSet } from '../node/index.js';
import { ruleFileJsonSchema } from '../schema/json-schema.js';
import { runExplainCommand } from './explain-command.js';
import { FORMATS, type Format } from './formats.js';
import {
  encodingOption,
  inputOption,
  localeOption,
  requestedLocale,
  resolveAsOf,
  rulesOption,
  UsageError,
} from './options.js';
import { cliWords } from './cli-words.js';
import { defaultWorkers, runPlanCommand } from './plan-command.js';
import { ansiStyle, plainStyle } from './timeline.js';
import { runValidateCommand } from './validate-command.js';
import { runWorklistCommand, WORKLIST_HELP } from './worklist-command.js';
import { INIT_HELP, runInitCommand } from './init-command.js';
import { LINT_HELP, runLintCommand } from './lint-command.js';
import { DIFF_HELP, runDiffCommand } from './diff-command.js';
import { printable } from './terminal.js';
import { HELP_ZH_CN, USAGE_ZH_CN } from './help-zh-cn.js';
import { HELP_EN, USAGE_EN } from './help-en.js';
import type { CliIo } from './io.js';

const VERSION: string = pkg.version;

/** Each command's help in the language the command line asks for (`--locale`, else `LC_ALL` / `LANG`). */
function helpOf(command: string, argv: readonly string[], io: CliIo): string {
  const zh = requestedLocale(argv, io.env) === 'zh-CN';
  if (command === 'usage') return zh ? USAGE_ZH_CN(VERSION) : USAGE_EN(VERSION);
  if (zh) return HELP_ZH_CN[command] as string;
  const english: Record<string, string> = {
    ...HELP_EN,
    worklist: WORKLIST_HELP,
    lint: LINT_HELP,
    diff: DIFF_HELP,
    init: INIT_HELP,
  };
  return english[command] as string;
}

function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** The options `plan` and `explain` share, read one way. */
const PLANNING_OPTIONS = {
  rules: { type: 'string' },
  input: { type: 'string', default: '-' },
  'as-of': { type: 'string' },
  encoding: { type: 'string' },
  'rules-encoding': { type: 'string' },
  locale: { type: 'string' },
  quiet: { type: 'boolean', default: false },
} as const;

/** The rule set, the asOf default and the input, as `plan` and `explain` both take them. */
async function planningSetup(
  values: {
    rules?: string | undefined;
    input: string;
    'as-of'?: string | undefined;
    encoding?: string | undefined;
    'rules-encoding'?: string | undefined;
    locale?: string | undefined;
  },
  command: string,
  io: CliIo,
) {
  const locale = localeOption(values.locale, io.env);
  const rules = rulesOption(values.rules, command);
  const encoding = encodingOption(values.encoding, '--encoding');
  const rulesEncoding = encodingOption(values['rules-encoding'], '--rules-encoding');
  const input = await inputOption(values.input);
  const ruleSet = await loadRuleSet(rules, { encoding: rulesEncoding, locale });
  // The one place rx-followup reads the clock: the default asOf of a batch.
  const asOf = resolveAsOf(values['as-of'], ruleSet.defaults.timeZone, io.now);
  return { ruleSet, asOf, encoding, input, locale };
}

async function explain(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...PLANNING_OPTIONS, line: { type: 'string' } } });
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(/^\d+$/.test(values.line ?? '') && only >= 1))
    throw new UsageError('whole-number', { option: '--line', from: 1 });
  const { ruleSet, asOf, encoding, input, locale } = await planningSetup(values, 'explain', io);
  return runExplainCommand({
    planner: createPlanner({ ruleSet, locale }),
    input: input.path,
    stdin: io.stdin,
    asOf,
    encoding,
    only,
    style: io.stdout.isTTY === true && !io.env['NO_COLOR'] ? ansiStyle : plainStyle,
    summary: !values.quiet,
    stdout: io.stdout,
    stderr: io.stderr,
  });
}

async function plan(args: string[], io: CliIo, workerUrl: URL): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...PLANNING_OPTIONS,
      format: { type: 'string', default: 'ndjson' },
      workers: { type: 'string' },
      thread: { type: 'boolean', default: false },
      bom: { type: 'boolean', default: false },
    },
  });
  if (!(FORMATS as readonly string[]).includes(values.format))
    throw new UsageError('one-of', { option: '--format', values: FORMATS });
  const { ruleSet, asOf, encoding, input, locale } = await planningSetup(values, 'plan', io);
  const workers =
    values.workers === undefined
      ? defaultWorkers(input.size)
      : /^\d{1,2}$/.test(values.workers)
        ? Number(values.workers)
        : Number.NaN;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw new UsageError('whole-number', { option: '--workers', from: 0, to: 64 });
  return runPlanCommand(
    {
      ruleSet,
      locale,
      input: input.path,
      stdin: io.stdin,
      format: values.format as Format,
      asOf,
      encoding,
      workers,
      thread: values.thread,
      bom: values.bom,
      progress: io.stderr.isTTY === true && !values.quiet,
      summary: !values.quiet,
      stdout: io.stdout,
      stderr: io.stderr,
    },
    workerUrl,
    input.size,
  );
}

/** The commands, for "did you mean" after a typo. */
const COMMANDS = ['validate', 'plan', 'explain', 'worklist', 'lint', 'diff', 'init', 'schema', 'help'];

/** An unknown command, with the nearest one. */
function unknownCommand(command: string): UsageError<'unknown-command'> {
  const near = nearest(command, COMMANDS);
  return new UsageError('unknown-command', { command, ...(near === undefined ? {} : { suggestion: near }) });
}

async function command(argv: readonly string[], io: CliIo, workerUrl: URL): Promise<number> {
  const [name, ...rest] = argv;
  const locale = requestedLocale(argv, io.env);
  const said = cliWords(locale);
  // Every command answers --help with its own usage.
  if (name !== undefined && COMMANDS.includes(name) && name !== 'help' && wantsHelp(rest)) {
    io.stdout.write(helpOf(name, argv, io));
    return 0;
  }
  switch (name) {
    case 'validate':
      return runValidateCommand(rest, io);
    case 'plan':
      return plan(rest, io, workerUrl);
    case 'explain':
      return explain(rest, io);
    case 'worklist':
      return runWorklistCommand(rest, io);
    case 'lint':
      return runLintCommand(rest, io);
    case 'diff':
      return runDiffCommand(rest, io);
    case 'init':
      return runInitCommand(rest, io);
    case 'schema':
      io.stdout.write(`${JSON.stringify(ruleFileJsonSchema(), null, 2)}\n`);
      return 0;
    case '--version':
    case '-v':
      io.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(helpOf('usage', argv, io));
      return 0;
    default:
      io.stderr.write(
        `${said('failure', { message: printable(unknownCommand(name).in(locale)) })}\n\n${helpOf('usage', argv, io)}`,
      );
      return 2;
  }
}

/**
 * Runs one command line: its exit code. A usage error, invalid rules or input, or an unexpected failure is said on
 * `stderr` in one line (never a stack trace).
 */
export async function runCli(argv: readonly string[], io: CliIo, workerUrl: URL): Promise<number> {
  const locale = requestedLocale(argv, io.env);
  const said = cliWords(locale);
  try {
    return await command(argv, io, workerUrl);
  } catch (error) {
    if (error instanceof UsageError) io.stderr.write(`${said('failure', { message: printable(error.in(locale)) })}\n`);
    else if (error instanceof RxFollowupError) {
      io.stderr.write(`${printable(said('failure', { message: error.message }))}\n`);
      return 1;
    } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // An option mistyped: the nearest option any command's help names.
      const unknown = /^Unknown option '(--?[^']+)'/.exec(error.message)?.[1];
      const known = [
        ...new Set(
          [...Object.values(HELP_EN), WORKLIST_HELP, LINT_HELP, DIFF_HELP, INIT_HELP]
            .join('\n')
            .match(/--[a-z][a-z-]*/g) ?? [],
        ),
      ];
      const near = unknown === undefined ? undefined : nearest(unknown, known);
      const message =
        unknown === undefined
          ? error.message
          : new UsageError('unknown-option', {
              option: unknown,
              ...(near === undefined ? {} : { suggestion: near }),
            }).in(locale);
      io.stderr.write(`${said('failure', { message: printable(message) })}\n`);
    } else io.stderr.write(`rx-followup: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
}
