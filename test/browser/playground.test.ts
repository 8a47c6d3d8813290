/**
 * The playground in a real browser: the system's Chromium (Debian's `chromium` package; `.ci/run` installs it when
 * missing) driven by playwright-core. The page is opened from a file:// URL, as an offline copy is; one test loads it
 * through `npm run playground`'s server too. Each step's screenshot goes to test-results/playground/ (CI prints the
 * paths). Without Chromium the suite is skipped, except under CI, where that is a failure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanner, defaultRuleSet, type PlanInput } from '../../src/index.js';

/** The page's document, as the callbacks run in the browser see it (this project's types have no DOM). */
declare const document: {
  readonly body: { readonly dataset: Record<string, string | undefined> };
  readonly documentElement: { readonly lang: string; readonly scrollWidth: number; readonly clientWidth: number };
  querySelector(selector: string): { readonly textContent: string | null } | null;
  createElement(tag: 'canvas'): {
    width: number;
    height: number;
    getContext(kind: '2d'): {
      font: string;
      fillText(text: string, x: number, y: number): void;
      clearRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> };
    } | null;
  };
};
declare function getComputedStyle(element: unknown): { readonly fontFamily: string };

const CHROMIUM = process.env.RX_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const SHOTS = resolve('test-results/playground');
/** The page of a copy of the built playground/ folder elsewhere, as an analyst would take it (set in beforeAll). */
let PAGE = '';

/** How to get what this file needs, said where a newcomer sees it when it is missing. */
const HOW_TO_GET_IT = `no Chromium at ${CHROMIUM}: install it (Debian/Ubuntu: apt-get install chromium), or set RX_CHROMIUM to a Chromium or Chrome binary`;

it.runIf(!available && process.env.CI)('Chromium is installed (CI installs Debian’s chromium package)', () => {
  expect.fail(`${HOW_TO_GET_IT}: the playground cannot be tested`);
});

// Outside CI, the page's tests are skipped without Chromium; the skip says why and how to run them.
if (!available && !process.env.CI) console.warn(`the playground's browser tests are skipped: ${HOW_TO_GET_IT}`);

