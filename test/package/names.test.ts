/**
 * Error classes keep their names in both builds: `InputError`, never `_class2`, in `.name`, `constructor.name` and
 * console output; every exported function and class is named as it is exported (the bundle renames none).
 */
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

const ENTRIES = ['index', 'testing', 'workbench', 'node'];
const everyName = `
  const misnamed = (m) => Object.entries(m)
    .filter(([, v]) => typeof v === 'function' && v.name !== '' )
    .filter(([k, v]) => v.name !== k && !(k === 'default'))
    .map(([k, v]) => k + ' is ' + v.name);
`;

describe('every export keeps its name in the built package', () => {
  it.each([
    [
      'CommonJS',
      `${everyName} console.log(JSON.stringify(${JSON.stringify(ENTRIES)}.flatMap((e) => misnamed(require('./dist/' + e + '.cjs')))))`,
    ],
    [
      'ESM',
      `${everyName} Promise.all(${JSON.stringify(ENTRIES)}.map((e) => import('./dist/' + e + '.js'))).then((ms) => console.log(JSON.stringify(ms.flatMap(misnamed))))`,
    ],
  ])(
    '%s',
    (_build, code) => {
      const r = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([]);
    },
    30_000,
  );
});
