/** A worklist written for people: CSV (streamed) and an Excel workbook that prints as the morning's call sheet. */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { textWidth } from './text-width.js';
import type { Worklist } from '../index.js';
import { CSV_OPTIONS, safeCell } from './formats.js';
import {
  CSV_COLUMNS,
  eachWorklistRow,
  PRINTED_COLUMNS,
  SHEET_COLUMNS,
  worklistSheets,
  type RosterIndex,
  type WorklistRow,
} from './worklist-rows.js';
import type { SheetWords } from './worklist-words.js';

/** Rows a CSV chunk holds: the file is written as it is made, never held whole. */
const CSV_CHUNK = 2_000;

/** Columns that hold numbers only as text: a phone or an id Excel must not turn into 1.7990832E+10. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['phone', 'customer', 'touchpoint', 'purchase']);

/**
 * A cell of a CSV meant for Excel (`--bom`): a phone or an id of digits only is written `="17990832000"`, which Excel
 * shows as the text it is (a bare 17990832000 it would show as 1.7990832E+10 and round past 15 digits). Only digits
 * go in, so this formula runs nothing.
 */
const excelText = (key: string, value: string): string =>
  TEXT_COLUMNS.has(key) && /^\d+$/.test(value) ? `="${value}"` : value;

/** The worklist as CSV, written chunk by chunk to `out`; with `bom`, for Excel (a byte order mark, long numbers as text). */
export async function writeWorklistCsv(
  list: Worklist,
  out: Writable,
  words: SheetWords,
  bom: boolean,
  failed: () => unknown = () => undefined,
): Promise<void> {
  let chunk: string[][] = [CSV_COLUMNS.map((key) => words.headers[key])];
  const flush = async (): Promise<void> => {
    const text = stringify(chunk, CSV_OPTIONS);
    chunk = [];
    if (failed() !== undefined) throw failed();
    if (!out.write(text)) await once(out, 'drain');
  };
  if (bom) out.write('\uFEFF');
  for (const row of eachWorklistRow(list, words)) {
    chunk.push(
      CSV_COLUMNS.map((key) => {
        const value = row[key as keyof WorklistRow];
        const text = bom ? excelText(key, value) : value;
        return text === value ? safeCell(value) : text;
      }),
    );
    if (chunk.length >= CSV_CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
}

/** `&` starts a field code in a page header (`&P`, `&D`): a store or a name with one in it is written `&&`. */
const headerText = (text: string): string => text.replace(/&/g, '&&');

/** Columns whose text wraps in the cell: a long window, purpose, drugs or reason reads on two lines, not cut off. */
const WRAPPED: ReadonlySet<string> = new Set(['time', 'purpose', 'drugs', 'why']);
/** The height of one line of text in a row, in points (Excel's default font). */
const LINE_HEIGHT = 15;

/**
 * The lines a row's wrapped cells take: the streaming writer cannot measure text, and a reader (LibreOffice) keeps a
 * row one line high unless told, so the height is set from each cell's width in columns (a Chinese character is two).
 */
function linesOf(row: WorklistRow): number {
  let lines = 1;
  for (const c of SHEET_COLUMNS)
    if (WRAPPED.has(c.key))
      lines = Math.max(lines, Math.ceil(textWidth(row[c.key as keyof WorklistRow]) / (c.width - 1)));
  return lines;
}

/** The letter of the `n`th column (1-based), within the 26 this sheet uses. */
const columnLetter = (n: number): string => String.fromCharCode(64 + n);

/**
 * The worklist as an Excel workbook, streamed sheet by sheet to the file (exceljs's streaming writer). Each sheet
 * prints as a call sheet: landscape A4, one page wide, the header row on every page, the store, the day and the staff
 * at the top, page numbers at the bottom; the columns a person calls from print, the long reasons and ids stay on
 * screen to their right. Phones and ids are text cells, so Excel never shows them as numbers.
 */
export async function writeWorklistXlsx(
  list: Worklist,
  by: 'day' | 'staff',
  output: string,
  words: SheetWords,
  roster: RosterIndex,
): Promise<void> {
  // exceljs's JSZip calls `new Buffer()`; bundled into dist/, Node takes it for ours and warns the pharmacist (DEP0005).
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    await writeSheets(list, by, output, words, roster);
  } finally {
    process.noDeprecation = quiet === true;
  }
}

async function writeSheets(...[list, by, output, words, roster]: Parameters<typeof writeWorklistXlsx>): Promise<void> {
  // exceljs is large: loaded only here, for the one command and format that needs it.
  const { stream } = (await import('exceljs')).default;
  const workbook = new stream.xlsx.WorkbookWriter({ filename: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'rx-followup';
  const border = { style: 'thin' as const };
  const boxed = { top: border, left: border, bottom: border, right: border };
  for (const sheetOf of worklistSheets(list, by, words, roster)) {
    const sheet = workbook.addWorksheet(sheetOf.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printArea: `A$1:${columnLetter(PRINTED_COLUMNS)}$1048576`,
        printTitlesRow: '1:1',
        margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: {
        oddHeader: `&L${headerText(sheetOf.header.left)}&C&B${headerText(sheetOf.header.center)}&R${headerText(sheetOf.header.right)}`,
        oddFooter: `&C${words.pageFooter}`,
      },
    });
    // Styles by column (a cell takes its column's when made): per-cell styles cost a third more time on 100,000 rows.
    sheet.columns = SHEET_COLUMNS.map((c, i) => ({
      header: words.headers[c.key],
      key: c.key,
      width: c.width,
      style: {
        alignment: { vertical: 'top', wrapText: WRAPPED.has(c.key) },
        ...(TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {}),
        ...(i < PRINTED_COLUMNS ? { border: boxed } : {}),
      },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of sheetOf.rows()) {
      const added = sheet.addRow(
        SHEET_COLUMNS.map((c) => (c.key === 'outcome' ? '' : row[c.key as keyof WorklistRow])),
      );
      added.height = LINE_HEIGHT * linesOf(row);
      added.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
}