describe.skipIf(!available)(
  available ? 'the playground in Chromium' : `the playground in Chromium (skipped: ${HOW_TO_GET_IT})`,
  { timeout: 60_000 },
  () => {
    let browser: Browser;
    let copyDir = '';
    const shots: string[] = [];

    beforeAll(async () => {
      execFileSync(process.execPath, ['playground/build.mjs'], { stdio: 'pipe' });
      copyDir = mkdtempSync(join(tmpdir(), 'rx-playground-'));
      const copy = join(copyDir, 'playground');
      cpSync('playground', copy, { recursive: true });
      PAGE = pathToFileURL(join(copy, 'index.html')).href;
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      if (copyDir !== '') rmSync(copyDir, { recursive: true, force: true });
      if (shots.length > 0) console.log(`playground screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
    });

    /** A page with its errors collected; `ready` waits for the plans of the latest edit to be on the calendar. */
    async function open(url: string, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale });
      const errors: string[] = [];
      // Nothing leaves the page: every request is for the page's own files (or inline data).
      const origin = new URL(url).origin;
      page.on('request', (r) => {
        const at = new URL(r.url());
        if (at.protocol !== 'data:' && at.protocol !== 'file:' && at.origin !== origin)
          errors.push(`request to ${r.url()}`);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(url);
      await page.waitForSelector('body[data-ready]');
      return { page, errors };
    }
    const shot = async (page: Page, name: string): Promise<void> => {
      const path = join(SHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      shots.push(path);
    };
    /** Waits for a re-plan after an edit (the page plans 250 ms after the last keystroke). */
    const replanned = async (page: Page, before: string | null): Promise<void> => {
      await page.waitForFunction((b) => document.body.dataset.ready !== b, before);
    };
    /** Selects the first match of `text` in the open file with the editor's own search (Ctrl+F, Enter, Escape). */
    async function select(page: Page, text: string): Promise<void> {
      await page.click('.cm-content');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+f');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
    }
    const chip = (customer: string, date: string, purpose: string): string =>
      `tr[data-customer="${customer}"] td[data-date="${date}"] .chip[data-purpose="${purpose}"]`;

    it('from a file:// copy of the folder: plans on the week calendar, reasons on click, shaded holidays and blackouts', async () => {
      const { page, errors } = await open(PAGE);
      // 王秀兰 (loyal): the '3+2+3' check 3 days after Mon 04-20, Thu 04-23, in the preferred window Tue–Thu 15:00.
      await expect(page.locator(chip('C-01', '2026-04-23', 'medication-check')).textContent()).resolves.toContain(
        '15:00',
      );
      // 赵丽's wrong drug, reported Wed 04-22 19:40: called at once, in red.
      await expect(
        page.locator(chip('C-05', '2026-04-22', 'wrong-drug-recall')).getAttribute('class'),
      ).resolves.toContain('critical');
      await page.click(chip('C-01', '2026-04-23', 'medication-check'));
      const details = page.locator('#details');
      await expect(details.textContent()).resolves.toMatch(/purchase \+ 3 days|3 days after purchase/);
      await expect(details.locator('.reasons li').count()).resolves.toBeGreaterThanOrEqual(2);
      await shot(page, '01-loaded-reasons');

      // The next week: 劳动节 (05-01…05-05) shaded in every row; the accountant's month end shaded in hers only.
      await page.click('#next-week');
      await expect(page.locator('thead th[data-date="2026-05-01"]').getAttribute('class')).resolves.toContain(
        'holiday',
      );
      await expect(
        page.locator('tr[data-customer="C-02"] td[data-date="2026-04-28"]').getAttribute('class'),
      ).resolves.toContain('blackout');
      await expect(
        page.locator('tr[data-customer="C-01"] td[data-date="2026-04-28"]').getAttribute('class'),
      ).resolves.not.toContain('blackout');
      await shot(page, '02-next-week-holidays');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('an offset changed in a rule moves the contact on the calendar, and the diff lists it', async () => {
      const { page, errors } = await open(PAGE);
      await page.click('#tabs [data-file="cadences.json"]');
      // cadences.json's first "P3D" is the first offset of cadence.loyal-3-2-3 (the '3+2+3' series).
      const text = readFileSync('rules/cadences.json', 'utf8');
      expect(text.indexOf('"P3D"')).toBeGreaterThan(text.indexOf('"id": "cadence.loyal-3-2-3"'));
      expect(text.indexOf('"P3D"')).toBeLessThan(text.indexOf('"id"', text.indexOf('"id": "cadence.loyal-3-2-3"') + 5));
      const before = await page.evaluate(() => document.body.dataset.ready ?? null);
      await select(page, 'P3D');
      await page.keyboard.type('P2D');
      await replanned(page, before);
      // Day 2 is Wed 04-22, still in the preferred window at 15:00; nothing is left on Thu.
      await expect(page.locator(chip('C-01', '2026-04-22', 'medication-check')).count()).resolves.toBe(1);
      await expect(page.locator(chip('C-01', '2026-04-23', 'medication-check')).count()).resolves.toBe(0);
      const moved = page.locator('#diff li.moved', { hasText: 'Thu 04-23 15:00 → Wed 04-22 15:00' });
      await expect(moved.count()).resolves.toBeGreaterThanOrEqual(1);
      await expect(page.locator('#diff').textContent()).resolves.toContain('王秀兰');
      await page.click(chip('C-01', '2026-04-22', 'medication-check'));
      await expect(page.locator('#details').textContent()).resolves.toMatch(/purchase \+ 2 days|2 days after purchase/);
      await shot(page, '03-offset-moved');

      // A typo in a channel: an inline error at the value, the calendar marked stale, no new plans.
      const ready = await page.evaluate(() => document.body.dataset.ready ?? null);
      await select(page, 'phone');
      await page.keyboard.type('phnoe');
      await page.waitForSelector('.cm-lintRange-error');
      const finding = page.locator('#findings li.error').first();
      await expect(finding.getAttribute('data-file')).resolves.toBe('cadences.json');
      await expect(finding.textContent()).resolves.toContain('channel');
      await expect(page.locator('#stale').textContent()).resolves.toContain('do not validate');
      await expect(page.locator('#tabs [data-file="cadences.json"] .badge.error').count()).resolves.toBe(1);
      expect(await page.evaluate(() => document.body.dataset.ready ?? null)).toBe(ready);
      await shot(page, '04-typo-inline-error');
      // From another file, a click on the error opens its file at its line.
      await page.click('#tabs [data-file="blackouts.json"]');
      await page.click('#findings li.error');
      await expect(page.locator('#tabs [data-file="cadences.json"]').getAttribute('aria-selected')).resolves.toBe(
        'true',
      );
      await expect(page.locator('.cm-activeLine').textContent()).resolves.toContain('phnoe');
      expect(errors).toEqual([]);
      await page.close();
    });

    it("completes a rule's params from the JSON Schema, for the rule's own event type", async () => {
      const { page } = await open(PAGE);
      await page.click('#tabs [data-file="cadences.json"]');
      await select(page, '"anchor": "purchase",');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('"');
      await page.keyboard.press('Control+Space');
      const options = page.locator('.cm-tooltip-autocomplete li');
      await options.first().waitFor();
      const labels = await options.allTextContents();
      // A cadence's params (not an event's `type`/`params`, nor another event type's).
      expect(labels.some((l) => l.startsWith('repeat'))).toBe(true);
      expect(labels.some((l) => l.startsWith('toleranceBefore'))).toBe(true);
      expect(labels.some((l) => l.startsWith('deadline'))).toBe(false);
      await shot(page, '06-completion');
      await page.close();
    });

    it('plans pasted inputs beside the samples (one JSON object per line); one that is not valid says why in its row', async () => {
      const { page, errors } = await open(PAGE);
      const valid = {
        customer: { id: 'X-1', name: '孙悦', contact: { phone: '13100000001' } },
        purchase: {
          id: 'PX-1',
          customerId: 'X-1',
          purchasedAt: '2026-04-21T10:00:00+08:00',
          items: [{ drugCode: 'LORA-10', quantity: 1 }],
        },
        courses: [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }],
      };
      const invalid = {
        ...valid,
        customer: { ...valid.customer, id: 'X-2' },
        purchase: { ...valid.purchase, id: 'PX-2', customerId: 'X-2', purchasedAt: 'yesterday' },
      };
      await page.click('#paste-summary');
      await page.fill('#paste', `${JSON.stringify(valid)}\n${JSON.stringify(invalid)}\n`);
      const before = await page.evaluate(() => document.body.dataset.ready ?? null);
      await page.click('#use-pasted');
      await replanned(page, before);
      await expect(page.locator('#paste-status').textContent()).resolves.toBe('2 pasted inputs');
      await expect(page.locator('tr[data-customer]').count()).resolves.toBe(8);
      await expect(page.locator('tr[data-customer="X-1"] .plan-error').count()).resolves.toBe(0);
      await expect(page.locator('tr[data-customer="X-2"] .plan-error').textContent()).resolves.toContain(
        'purchase.purchasedAt',
      );
      expect(errors).toEqual([]);
      await page.close();
    });

    it('pasting {}, [null] or an input dated 2026-02-30: row-level errors, and later edits are still planned (issue 35)', async () => {
      const { page, errors } = await open(PAGE);
      const input = {
        customer: { id: 'X-3', contact: { phone: '13100000001' } },
        purchase: {
          id: 'PX-3',
          customerId: 'X-3',
          purchasedAt: '2026-02-30T10:00:00+08:00',
          items: [{ drugCode: 'LORA-10', quantity: 1 }],
        },
        courses: [{ drugCode: 'LORA-10', unitsPerPack: 6, dosePerDay: 1 }],
      };
      await page.click('#paste-summary');
      for (const text of ['{}', '[null]', JSON.stringify(input)]) {
        await page.fill('#paste', text);
        const before = await page.evaluate(() => document.body.dataset.ready ?? null);
        await page.click('#use-pasted');
        await replanned(page, before);
        // The samples are planned, and the pasted input has a row of its own that says why it is not.
        await expect(page.locator('tr[data-customer] .plan-error').count()).resolves.toBe(1);
        await expect(page.locator('tr[data-customer]').count()).resolves.toBe(7);
      }
      await expect(page.locator('tr[data-customer="X-3"] .plan-error').textContent()).resolves.toContain(
        'purchase.purchasedAt',
      );
      // An edit of the rules after them is planned, and the diff describes it.
      const before = await page.evaluate(() => document.body.dataset.ready ?? null);
      await page.click('#tabs [data-file="cadences.json"]');
      await select(page, 'P3D');
      await page.keyboard.type('P2D');
      await replanned(page, before);
      await expect(page.locator('#diff li.moved').count()).resolves.toBeGreaterThanOrEqual(1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('in Chinese: day names, reasons and the page in zh-CN', async () => {
      const { page, errors } = await open(PAGE, 'zh-CN');
      await expect(page.locator('#locale').inputValue()).resolves.toBe('zh-CN');
      await expect(page.locator('thead th[data-date="2026-04-23"]').textContent()).resolves.toContain('4月23日');
      await page.click(chip('C-01', '2026-04-23', 'medication-check'));
      await expect(page.locator('#details').textContent()).resolves.toContain('购药后第 3 天');
      await shot(page, '05-zh-CN');
      // Back to English from the menu.
      await page.selectOption('#locale', 'en');
      await page.waitForFunction(
        () =>
          document.documentElement.lang === 'en' &&
          document.querySelector('#details')?.textContent?.includes('purchase'),
      );
      expect(errors).toEqual([]);
      await page.close();
    });

    it('on a 360 px phone: one column, no sideways scroll, the editor wraps, Chinese glyphs drawn, a bad paste said at its line (issue 37 item 5)', async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'zh-CN' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(PAGE);
      await page.waitForSelector('body[data-ready]');
      await expect(
        page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).resolves.toBe(0);
      await expect(page.locator('.cm-editor .cm-lineWrapping').count()).resolves.toBe(1);
      // Each Chinese character drawn in the page's font is its own glyph, not the same empty box (a missing font).
      const glyphs = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 40;
        canvas.height = 40;
        const g = canvas.getContext('2d');
        if (g === null) return [];
        g.font = `24px ${getComputedStyle(document.querySelector('h1')).fontFamily}`;
        return ['回', '访', '药'].map((c) => {
          g.clearRect(0, 0, 40, 40);
          g.fillText(c, 4, 30);
          return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
        });
      });
      expect(new Set(glyphs).size).toBe(3);
      await shot(page, '06-phone-zh-CN');
      // A paste that is not JSON: the parser's message at its line and column, in the page's language.
      await page.click('#paste-summary');
      await page.fill('#paste', '{"customer": {"id": "X-9"}}\n{"customer"：{}}\n');
      await page.click('#use-pasted');
      await expect(page.locator('#paste-status').textContent()).resolves.toBe(
        "第 2 行第 12 列：JSON 格式错误：全角冒号 '：'——请改用 ':'",
      );
      expect(errors).toEqual([]);
      await page.close();
    });

    it("says a rule file that is not JSON without a stray colon, and a contact's day as the CLI does", async () => {
      const { page, errors } = await open(PAGE);
      await page.click(chip('C-01', '2026-04-23', 'medication-check'));
      // The CLI's `explain` says `Thu 04-23 15:00-18:00`; the page the same day and hours.
      await expect(page.locator('#details').textContent()).resolves.toContain('Thu 04-23 15:00–18:00');
      await page.click('#tabs [data-file="caps.json"]');
      await page.click('.cm-content');
      await page.keyboard.press('Control+Home');
      const before = await page.evaluate(() => document.body.dataset.ready ?? null);
      await page.keyboard.type('x');
      await page.waitForFunction(
        (b) => document.body.dataset.ready !== b || document.querySelector('#findings li.error') !== null,
        before,
      );
      const finding = await page.locator('#findings li.error').first().textContent();
      expect(finding).toMatch(/^caps\.json:1:1 error: invalid JSON: bare word 'x'/);
      expect(finding).not.toContain(' : ');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('`npm run playground` serves the page on localhost and prints the address', async () => {
      const server: ChildProcess = spawn(process.execPath, ['playground/serve.mjs', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const address = await new Promise<string>((done, fail) => {
          server.stdout?.on('data', (chunk: Buffer) => {
            const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(chunk));
            if (m) done(m[0]);
          });
          server.on('exit', (code) => fail(new Error(`the server exited (${code})`)));
        });
        const { page, errors } = await open(address);
        await expect(page.locator('tr[data-customer]').count()).resolves.toBe(6);
        expect(errors).toEqual([]);
        await page.close();
        expect((await fetch(new URL('../package.json', address))).status).toBe(404);
      } finally {
        server.kill();
      }
    });
  },
);

describe('the playground as files', () => {
  it('loads its script as a classic script: module scripts do not load from file://', () => {
    const html = readFileSync('playground/index.html', 'utf8');
    expect(html).toMatch(/<script src="dist\/playground\.js"><\/script>/);
    expect(html).not.toMatch(/type="module"/);
  });

  it('its sample customers are valid inputs, and the week the calendar opens on shows most of them, an escalation among them', async () => {
    const samples = JSON.parse(readFileSync('playground/samples.json', 'utf8')) as PlanInput[];
    const planner = createPlanner({ ruleSet: defaultRuleSet });
    const plans = await Promise.all(samples.map((input) => planner.plan(input)));
    const firstWeek = plans.flatMap((p) =>
      p.touchpoints.filter((t) => t.window.start >= '2026-04-20' && t.window.start < '2026-04-27'),
    );
    expect(plans.filter((p) => p.touchpoints.some((t) => t.window.start < '2026-04-27')).length).toBeGreaterThanOrEqual(
      4,
    );
    expect(firstWeek.some((t) => t.urgency === 'critical')).toBe(true);
  });
});
