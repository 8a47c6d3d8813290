// A nightly batch: plan every purchase of the day from NDJSON with planMany, in input order, without holding the
// file in memory. Run: npx tsx examples/nightly-batch.ts examples/purchases.ndjson
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPlanner, defaultRuleSet, type PlanInput } from 'rx-followup';

const file = process.argv[2] ?? fileURLToPath(new URL('./purchases.ndjson', import.meta.url));
const planner = createPlanner({ ruleSet: defaultRuleSet });

// Each line is parsed JSON of unknown shape: typed as PlanInput deliberately, since planMany validates every record
// and yields an InputError for a bad one.
async function* records(path: string): AsyncGenerator<PlanInput> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.trim() !== '') yield JSON.parse(line) as PlanInput;
  }
}

let contacts = 0;
let failed = 0;
for await (const result of planner.planMany(records(file))) {
  if (result.ok) contacts += result.plan.touchpoints.length;
  else {
    failed++;
    console.error(`record ${result.index + 1}: ${result.error.message}`);
  }
}
console.log(`${contacts} contacts planned, ${failed} records failed`);
