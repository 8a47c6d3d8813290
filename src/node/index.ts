/**
 * Node-only helpers of rx-followup: reading rule files from disk.
 * The core (`rx-followup`) never touches the file system.
 *
 * @packageDocumentation
 */
export { loadRuleSet, parseJsonFile, MAX_RULE_FILE_BYTES, MAX_RULE_FILES } from './load-rule-set.js';
export type { LoadRuleSetOptions } from './load-rule-set.js';
export { ENCODINGS } from './text.js';
export type { TextEncodingName } from './text.js';
