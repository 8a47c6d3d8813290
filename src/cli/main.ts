import { nearest } from '../_lib/nearest.js';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import pkg from '../../package.json';
import { createPlanner, RxFollowupError } from '../index.js';
import { loadRuleSet } from '../node/index.js';
import { ruleFileJsonSchema } from '../schema/json-schema.js';
import { runExplainCommand } from './explain-command.js';
import { FORMATS, type Format } from './formats.js';
import { encodingOption, inputOption, localeOption, requestedLocale, resolveAsOf, rulesOption, UsageError } from './options.js';
import { cliWords } from './cli-words.js';
import { defaultWorkers, runPlanCommand } from './plan-command.js';
import { servePlanWorker, type PlanWorkerData } from './plan-workers.js';
import { ansiStyle, plainStyle } from './timeline.js';
import { runValidateCommand } from './validate-command.js';
import { runWorklistCommand, WORKLIST_HELP } from './worklist-command.js';
import { INIT_HELP, runInitCommand } from './init-command.js';
import { LINT_HELP, runLintCommand } from './lint-command.js';
import { DIFF_HELP, runDiffCommand } from './diff-command.js';
import { printable } from './terminal.js';
import { HELP_ZH_CN, USAGE_ZH_CN } from './help-zh-cn.js';
import { HELP_EN, USAGE_EN } from './help-en.js';

const VERSION: string = pkg.version;

/** Each command's help in the language the command line asks for (`--locale`, else `LC_ALL` / `LANG`). */
function helpOf(command: string): string {
  const zh = requestedLocale(process.argv.slice(2), process.env) === 'zh-CN';
  if (command === 'usage') return zh ? USAGE_ZH_CN(VERSION) : USAGE_EN(VERSION);
  if (zh) return HELP_ZH_CN[command] as string;
  const english: Record<string, string> = { ...HELP_EN, worklist: WORKLIST_HELP, lint: LINT_HELP, diff: DIFF_HELP, init: INIT_HELP };
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
) {
  const locale = localeOption(values.locale, process.env);
  const rules = rulesOption(values.rules, command);
  const encoding = encodingOption(values.encoding, '--encoding');
  const rulesEncoding = encodingOption(values['rules-encoding'], '--rules-encoding');
  const input = await inputOption(values.input);
  const ruleSet = await loadRuleSet(rules, { encoding: rulesEncoding, locale });
  // The one place rx-followup reads the clock: the default asOf of a batch.
  const asOf = resolveAsOf(values['as-of'], ruleSet.defaults.timeZone, () => Date.now());
  return { ruleSet, asOf, encoding, input, locale };
}

async function explain(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(helpOf('explain'));
    return 0;
  }
  const { values } = parseArgs({ args, options: { ...PLANNING_OPTIONS, line: { type: 'string' } } });
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(/^\d+$/.test(values.line ?? '') && only >= 1)) throw new UsageError('whole-number', { option: '--line', from: 1 });
  const { ruleSet, asOf, encoding, input, locale } = await planningSetup(values, 'explain');
  return runExplainCommand({
    planner: createPlanner({ ruleSet, locale }),
    input: input.path,
    asOf,
    encoding,
    only,
    style: process.stdout.isTTY && !process.env['NO_COLOR'] ? ansiStyle : plainStyle,
    summary: !values.quiet,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

async function plan(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(helpOf('plan'));
    return 0;
  }
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
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError('one-of', { option: '--format', values: FORMATS });
  const { ruleSet, asOf, encoding, input, locale } = await planningSetup(values, 'plan');
  const workers = values.workers === undefined ? defaultWorkers(input.size) : /^\d{1,2}$/.test(values.workers) ? Number(values.workers) : Number.NaN;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError('whole-number', { option: '--workers', from: 0, to: 64 });
  return runPlanCommand(
    {
      ruleSet,
      locale,
      input: input.path,
      format: values.format as Format,
      asOf,
      encoding,
      workers,
      thread: values.thread,
      bom: values.bom,
      progress: process.stderr.isTTY === true && !values.quiet,
      summary: !values.quiet,
      stdout: process.stdout,
      stderr: process.stderr,
    },
    new URL(import.meta.url),
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const locale = requestedLocale(argv, process.env);
  const said = cliWords(locale);
  switch (command) {
    case 'validate':
      if (wantsHelp(rest)) {
        process.stdout.write(helpOf('validate'));
        return 0;
      }
      return runValidateCommand(rest);
    case 'plan':
      return plan(rest);
    case 'explain':
      return explain(rest);
    case 'worklist':
      if (wantsHelp(rest)) {
        process.stdout.write(helpOf('worklist'));
        return 0;
      }
      return runWorklistCommand(rest, process.stdout);
    case 'lint':
      if (wantsHelp(rest)) {
        process.stdout.write(helpOf('lint'));
        return 0;
      }
      return runLintCommand(rest, process.stdout, () => Date.now());
    case 'diff':
      if (wantsHelp(rest)) {
        process.stdout.write(helpOf('diff'));
        return 0;
      }
      return runDiffCommand(rest, process.stdout, process.stderr, () => Date.now());
    case 'init':
      if (wantsHelp(rest)) {
        process.stdout.write(helpOf('init'));
        return 0;
      }
      return runInitCommand(rest, process.stdout, process.stderr);
    case 'schema':
      if (wantsHelp(rest)) process.stdout.write(helpOf('schema'));
      else process.stdout.write(`${JSON.stringify(ruleFileJsonSchema(), null, 2)}\n`);
      return 0;
    case '--version':
    case '-v':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(helpOf('usage'));
      return 0;
    default:
      process.stderr.write(`${said.failure(printable(unknownCommand(command).in(locale)))}\n\n${helpOf('usage')}`);
      return 2;
  }
}

/** A worker thread of `plan --workers N`: plans batches of records with its own planner. */
if (!isMainThread && (workerData as { role?: string } | null)?.role === 'rx-followup-plan-worker') {
  // A failure here is an unhandled rejection: the worker stops, and the main thread reports it and exits.
  if (parentPort) void servePlanWorker(parentPort, workerData as PlanWorkerData);
} else {
  // A reader that goes away (`| head`) ends the run quietly; any other failure to write (a full disk) is said in one
  // line, with its own exit code: the plans were not all written.
  const locale = requestedLocale(process.argv.slice(2), process.env);
  const said = cliWords(locale);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`${said.cannotWrite(error.code ?? error.message)}\n`);
    process.exit(3);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`${said.failure(printable(error.in(locale)))}\n`);
      else if (error instanceof RxFollowupError) {
        process.stderr.write(`${printable(said.failure(error.message))}\n`);
        process.exitCode = 1;
        return;
      } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        // An option mistyped: the nearest option any command's help names.
        const unknown = /^Unknown option '(--?[^']+)'/.exec(error.message)?.[1];
        const known = [
          ...new Set([...Object.values(HELP_EN), WORKLIST_HELP, LINT_HELP, DIFF_HELP, INIT_HELP].join('\n').match(/--[a-z][a-z-]*/g) ?? []),
        ];
        const near = unknown === undefined ? undefined : nearest(unknown, known);
        const message =
          unknown === undefined
            ? error.message
            : new UsageError('unknown-option', { option: unknown, ...(near === undefined ? {} : { suggestion: near }) }).in(locale);
        process.stderr.write(`${said.failure(printable(message))}\n`);
      } else process.stderr.write(`rx-followup: ${printable(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    },
  );
}
