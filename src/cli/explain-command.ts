/**
 * `rx-followup explain`: a readable timeline of each plan of an input file, for people. Reads records the way
 * `plan` does (NDJSON or a JSON array, each record's line kept; a single pretty-printed object too), reports a
 * record that cannot be planned at its line and column, and goes on.
 */
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../errors.js';
import { namesOf } from '../plan/names.js';
import type { Planner } from '../planner.js';
import { Words } from '../i18n/words.js';
import { parsePlanInput } from '../schema/parse-input.js';
import type { PlanInput } from '../schema/input.js';
import type { TextEncodingName } from '../node/text.js';
import { summaryLine } from './plan-command.js';
import { parseRecord, withAsOf, type RecordError } from './plan-record.js';
import { readRecords, recordOf, type RawRecord } from './records.js';
import { renderTimeline, type Style } from './timeline.js';
import { UsageError } from './options.js';
import { cliWords, type CliSay } from './cli-words.js';
import { printable, printableDeep } from './terminal.js';

export interface ExplainOptions {
  readonly planner: Planner;
  readonly input: string; // a path, or '-' for stdin
  readonly stdin: Readable;
  readonly asOf: string | undefined;
  readonly encoding: TextEncodingName;
  /** Explain only the N-th record (1-based). */
  readonly only: number | undefined;
  readonly style: Style;
  readonly summary: boolean;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** A record that could not be planned, as explain shows it. */
function describeFailure(error: RecordError, words: CliSay): string {
  const issues = error.issues?.map((i) => `\n  ${i.path}${words('colon')}${i.message}`).join('') ?? '';
  // An invalid input is said in words with its count; a record that is not JSON says its own problem.
  const what =
    error.error === 'InputError' ? words('invalid-input', { problems: error.issues?.length ?? 0 }) : error.error;
  return `${words('record-at', { line: error.line, column: error.column })}${words('colon')}${what}${issues}`;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The records of the input: a single JSON object spanning lines is one record; otherwise as `plan` reads them. */
function recordsOf(
  bytes: Uint8Array,
  text: string,
  encoding: TextEncodingName,
): AsyncIterable<RawRecord> | RawRecord[] {
  const start = text.search(/\S/);
  if (text[start] === '{' && text.trimEnd().endsWith('}') && text.includes('\n', start)) {
    try {
      JSON.parse(text.slice(start));
      return [recordOf(text.slice(0, start).split('\n').length, text.slice(start).trimEnd(), encoding)];
    } catch {
      // Not one object: NDJSON, each line reported on its own.
    }
  }
  return readRecords(once(bytes), encoding);
}

/** Runs the command; resolves to the exit code (0: every record planned, 1: some could not be). */
export async function runExplainCommand(options: ExplainOptions): Promise<number> {
  const started = performance.now();
  const { locale } = options.planner;
  const words = new Words(locale, namesOf(options.planner.ruleSet));
  const said = cliWords(locale);
  const source = options.input === '-' ? options.stdin : createReadStream(options.input);
  const chunks: Uint8Array[] = [];
  for await (const chunk of source as AsyncIterable<Uint8Array>) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const text = new TextDecoder(options.encoding).decode(bytes);
  let index = 0;
  let planned = 0;
  let failed = 0;
  let touchpoints = 0;
  const blocks: string[] = [];
  for await (const record of recordsOf(bytes, text, options.encoding)) {
    index++;
    if (options.only !== undefined && index !== options.only) continue;
    const parsed = parseRecord(record, locale);
    if (!parsed.ok) {
      failed++;
      blocks.push(printable(describeFailure(parsed.error, said)));
      continue;
    }
    try {
      const raw = withAsOf(parsed.json, options.asOf);
      const input = parsePlanInput(raw, locale);
      // The input as given, not as parsed: a key that only looks like a field is a warning of the plan.
      const plan = await options.planner.plan(raw as PlanInput);
      planned++;
      touchpoints += plan.touchpoints.length;
      // The data escaped for the terminal first, then styled (the style's own escapes stay).
      blocks.push(renderTimeline(printableDeep(plan), printableDeep(input), options.style, words));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      blocks.push(
        printable(describeFailure({ line: record.line, error: error.name, issues: [...error.issues] }, said)),
      );
    }
  }
  if (options.only !== undefined && options.only > index)
    throw new UsageError('line-past-end', { line: options.only, records: index });
  if (blocks.length > 0) options.stdout.write(`${blocks.join('\n\n')}\n`);
  if (index === 0) options.stderr.write(`${said('no-records')}\n`);
  else if (options.summary)
    options.stderr.write(
      `${summaryLine(planned, failed, touchpoints, (performance.now() - started) / 1000, locale)}\n`,
    );
  return failed === 0 ? 0 : 1;
}
