/**
 * Node-only helpers of rx-followup: reading rule files from disk.
 * The core (`rx-followup`) never touches the file system.
 *
 * @packageDocumentation
 */
export { loadRuleSet, parseJsonFile, MAX_RULE_FILE_BYTES } from './load-rule-set.js';
