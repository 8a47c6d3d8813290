/**
 * `rx-followup worklist`: the plans of a file (as `plan` writes them), a staff roster and a range of days into each
 * person's list — CSV, JSON or an Excel workbook (exceljs, loaded only for xlsx) — or, with `--summary`, the day-by-day
 * and weekly counts.
 */
import type { Locale } from '../i18n/explanation.js';
import { textIssue } from '../i18n/text-issues.js';
import type { TextCoded } from '../i18n/text-issue-codes.js';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { CliIo } from './io.js';
import { createPlanner, InputError, type Issue, type Worklist, type WorklistOptions } from '../index.js';
import { plannerInternals } from '../planner.js';
import {
  parseWorklistOptions,
  parseWorklistPlan,
  WORKLIST_LIMITS,
  type ParsedWorklistOptions,
  type ParsedWorklistPlan,
} from '../worklist/parse.js';
import { worklistOfParsed } from '../worklist/worklist.js';
import { loadRuleSet } from '../node/index.js';
import { readRegularFile } from '../node/read-file.js';
import { decodeText, type TextEncodingName } from '../node/text.js';
import { formatLocalDate, fromEpochDay, parseLocalDate, toEpochDay } from '../calendar/local-date.js';
import { encodingOption, inputOption, localeOption, rulesOption, UsageError } from './options.js';
import { readRecords } from './records.js';
import { parseRecord } from './plan-record.js';
import { LineIndex, parseJsonText } from '../_lib/json-text.js';
import { ownersSpan, readOwners } from './roster-owners.js';
import { cliWords, type CliSay } from './cli-words.js';
import { checkWorklistArgs, writeWorklist } from './worklist-args.js';
import { sheetWords } from './worklist-words.js';
import { collectGarbage } from './gc.js';
import { printable } from './terminal.js';
import { joinWorklists, PoolGroups, poolKeyOf, SharedValues, slim } from './worklist-groups.js';

export const WORKLIST_HELP = `Usage: rx-followup worklist --rules <dir|file> --staff <file> --from YYYY-MM-DD [--days N]
                            [--input <file>|-] [--format csv|json|xlsx] [--output <file>] [--sheets day|staff]
                            [--summary] [--mask-phone] [--no-level] [--target N] [--bom] [--encoding E]
                            [--locale en|zh-CN]

Reads plans (as \`plan\` writes them: NDJSON or a JSON array) and assigns every call, home visit and message whose
window starts in the --days days from --from (default 7) to a staff member and a day: each customer stays with one
person of their store, nobody gets more calls or visits a day than the roster says, escalations go first, and
routine calls and visits move within their tolerance and the rules' windows off days over a person's capacity (or
over --target). What no one can take is listed as overflow, with why.
--staff FILE   a JSON array of staff, or { "staff": [...], "owners": { "<customerId>": "<staffId>" } }; a staff
               member is { "id", "storeId"?, "calls", "visits"?, "days"?: ["MON", …], "hours"?: { "from", "to" },
               "off"?: ["YYYY-MM-DD"] }. owners keeps customers with the person who followed them before.
               Read in --encoding, like the plans.
--format F     csv (default; one row per contact, overflow last), json (the Worklist), xlsx (an Excel workbook:
               one sheet per day, or per staff member with --sheets staff, each printing landscape one page wide
               with the header row on every page; needs --output)
--summary      the day-by-day, person-by-person counts (calls, visits, messages, escalations, moved, overflow)
               and weekly totals instead of the list (text; json with --format json)
--mask-phone   phone numbers as 138****1001       --no-level   move contacts only when they must
--target N     level each person's days to about N calls (and visits) a day (default: only days over capacity)
--bom          a byte order mark before CSV, so that Excel opens Chinese text as UTF-8; phones and ids of digits
               only are written ="…", so that Excel keeps them as text
Exit 0 when the list is written (overflow or not: it is in the list, and counted on standard error), 1 when the
plans or the roster are invalid (each problem at its line), 2 on usage errors.
`;

/** Worklist options the command line sets (`--from`, `--days`, …): a roster file does not override them. */
const COMMAND_LINE_OPTIONS = ['from', 'days', 'maskPhone', 'level', 'target'] as const;

/** A roster file's size bound: a million owners with long ids fit (SECURITY.md). */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024;
/** Values a roster may hold before it is parsed: a million owners and a thousand staff, each with their fields. */
const MAX_ROSTER_VALUES = 1_100_000;

