import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import pkg from '../../package.json';
import { createPlanner, InputError, RxFollowupError, parsePlanInput } from '../index.js';
import { loadRuleSet } from '../node/index.js';
import { ruleFileJsonSchema } from '../schema/json-schema.js';
import { FORMATS, type Format } from './formats.js';
import { locateJson, positionOf, type PositionMap } from './json-locate.js';
import { checkAsOf, defaultWorkers, runPlanCommand, servePlanWorker, type PlanWorkerData } from './plan-command.js';
import { ansiStyle, plainStyle, renderTimeline } from './timeline.js';

const VERSION: string = pkg.version;

const USAGE = `rx-followup ${VERSION}: plan pharmacy follow-up contacts (回访) from JSON rules

Usage:
  rx-followup validate [rules...] [--format text|json]
      check rule files or folders (default ./rules); one line per problem, exit 1 if any
  rx-followup plan --rules <dir|file> [--input <file>|-] [--format ndjson|json|csv|ics]
                   [--as-of ISO] [--workers N] [--bom] [--quiet]
      plan every PlanInput record (NDJSON or a JSON array) in input order
  rx-followup explain --rules <dir|file> --input <file> [--line N]
      a readable timeline of each plan: when, how, why, and what was dropped
  rx-followup schema
      print the JSON Schema of a rule file
  rx-followup <command> --help | --version

Exit codes: 0 success, 1 invalid rules or records, 2 usage or unexpected errors.
`;

const HELP: Record<string, string> = {
  validate: `Usage: rx-followup validate [rules...] [--format text|json]

Checks rule files or folders (default ./rules): each folder's *.json files are merged into one rule set.
Prints one line per problem, compiler style:
  rules/cadences.json:14:7 rules[2].event.params.offsets[0]: "P3" is not an ISO-8601 duration
--format json prints a JSON array of { file, line, column, path, message } for tools.
Exit 0 when every rule set is valid, 1 otherwise.
`,
  plan: `Usage: rx-followup plan --rules <dir|file> [--input <file>|-] [--format ndjson|json|csv|ics]
                        [--as-of ISO] [--workers N] [--bom] [--quiet]

Reads PlanInput records, NDJSON (one per line) or one JSON array, from --input or standard input (-, the
default), and writes one plan per record in input order:
  ndjson  one FollowUpPlan per line (default)      json  a JSON array of plans
  csv     a call-centre worklist, one row per touchpoint (RFC 4180; --bom for Excel with Chinese text)
  ics     iCalendar: one VEVENT per touchpoint (UID = touchpoint id, times in UTC, CATEGORIES = urgency)
--as-of ISO    the asOf of records that have none (default: now). Nothing is planned before it.
--workers N    worker threads (default: the number of cores; 0 plans on the main thread)
A record that cannot be planned (invalid JSON or input, or over 1,000,000 characters) goes to standard error as
one JSON line with its line number and issues; the batch goes on, and the exit code is 1. Progress goes to
standard error on a terminal (--quiet: none).
`,
  explain: `Usage: rx-followup explain --rules <dir|file> --input <file> [--line N]

Prints a readable timeline of each plan in the input file (a JSON array, one object, or NDJSON): each
touchpoint with its local day and time, channel, urgency, purpose, the rules behind it and every reason it
moved; then what was suppressed and why. --line N explains the N-th record only. Colour on a terminal only.
`,
  schema: `Usage: rx-followup schema

Prints the JSON Schema of a rule file (the one shipped as schema/ruleset.schema.json).
`,
};

class UsageError extends Error {}

function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** Splits a loader issue path `file: inner` (or `file:line:col`) into its parts. */
function splitIssuePath(path: string): { file: string | undefined; inner: string; line?: number; column?: number } {
  const syntax = /^(.*):(\d+):(\d+)$/.exec(path);
  if (syntax) return { file: syntax[1], inner: '', line: Number(syntax[2]), column: Number(syntax[3]) };
  const cut = path.indexOf(': ');
  if (cut < 0) return { file: path.endsWith('.json') || path.includes('/') ? path : undefined, inner: path.endsWith('.json') || path.includes('/') ? '' : path };
  return { file: path.slice(0, cut), inner: path.slice(cut + 2) };
}

