// A nightly batch: plan every purchase of the day from NDJSON with planMany, in input order, without holding the
// file in memory. Run: npx tsx examples/nightly-batch.ts examples/purchases.ndjson
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPlanner, defaultRuleSet } from 'rx-followup';

const file = process.argv[2] ?? new URL('./purchases.ndjson', import.meta.url).pathname;
const planner = createPlanner({ ruleSet: defaultRuleSet });

async function* records(path: string): AsyncGenerator<unknown> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.trim() !== '') yield JSON.parse(line);
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