/**
 * Reads the roster: a list of staff, or `{ staff, owners }` — a regular file (a FIFO is refused, not waited on), at
 * most {@link MAX_ROSTER_BYTES}, in the input's encoding (bytes that are not text in it are refused at their line).
 */
export async function readStaff(
  path: string,
  words: CliSay,
  encoding: TextEncodingName = 'utf-8',
  stderr: Writable | null = null,
): Promise<Pick<WorklistOptions, 'staff' | 'owners'>> {
  // The roster cannot be read: where (`:line:column`, or nothing for the file), and why.
  const unreadable = (at: string, problem: TextCoded): UsageError =>
    new UsageError('roster-unreadable', {
      path,
      problem: `${at}${words('colon')}${words('record-problem', { problem })}`,
    });
  const read = await readRegularFile(path, MAX_ROSTER_BYTES);
  if (!read.ok) throw unreadable('', read.problem);
  const decoded = decodeText(read.bytes, encoding);
  if (!decoded.ok) throw unreadable(`:${decoded.problem.line}:${decoded.problem.column}`, decoded.problem);
  // `owners` straight into a Map when it is the flat object of strings it should be (roster-owners.ts); the rest,
  // and anything doubtful, by the JSON parser — without a location tree: a roster's problems are named by their paths
  // (options.owners.C1), and a tree of a million owners would take most of a gigabyte.
  const text = decoded.text;
  const span = ownersSpan(text);
  let owners: ReturnType<typeof readOwners>;
  try {
    owners = span === undefined ? undefined : readOwners(text, span.start, span.end);
  } catch {
    owners = undefined;
  }
  if (owners !== undefined && !owners.ok) {
    const lines = new LineIndex(text);
    const first = lines.at(owners.first);
    const { line, column } = lines.at(owners.second);
    const twice: TextCoded = {
      code: 'syntax-duplicate-key',
      params: { key: owners.key, line: first.line, column: first.column },
    };
    throw unreadable(`:${line}:${column}`, twice);
  }
  const rest =
    owners?.ok === true && span !== undefined ? `${text.slice(0, span.start)}{}${text.slice(span.end)}` : text;
  let parsed = parseJsonText(rest, { locate: false, maxValues: MAX_ROSTER_VALUES });
  // A problem in the rest is said at its place in the file as written.
  if (!parsed.ok && rest !== text) parsed = parseJsonText(text, { locate: false, maxValues: MAX_ROSTER_VALUES });
  if (!parsed.ok) throw unreadable(`:${parsed.problem.line}:${parsed.problem.column}`, parsed.problem);
  if (owners?.ok === true) (parsed.value.json as Record<string, unknown>)['owners'] = owners.owners;
  const json = parsed.value.json;
  if (Array.isArray(json)) return { staff: json as WorklistOptions['staff'] };
  if (json !== null && typeof json === 'object' && 'staff' in json) {
    // The command line sets the range and the other options: the roster's own are ignored, and that is said.
    const roster = { ...(json as Record<string, unknown>) };
    const ignored = COMMAND_LINE_OPTIONS.filter((key) => Object.hasOwn(roster, key));
    for (const key of ignored) delete roster[key];
    if (ignored.length > 0)
      stderr?.write(
        `${words('warning', { text: `--staff: ${path}: ${ignored.join(', ')} in the roster ignored: the command line sets them` })}\n`,
      );
    return roster as Pick<WorklistOptions, 'staff' | 'owners'>;
  }
  throw new UsageError('roster-shape', { path });
}

/** A large file (in records) is read with the heap collected now and then: memory follows a store (see gc.ts). */
const TIDY_EVERY = 20_000;

/** Problems collected from a file before reading stops: enough to fix a file, bounded however bad it is. */
const MAX_PROBLEMS = 1_000;

/**
 * The plans of the input (those `keep` takes, by record index), each validated as it is read — only what the worklist
 * reads of it is kept (see `slim`) — with every problem at its line. At most the library's bounds of plans and
 * contacts; reading stops after {@link MAX_PROBLEMS} problems.
 */
