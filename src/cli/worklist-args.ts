/**
 * The worklist command's edges: its options checked before anything is read, and the worklist written as asked
 * (summary, JSON, workbook, CSV). The reading is worklist-command.ts's.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseLocalDate } from '../calendar/local-date.js';
import { summarizeWorklist } from '../worklist/summary.js';
import type { Worklist, WorklistOptions } from '../worklist/types.js';
import type { CliIo } from './io.js';
import { UsageError } from './options.js';
import { summaryText } from './worklist-rows.js';
import { writeWorklistCsv, writeWorklistXlsx } from './worklist-write.js';
import type { sheetWords } from './worklist-words.js';

/** The worklist command's options, as parseArgs gives them. */
export interface WorklistArgs {
  staff?: string | undefined;
  from?: string | undefined;
  days: string;
  target?: string | undefined;
  format: string;
  sheets: string;
  summary: boolean;
  output?: string | undefined;
  bom: boolean;
}

/** The options once checked: a roster, a first day, a kind of sheet. */
export type CheckedWorklistArgs = WorklistArgs & { staff: string; from: string; sheets: 'day' | 'staff' };

/** What the command line itself gets wrong, before anything is read. */
export function checkWorklistArgs(values: WorklistArgs): asserts values is CheckedWorklistArgs {
  if (values.staff === undefined) throw new UsageError('needs-staff', {});
  if (values.from === undefined || parseLocalDate(values.from) === undefined) throw new UsageError('needs-from', {});
  if (!/^\d{1,2}$/.test(values.days)) throw new UsageError('whole-number', { option: '--days', from: 1, to: 62 });
  if (values.target !== undefined && !/^\d{1,4}$/.test(values.target))
    throw new UsageError('whole-number', { option: '--target', from: 0, unit: 'calls-a-day' });
  if (!['csv', 'json', 'xlsx'].includes(values.format))
    throw new UsageError('one-of', { option: '--format', values: ['csv', 'json', 'xlsx'] });
  if (values.sheets !== 'day' && values.sheets !== 'staff')
    throw new UsageError('one-of', { option: '--sheets', values: ['day', 'staff'] });
  if (values.format === 'xlsx' && !values.summary && values.output === undefined)
    throw new UsageError('xlsx-needs-output', {});
}

/** The worklist written as asked: its summary, JSON, a workbook, or CSV (to the output file, else standard output). */
export async function writeWorklist(
  list: Worklist,
  values: CheckedWorklistArgs,
  stdout: CliIo['stdout'],
  sheet: ReturnType<typeof sheetWords>,
  staff: WorklistOptions['staff'],
): Promise<void> {
  const write = (text: string): Promise<void> =>
    values.output === undefined
      ? new Promise((done) => stdout.write(text, () => done()))
      : writeFile(values.output, text);
  if (values.summary) {
    const summary = summarizeWorklist(list);
    await write(values.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary, list, sheet));
  } else if (values.format === 'json') await write(`${JSON.stringify(list, null, 2)}\n`);
  else if (values.format === 'xlsx')
    await writeWorklistXlsx(
      list,
      values.sheets as 'day' | 'staff',
      values.output as string,
      sheet,
      new Map(staff.map((s) => [s.id, s])),
    );
  else if (values.output === undefined) await writeWorklistCsv(list, stdout, sheet, values.bom);
  else {
    const file = createWriteStream(values.output);
    let failed: unknown;
    file.on('error', (error) => (failed ??= error));
    await writeWorklistCsv(list, file, sheet, values.bom, () => failed);
    await new Promise<void>((done, fail) => file.end(() => (failed === undefined ? done() : fail(failed))));
  }
}
