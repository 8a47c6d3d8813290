// Builds the playground into playground/dist/playground.js: one classic script (IIFE), so that the page also works
// opened from a file:// copy, where module scripts do not load. The planner comes from the package's own build
// (dist/, run `npm run build` first); the shipped rule files are embedded as text, as the editor shows them.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => fileURLToPath(new URL(path, new URL('..', import.meta.url)));

const shippedRules = {
  name: 'shipped-rules',
  setup(b) {
    b.onResolve({ filter: /^virtual:shipped-rules$/ }, () => ({ path: 'shipped-rules', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const files = Object.fromEntries(
        readdirSync(at('rules'))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => [f, readFileSync(at(`rules/${f}`), 'utf8')]),
      );
      return { contents: `export default ${JSON.stringify(files)};`, loader: 'js' };
    });
    // codemirror-json-schema renders descriptions as Markdown with shiki (megabytes of highlighter and grammars);
    // the rule schema's descriptions are plain text, so a plain-text renderer takes its place.
    b.onResolve({ filter: /utils\/markdown(\.js)?$/ }, (args) =>
      args.importer.includes('codemirror-json-schema') ? { path: at('playground/src/plain-markdown.ts') } : undefined,
    );
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['playground/src/main.ts'],
  outfile: 'playground/dist/playground.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  alias: { 'rx-followup/workbench': at('dist/workbench.js'), 'rx-followup': at('dist/index.js') },
  plugins: [shippedRules],
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`playground/dist/playground.js: ${(bytes / 1024).toFixed(0)} KB`);
if (process.env.PLAYGROUND_ANALYZE) console.log(await (await import('esbuild')).analyzeMetafile(result.metafile));
