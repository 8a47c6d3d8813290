import { didYouMean } from '../_lib/nearest.js';
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

const VERSION: string = pkg.version;

const USAGE = `rx-followup ${VERSION}: plan pharmacy follow-up contacts (回访) from JSON rules

Usage:
  rx-followup validate [rules...] [--format text|json] [--encoding E] [--as-of DATE] [--locale L]
      check rule files or folders (default ./rules); one line per problem, exit 1 if any
  rx-followup plan --rules <dir|file> [--input <file>|-] [--format ndjson|json|csv|ics]
                   [--as-of now|purchase|DATE|ISO] [--encoding E] [--rules-encoding E]
                   [--workers N] [--thread] [--bom] [--locale L] [--quiet]
      plan every PlanInput record (NDJSON or a JSON array) in input order
  rx-followup explain --rules <dir|file> [--input <file>|-] [--as-of now|purchase|DATE|ISO]
                   [--encoding E] [--rules-encoding E] [--line N] [--locale L] [--quiet]
      a readable timeline of each plan: when, how, why, and what was dropped
  rx-followup worklist --rules <dir|file> --staff <file> --from YYYY-MM-DD [--days N] [--input <file>|-]
                   [--format csv|json|xlsx] [--output <file>] [--sheets day|staff] [--summary]
                   [--mask-phone] [--no-level] [--target N] [--bom] [--encoding E] [--locale L]
      each staff member's contacts per day, from plans, within capacity, levelled across the days
  rx-followup lint [rules] [--strict] [--format text|json] [--as-of DATE] [--encoding E] [--locale L]
      warnings for what validates but cannot be meant, at file:line:column with the rule id
  rx-followup diff --base <rules> --rules <rules> [--input <file>|-] [--as-of WHEN]
                   [--format text|json] [--encoding E] [--locale L]
      what a rule change does: contacts added, removed and moved per input, totals, load per weekday
  rx-followup init [dir] [--force] [--locale L]
      a folder to start from: the default rules, their JSON Schema, sample purchases and staff
  rx-followup schema
      print the JSON Schema of a rule file
  rx-followup <command> --help | --version

L is en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG, zh_CN.* → zh-CN; else en); E is utf-8, gbk or gb18030.
Exit codes: 0 success, 1 invalid rules or records, 2 usage or unexpected errors, 3 the output could not be written.
`;

const LOCALE_HELP = `--locale L     en or zh-CN: the language of reasons, CSV headers and calendar titles (default: from LC_ALL,
               LC_MESSAGES or LANG, zh_CN.* → zh-CN; else en)`;
const AS_OF_HELP = `--as-of WHEN   the asOf of records that have none; nothing is planned before it. WHEN is
               now (the default: the clock, to the whole minute), purchase (each record's purchase time,
               as the library plans by default), a date YYYY-MM-DD (local midnight in the rule set's time
               zone) or an ISO-8601 date-time with offset.
--encoding E   the input's encoding: utf-8 (default), gbk or gb18030. Bytes that are not text in it make
               that record an error, at its line and column.
--rules-encoding E   the rule files' encoding, likewise (default utf-8).`;

