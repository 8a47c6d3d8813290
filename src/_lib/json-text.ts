/**
 * JSON text as analysts and ERP systems write it. The value comes from `JSON.parse` (standard, and `__proto__`
 * stays a plain key); a syntax error is described by jsonc-parser, VS Code's JSON parser, at the mistake's line
 * and column, saying what was found there (a full-width colon, a comment, a bare word…). The same parse tree
 * tells where each value starts, for validation issues, and finds duplicate keys.
 */
import { scanLimits } from './json-limits.js';
import { parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';
import type { LookAlike, TextCoded, TextIssueParams } from '../i18n/text-issue-codes.js';
import { sayTextDetail } from '../i18n/text-issues.js';

/** A place in a text, both 1-based; columns count UTF-16 code units, as editors do. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Where each line of a text starts, to turn offsets into lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): TextPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

/** A JSON problem at a place: one line of text. */
/** A JSON syntax problem where it is: its code and params, and its words in English (without "invalid JSON: "). */
export type JsonProblem = TextPosition & TextCoded & { readonly message: string };

/** Characters a Chinese keyboard types for JSON's own, and what to type instead. */
const LOOK_ALIKES: Readonly<Record<string, readonly [name: LookAlike, instead: string]>> = {
  '：': ['full-width-colon', ':'],
  '，': ['full-width-comma', ','],
  '、': ['enumeration-comma', ','],
  '；': ['full-width-semicolon', ','],
  '“': ['curly-quote', '"'],
  '”': ['curly-quote', '"'],
  '‘': ['curly-quote', '"'],
  '’': ['curly-quote', '"'],
  '＂': ['full-width-quote', '"'],
  '｛': ['full-width-brace', '{'],
  '｝': ['full-width-brace', '}'],
  '［': ['full-width-bracket', '['],
  '］': ['full-width-bracket', ']'],
  '【': ['full-width-bracket', '['],
  '】': ['full-width-bracket', ']'],
  '　': ['full-width-space', ' '],
};

/** A problem at `line`/`column`, with its English words. */
export function problemAt(position: TextPosition, problem: TextCoded): JsonProblem {
  return { ...position, ...problem, message: sayTextDetail(problem) };
}

const MAX_SHOWN = 24;

/** A short excerpt of the text, on one line, safe to print. */
function excerpt(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  const unsafe = /[\u0000-\u001f\u007f\u2028\u2029]/g;
  return cut.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return i;
}

/** What went wrong at a jsonc-parser error, by code, and where to point. */
/** A symbol where a value was expected: single quotes, `True` for `true`, or a bare word. */
function invalidSymbol(text: string, offset: number, found: string): TextCoded {
  if (text[offset] === "'") return { code: 'syntax-single-quotes', params: { found: excerpt(found) } };
  const word = /^[^\s{}[\]:,"]+/u.exec(text.slice(offset))?.[0] ?? found;
  const lower = word.toLowerCase();
  if (lower === 'true' || lower === 'false' || lower === 'null')
    return { code: 'syntax-word-case', params: { found: excerpt(word), word: lower } };
  return { code: 'syntax-bare-word', params: { found: excerpt(word) } };
}

/** A control character inside a string, at `where`, by its code point. */
function controlCharacter(text: string, where: number): { offset: number; problem: TextCoded } {
  const codePoint = `U+${(text.charCodeAt(where) || 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { offset: where, problem: { code: 'syntax-control-character', params: { codePoint } } };
}

function describe(text: string, error: ParseError): { offset: number; problem: TextCoded } {
  const { offset } = error;
  const found = text.slice(offset, offset + Math.max(error.length, 1));
  const first = text[offset] ?? '';
  const lookAlike = LOOK_ALIKES[first];
  const at = (problem: TextCoded, where = offset): { offset: number; problem: TextCoded } => ({
    offset: where,
    problem,
  });
  if (lookAlike)
    return at({ code: 'syntax-look-alike', params: { name: lookAlike[0], char: first, instead: lookAlike[1] } });
  const atEnd = offset >= text.length;
  const code = printParseErrorCode(error.error);
  const expected = (what: TextIssueParams['syntax-expected']['expected']): { offset: number; problem: TextCoded } =>
    at({ code: 'syntax-expected', params: { expected: what, found: atEnd ? null : excerpt(found) } });
  switch (code) {
    case 'InvalidCommentToken':
      return at({ code: 'syntax-comment', params: { found: excerpt(found) } });
    case 'InvalidSymbol':
      return at(invalidSymbol(text, offset, found));
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const before = previousNonSpace(text, offset);
      if (before >= 0 && text[before] === ',' && (first === '}' || first === ']'))
        return at({ code: 'syntax-trailing-comma', params: { before: first } }, before);
      return expected(code === 'ValueExpected' || atEnd ? 'value' : 'key');
    }
    case 'ColonExpected':
      return expected('colon');
    case 'CommaExpected':
      return at({ code: 'syntax-expected', params: { expected: 'comma', found: excerpt(found) } });
    case 'CloseBraceExpected':
      return expected('comma-or-brace');
    case 'CloseBracketExpected':
      return expected('comma-or-bracket');
    case 'EndOfFileExpected':
      return at({ code: 'syntax-after-end', params: { found: excerpt(found) } });
    case 'UnexpectedEndOfString':
      return at({ code: 'syntax-open-string', params: {} });
    case 'InvalidCharacter': {
      // jsonc-parser reports the string that holds it: point at the character itself.
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      const inside = found.search(/[\u0000-\u001f]/);
      return controlCharacter(text, inside < 0 ? offset : offset + inside);
    }
    case 'InvalidNumberFormat':
      return at({ code: 'syntax-number', params: { found: excerpt(found) } });
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return at({ code: 'syntax-escape', params: { found: excerpt(found) } });
    default:
      return at({ code: 'syntax-other', params: { error: code, found: excerpt(found) } });
  }
}

const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** The first syntax error of a text that `JSON.parse` refused. */
export function describeJsonError(text: string, lines = new LineIndex(text)): JsonProblem {
  const errors: ParseError[] = [];
  parseTree(text, errors, PARSE_OPTIONS);
  const error = errors[0];
  // JSON.parse refused it, so jsonc-parser (which accepts a little more: a lone value of any kind) sees something;
  // if not, the text is empty.
  if (error === undefined)
    return problemAt(lines.at(text.length), {
      code: text.trim() === '' ? 'syntax-empty' : 'syntax-invalid',
      params: {},
    });
  const { offset, problem } = describe(text, error);
  return problemAt(lines.at(offset), problem);
}

/** A parsed JSON text: its value, and what can say where each part of it is. */
export interface ParsedJson {
  readonly json: unknown;
  readonly tree: Node | undefined;
  readonly lines: LineIndex;
}

/** Deepest nesting of objects and lists taken (SECURITY.md: JSON nesting): deeper is a problem at its place. */
export const MAX_JSON_NESTING = 64;

/**
 * Parses JSON text (a leading byte order mark ignored); a syntax error, a duplicate key, nesting deeper than
 * {@link MAX_JSON_NESTING} or more than `maxValues` values is a {@link JsonProblem}.
 */
export function parseJsonText(
  raw: string,
  options: { readonly locate?: boolean; readonly maxValues?: number } = {},
): { ok: true; value: ParsedJson } | { ok: false; problem: JsonProblem } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = new LineIndex(text);
  const maxValues = options.maxValues ?? Number.POSITIVE_INFINITY;
  const counted = { keys: 0 };
  const over = scanLimits(text, MAX_JSON_NESTING, maxValues, counted);
  if (over !== undefined)
    return {
      ok: false,
      problem: problemAt(
        lines.at(over.at),
        over.what === 'depth'
          ? { code: 'syntax-too-deep', params: { max: MAX_JSON_NESTING } }
          : { code: 'syntax-too-many-values', params: { max: maxValues } },
      ),
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: describeJsonError(text, lines) };
  }
  // With `locate: false` no tree is built (a roster of a million owners would take most of a gigabyte as one).
  const tree = options.locate === false ? undefined : parseTree(text, [], PARSE_OPTIONS);
  // Without a tree: the keys the text writes against the keys the value has; only when some went missing (a key
  // written twice keeps one) is the text read again to say where.
  const duplicate =
    tree !== undefined
      ? firstDuplicateKey(tree)
      : options.locate === false && keysIn(json) !== counted.keys
        ? firstDuplicateKeyOf(text)
        : undefined;
  if (duplicate) {
    const first = lines.at(duplicate.first.offset);
    return {
      ok: false,
      problem: problemAt(lines.at(duplicate.second.offset), {
        code: 'syntax-duplicate-key',
        params: { key: excerpt(String(duplicate.second.value)), line: first.line, column: first.column },
      }),
    };
  }
  return { ok: true, value: { json, tree, lines } };
}

/** How many keys the objects of a parsed value hold, all together (iterative). */
function keysIn(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else
      for (const key in v) {
        // JSON.parse makes own, enumerable keys only (`__proto__` too): no hasOwn needed, which doubles the cost.
        keys++;
        const x = (v as Record<string, unknown>)[key];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
  }
  return keys;
}

/** {@link firstDuplicateKey} without a tree: the keys of the objects open at each moment, read by jsonc-parser's visitor. */
function firstDuplicateKeyOf(
  text: string,
): { first: { offset: number }; second: { offset: number; value: string } } | undefined {
  const open: (Map<string, number> | null)[] = [];
  let found: { first: { offset: number }; second: { offset: number; value: string } } | undefined;
  visit(
    text,
    {
      onObjectBegin: () => void open.push(new Map()),
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => void open.push(null),
      onArrayEnd: () => void open.pop(),
      onObjectProperty: (property, offset) => {
        const keys = open[open.length - 1];
        if (found !== undefined || keys === null || keys === undefined) return;
        const prior = keys.get(property);
        if (prior !== undefined) found = { first: { offset: prior }, second: { offset, value: property } };
        else keys.set(property, offset);
      },
    },
    PARSE_OPTIONS,
  );
  return found;
}

/** The first key (in text order) that an object repeats, with both key nodes. Iterative: depth is not bounded here. */
function firstDuplicateKey(root: Node): { first: Node; second: Node } | undefined {
  const stack: Node[] = [root];
  let found: { first: Node; second: Node } | undefined;
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'object') {
      const seen = new Map<unknown, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key === undefined) continue;
        const prior = seen.get(key.value);
        if (prior !== undefined) {
          if (found === undefined || key.offset < found.second.offset) found = { first: prior, second: key };
        } else seen.set(key.value, key);
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return found;
}

const SEGMENT = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;

/** The keys and indexes of a dotted issue path (`rules[2].event["odd key"]`), as `formatPath` writes them. */
export function pathSegments(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3] as string) as string);
  }
  return out;
}

function child(node: Node, segment: string | number): Node | undefined {
  if (node.type === 'array' && typeof segment === 'number') return node.children?.[segment];
  if (node.type !== 'object') return undefined;
  // The last of equal keys, as JSON.parse keeps it.
  let found: Node | undefined;
  for (const property of node.children ?? []) if (property.children?.[0]?.value === segment) found = property;
  return found;
}

/**
 * Where an issue's path points in the text: the value itself; for an unknown key (zod's `Unrecognized key: "x"`)
 * the key; else the nearest enclosing value that exists.
 */
export function positionOfPath(parsed: ParsedJson, path: string, message = ''): TextPosition | undefined {
  if (parsed.tree === undefined) return undefined;
  const segments = pathSegments(path) ?? [];
  // zod's English message, or its Chinese one (`出现未知的键(key): "x"`), or the validator's own (`unknown key "x"`).
  const unknownKey = /(?:Unrecognized keys?:|出现未知的键\(key\):|unknown key|未知的键) "([^"]+)"/.exec(message)?.[1];
  let node: Node = parsed.tree;
  let keyNode: Node | undefined;
  let walked = 0;
  for (const segment of segments) {
    const property = child(node, segment);
    if (property === undefined) break;
    keyNode = property.type === 'property' ? property.children?.[0] : undefined;
    node = property.type === 'property' ? (property.children?.[1] ?? property) : property;
    walked++;
  }
  if (walked === segments.length && unknownKey !== undefined) {
    // The path names the unknown key itself (`…all[0].opertor`): point at the key, not its value.
    if (keyNode !== undefined && segments.at(-1) === unknownKey) return parsed.lines.at(keyNode.offset);
    const key = child(node, unknownKey)?.children?.[0];
    if (key) return parsed.lines.at(key.offset);
  }
  return parsed.lines.at(node.offset);
}
