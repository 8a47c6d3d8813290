/**
 * Every catalogue has one shape (src/i18n/catalogue.ts): a code, its typed params, one function per locale. A code
 * missing from a locale does not compile; these tests hold what the types cannot — that every code of the worklist's
 * and the CLI's catalogues says something in both locales, the Chinese in Chinese, from the params it is given.
 */
import { describe, expect, it } from 'vitest';
import { cliWords, type CliParams } from '../src/cli/cli-words.js';
import { Words } from '../src/i18n/words.js';
import { WorklistWords, type WorklistParams } from '../src/worklist/words.js';

const HAN = /\p{Script=Han}/u;

// One sample of every code's params, with values a sentence must carry through.
const WORKLIST: { [C in keyof WorklistParams]: WorklistParams[C] } = {
  pool: { kind: 'store', store: 'S77' },
  count: { n: 3, resource: 'calls' },
  'not-at-hour': { name: 'Wang' },
  'day-off': { name: 'Wang', day: 'D-1' },
  'no-other-day': { why: 'WHY-1' },
  levelling: { name: 'Wang', had: 'HAD-1', day: 'D-1', target: 17 },
  full: { name: 'Wang', capacity: 41, resource: 'visits', day: 'D-1' },
  moved: { from: 'F-1', to: 'T-1', because: 'WHY-1', slot: 'SLOT-1' },
  'no-one-to-make': { pool: 'POOL-1' },
  'no-one-to-send': { pool: 'POOL-1' },
  'escalations-full': { resource: 'calls', day: 'D-1', pool: 'POOL-1' },
  'no-one-works': { pool: 'POOL-1', day: 'D-1', from: '08:00', to: '09:00' },
  'owner-elsewhere': { customer: 'C-1', owner: 'Wang', pool: 'POOL-1' },
  'no-policy': { purchase: 'P-1' },
  'other-rules': { purchase: 'P-1', id: 'RS-1', version: '9.9', hash: 'abcdef' },
  'shared-id': { id: 'tp_1', first: 'C-1', second: 'C-2' },
  handover: { why: 'WHY-1', colleague: 'Li' },
  rolled: { from: 'F-1', to: 'T-1', because: 'WHY-1', rule: 'cadence.x', slot: 'SLOT-1' },
  'superseded-left-out': { count: 4 },
};

const CLI: { [C in keyof CliParams]: CliParams[C] } = {
  'line-at': { line: 31, column: 7 },
  'record-at': { line: 31 },
  'record-problem': { problem: { code: 'syntax-empty', params: {} } },
  warning: { text: 'TEXT-1' },
  'no-records': {},
  summary: { planned: 12, failed: 3, touchpoints: 45, seconds: 6.25 },
  progress: { records: 12, rate: 5, seconds: 2, share: { percent: 40, total: '1 MB', eta: 3 }, failed: 1 },
  'out-of-order': { purchasedAt: '2026-01-01T00:00:00Z' },
  overflow: { count: 9 },
  'cannot-write': { reason: 'ENOSPC' },
  failure: { message: 'MESSAGE-1' },
  'invalid-input': { problems: 2 },
  colon: {},
  separator: {},
  named: { name: 'NAME-1', id: 'rule.x' },
  'warning-word': { of: 'lint' },
  'validate-ok': { target: 'rules', id: 'RS-1', version: '9.9', rules: 37 },
  'lint-invalid': { target: 'rules' },
  'lint-count': { count: 5 },
  'init-taken': {},
  'init-links': {},
  'init-wrote': { count: 6, at: 'shop' },
  'init-next': {},
  'calendar-short': {
    calendar: 'CAL-1',
    through: '2026-12-31',
    left: 12,
    day: '2026-12-19',
    horizon: 'HORIZON-1',
    provisional: true,
  },
  'ics-summary': { label: 'LABEL-1', channel: 'phone', channelName: 'CHANNEL-1' },
  'ics-description': { customerId: 'C-1', purchaseId: 'P-1' },
};

/** The values of a sample params object a sentence is expected to show (texts and numbers, not kinds). */
function shown(params: object): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    // Kinds, and a channel each locale names its own way (its code, or its name).
    if (['kind', 'resource', 'of', 'problem', 'channel', 'channelName'].includes(key)) continue;
    if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  }
  return out;
}

describe('one catalogue shape: every code says something in both locales', () => {
  it("a worklist's phrases carry their params, and say them in Chinese for zh-CN", () => {
    const en = new WorklistWords(new Words('en'));
    const zh = new WorklistWords(new Words('zh-CN'));
    for (const code of Object.keys(WORKLIST) as (keyof WorklistParams)[]) {
      const params = WORKLIST[code];
      const [e, z] = [en.say(code, params as never), zh.say(code, params as never)];
      for (const v of shown(params)) {
        expect(e, `${code} en`).toContain(v);
        expect(z, `${code} zh-CN`).toContain(v);
      }
      expect(HAN.test(e), `${code} en`).toBe(false);
      expect(HAN.test(z), `${code} zh-CN: ${z}`).toBe(true);
    }
  });

  it("the CLI's running messages carry their params, and say them in Chinese for zh-CN", () => {
    const en = cliWords('en');
    const zh = cliWords('zh-CN');
    for (const code of Object.keys(CLI) as (keyof CliParams)[]) {
      const params = CLI[code];
      const say = (s: typeof en): string => (s as (c: string, p: object) => string)(code, params);
      const [e, z] = [say(en), say(zh)];
      expect(e.length, code).toBeGreaterThan(0);
      for (const v of shown(params)) {
        // Numbers are formatted (6.25 s → 6.3 s): the integers and texts appear as given.
        if (!Number.isInteger(Number(v)) && !Number.isNaN(Number(v))) continue;
        expect(e, `${code} en`).toContain(v);
        expect(z, `${code} zh-CN`).toContain(v);
      }
      expect(HAN.test(e), `${code} en`).toBe(false);
      // The colon is the full-width one, a failure's message comes in its locale already; the others are in Chinese.
      if (code === 'colon') expect(z).toBe('：');
      else if (code === 'separator') expect(z).toBe('；');
      else if (code === 'named') expect(z).toBe('NAME-1（rule.x）');
      else if (code === 'ics-summary') expect(z).toBe('LABEL-1（CHANNEL-1）');
      else if (code === 'failure') expect(z).toBe('rx-followup：MESSAGE-1');
      else expect(HAN.test(z), `${code} zh-CN: ${z}`).toBe(true);
    }
  });
});
