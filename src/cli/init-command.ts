/**
 * `rx-followup init [dir]`: a folder to start from — the default rule files, the JSON Schema their `$schema` lines
 * point at (so an editor completes and checks them there), sample purchases and a sample staff roster.
 */
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliWords } from './cli-words.js';
import type { CliIo } from './io.js';
import samplePurchases from '../../examples/purchases.json';
import { DEFAULT_RULE_FILES } from '../rules/default-rules.js';
import { ruleFileJsonSchema } from '../schema/json-schema.js';
import { localeOption } from './options.js';

export const INIT_HELP = `Usage: rx-followup init [dir] [--force] [--locale en|zh-CN]

Writes a folder to start from (default: the current folder):
  rules/*.json                   the default rules, one file per concern, each with "$schema" pointing at
  schema/ruleset.schema.json     the JSON Schema (editors complete and check the rule files with it)
  purchases.json                 sample purchases: rx-followup explain --rules rules --input purchases.json
  staff.json                     a sample roster for rx-followup worklist
Existing files are left alone (exit 1, naming them) unless --force. After upgrading rx-followup, refresh the
schema with: rx-followup schema > schema/ruleset.schema.json
`;

const SAMPLE_STAFF = {
  staff: [
    { id: 'S1', storeId: 'SH-PD-007', calls: 40, visits: 8, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
    { id: 'S2', storeId: 'SH-PD-007', calls: 40, visits: 8, hours: { from: '09:00', to: '17:00' } },
    { id: 'DESK', calls: 60, visits: 0 },
  ],
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** What is at a path, without following a link: nothing, a symbolic link (dangling or not), or something else. */
async function what(path: string): Promise<'none' | 'link' | 'other'> {
  try {
    return (await lstat(path)).isSymbolicLink() ? 'link' : 'other';
  } catch {
    return 'none';
  }
}

export async function runInitCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr' | 'env'>): Promise<number> {
  const { stdout, stderr } = io;
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, locale: { type: 'string' } },
  });
  const say = cliWords(localeOption(values.locale, io.env));
  const dir = positionals[0] ?? '.';
  const files = new Map<string, string>();
  // The shipped files say "$schema": "../schema/ruleset.schema.json": true here too, with the schema beside rules/.
  for (const [name, content] of Object.entries(DEFAULT_RULE_FILES)) files.set(join('rules', name), json(content));
  files.set(join('schema', 'ruleset.schema.json'), json(ruleFileJsonSchema()));
  files.set('purchases.json', json(samplePurchases));
  files.set('staff.json', json(SAMPLE_STAFF));
  const taken: string[] = [];
  const links: string[] = [];
  for (const name of ['rules', 'schema', ...files.keys()]) {
    const found = await what(join(dir, name));
    if (found === 'link') links.push(join(dir, name));
    else if (found === 'other' && files.has(name)) taken.push(join(dir, name));
  }
  // A link (a dangling one too) would have the files written wherever it points: refused, --force or not.
  if (links.length > 0) {
    stderr.write(`${say('init-links')}\n${links.map((t) => `  ${t}\n`).join('')}`);
    return 1;
  }
  if (taken.length > 0 && !values.force) {
    stderr.write(`${say('init-taken')}\n${taken.map((t) => `  ${t}\n`).join('')}`);
    return 1;
  }
  await mkdir(join(dir, 'rules'), { recursive: true });
  await mkdir(join(dir, 'schema'), { recursive: true });
  for (const [name, content] of files) await writeFile(join(dir, name), content);
  const at = dir.replace(/[\\/]+$/, '') || '.';
  const here = at === '.' ? '' : `cd ${at} && `;
  stdout.write(
    `${say('init-wrote', { count: files.size, at })}\n` +
      `${say('init-next')}\n` +
      `  ${here}npx rx-followup validate rules\n` +
      `  ${here}npx rx-followup explain --rules rules --input purchases.json --as-of purchase\n` +
      `  ${here}npx rx-followup plan --rules rules --input purchases.json --as-of purchase > plans.ndjson\n` +
      `  ${here}npx rx-followup worklist --rules rules --input plans.ndjson --staff staff.json --from 2026-03-09\n`,
  );
  return 0;
}
