/**
 * `rx-followup diff --base <rulesA> --rules <rulesB> --input <file>`: each input planned with both rule sets, record
 * by record as they are read; per input the contacts added, removed and moved; then totals per rule and purpose and
 * the load per weekday before and after, as a small text histogram (or all of it as JSON).
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io.js';
import { textWidth } from './text-width.js';
import { createPlanner, InputError, type FollowUpPlan } from '../index.js';
import {
  addToTotals,
  diffPlans,
  newDiffTotals,
  type DiffContact,
  type DiffTotals,
  type PlanDiff,
} from '../workbench/plan-diff.js';
import { loadRuleSet } from '../node/index.js';
import { parsePlanInput } from '../schema/parse-input.js';
import { encodingOption, inputOption, localeOption, resolveAsOf, UsageError } from './options.js';
import { Words } from '../i18n/words.js';
import { namesOf } from '../plan/names.js';
import { parseRecord, withAsOf } from './plan-record.js';
import { readRecords } from './records.js';
import { cliWords } from './cli-words.js';

export const DIFF_HELP = `Usage: rx-followup diff --base <rules> --rules <rules> [--input <file>|-] [--as-of WHEN]
                        [--format text|json] [--encoding E] [--locale en|zh-CN]

Plans every input with the --base rules and with the --rules rules and says what the change does: per input, the
contacts added (+), removed (-) and moved (~, the same purpose and drugs at another time or channel); then totals
per rule and per purpose, and the contacts per weekday before and after. --as-of as for plan (default now).
Exit 0; 1 when a record cannot be planned (it is reported at its line, and the others still are).
`;

const WEEKDAY_CODES = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** The command's own words per locale; days, channels and purposes come from the planner's words. */
const LABELS = {
  en: {
    head: (d: PlanDiff) =>
      `${d.purchaseId} (customer ${d.customerId}): +${d.added.length} -${d.removed.length} ~${d.moved.length}, ${d.unchanged} unchanged`,
    perRule: 'per rule:',
    perPurpose: 'per purpose:',
    perWeekday: 'contacts per weekday:',
    before: 'before',
    after: 'after ',
    weekday: (i: number) => EN.weekday(WEEKDAY_CODES[i]),
  },
  'zh-CN': {
    head: (d: PlanDiff) =>
      `${d.purchaseId}（顾客 ${d.customerId}）：+${d.added.length} -${d.removed.length} ~${d.moved.length}，${d.unchanged} 次不变`,
    perRule: '按规则：',
    perPurpose: '按目的：',
    perWeekday: '每个星期几的联系数：',
    before: '修改前',
    after: '修改后',
    weekday: (i: number) => ZH_CN.weekday(WEEKDAY_CODES[i]),
  },
} as const;
const EN = new Words('en');
const ZH_CN = new Words('zh-CN');

/** One input's changes as text, in the words of `words` (English names purposes by their codes, as the totals do). */
function describeDiff(d: PlanDiff, words: Words): string {
  const en = words.locale === 'en';
  const at = (c: DiffContact): string => words.at(c.start);
  const channel = (c: string): string => words.channel(c);
  const purpose = (c: DiffContact): string =>
    en
      ? c.purpose
      : c.purpose
          .split('+')
          .map((p) => words.purpose(p))
          .join('+');
  const lines = [LABELS[words.locale].head(d)];
  for (const c of d.added) lines.push(`  + ${at(c)} ${channel(c.channel)} ${purpose(c)}`);
  for (const c of d.removed) lines.push(`  - ${at(c)} ${channel(c.channel)} ${purpose(c)}`);
  for (const m of d.moved) {
    const ch =
      m.before.channel === m.after.channel
        ? channel(m.after.channel)
        : `${channel(m.before.channel)} → ${channel(m.after.channel)}`;
    lines.push(`  ~ ${at(m.before)} → ${at(m.after)} ${ch} ${purpose(m.after)}`);
  }
  return lines.join('\n');
}