async function readPlans(
  stdin: Readable,
  path: string,
  encoding: ReturnType<typeof encodingOption>,
  locale: Locale,
  range: { from: string; to: string },
  keep: (index: number) => boolean = () => true,
  tidy = false,
): Promise<{ plans: ParsedWorklistPlan[]; issues: Issue[] }> {
  const words = cliWords(locale);
  const source = path === '-' ? stdin : createReadStream(path);
  const plans: ParsedWorklistPlan[] = [];
  const issues: Issue[] = [];
  const shared = new SharedValues();
  let index = 0;
  let touchpoints = 0;
  for await (const record of readRecords(source, encoding)) {
    const i = index++;
    if (tidy && i % TIDY_EVERY === TIDY_EVERY - 1) collectGarbage();
    if (!keep(i)) continue;
    const parsed = parseRecord(record, locale);
    if (!parsed.ok)
      issues.push(
        textIssue(words('line-at', { line: parsed.error.line, column: parsed.error.column }), parsed.problem, locale),
      );
    else {
      const plan = parseWorklistPlan(slim(parsed.json, range.from, range.to), 0, locale);
      if (!plan.ok) issues.push(...atLines(plan.issues, [record.line], words));
      else if (
        plans.length === WORKLIST_LIMITS.plans ||
        (touchpoints += plan.plan.touchpoints.length) > WORKLIST_LIMITS.touchpoints
      ) {
        const limit: TextCoded =
          plans.length === WORKLIST_LIMITS.plans
            ? { code: 'records-too-many', params: { max: WORKLIST_LIMITS.plans, what: 'plans' } }
            : { code: 'records-too-many', params: { max: WORKLIST_LIMITS.touchpoints, what: 'contacts' } };
        issues.push(textIssue(words('line-at', { line: record.line }), limit, locale));
        break;
      } else plans.push(shared.share(plan.plan));
    }
    if (issues.length >= MAX_PROBLEMS) {
      issues.push(tooManyProblems(words('line-at', { line: record.line }), locale));
      break;
    }
  }
  return { plans, issues };
}

/** The last issue of an input with {@link MAX_PROBLEMS}: the rest is not read. */
const tooManyProblems = (at: string, locale: Locale): Issue =>
  textIssue(at, { code: 'records-too-many-problems', params: { max: MAX_PROBLEMS } }, locale);

/** A first read of a plans file: the group each record's contacts fall in (see worklist-groups.ts), and its problems. */
async function scanPlans(
  path: string,
  encoding: ReturnType<typeof encodingOption>,
  locale: Locale,
  staff: WorklistOptions['staff'],
): Promise<{ groupOf: string[]; groups: string[]; issues: Issue[] }> {
  const words = cliWords(locale);
  const pools: string[] = [];
  const groups = new PoolGroups();
  const issues: Issue[] = [];
  for await (const record of readRecords(createReadStream(path), encoding)) {
    const parsed = parseRecord(record, locale);
    if (!parsed.ok) {
      issues.push(
        textIssue(words('line-at', { line: parsed.error.line, column: parsed.error.column }), parsed.problem, locale),
      );
      if (issues.length >= MAX_PROBLEMS) {
        issues.push(tooManyProblems(words('line-at', { line: record.line }), locale));
        break;
      }
      pools.push('');
      continue;
    }
    const plan = parsed.json as { storeId?: unknown; customerId?: unknown } | null;
    const pool = poolKeyOf(plan?.storeId, Array.isArray(staff) ? staff : []);
    groups.add(String(plan?.customerId), pool);
    pools.push(pool);
  }
  return { groupOf: pools.map((p) => groups.groupOf(p)), groups: groups.groups, issues };
}

/**
 * The worklist of the input's plans, every problem (the options' `problems` too) refused together. A file can be
 * read again: store by store (groups of pools that share no staff and no customer), so that memory follows the
 * largest store, not the chain; standard input is read once.
 */
