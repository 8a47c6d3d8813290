import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateRuleSources } from '../src/rules/validate.js';
import { DEFAULT_RULE_FILES } from '../src/rules/default-rules.js';
import { ruleFileJsonSchema } from '../src/schema/json-schema.js';

// What an editor checks as the analyst types (the JSON Schema) against what the validator says, value by value: the
// schema refuses every form the validator refuses where a pattern can tell (a date that does not exist, 2026-02-30,
// is the validator's alone).
const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaAccepts = ajv.compile(ruleFileJsonSchema());
const read = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../rules/${name}`, import.meta.url), 'utf8'));

/** Both verdicts for one rule file changed by `change`, the others as shipped. */
function verdicts(file: string, change: (json: Record<string, any>) => void): { schema: boolean; validator: boolean } {
  const json = read(file);
  change(json);
  const sources = Object.keys(DEFAULT_RULE_FILES).map((f) => ({
    file: `rules/${f}`,
    json: f === file ? json : read(f),
  }));
  return { schema: schemaAccepts(json), validator: validateRuleSources(sources).ok };
}

describe('the JSON Schema catches what the validator catches where a schema can', () => {
  it.each([
    ['P7D', true],
    ['P3', false],
    ['P', false],
    ['PT', false],
    ['3D', false],
    ['P1DT', false],
    ['P1.5D', false],
    ['PT24H', true],
    ['P1W', true],
    ['-P4D', false],
  ])('a tolerance of %s: %s', (value, ok) => {
    expect(verdicts('cadences.json', (j) => (j.rules[0].event.params.tolerance = value))).toEqual({
      schema: ok,
      validator: ok,
    });
  });

  it.each([
    ['-P4D', true],
    ['+P3D', true],
    ['P3', false],
    ['-P', false],
  ])('an offset of %s (offsets may count back): %s', (value, ok) => {
    expect(verdicts('cadences.json', (j) => (j.rules[0].event.params.offsets = [value]))).toEqual({
      schema: ok,
      validator: ok,
    });
  });

  it.each([
    ['P2D', true],
    ['PT12H', false],
    ['P1M', false],
  ])('a cap gap of %s (whole days or weeks): %s', (value, ok) => {
    expect(
      verdicts(
        'caps.json',
        (j) => (j.rules.find((r: { id: string }) => r.id === 'cap.call-gap').event.params.gap = value),
      ),
    ).toEqual({
      schema: ok,
      validator: ok,
    });
  });

  it.each([
    ['16:00', true],
    ['24:00', true],
    ['24:01', false],
    ['9:00', false],
    ['15:60', false],
    ['15.00', false],
  ])('a window ending %s: %s', (value, ok) => {
    expect(verdicts('windows.json', (j) => (j.rules[0].event.params.windows[0].to = value))).toEqual({
      schema: ok,
      validator: ok,
    });
  });

  it.each([
    ['2026-10-09', true, true],
    ['2026-13-01', false, false],
    ['2026-1-09', false, false],
    ['2026/10/09', false, false],
    // A pattern cannot know February: the validator can.
    ['2026-02-30', true, false],
  ])('a holiday dated %s: schema %s, validator %s', (value, schema, validator) => {
    expect(
      verdicts('holidays.json', (j) => (Object.values(j.calendars as Record<string, any>)[0].holidays[0].date = value)),
    ).toEqual({
      schema,
      validator,
    });
  });

  it.each([
    ['in', ['loyal'], true],
    ['not:equal', 'loyal', true],
    ['not:in', ['new'], true],
    ['equals', 'loyal', false],
    ['Equal', 'loyal', false],
    ['not:', 'loyal', false],
    ['nope:in', ['loyal'], false],
  ])('an operator %s (against %j): %s', (operator, value, ok) => {
    const change = (j: Record<string, any>): void => {
      j.rules[0].conditions.all[1].operator = operator;
      j.rules[0].conditions.all[1].value = value;
    };
    expect(verdicts('cadences.json', change)).toEqual({ schema: ok, validator: ok });
  });

  it('offers the operator names for completion, and says in words what a duration must look like', () => {
    const schema = JSON.stringify(ruleFileJsonSchema());
    expect(schema).toContain(
      '{"enum":["equal","notEqual","in","notIn","contains","doesNotContain","lessThan","lessThanInclusive","greaterThan","greaterThanInclusive"]}',
    );
    expect(schema).toContain('"patternErrorMessage":"an ISO-8601 duration, e.g. \\"P3D\\", \\"P1M\\", \\"PT24H\\""');
  });
});
