import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { createPlanner, InputError, RxFollowupError, parsePlanInput } from '../index.js';
import { loadRuleSet } from '../node/index.js';
import { ruleFileJsonSchema } from '../schema/json-schema.js';
import { ansiStyle, plainStyle, renderTimeline } from './timeline.js';

const VERSION: string = pkg.version;

const USAGE = `rx-followup ${VERSION}: plan pharmacy follow-up contacts (回访) from JSON rules

Usage:
  rx-followup validate [rules...]                 check rule files or folders (default ./rules)
  rx-followup explain --rules <dir|file> --input <file> [--line N]
                                                  a readable timeline of each plan
  rx-followup schema                              print the JSON Schema of a rule file
  rx-followup --help | --version

Input files hold PlanInput records: a JSON array, one JSON object, or NDJSON.
`;

function fail(message: string): never {
  process.stderr.write(`rx-followup: ${message}\n`);
  process.exit(2);
}

async function validate(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('Usage: rx-followup validate [rules...]   (default ./rules)\nExit 0 when every rule set is valid, 1 otherwise.\n');
    return 0;
  }
  const targets = positionals.length > 0 ? positionals : ['rules'];
  let problems = 0;
  for (const target of targets) {
    try {
      const ruleSet = await loadRuleSet(target);
      process.stdout.write(`${target}: ok (${ruleSet.id} ${ruleSet.version}, ${ruleSet.rules.length} rules)\n`);
    } catch (error) {
      if (!(error instanceof RxFollowupError)) throw error;
      problems += error.issues.length;
      for (const issue of error.issues) process.stdout.write(`${issue.path}: ${issue.message}\n`);
    }
  }
  return problems === 0 ? 0 : 1;
}

/** Reads PlanInput records: a JSON array, a single object, or NDJSON. */
export function parseInputs(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const json: unknown = JSON.parse(trimmed);
    return Array.isArray(json) ? json : [json];
  } catch {
    return trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  }
}

async function explain(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { rules: { type: 'string', default: 'rules' }, input: { type: 'string' }, line: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write('Usage: rx-followup explain --rules <dir|file> --input <file> [--line N]\n');
    return 0;
  }
  if (!values.input) fail('explain needs --input <file>');
  const ruleSet = await loadRuleSet(values.rules);
  const planner = createPlanner({ ruleSet });
  const inputs = parseInputs(await readFile(values.input, 'utf8'));
  const only = values.line === undefined ? undefined : Number(values.line);
  if (only !== undefined && !(Number.isInteger(only) && only >= 1 && only <= inputs.length)) fail(`--line must be 1 to ${inputs.length}`);
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'explain':
      return explain(rest);
    case 'schema':
      process.stdout.write(`${JSON.stringify(ruleFileJsonSchema(), null, 2)}\n`);
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof RxFollowupError) process.stderr.write(`rx-followup: ${error.message}\n`);
    else process.stderr.write(`rx-followup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
