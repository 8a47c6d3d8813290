/**
 * The problems of text read from files and records (rule files, inputs, rosters): its JSON syntax, its encoding,
 * reading the file, the CLI's records. They are found outside the core (src/_lib/json-text.ts for the syntax, which
 * the workbench also uses; rx-followup/node; the CLI); text-issues.ts says them in each locale.
 */

/** A character a Chinese keyboard types where JSON wants its own. */
export type LookAlike =
  | 'full-width-colon'
  | 'full-width-comma'
  | 'enumeration-comma'
  | 'full-width-semicolon'
  | 'curly-quote'
  | 'full-width-quote'
  | 'full-width-brace'
  | 'full-width-bracket'
  | 'full-width-space';

/** Each code of a problem with text read from a file or record, and its params. */
export interface TextIssueParams {
  // JSON syntax ("invalid JSON: …"); `found` and the like are short excerpts of the text, control characters escaped.
  'syntax-look-alike': { readonly name: LookAlike; readonly char: string; readonly instead: string };
  'syntax-comment': { readonly found: string };
  'syntax-single-quotes': { readonly found: string };
  'syntax-word-case': { readonly found: string; readonly word: 'true' | 'false' | 'null' };
  'syntax-bare-word': { readonly found: string };
  'syntax-trailing-comma': { readonly before: string };
  /** Something else where `expected` was; `found: null` — the text ends there. */
  'syntax-expected': {
    readonly expected: 'value' | 'key' | 'colon' | 'comma' | 'comma-or-brace' | 'comma-or-bracket';
    readonly found: string | null;
  };
  'syntax-after-end': { readonly found: string };
  'syntax-open-string': Record<string, never>;
  'syntax-control-character': { readonly codePoint: string };
  'syntax-number': { readonly found: string };
  'syntax-escape': { readonly found: string };
  /** A problem the JSON parser names by its own code (`error`). */
  'syntax-other': { readonly error: string; readonly found: string };
  'syntax-empty': Record<string, never>;
  'syntax-invalid': Record<string, never>;
  'syntax-too-deep': { readonly max: number };
  'syntax-too-many-values': { readonly max: number };
  'syntax-duplicate-key': { readonly key: string; readonly line: number; readonly column: number };

  // Encoding.
  /** Bytes that are not text in `encoding` (or U+FFFD already in it: text mis-decoded before). */
  'not-text': { readonly encoding: 'utf-8' | 'gbk' | 'gb18030' };

  // Files and folders.
  'file-missing': Record<string, never>;
  'file-loop': Record<string, never>;
  'file-permission': Record<string, never>;
  'file-is-folder': { readonly what: 'file' | 'rule-file' };
  'file-path-not-folder': Record<string, never>;
  /** A file system error the words above do not cover: its `code` (`EIO`), or `unknown`. */
  'file-unreadable': { readonly code: string };
  'file-not-regular': Record<string, never>;
  'file-too-large': { readonly max: number };
  'folder-no-rules': Record<string, never>;
  'folder-too-many-files': { readonly count: number; readonly max: number };
  'link-outside-folder': Record<string, never>;

  // The CLI's input records.
  'record-too-long': { readonly max: number };
  'array-after-end': Record<string, never>;
  'array-trailing-comma': Record<string, never>;
  'array-empty-element': { readonly after: 'comma' | 'bracket' };
  /** The plans of a worklist file past a bound (`what`: plans or contacts). */
  'records-too-many': { readonly max: number; readonly what: 'plans' | 'contacts' };
  /** So many problems that the rest of the input is not read. */
  'records-too-many-problems': { readonly max: number };
  /** More inputs pasted (the workbench's playground) than it plans at once. */
  'inputs-too-many': { readonly max: number };
}

/** A code of a problem with text read from a file or record. */
export type TextIssueCode = keyof TextIssueParams;

/** A code of a JSON syntax problem. */
export type SyntaxCode = Extract<TextIssueCode, `syntax-${string}`>;

/** A code and its params (a syntax problem before it has a place). */
export type TextCoded<C extends TextIssueCode = TextIssueCode> = {
  [K in C]: { readonly code: K; readonly params: TextIssueParams[K] };
}[C];

/** A problem with text read from a file or record. */
export type TextIssue = {
  [C in TextIssueCode]: {
    readonly path: string;
    readonly code: C;
    readonly params: TextIssueParams[C];
    readonly message: string;
  };
}[TextIssueCode];