const HELP: Record<string, string> = {
  validate: `Usage: rx-followup validate [rules...] [--format text|json] [--encoding utf-8|gbk|gb18030] [--as-of DATE] [--locale L]

Checks rule files or folders (default ./rules): each folder's *.json files are merged into one rule set.
Prints one line per problem, compiler style:
  rules/cadences.json:14:7 rules[2].event.params.offsets[0]: "P3" is not an ISO-8601 duration
A JSON syntax error is shown where it is, with what was found (a full-width colon, a comment, a bare word).
--format json prints a JSON array of { file, line, column, path, message } for tools.
--encoding E reads the files as utf-8 (default), gbk or gb18030.
Warns (warning: …) when a calendar's known dates end within the rule set's horizon of --as-of (default
today): plans made from then on run into days it does not know.
Exit 0 when every rule set is valid (warnings or not), 1 otherwise.
`,
  plan: `Usage: rx-followup plan --rules <dir|file> [--input <file>|-] [--format ndjson|json|csv|ics]
                        [--as-of WHEN] [--encoding E] [--rules-encoding E] [--workers N] [--thread] [--bom]
                        [--locale en|zh-CN] [--quiet]

Reads PlanInput records, NDJSON (one per line) or one JSON array, from --input or standard input (-, the
default), and writes one plan per record in input order:
  ndjson  one FollowUpPlan per line (default)      json  a JSON array of plans
  csv     a call-centre worklist, one row per touchpoint (RFC 4180; --bom for Excel with Chinese text)
  ics     iCalendar: one VEVENT per touchpoint (UID = touchpoint id, times in UTC, CATEGORIES = urgency)
${AS_OF_HELP}
${LOCALE_HELP}
--workers N    worker threads (default: the number of cores, or 0 for an input file under 1 MiB; 0 plans on the main thread)
--thread       records in time order: each purchase is planned with the history of the same customer's earlier
               purchases in the input (their purchases, and their plans' contacts as applied: superseded ones
               cancelled). One record after another on the main thread; per customer at most 200 purchases and
               1,000 contacts are kept, and a customer not seen for 400 days of purchases is forgotten. A record
               out of time order is an error line.
A record that cannot be planned (invalid JSON or input, or over 1,000,000 characters) goes to standard error as
one JSON line with its line (and column) and issues; the batch goes on, and the exit code is 1. At the end a
summary line (planned, failed, touchpoints, seconds) goes to standard error; progress too on a terminal, with
the share of the input read and the time left when its size is known. --quiet: neither.
`,
  explain: `Usage: rx-followup explain --rules <dir|file> [--input <file>|-] [--as-of WHEN] [--encoding E]
                           [--rules-encoding E] [--line N] [--locale en|zh-CN] [--quiet]

Prints a readable timeline of each plan in the input (NDJSON, a JSON array, or one JSON object): each
touchpoint with its local day and time, channel, urgency, purpose, the rules behind it and every reason it
moved; then what was suppressed and why. A record that cannot be planned is shown at its line and column,
and the others still are. --line N explains the N-th record only. Colour on a terminal only.
${AS_OF_HELP}
${LOCALE_HELP}
`,
  schema: `Usage: rx-followup schema

Prints the JSON Schema of a rule file (the one shipped as schema/ruleset.schema.json).
`,
};

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
    process.stdout.write(HELP['explain'] as string);
    return 0;
  }
  const { values } = parseArgs({ args, options: { ...PLANNING_OPTIONS, line: { type: 'string' } } });
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(/^\d+$/.test(values.line ?? '') && only >= 1)) throw new UsageError('--line must be a record number from 1');
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
    process.stdout.write(HELP['plan'] as string);
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
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const { ruleSet, asOf, encoding, input, locale } = await planningSetup(values, 'plan');
  const workers = values.workers === undefined ? defaultWorkers(input.size) : /^\d{1,2}$/.test(values.workers) ? Number(values.workers) : Number.NaN;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      if (wantsHelp(rest)) {
        process.stdout.write(HELP['validate'] as string);
        return 0;
      }
      return runValidateCommand(rest);
    case 'plan':
      return plan(rest);
    case 'explain':
      return explain(rest);
    case 'worklist':
      if (wantsHelp(rest)) {
        process.stdout.write(WORKLIST_HELP);
        return 0;
      }
      return runWorklistCommand(rest, process.stdout);
    case 'lint':
      if (wantsHelp(rest)) {
        process.stdout.write(LINT_HELP);
        return 0;
      }
      return runLintCommand(rest, process.stdout, () => Date.now());
    case 'diff':
      if (wantsHelp(rest)) {
        process.stdout.write(DIFF_HELP);
        return 0;
      }
      return runDiffCommand(rest, process.stdout, process.stderr, () => Date.now());
    case 'init':
      if (wantsHelp(rest)) {
        process.stdout.write(INIT_HELP);
        return 0;
      }
      return runInitCommand(rest, process.stdout, process.stderr);
    case 'schema':
      if (wantsHelp(rest)) process.stdout.write(HELP['schema'] as string);
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
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`rx-followup: unknown command "${printable(command)}"${didYouMean(command, COMMANDS)}\n\n${USAGE}`);
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
  const said = cliWords(requestedLocale(process.argv.slice(2), process.env));
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
      if (error instanceof UsageError) process.stderr.write(`rx-followup: ${printable(error.message)}\n`);
      else if (error instanceof RxFollowupError) {
        process.stderr.write(`${printable(said.failure(error.message))}\n`);
        process.exitCode = 1;
        return;
      } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        // An option mistyped: the nearest option any command's help names.
        const unknown = /^Unknown option '(--?[^']+)'/.exec(error.message)?.[1];
        const known = [
          ...new Set([...Object.values(HELP), WORKLIST_HELP, LINT_HELP, DIFF_HELP, INIT_HELP].join('\n').match(/--[a-z][a-z-]*/g) ?? []),
        ];
        const hint = unknown === undefined ? '' : didYouMean(unknown, known);
        process.stderr.write(`rx-followup: ${printable(hint === '' ? error.message : `unknown option '${unknown}'${hint}`)}\n`);
      } else process.stderr.write(`rx-followup: ${printable(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    },
  );
}
