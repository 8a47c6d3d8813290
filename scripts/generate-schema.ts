// Writes schema/ruleset.schema.json from the zod schema. `npm run schema`.
import { writeFileSync } from 'node:fs';
import { ruleFileJsonSchema } from '../src/schema/json-schema.js';

writeFileSync(new URL('../schema/ruleset.schema.json', import.meta.url), `${JSON.stringify(ruleFileJsonSchema(), null, 2)}\n`);
console.log('wrote schema/ruleset.schema.json');