async function worklistOfInput(
  stdin: CliIo['stdin'],
  path: string,
  encoding: TextEncodingName,
  locale: Locale,
  range: { from: string; to: string },
  roster: Pick<WorklistOptions, 'staff'>,
  problems: readonly Issue[],
  listOf: (plans: readonly ParsedWorklistPlan[]) => Worklist,
): Promise<Worklist> {
  if (path === '-') {
    const { plans, issues } = await readPlans(stdin, path, encoding, locale, range);
    if (issues.length > 0 || problems.length > 0)
      throw new InputError([...issues, ...problems], 'Invalid worklist input', locale);
    return listOf(plans);
  }
  const scan = await scanPlans(path, encoding, locale, roster.staff);
  if (scan.issues.length > 0 || problems.length > 0)
    throw new InputError([...scan.issues, ...problems], 'Invalid worklist input', locale);
  const tidy = scan.groupOf.length >= TIDY_EVERY;
  const collect = tidy ? collectGarbage : () => undefined;
  const lists: Worklist[] = [];
  for (const group of scan.groups) {
    const { plans, issues } = await readPlans(
      stdin,
      path,
      encoding,
      locale,
      range,
      (i) => scan.groupOf[i] === group,
      tidy,
    );
    if (issues.length > 0) throw new InputError(issues, 'Invalid worklist input', locale);
    collect();
    lists.push(listOf(plans));
    collect();
  }
  const list = lists.length === 0 ? listOf([]) : joinWorklists(lists);
  collect();
  return list;
}

/** `plans[3].touchpoints[0]…` as `line 12: touchpoints[0]…`, so a problem points into the file. */
function atLines(issues: readonly Issue[], lines: readonly number[], words: CliSay): Issue[] {
  return issues.map((issue) => {
    const m = /^plans\[(\d+)\]\.?(.*)$/.exec(issue.path);
    const line = lines[Number(m?.[1])];
    return m
      ? {
          ...issue,
          path: `${line === undefined ? '?' : words('line-at', { line })}${m[2] ? `${words('colon')}${m[2]}` : ''}`,
        }
      : issue;
  });
}

export async function runWorklistCommand(
  args: string[],
  io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr' | 'env'>,
): Promise<number> {
  const { stdout } = io;
  const { values } = parseArgs({
    args,
    options: {
      rules: { type: 'string' },
      input: { type: 'string', default: '-' },
      staff: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string', default: '7' },
      format: { type: 'string', default: 'csv' },
      output: { type: 'string' },
      sheets: { type: 'string', default: 'day' },
      summary: { type: 'boolean', default: false },
      'mask-phone': { type: 'boolean', default: false },
      'no-level': { type: 'boolean', default: false },
      target: { type: 'string' },
      bom: { type: 'boolean', default: false },
      encoding: { type: 'string' },
      'rules-encoding': { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const rules = rulesOption(values.rules, 'worklist');
  const locale = localeOption(values.locale, io.env);
  checkWorklistArgs(values);
  const encoding = encodingOption(values.encoding, '--encoding');
  const input = await inputOption(values.input);
  const words = cliWords(locale);
  const ruleSet = await loadRuleSet(rules, {
    encoding: encodingOption(values['rules-encoding'], '--rules-encoding'),
    locale,
  });
  const roster = await readStaff(values.staff, words, encoding, io.stderr);
  const options: WorklistOptions = {
    from: values.from,
    days: Number(values.days),
    ...roster,
    maskPhone: values['mask-phone'],
    level: !values['no-level'],
    ...(values.target === undefined ? {} : { target: Number(values.target) }),
  };
  const planner = createPlanner({ ruleSet, locale });
  // The list's days as local dates: contacts outside them are read only for the caps.
  // (--from was checked above; a --days past the bound leaves the range wide, and the options' check names it.)
  const first = parseLocalDate(values.from) as NonNullable<ReturnType<typeof parseLocalDate>>;
  const range = { from: values.from, to: formatLocalDate(fromEpochDay(toEpochDay(first) + Number(values.days) - 1)) };
  // The options first (their problems are reported with the plans'), then the plans validated as they are read.
  const { compiled, tables, renderer } = plannerInternals(planner);
  let parsedOptions: ParsedWorklistOptions | undefined;
  const problems: Issue[] = [];
  try {
    parsedOptions = parseWorklistOptions(options, locale);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.issues);
  }
  const listOf = (plans: readonly ParsedWorklistPlan[]): Worklist =>
    worklistOfParsed(compiled, tables, plans, parsedOptions as ParsedWorklistOptions, options, renderer);
  const list = await worklistOfInput(io.stdin, input.path, encoding, locale, range, roster, problems, listOf);
  await writeWorklist(list, values, stdout, sheetWords(locale), roster.staff);
  for (const w of list.warnings) io.stderr.write(`${printable(words('warning', { text: w }))}\n`);
  if (list.overflow.length > 0) io.stderr.write(`${words('overflow', { count: list.overflow.length })}\n`);
  return 0;
}
