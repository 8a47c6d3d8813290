import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPlanner, defaultRuleSet, type Worklist } from '../../src/index.js';
import { complaint, regular } from '../worklist-helpers.js';
import { ensureBuilt, root, rx, testIo } from './built.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'rx-worklist-'));
const plansFile = join(dir, 'plans.ndjson');
const staffFile = join(dir, 'staff.json');

beforeAll(async () => {
  ensureBuilt();
  const planner = createPlanner({ ruleSet: defaultRuleSet });
  // Store A: three calls planned for Tue 03-10 15:00 and a complaint escalated that morning.
  const plans = await Promise.all([regular(1), regular(2), regular(3), complaint(4)].map((i) => planner.plan(i)));
  writeFileSync(plansFile, plans.map((p) => JSON.stringify(p)).join('\n'));
  writeFileSync(
    staffFile,
    JSON.stringify({ staff: [{ id: 'A1', storeId: 'A', calls: 2, visits: 1 }], owners: { C1: 'A1' } }),
  );
}, 120_000);

const base = ['worklist', '--rules', 'rules', '--input', plansFile, '--staff', staffFile, '--from', '2026-03-09'];

describe('rx-followup worklist', () => {
  it('writes CSV, one row per contact, with a byte order mark for Excel when asked', async () => {
    // --target 1: level to about one call a day (by default only days over a person's capacity are levelled).
    const r = spawnSync(
      process.execPath,
      [join(root, 'dist/cli.js'), ...base, '--bom', '--mask-phone', '--target', '1'],
      { cwd: root },
    );
    expect(r.status).toBe(0);
    const bytes = r.stdout as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0] as object)).toEqual([
      'date',
      'staff',
      'time',
      'channel',
      'urgency',
      'purpose',
      'customer',
      'name',
      'phone',
      'drugs',
      'moved or overflow',
      'reasons',
      'touchpoint',
      'purchase',
      'status',
    ]);
    // Tue 03-10: the escalation; the four routine calls planned then are levelled to one a day, Mon to Fri.
    const tuesday = rows.filter((row) => row['date'] === '2026-03-10');
    expect(tuesday.map((row) => row['urgency'])).toEqual(['high']);
    expect(rows.filter((row) => row['moved or overflow'] !== '').map((row) => row['date'])).toEqual([
      '2026-03-09',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
    ]);
    expect(rows.every((row) => row['phone']?.includes('****'))).toBe(true);
    expect(tuesday[0]).toMatchObject({
      name: '顾客4',
      drugs: '氯雷他定片',
      staff: 'A1',
      status: 'assigned',
      purpose: 'complaint resolution',
    });
  });

  it('guards phones and ids of digits only for Excel with --bom (="…"), and writes them as they are without it', async () => {
    const forExcel = (await rx([...base, '--bom'])).stdout.slice(1);
    const rows = parseCsv(forExcel, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['phone'])).toContain('="13800001004"');
    expect(rows.map((row) => row['customer'])).toContain('C4');
    const plain = parseCsv((await rx(base)).stdout, { columns: true }) as Record<string, string>[];
    expect(plain.map((row) => row['phone'])).toContain('13800001004');
  });

  it('says the cells, the headers and the summary in Chinese with --locale zh-CN (issue 37 item 3)', async () => {
    const rows = parseCsv((await rx([...base, '--locale', 'zh-CN'])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0] as object).slice(0, 5)).toEqual(['日期', '员工', '时间', '渠道', '紧急程度']);
    expect(rows.find((row) => row['紧急程度'] === '紧急')).toMatchObject({
      渠道: '电话',
      状态: '已分配',
      时间: expect.stringMatching(/^周二 /),
    });
    const summary = (await rx([...base, '--summary', '--no-level', '--locale', 'zh-CN'])).stdout.split('\n');
    expect(summary.slice(0, 3)).toEqual([
      '回访工作清单 2026-03-09 至 2026-03-15，按日期和员工',
      '            员工  电话  上门  消息  升级  改期  未排上',
      expect.stringMatching(/^2026-03-09 {2}A1 +\d/),
    ]);
    // Columns line up in a terminal: a Chinese header takes two columns a character.
    expect(summary[2]?.length).toBe(summary[1]?.replace(/[\u4e00-\u9fff]/g, 'xx').length);
    expect(summary).toContain('按周（从周一起）和员工');
  });

  it('writes the Worklist as JSON', async () => {
    const r = await rx([...base, '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Worklist;
    expect(list.days.map((d) => d.date)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(list.overflow).toEqual([]);
  });

  it('prints the per-day and weekly counts with --summary', async () => {
    const r = await rx([...base, '--summary', '--no-level']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Worklist 2026-03-09 to 2026-03-15, per day and staff member');
    // Without levelling: Tue holds the escalation and one call; two routine calls move to the nearest days with room.
    expect(r.stdout).toMatch(/2026-03-10 {2}A1 +2 +0 +0 +1 +0 +0/);
    expect(r.stdout).toContain('Per week (from Monday) and staff member');
    expect(r.stdout).toMatch(/2026-03-09 {2}A1 +2 +0 +0 +0 +2 +0/);
    expect(r.stdout).toMatch(/2026-03-09 {2}A1 +5 +0 +0 +1 +3 +0/);
  });

  it('writes an Excel workbook: a sheet per day (or per person), a frozen bold header, column widths', async () => {
    const out = join(dir, 'list.xlsx');
    const r = await rx([...base, '--format', 'xlsx', '--output', out]);
    expect(r.code).toBe(0);
    // exceljs's own `new Buffer()` is not the pharmacist's business (DEP0005 silenced while it writes).
    expect(r.stderr).not.toContain('DeprecationWarning');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('2026-03-10');
    const sheet = workbook.getWorksheet('2026-03-10') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'date',
      'time',
      'staff',
      'channel',
      'urgency',
      'name',
      'phone',
      'purpose',
      'drugs',
      'why',
      'outcome ✓',
      'moved or overflow',
      'reasons',
      'customer',
      'touchpoint',
      'purchase',
      'status',
    ]);
    expect(sheet.getColumn(13).width).toBe(80);
    const escalation = sheet.getRow(2);
    expect(escalation.getCell(6).value).toBe('顾客4');
    expect(escalation.getCell(5).value).toBe('high');
    // The phone, all digits, is a text cell: Excel never shows 1.3800001004E+10.
    expect(escalation.getCell(7).value).toBe('13800001004');
    expect(escalation.getCell(7).numFmt).toBe('@');
    expect(escalation.getCell(10).value).toMatch(/^reported Tue 03-10 09:00: /);
    const byStaff = join(dir, 'staff.xlsx');
    expect((await rx([...base, '--format', 'xlsx', '--sheets', 'staff', '--output', byStaff])).code).toBe(0);
    const second = new ExcelJS.Workbook();
    await second.xlsx.readFile(byStaff);
    expect(second.worksheets.map((s) => s.name)).toEqual(['A1']);
    expect(second.worksheets[0]?.headerFooter.oddHeader).toBe(
      '&LStore A&C&BWorklist 2026-03-09 to 2026-03-15&RStaff: A1',
    );
  });

  it('prints as a call sheet: landscape A4 one page wide, header row on every page, store, day and staff on top, page numbers (issue 37 item 4)', async () => {
    const out = join(dir, 'print.xlsx');
    expect((await rx([...base, '--format', 'xlsx', '--output', out, '--locale', 'zh-CN'])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('2026-03-10') as ExcelJS.Worksheet;
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: 'A1:K1048576',
      printTitlesRow: '1:1',
    });
    expect(sheet.headerFooter).toMatchObject({
      oddHeader: '&L门店 A&C&B回访工作清单 2026-03-10 周二&R员工：A1',
      oddFooter: '&C第 &P 页，共 &N 页',
    });
    // The printed columns end with the tick column; the long reasons and the ids come after, on screen.
    expect(sheet.getRow(1).getCell(11).value).toBe('结果 ✓');
    expect(sheet.getRow(1).getCell(12).value).toBe('改期或未排原因');
    const row = sheet.getRow(2);
    expect([row.getCell(2).value, row.getCell(4).value, row.getCell(5).value, row.getCell(17).value]).toEqual([
      expect.stringMatching(/^周二 \d\d:\d\d–/),
      '电话',
      '紧急',
      '已分配',
    ]);
    expect(row.getCell(11).border?.left?.style).toBe('thin');
  });

  it('points at the line of a plan that is not one, and refuses usage mistakes', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, `${readFileSync(plansFile, 'utf8').split('\n')[0]}\n{"customerId":"C9"}\n`);
    const r = await rx([...base.slice(0, 4), bad, ...base.slice(5)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid worklist input');
    expect(r.stderr).toMatch(/line 2: purchaseId: /);
    expect((await rx(base.slice(0, -2))).code).toBe(2);
    expect((await rx([...base, '--format', 'xlsx'])).stderr).toContain('--format xlsx needs --output');
    expect((await rx(['worklist', '--help'])).stdout).toContain('--mask-phone');
  });
});

