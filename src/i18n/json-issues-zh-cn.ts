/**
 * JSON syntax problems in Chinese (the messages of src/_lib/json-text.ts, after "invalid JSON: "), and the problems of
 * reading files and records as text (src/node/, src/cli/). Apart from the core's table: only what reads rule files or
 * records as text (rx-followup/node, the workbench, the CLI) needs it.
 */
import type { Locale } from './explanation.js';
import type { Issue } from '../errors.js';
import { issueMessage } from './issues.js';
import type { TextIssue, TextIssueCode } from './text-issue-codes.js';

type Translate = (m: RegExpExecArray) => string;

/** The look-alike characters a Chinese keyboard types, by their English names (src/_lib/json-text.ts). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  'full-width colon': '全角冒号',
  'full-width comma': '全角逗号',
  'enumeration comma': '顿号',
  'full-width semicolon': '全角分号',
  'curly quote': '中文引号',
  'full-width quote': '全角引号',
  'full-width brace': '全角花括号',
  'full-width bracket': '全角方括号',
  'full-width space': '全角空格',
};

/** JSON syntax problems (src/_lib/json-text.ts), after "invalid JSON: ". */
const JSON_PATTERNS: readonly (readonly [RegExp, Translate])[] = [
  [/^nests deeper than (\d+) levels$/, (m) => `嵌套超过 ${m[1]} 层`],
  [/^holds more than (\d+) values$/, (m) => `值的个数超过 ${m[1]} 个`],
  [/^([a-z -]+) '(.+)' — use '(.+)'$/, (m) => `${LOOK_ALIKES[m[1] as string] ?? m[1]} '${m[2]}'——请改用 '${m[3]}'`],
  [
    /^a comment \('(.*)'\): JSON has no comments — remove it \(a rule's "description" can hold notes\)$/s,
    (m) => `注释（'${m[1]}'）：JSON 不能有注释——请删除（说明可以写在规则的 "description" 里）`,
  ],
  [/^single quotes \((.*)\): JSON strings use double quotes$/s, (m) => `单引号（${m[1]}）：JSON 字符串要用双引号`],
  [/^'(.*)': JSON writes (true|false|null) in lower case$/, (m) => `'${m[1]}'：JSON 中 ${m[2]} 要小写`],
  [
    /^bare word '(.*)': a string needs double quotes \("(.*)"\); JSON's only words are true, false and null$/s,
    (m) => `没有引号的词 '${m[1]}'：字符串要加双引号（"${m[2]}"）；JSON 中不加引号的词只有 true、false 和 null`,
  ],
  [/^a comma before '(.)': JSON allows no trailing comma — remove it$/, (m) => `'${m[1]}' 前面多了逗号：JSON 不允许末尾逗号——请删除`],
  [/^the text ends where a value is expected$/, () => '文本在应有值的地方结束了'],
  [/^expected a value, found '(.*)'$/s, (m) => `这里应是一个值，却是 '${m[1]}'`],
  [/^expected a key in double quotes, found '(.*)'$/s, (m) => `这里应是带双引号的键，却是 '${m[1]}'`],
  [/^the text ends where ':' is expected$/, () => "文本在应有 ':' 的地方结束了"],
  [/^expected ':' after the key, found '(.*)'$/s, (m) => `键后面应是 ':'，却是 '${m[1]}'`],
  [/^expected ',' before '(.*)' \(or a closing bracket\)$/s, (m) => `'${m[1]}' 前面应有 ','（或右括号）`],
  [/^the text ends before an object is closed: a '\}' is missing$/, () => "对象没有结束，文本就结束了：缺少 '}'"],
  [/^expected ',' or '\}', found '(.*)'$/s, (m) => `这里应是 ',' 或 '}'，却是 '${m[1]}'`],
  [/^the text ends before a list is closed: a '\]' is missing$/, () => "列表没有结束，文本就结束了：缺少 ']'"],
  [/^expected ',' or '\]', found '(.*)'$/s, (m) => `这里应是 ',' 或 ']'，却是 '${m[1]}'`],
  [/^more text after the end of the JSON value: '(.*)'$/s, (m) => `JSON 值结束后还有内容：'${m[1]}'`],
  [/^a string is not closed: a '"' is missing$/, () => `字符串没有结束：缺少 '"'`],
  [
    /^a control character \((U\+[0-9A-F]{4})\) inside a string: write it escaped \(\\t, \\n\)$/,
    (m) => `字符串里有控制字符（${m[1]}）：请写成转义形式（\\t、\\n）`,
  ],
  [/^'(.*)' is not a JSON number$/s, (m) => `'${m[1]}' 不是 JSON 数字`],
  [/^no JSON value: the text is empty$/, () => '没有 JSON 值：文本是空的'],
  [/^not valid JSON$/, () => '不是有效的 JSON'],
  [
    /^the key "(.*)" appears twice in one object \(also at line (\d+), column (\d+)\): JSON keeps only the last$/s,
    (m) => `同一个对象里键 "${m[1]}" 出现了两次（另见第 ${m[2]} 行第 ${m[3]} 列）：JSON 只保留最后一个`,
  ],
];

/** Problems of reading a file or a record as text (src/node/load-rule-set.ts, src/node/text.ts, src/cli/). */
const FILE_PATTERNS: readonly (readonly [RegExp, Translate])[] = [
  [/^no such file or folder \(or a symbolic link to nothing\)$/, () => '没有这个文件或文件夹（或是指向不存在之处的符号链接）'],
  [/^symbolic links that loop: not read$/, () => '符号链接形成循环：未读取'],
  [/^permission denied$/, () => '没有读取权限'],
  [/^is a folder, not a rule file$/, () => '是文件夹，不是规则文件'],
  [/^a part of the path is not a folder$/, () => '路径中有一部分不是文件夹'],
  [/^cannot be read \((.*)\)$/, (m) => `无法读取（${m[1]}）`],
  [/^is not a regular file \(a device, FIFO or socket\): not read$/, () => '不是普通文件（是设备、FIFO 或套接字）：未读取'],
  [/^the file is larger than (\d+) bytes$/, (m) => `文件大于 ${m[1]} 字节`],
  [/^the folder holds no \*\.json rule file$/, () => '文件夹里没有 *.json 规则文件'],
  [/^the folder holds (\d+) \*\.json files; at most (\d+) are read$/, (m) => `文件夹里有 ${m[1]} 个 *.json 文件；最多读取 ${m[2]} 个`],
  [
    /^is a symbolic link to a file outside the folder: not read \(copy the file into the folder instead\)$/,
    () => '是指向文件夹外文件的符号链接：未读取（请把文件复制到文件夹里）',
  ],
  [
    /^not valid UTF-8: the file may be GBK or GB18030 \(name its encoding, e\.g\. --encoding gbk\), or it was mis-decoded before \(it holds U\+FFFD\)$/,
    () => '不是有效的 UTF-8：文件可能是 GBK 或 GB18030 编码（请指明编码，例如 --encoding gbk），或之前已被错误解码（含有 U+FFFD）',
  ],
  [
    /^not valid (GBK|GB18030) \(or it holds U\+FFFD, the mark of text mis-decoded before\): check its encoding$/,
    (m) => `不是有效的 ${m[1]}（或含有 U+FFFD，即之前被错误解码的痕迹）：请检查编码`,
  ],
  [/^record too long: more than (\d+) characters$/, (m) => `记录过长：超过 ${m[1]} 个字符`],
  [
    /^more text after the end of the JSON array: an input holds one array \(or NDJSON, one record per line\)$/,
    () => 'JSON 数组结束后还有内容：输入只能是一个数组（或 NDJSON，每行一条记录）',
  ],
  [/^a comma before '\]': an array ends with its last record$/, () => "']' 前面多了逗号：数组应以最后一条记录结束"],
  [/^an empty element: two commas in a row$/, () => '空元素：连续两个逗号'],
  [/^an empty element: a comma right after '\['$/, () => "空元素：'[' 后面紧跟逗号"],
];

function translated(patterns: readonly (readonly [RegExp, Translate])[], message: string): string | undefined {
  for (const [pattern, translate] of patterns) {
    const m = pattern.exec(message);
    if (m !== null) return translate(m);
  }
  return undefined;
}

function jsonMessageZhCn(message: string): string {
  return translated(JSON_PATTERNS, message) ?? message;
}

/**
 * A problem of a rule file or record read as text, in Chinese: a JSON syntax problem, a problem of reading it (by
 * the English words of src/_lib/json-text.ts and src/node/), else as it is.
 */
export function fileIssueMessageZhCn(message: string): string {
  if (message.startsWith('invalid JSON: ')) return `JSON 格式错误：${jsonMessageZhCn(message.slice('invalid JSON: '.length))}`;
  return translated(FILE_PATTERNS, message) ?? message;
}

/** An issue of text read from a file or record: its code, the problem in English words, and its message. */
export function textIssue<C extends TextIssueCode>(path: string, code: C, problem: string): TextIssue {
  return { path, code, params: { problem }, message: code === 'invalid-json' ? `invalid JSON: ${problem}` : problem } as TextIssue;
}

/** Issues of rule files read as text, in `locale` (paths as they are); the core's codes said from their catalogue. */
export function fileIssuesIn(issues: readonly Issue[], locale: Locale): readonly Issue[] {
  if (locale === 'en') return issues;
  return issues.map((i) => ({ ...i, message: isTextIssue(i) ? fileIssueMessageZhCn(i.message) : issueMessage(i, locale) }) as Issue);
}

const isTextIssue = (i: Issue): i is TextIssue => i.code === 'invalid-json' || i.code === 'unreadable-file' || i.code === 'record-problem';
