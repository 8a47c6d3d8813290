import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** The library's entry points, built once as ES modules and once as CommonJS. */
const library: Options = {
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    testing: 'src/testing/index.ts',
    workbench: 'src/workbench/index.ts',
  },
  dts: true,
  // Shared chunks in CJS too, so `instanceof RuleSetError` holds across entry points.
  splitting: true,
  sourcemap: true,
  clean: false,
  target: 'node20',
  platform: 'neutral',
  external: ['json-rules-engine', '@date-fns/tz', 'zod', 'fast-check'],
};

export default defineConfig([
  // ES modules without keepNames: esbuild would wrap every named function and closure in a call that defines its name
  // each time one is made — a trap for the next closure on a hot path (those made per plan were 2% of plan()'s time).
  // Exported classes and functions keep their names anyway (`var InputError = class …` is named by its binding, and the
  // bundle renames no export): test/package/names.test.ts holds every export's `.name` to its name, in both builds.
  { ...library, format: ['esm'], keepNames: false },
  // CommonJS keeps them by keepNames: its classes would be `_class2` in stack traces, console.log and `.name`.
  { ...library, format: ['cjs'], keepNames: true },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    keepNames: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    // A real `require` for the CommonJS bundled into the CLI (exceljs requires node built-ins at run time).
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __rxCreateRequire } from 'node:module';\nconst require = __rxCreateRequire(import.meta.url);",
    },
    external: ['json-rules-engine', '@date-fns/tz', 'zod'],
    // The xlsx writer's chunk is third-party code: its 4 MB source map would only weigh down every install.
    async onSuccess() {
      for (const name of await readdir('dist')) {
        if (!/^excel-.*\.js$/.test(name)) continue;
        await rm(join('dist', `${name}.map`), { force: true });
        const code = await readFile(join('dist', name), 'utf8');
        await writeFile(join('dist', name), code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
      }
    },
  },
]);
