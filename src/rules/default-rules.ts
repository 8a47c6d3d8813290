import type { RuleFile } from '../schema/ruleset.js';
import blackouts from '../../rules/blackouts.json';
import cadences from '../../rules/cadences.json';
import caps from '../../rules/caps.json';
import channels from '../../rules/channels.json';
import escalations from '../../rules/escalations.json';
import holidays from '../../rules/holidays.json';
import retries from '../../rules/retries.json';
import ruleset from '../../rules/ruleset.json';
import windows from '../../rules/windows.json';

/** The shipped rule files, by file name, in file-name order. */
export const DEFAULT_RULE_FILES: Readonly<Record<string, unknown>> = {
  'blackouts.json': blackouts,
  'cadences.json': cadences,
  'caps.json': caps,
  'channels.json': channels,
  'escalations.json': escalations,
  'holidays.json': holidays,
  'retries.json': retries,
  'ruleset.json': ruleset,
  'windows.json': windows,
};

interface RawFile {
  id?: string;
  version?: string;
  description?: string;
  defaults?: Record<string, unknown>;
  calendars?: Record<string, unknown>;
  conditions?: Record<string, unknown>;
  purposes?: Record<string, unknown>;
  rules?: unknown[];
}

/**
 * Merges rule files the way `loadRuleSet` does, without validating: the
 * top-level fields of whichever file has them, calendars and rules pooled.
 * `$schema` is dropped.
 */
export function mergeRuleFiles(files: readonly unknown[]): Record<string, unknown> {
  const merged: {
    id?: string;
    version?: string;
    description?: string;
    defaults?: Record<string, unknown>;
    calendars: Record<string, unknown>;
    conditions: Record<string, unknown>;
    purposes?: Record<string, unknown>;
    rules: unknown[];
  } = {
    calendars: {},
    conditions: {},
    rules: [],
  };
  for (const file of files as RawFile[]) {
    if (file.id !== undefined) merged.id = file.id;
    if (file.version !== undefined) merged.version = file.version;
    if (file.description !== undefined) merged.description = file.description;
    if (file.defaults !== undefined) merged.defaults = { ...merged.defaults, ...file.defaults };
    merged.calendars = { ...merged.calendars, ...file.calendars };
    merged.conditions = { ...merged.conditions, ...file.conditions };
    if (file.purposes !== undefined) merged.purposes = { ...merged.purposes, ...file.purposes };
    merged.rules.push(...(file.rules ?? []));
  }
  return merged;
}

/**
 * The default rule set: the parsed content of the shipped `rules/` folder,
 * merged into one plain JSON-compatible object. Pass it to `createPlanner`,
 * or copy the folder and edit your own.
 *
 * @example
 * ```ts
 * import { createPlanner, defaultRuleSet } from 'rx-followup';
 *
 * const planner = createPlanner({ ruleSet: defaultRuleSet });
 * console.log(planner.ruleSetInfo.id, planner.ruleSet.rules.length); // default 29
 * ```
 */
export const defaultRuleSet: RuleFile = mergeRuleFiles(Object.values(DEFAULT_RULE_FILES)) as RuleFile;
