/**
 * The API reference's promises: every export of every entry point has TSDoc, and every `@example` in the
 * sources runs (each is self-contained; imports of rx-followup are pointed at the sources).
 */
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

// These tests start processes or compile TypeScript: slow on a loaded machine, so a generous timeout.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const examples = files(src).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map((m, i) => ({
    name: `${file.slice(src.length + 1)} #${i + 1}`,
    code: (m[1] as string).replace(/^\s*\* ?/gm, ''),
  }));
});

describe('API documentation', () => {
  it('every export of rx-followup, rx-followup/node, rx-followup/testing and rx-followup/workbench has TSDoc, and every value an @example', () => {
    const program = ts.createProgram(
      [
        join(src, 'index.ts'),
        join(src, 'node/index.ts'),
        join(src, 'testing/index.ts'),
        join(src, 'workbench/index.ts'),
      ],
      {
        strict: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        resolveJsonModule: true,
        target: ts.ScriptTarget.ES2022,
      },
    );
    const checker = program.getTypeChecker();
    const missing: string[] = [];
    for (const entry of ['index.ts', 'node/index.ts', 'testing/index.ts', 'workbench/index.ts']) {
      const sourceFile = program.getSourceFile(join(src, entry)) as ts.SourceFile;
      const moduleSymbol = checker.getSymbolAtLocation(sourceFile) as ts.Symbol;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
        if (docs === '') missing.push(`${entry}: ${exported.name}`);
        // Values (functions, classes, constants, schemas) also show how to use them.
        const isValue =
          (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
        if (isValue && !symbol.getJsDocTags(checker).some((tag) => tag.name === 'example'))
          missing.push(`${entry}: ${exported.name} (no @example)`);
      }
    }
    expect(missing).toEqual([]);
  });

  // Every example in one process (one tsx start, not one each): each written to a module of its own, imported in
  // turn by a runner that reports which failed and why.
  let failures: Record<string, string> | undefined;
  const runExamples = (): Record<string, string> => {
    if (failures !== undefined) return failures;
    // Inside the repository, so the examples' own imports (fast-check) resolve.
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'rx-example-'));
    const files = examples.map((e, i) => {
      const file = join(dir, `example-${i}.mts`);
      writeFileSync(
        file,
        e.code
          .replace(/from 'rx-followup\/node'/g, `from '${join(src, 'node/index.ts')}'`)
          .replace(/from 'rx-followup\/testing'/g, `from '${join(src, 'testing/index.ts')}'`)
          .replace(/from 'rx-followup\/workbench'/g, `from '${join(src, 'workbench/index.ts')}'`)
          .replace(/from 'rx-followup'/g, `from '${join(src, 'index.ts')}'`),
      );
      return { name: e.name, file };
    });
    const runner = join(dir, 'run.mts');
    writeFileSync(
      runner,
      `const failed: Record<string, string> = {};
       console.log = () => {};
       for (const { name, file } of ${JSON.stringify(files)}) {
         try { await import(file); } catch (error) { failed[name] = String((error as Error)?.stack ?? error); }
       }
       process.stdout.write(JSON.stringify(failed));`,
    );
    failures = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', runner], { cwd: root, encoding: 'utf8', stdio: 'pipe' }),
    ) as Record<string, string>;
    return failures;
  };

  it.each(examples.map((e) => [e.name]))(
    '@example in %s runs',
    (name) => {
      expect(runExamples()[name as string]).toBeUndefined();
    },
    300_000,
  );

  it('found the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });
});

// The English guide and its Chinese translation: the same kind of recipes, checked the same way.
describe.each(['docs/rules-guide.md', 'docs/zh-CN/rules-guide.md'])('the rules guide %s', (path) => {
  const guide = readFileSync(join(root, path), 'utf8');
  const rules = [...guide.matchAll(/```json\n(\{ "id": [\s\S]*?)\n```/g)].map((m) => m[1] as string);

  it.each(rules.map((r) => [JSON.parse(r).id as string, r]))(
    'recipe %s is a valid rule beside the defaults',
    async (_id, text) => {
      const { defaultRuleSet, validateRuleSet } = await import('../src/index.js');
      const set = structuredClone(defaultRuleSet) as { rules: unknown[] };
      set.rules.push(JSON.parse(text as string));
      const result = validateRuleSet(set);
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );

  it('has recipes to check', () => {
    expect(rules.length).toBeGreaterThanOrEqual(2);
  });
});

describe('docs/input.md', () => {
  const text = readFileSync(join(root, 'docs/input.md'), 'utf8');
  const inputs = [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);

  it.each(inputs.map((t, i) => [i + 1, t]))('example %i is an input the default rules plan', async (_i, json) => {
    const { createPlanner, defaultRuleSet } = await import('../src/index.js');
    const plan = await createPlanner({ ruleSet: defaultRuleSet }).plan(JSON.parse(json as string));
    expect(plan.touchpoints.length).toBeGreaterThan(0);
  });

  it('has the two examples', () => {
    expect(inputs).toHaveLength(2);
  });
});
