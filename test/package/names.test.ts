/** Error classes keep their names in both builds: `InputError`, never `_class2`, in `.name`, `constructor.name` and console output. */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, root } from '../cli/built.js';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

beforeAll(() => ensureBuilt(), 120_000);

const script = `
  const names = (m) => ['RxFollowupError', 'InputError', 'RuleSetError'].map((n) => {
    const error = n === 'RxFollowupError' ? new m[n]('x', []) : new m[n]([{ path: 'a', message: 'b' }]);
    return [m[n].name, error.name, error.constructor.name, require('node:util').inspect(error).split(' ')[0]].join(' ');
  });
`;

describe('error class names in the built package', () => {
  it.each([
    ['CommonJS', `${script} console.log(JSON.stringify(names(require('./dist/index.cjs'))))`],
    ['ESM', `${script} import('./dist/index.js').then((m) => console.log(JSON.stringify(names(m))))`],
  ])(
    '%s',
    (_build, code) => {
      const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([
        'RxFollowupError RxFollowupError RxFollowupError RxFollowupError:',
        'InputError InputError InputError InputError:',
        'RuleSetError RuleSetError RuleSetError RuleSetError:',
      ]);
    },
    30_000,
  );
});
