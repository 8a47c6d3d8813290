/**
 * The issues of text read from files and records (rule files, inputs): its JSON syntax and reading the file. They are
 * made outside the core (rx-followup/node, the workbench, the CLI), which read text; text-issues.ts says them.
 */

/** Each code of a problem with text read from a file or record, and its params. */
export interface TextIssueParams {
  /** Text that is not JSON: `problem` says what is wrong in src/_lib/json-text.ts's words (English). */
  'invalid-json': { readonly problem: string };
  /** A rule file or folder that could not be read: `problem` says why (English). */
  'unreadable-file': { readonly problem: string };
  /** A record of an input file the CLI could not take whole (said already in the command's locale). */
  'record-problem': { readonly problem: string };
}

/** A code of a problem with text read from a file or record. */
export type TextIssueCode = keyof TextIssueParams;

/** A problem with text read from a file or record. */
export type TextIssue = {
  [C in TextIssueCode]: { readonly path: string; readonly code: C; readonly params: TextIssueParams[C]; readonly message: string };
}[TextIssueCode];
