#!/usr/bin/env bash
# Packs rx-followup, installs the tarball into an empty project and checks that
# import and require both load every entry point, with types.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "./$tarball" fast-check >/dev/null

# Every Markdown document the README links to ships in the package (docs/zh-CN/ was missing from 0.2's tarball);
# the examples live in the repository only.
node -e '
  const fs = require("fs");
  const dir = "node_modules/rx-followup/";
  const readme = fs.readFileSync(dir + "README.md", "utf8");
  const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#\s]+\.md)/g)].map((m) => m[1]);
  const missing = links.filter((l) => !l.startsWith("examples/") && !fs.existsSync(dir + l));
  if (links.length < 5 || missing.length) { console.error("README links missing from the package:", missing); process.exit(1); }
  console.log("README links in the package:", links.length);
'

cat > esm.mjs <<'JS'
import { createPlanner, defaultRuleSet, InputError, RuleSetError, validateRuleSet } from 'rx-followup';
import { loadRuleSet } from 'rx-followup/node';
import { checkPlanInvariants } from 'rx-followup/testing';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const schema = require('rx-followup/schema/ruleset.schema.json');
const cadences = require('rx-followup/rules/cadences.json');
if (!Array.isArray(cadences.rules) || cadences.$schema !== '../schema/ruleset.schema.json') throw new Error('esm: rules/* export');
const rulesDir = fileURLToPath(new URL('./node_modules/rx-followup/rules/', import.meta.url));
const ruleSet = await loadRuleSet(rulesDir);
const planner = createPlanner({ ruleSet });
const input = {
  customer: { id: 'c', membership: { tier: 'loyal', registeredAt: '2020-01-01T00:00:00+08:00' }, contact: { phone: '1' } },
  purchase: { id: 'p', customerId: 'c', purchasedAt: '2026-03-05T10:00:00+08:00', items: [{ drugCode: 'A', quantity: 1 }] },
  courses: [{ drugCode: 'A', unitsPerPack: 10, dosePerDay: 1 }],
};
const plan = await planner.plan(input);
if (plan.touchpoints.length !== 3) throw new Error('esm: expected 3 touchpoints');
if (checkPlanInvariants(plan, input, planner.ruleSet).length !== 0) throw new Error('esm: invariants');
if (!validateRuleSet(defaultRuleSet).ok || typeof schema.$defs !== 'object') throw new Error('esm: schema');
try { await planner.plan({}); } catch (e) { if (!(e instanceof InputError)) throw e; }
try { await loadRuleSet('/nope'); } catch (e) { if (!(e instanceof RuleSetError)) throw new Error('esm: RuleSetError identity across entry points'); }
if (InputError.name !== 'InputError' || new RuleSetError([]).constructor.name !== 'RuleSetError') throw new Error('esm: class names');
console.log('esm ok');
JS

cat > cjs.cjs <<'JS'
const { createPlanner, defaultRuleSet, RuleSetError } = require('rx-followup');
const { loadRuleSet } = require('rx-followup/node');
const { checkPlanInvariants } = require('rx-followup/testing');
const pkg = require('rx-followup/package.json');
(async () => {
  const planner = createPlanner({ ruleSet: defaultRuleSet });
  if (typeof checkPlanInvariants !== 'function' || pkg.name !== 'rx-followup') throw new Error('cjs: exports');
  try { await loadRuleSet('/nope'); } catch (e) { if (!(e instanceof RuleSetError)) throw new Error('cjs: RuleSetError identity across entry points'); }
  if (RuleSetError.name !== 'RuleSetError' || new RuleSetError([]).constructor.name !== 'RuleSetError') throw new Error('cjs: class names');
  if (!require('fs').existsSync(require.resolve('rx-followup/package.json').replace('package.json', 'LICENSE'))) throw new Error('cjs: LICENSE');
  console.log('cjs ok', planner.ruleSetInfo.id);
})().catch((e) => { console.error(e); process.exit(1); });
JS

cat > types.mts <<'TS'
import { createPlanner, defaultRuleSet, type FollowUpPlan, type PlanInput, type Touchpoint } from 'rx-followup';
import { loadRuleSet } from 'rx-followup/node';
import { checkPlanInvariants, type Violation } from 'rx-followup/testing';
const planner = createPlanner({ ruleSet: defaultRuleSet });
declare const input: PlanInput;
const plan: FollowUpPlan = await planner.plan(input);
const first: Touchpoint | undefined = plan.touchpoints[0];
const v: Violation[] = checkPlanInvariants(plan, input, await loadRuleSet('rules'));
export { first, v };
TS
cat > types.cts <<'TS'
import rx = require('rx-followup');
import node = require('rx-followup/node');
const planner: rx.Planner = rx.createPlanner({ ruleSet: rx.defaultRuleSet });
export const load: typeof node.loadRuleSet = node.loadRuleSet;
export { planner };
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "node16", "moduleResolution": "node16", "target": "es2022", "strict": true, "noEmit": true, "skipLibCheck": false, "types": [] }, "files": ["types.mts", "types.cts"] }
JSON

# An older TypeScript setup, as `tsc --init` made it and many ERP code bases keep it: "module": "commonjs" with the
# default (node10) resolution, esModuleInterop and skipLibCheck. Subpath types must resolve there too (typesVersions).
mkdir legacy
cat > legacy/index.ts <<'TS'
import { createPlanner, defaultRuleSet, type PlanInput } from 'rx-followup';
import { loadRuleSet } from 'rx-followup/node';
import { checkPlanInvariants } from 'rx-followup/testing';
const planner = createPlanner({ ruleSet: defaultRuleSet });
declare const input: PlanInput;
export const check = async () => checkPlanInvariants(await planner.plan(input), input, await loadRuleSet('rules'));
TS
cat > legacy/tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "commonjs", "target": "es2019", "esModuleInterop": true, "strict": true, "noEmit": true, "skipLibCheck": true, "types": [], "lib": ["es2020"] }, "files": ["index.ts"] }
JSON

node esm.mjs
node cjs.cjs
# The bin, as installed: version, and the shipped rules validate.
test "$(./node_modules/.bin/rx-followup --version)" = "$(node -p "require('rx-followup/package.json').version")"
./node_modules/.bin/rx-followup validate node_modules/rx-followup/rules
"$root/node_modules/.bin/tsc" -p tsconfig.json
"$root/node_modules/.bin/tsc" -p legacy/tsconfig.json
echo "package ok: $tarball"