async function validate(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(HELP['validate'] as string);
    return 0;
  }
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  const targets = positionals.length > 0 ? positionals : ['rules'];
  const problems: { file: string | null; line: number | null; column: number | null; path: string; message: string }[] = [];
  const texts = new Map<string, PositionMap | null>();
  const positionsOf = async (file: string): Promise<PositionMap | null> => {
    if (!texts.has(file)) {
      try {
        texts.set(file, locateJson(await readFile(file, 'utf8')));
      } catch {
        texts.set(file, null);
      }
    }
    return texts.get(file) ?? null;
  };
  const ok: string[] = [];
  for (const target of targets) {
    try {
      const ruleSet = await loadRuleSet(target);
      ok.push(`${target}: ok (${ruleSet.id} ${ruleSet.version}, ${ruleSet.rules.length} rules)`);
    } catch (error) {
      if (!(error instanceof RxFollowupError)) throw error;
      for (const issue of error.issues) {
        const { file, inner, line, column } = splitIssuePath(issue.path);
        let at = line === undefined ? undefined : { line, column: column ?? 1 };
        if (!at && file && inner !== '') {
          const positions = await positionsOf(file);
          at = positions ? positionOf(positions, inner, issue.message) : undefined;
        }
        problems.push({ file: file ?? null, line: at?.line ?? null, column: at?.column ?? null, path: inner, message: issue.message });
      }
    }
  }
  if (values.format === 'json') process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
  else {
    for (const line of ok) process.stdout.write(`${line}\n`);
    for (const p of problems) {
      const where = p.file === null ? '' : `${p.file}${p.line === null ? '' : `:${p.line}:${p.column}`} `;
      process.stdout.write(`${where}${p.path === '' ? '' : `${p.path}: `}${p.message}\n`);
    }
  }
  return problems.length === 0 ? 0 : 1;
}

/** Reads PlanInput records for `explain`: a JSON array, a single object, or NDJSON. */
export function parseInputs(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const json: unknown = JSON.parse(trimmed);
    return Array.isArray(json) ? json : [json];
  } catch {
    return trimmed
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as unknown);
  }
}

async function explain(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(HELP['explain'] as string);
    return 0;
  }
  const { values } = parseArgs({ args, options: { rules: { type: 'string', default: 'rules' }, input: { type: 'string' }, line: { type: 'string' } } });
  if (!values.input) throw new UsageError('explain needs --input <file>');
  const ruleSet = await loadRuleSet(values.rules);
  const planner = createPlanner({ ruleSet });
  const inputs = parseInputs(await readFile(values.input, 'utf8'));
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(Number.isInteger(only) && only >= 1 && only <= inputs.length)) throw new UsageError(`--line must be 1 to ${inputs.length}`);
  const style = process.stdout.isTTY && !process.env['NO_COLOR'] ? ansiStyle : plainStyle;
  let failed = 0;
  const blocks: string[] = [];
  for (const [i, raw] of inputs.entries()) {
    if (only !== undefined && i + 1 !== only) continue;
    try {
      const input = parsePlanInput(raw);
      const plan = await planner.plan(input);
      blocks.push(renderTimeline(plan, input, input.customer.timeZone ?? ruleSet.defaults.timeZone, style));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      blocks.push(`input ${i + 1}: ${error.message}`);
    }
  }
  process.stdout.write(`${blocks.join('\n\n')}\n`);
  return failed === 0 ? 0 : 1;
}

async function plan(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(HELP['plan'] as string);
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: {
      rules: { type: 'string', default: 'rules' },
      input: { type: 'string', default: '-' },
      format: { type: 'string', default: 'ndjson' },
      'as-of': { type: 'string' },
      workers: { type: 'string' },
      bom: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  // The one place rx-followup reads the clock: the default asOf of a batch.
  const asOf = values['as-of'] ?? new Date().toISOString();
  const asOfProblem = checkAsOf(asOf);
  if (asOfProblem) throw new UsageError(`--as-of: ${asOfProblem}`);
  const workers = values.workers === undefined ? defaultWorkers() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UsageError('--workers must be a whole number from 0 to 64');
  const ruleSet = await loadRuleSet(values.rules);
  return runPlanCommand(
    {
      ruleSet,
      input: values.input,
      format: values.format as Format,
      asOf,
      workers,
      bom: values.bom,
      progress: process.stderr.isTTY === true && !values.quiet,
      stdout: process.stdout,
      stderr: process.stderr,
    },
    new URL(import.meta.url),
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'plan':
      return plan(rest);
    case 'explain':
      return explain(rest);
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
      process.stderr.write(`rx-followup: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** A worker thread of `plan --workers N`: plans batches of records with its own planner. */
if (!isMainThread && (workerData as { role?: string } | null)?.role === 'rx-followup-plan-worker') {
  // A failure here is an unhandled rejection: the worker stops, and the main thread reports it and exits.
  if (parentPort) void servePlanWorker(parentPort, workerData as PlanWorkerData);
} else {
  // A reader that goes away (\`| head\`) ends the run quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`rx-followup: ${error.message}\n`);
      else if (error instanceof RxFollowupError) {
        process.stderr.write(`rx-followup: ${error.message}\n`);
        process.exitCode = 1;
        return;
      } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`rx-followup: ${error.message}\n`);
      } else process.stderr.write(`rx-followup: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
