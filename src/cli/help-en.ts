/** The CLI's help in English: the overview and the commands main.ts runs itself (the others' beside their code). */

export const USAGE_EN = (
  version: string,
): string => `rx-followup ${version}: plan pharmacy follow-up contacts (回访) from JSON rules

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

/** The help of the commands whose options main.ts reads itself. */
export const HELP_EN: Readonly<Record<string, string>> = {
  validate: `Usage: rx-followup validate [rules...] [--format text|json] [--encoding utf-8|gbk|gb18030] [--as-of DATE] [--locale L]

Checks rule files or folders (default ./rules): each folder's *.json files are merged into one rule set.
Prints one line per problem, compiler style:
  rules/cadences.json:14:7 rules[2].event.params.offsets[0]: "P3" is not an ISO-8601 duration
A JSON syntax error is shown where it is, with what was found (a full-width colon, a comment, a bare word).
--format json prints a JSON array of { file, line, column, path, code, message, severity } for tools
(code: docs/issues.md).
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