/** Totals and the weekday histogram as text; rules and purposes by their names in `words`, the id after. */
export function totalsText(totals: DiffTotals, words: Words = EN): string {
  const l = LABELS[words.locale];
  const say = cliWords(words.locale);
  const named = (name: string, id: string): string => (name === id ? id : say('named', { name, id }));
  const table = (title: string, map: DiffTotals['byRule'], name: (id: string) => string): string[] => {
    const keys = Object.keys(map).sort();
    if (keys.length === 0) return [];
    const colon = say('colon');
    return [
      title,
      ...keys.map(
        (k) => `  ${named(name(k), k)}${colon}+${map[k]?.added ?? 0} -${map[k]?.removed ?? 0} ~${map[k]?.moved ?? 0}`,
      ),
    ];
  };
  const max = Math.max(1, ...totals.weekdays.before, ...totals.weekdays.after);
  const bar = (n: number): string => '█'.repeat(Math.round((n / max) * 30));
  const width = String(max).length;
  // A Chinese weekday (周一) takes two columns a character in a terminal.
  const pad = ' '.repeat(2 + textWidth(l.weekday(0)) + 1);
  const load = WEEKDAY_CODES.flatMap((_, i) => {
    const b = totals.weekdays.before[i] as number;
    const a = totals.weekdays.after[i] as number;
    return [
      `  ${l.weekday(i)} ${l.before} ${String(b).padStart(width)} ${bar(b)}`,
      `${pad}${l.after} ${String(a).padStart(width)} ${bar(a)}`,
    ];
  });
  return [
    ...table(l.perRule, totals.byRule, (id) => words.ruleName(id)),
    ...table(l.perPurpose, totals.byPurpose, (code) => words.purpose(code)),
    l.perWeekday,
    ...load,
  ].join('\n');
}

export async function runDiffCommand(
  args: string[],
  io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr' | 'env' | 'now'>,
): Promise<number> {
  const { stdout, stderr } = io;
  const { values } = parseArgs({
    args,
    options: {
      base: { type: 'string' },
      rules: { type: 'string' },
      input: { type: 'string', default: '-' },
      'as-of': { type: 'string' },
      format: { type: 'string', default: 'text' },
      encoding: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const locale = localeOption(values.locale, io.env);
  const said = cliWords(locale);
  if (values.base === undefined || values.rules === undefined) throw new UsageError('needs-base-and-rules', {});
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError('one-of', { option: '--format', values: ['text', 'json'] });
  const encoding = encodingOption(values.encoding, '--encoding');
  const input = await inputOption(values.input);
  const [baseRules, newRules] = await Promise.all([
    loadRuleSet(values.base, { locale }),
    loadRuleSet(values.rules, { locale }),
  ]);
  const before = createPlanner({ ruleSet: baseRules, locale });
  const after = createPlanner({ ruleSet: newRules, locale });
  // Names from both rule sets (the new one's first): a rule the change removes is still named in the totals.
  const [was, is] = [namesOf(baseRules), namesOf(newRules)];
  const words = new Words(locale, {
    rules: new Map([...was.rules, ...is.rules]),
    purposes: new Map([...was.purposes, ...is.purposes]),
  });
  const asOf = resolveAsOf(values['as-of'], newRules.defaults.timeZone, io.now);
  const totals = newDiffTotals();
  const diffs: PlanDiff[] = [];
  let failed = 0;
  const source = input.path === '-' ? io.stdin : createReadStream(input.path);
  for await (const record of readRecords(source, encoding)) {
    const parsed = parseRecord(record, locale);
    let plans: [FollowUpPlan, FollowUpPlan] | undefined;
    if (parsed.ok) {
      try {
        const planInput = parsePlanInput(withAsOf(parsed.json, asOf), locale);
        plans = [await before.plan(planInput), await after.plan(planInput)];
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const issues = error.issues.map((i) => `${i.path}${said('colon')}${i.message}`).join(said('separator'));
        stderr.write(
          `rx-followup${said('colon')}${said('record-at', { line: record.line })}${said('colon')}${issues}\n`,
        );
      }
    } else
      stderr.write(
        `rx-followup${said('colon')}${said('record-at', { line: parsed.error.line, column: parsed.error.column })}${said('colon')}${parsed.error.error}\n`,
      );
    if (plans === undefined) {
      failed++;
      continue;
    }
    const diff = diffPlans(plans[0], plans[1]);
    addToTotals(totals, plans[0], plans[1], diff);
    const changed = diff.added.length + diff.removed.length + diff.moved.length > 0;
    if (values.format === 'json') diffs.push(diff);
    else if (changed) stdout.write(`${describeDiff(diff, words)}\n`);
  }
  if (values.format === 'json') stdout.write(`${JSON.stringify({ inputs: diffs, totals }, null, 2)}\n`);
  else stdout.write(`${totalsText(totals, words)}\n`);
  return failed === 0 ? 0 : 1;
}
