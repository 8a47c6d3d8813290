/**
 * JSON syntax problems in Chinese (the messages of src/_lib/json-text.ts, after "invalid JSON: "). Apart from the
 * core's table: only what reads rule files as text (rx-followup/node, the workbench, the CLI) needs it.
 */
import type { Locale } from './explanation.js';
import { issueMessageZhCn } from './issues-zh-cn.js';

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

function jsonMessageZhCn(message: string): string {
  for (const [pattern, translate] of JSON_PATTERNS) {
    const m = pattern.exec(message);
    if (m !== null) return translate(m);
  }
  return message;
}

/** An issue of a rule file read as text in Chinese: a JSON syntax problem, else as the core's table says it. */
export function fileIssueMessageZhCn(message: string): string {
  if (message.startsWith('invalid JSON: ')) return `JSON 格式错误：${jsonMessageZhCn(message.slice('invalid JSON: '.length))}`;
  return issueMessageZhCn(message);
}

/** Issues of rule files read as text, in `locale` (paths as they are). */
export function fileIssuesIn<T extends { readonly path: string; readonly message: string }>(issues: readonly T[], locale: Locale): readonly T[] {
  return locale === 'zh-CN' ? issues.map((i) => ({ ...i, message: fileIssueMessageZhCn(i.message) })) : issues;
}