describe('the roster file (issue 35)', () => {
  it('does not override the command line: its own from, days and other options are ignored, and that is said', async () => {
    const { readStaff } = await import('../../src/cli/worklist-command.js');
    const { cliWords } = await import('../../src/cli/cli-words.js');
    const file = join(dir, 'roster-with-options.json');
    writeFileSync(
      file,
      JSON.stringify({ staff: [{ id: 'A1', calls: 1 }], owners: { C1: 'A1' }, from: '2027-01-01', days: 3 }),
    );
    const io = testIo();
    expect(await readStaff(file, cliWords('en'), 'utf-8', io.stderr)).toEqual({
      staff: [{ id: 'A1', calls: 1 }],
      owners: new Map([['C1', 'A1']]),
    });
    const said = [io.err()];
    expect(said).toEqual([
      `rx-followup: warning: --staff: ${file}: from, days in the roster ignored: the command line sets them\n`,
    ]);
  });
});

describe('the roster file, read as the input is (issue 35)', () => {
  const read = async (bytes: Uint8Array | string, encoding?: 'gbk'): Promise<unknown> => {
    const { readStaff } = await import('../../src/cli/worklist-command.js');
    const { cliWords } = await import('../../src/cli/cli-words.js');
    const file = join(dir, `roster-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, bytes);
    try {
      return await readStaff(file, cliWords('en'), encoding);
    } catch (error) {
      return (error as Error).message.replace(file, '<file>');
    }
  };

  it('honours the encoding: a GBK roster names its stores in Chinese; bytes that are not GBK (or UTF-8) are refused at their line', async () => {
    // 上海一店 in GBK, written by hand: C9CF BAA3 D2BB B5EA.
    const store = [0xc9, 0xcf, 0xba, 0xa3, 0xd2, 0xbb, 0xb5, 0xea];
    const gbk = Buffer.concat([
      Buffer.from('[{"id":"A1","storeId":"'),
      Buffer.from(store),
      Buffer.from('","calls":2}]'),
    ]);
    expect(await read(gbk, 'gbk')).toEqual({ staff: [{ id: 'A1', storeId: '上海一店', calls: 2 }] });
    expect(await read(gbk)).toMatch(/^--staff: <file>:1:24: not valid UTF-8/);
    const bad = Buffer.concat([
      Buffer.from('[{"id":"A1",\n "storeId":"'),
      Buffer.from([...store, 0xff]),
      Buffer.from('","calls":2}]'),
    ]);
    expect(await read(bad, 'gbk')).toMatch(/^--staff: <file>:2:17: not valid GBK/);
  });

  it('a FIFO is refused, not waited on; nesting past 64 levels is a problem at its place, not a stack overflow', async () => {
    const { readStaff } = await import('../../src/cli/worklist-command.js');
    const { cliWords } = await import('../../src/cli/cli-words.js');
    const fifo = join(dir, 'roster.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(readStaff(fifo, cliWords('en'))).rejects.toThrow(
      /is not a regular file \(a device, FIFO or socket\): not read/,
    );
    expect(await read(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(
      '--staff: <file>:1:65: invalid JSON: nests deeper than 64 levels',
    );
  });

  it('owners are read straight into a Map (escapes read as JSON reads them); anything else is the JSON parser’s', async () => {
    expect(await read('{"staff":[{"id":"A1","calls":1}],"owners":{"C\\u0031":"A1","C\\"2":"A\\/1"}}')).toEqual({
      staff: [{ id: 'A1', calls: 1 }],
      owners: new Map([
        ['C1', 'A1'],
        ['C"2', 'A/1'],
      ]),
    });
    // Not a flat object of strings: parsed as JSON, and the worklist's validation names the value at its path.
    expect(await read('{"staff":[{"id":"A1","calls":1}],"owners":{"C1":7}}')).toEqual({
      staff: [{ id: 'A1', calls: 1 }],
      owners: { C1: 7 },
    });
    // A syntax error after owners is said at its place in the file as written.
    expect(await read('{"owners":{"C1":"A1"},\n "staff":[{"id":"A1","calls":1}],}')).toMatch(
      /^--staff: <file>:2:33: invalid JSON/,
    );
  });

  it('a duplicate owner is named at its line, without a location tree', async () => {
    expect(await read('{"staff":[{"id":"A1","calls":1}],\n"owners":{"C1":"A1",\n"C1":"A2"}}')).toBe(
      '--staff: <file>:3:1: invalid JSON: the key "C1" appears twice in one object (also at line 2, column 11): JSON keeps only the last',
    );
  });
});
