import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      testing: 'src/testing/index.ts',
      workbench: 'src/workbench/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // Shared chunks in CJS too, so `instanceof RuleSetError` holds across entry points.
    splitting: true,
    // Class and function names as written: `InputError`, not `_class2`, in stack traces, console.log and `.name`.
    keepNames: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'neutral',
    external: ['json-rules-engine', '@date-fns/tz', 'zod', 'fast-check'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    keepNames: true,
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
