/**
 * The problems of text read from files and records, said in each locale from their codes (text-issue-codes.ts). Only
 * what reads text needs them (rx-followup/node, the workbench, the CLI): they stay out of the core.
 */
import type { Issue } from '../errors.js';
import type { Catalogue, Catalogues } from './catalogue.js';
import type { Locale } from './explanation.js';
import { issueMessage } from './issues.js';
import type { LookAlike, TextCoded, TextIssue, TextIssueCode, TextIssueParams } from './text-issue-codes.js';
import { countFormat } from '../_lib/numbers.js';

type TextCatalogue = Catalogue<TextIssueParams>;

const LOOK_ALIKE_EN: Readonly<Record<LookAlike, string>> = {
  'full-width-colon': 'full-width colon',
  'full-width-comma': 'full-width comma',
  'enumeration-comma': 'enumeration comma',
  'full-width-semicolon': 'full-width semicolon',
  'curly-quote': 'curly quote',
  'full-width-quote': 'full-width quote',
  'full-width-brace': 'full-width brace',
  'full-width-bracket': 'full-width bracket',
  'full-width-space': 'full-width space',
};
const LOOK_ALIKE_ZH_CN: Readonly<Record<LookAlike, string>> = {
  'full-width-colon': '全角冒号',
  'full-width-comma': '全角逗号',
  'enumeration-comma': '顿号',
  'full-width-semicolon': '全角分号',
  'curly-quote': '中文引号',
  'full-width-quote': '全角引号',
  'full-width-brace': '全角花括号',
  'full-width-bracket': '全角方括号',
  'full-width-space': '全角空格',
};

type Expected = TextIssueParams['syntax-expected']['expected'];
const EXPECTED_EN: Readonly<Record<Expected, { found: (f: string) => string; ends: string }>> = {
  value: { found: (f) => `expected a value, found '${f}'`, ends: 'the text ends where a value is expected' },
  key: {
    found: (f) => `expected a key in double quotes, found '${f}'`,
    ends: 'the text ends where a value is expected',
  },
  colon: { found: (f) => `expected ':' after the key, found '${f}'`, ends: "the text ends where ':' is expected" },
  comma: {
    found: (f) => `expected ',' before '${f}' (or a closing bracket)`,
    ends: "the text ends where ',' is expected",
  },
  'comma-or-brace': {
    found: (f) => `expected ',' or '}', found '${f}'`,
    ends: "the text ends before an object is closed: a '}' is missing",
  },
  'comma-or-bracket': {
    found: (f) => `expected ',' or ']', found '${f}'`,
    ends: "the text ends before a list is closed: a ']' is missing",
  },
};
const EXPECTED_ZH_CN: Readonly<Record<Expected, { found: (f: string) => string; ends: string }>> = {
  value: { found: (f) => `这里应是一个值，却是 '${f}'`, ends: '文本在应有值的地方结束了' },
  key: { found: (f) => `这里应是带双引号的键，却是 '${f}'`, ends: '文本在应有值的地方结束了' },
  colon: { found: (f) => `键后面应是 ':'，却是 '${f}'`, ends: "文本在应有 ':' 的地方结束了" },
  comma: { found: (f) => `'${f}' 前面应有 ','（或右括号）`, ends: "文本在应有 ',' 的地方结束了" },
  'comma-or-brace': { found: (f) => `这里应是 ',' 或 '}'，却是 '${f}'`, ends: "对象没有结束，文本就结束了：缺少 '}'" },
  'comma-or-bracket': {
    found: (f) => `这里应是 ',' 或 ']'，却是 '${f}'`,
    ends: "列表没有结束，文本就结束了：缺少 ']'",
  },
};

const nEn = countFormat('en');
const nZh = countFormat('zh-CN');

const EN: TextCatalogue = {
  'syntax-look-alike': (p) => `${LOOK_ALIKE_EN[p.name]} '${p.char}' — use '${p.instead}'`,
  'syntax-comment': (p) =>
    `a comment ('${p.found}'): JSON has no comments — remove it (a rule's "description" can hold notes)`,
  'syntax-single-quotes': (p) => `single quotes (${p.found}): JSON strings use double quotes`,
  'syntax-word-case': (p) => `'${p.found}': JSON writes ${p.word} in lower case`,
  'syntax-bare-word': (p) =>
    `bare word '${p.found}': a string needs double quotes ("${p.found}"); JSON's only words are true, false and null`,
  'syntax-trailing-comma': (p) => `a comma before '${p.before}': JSON allows no trailing comma — remove it`,
  'syntax-expected': (p) => (p.found === null ? EXPECTED_EN[p.expected].ends : EXPECTED_EN[p.expected].found(p.found)),
  'syntax-after-end': (p) => `more text after the end of the JSON value: '${p.found}'`,
  'syntax-open-string': () => `a string is not closed: a '"' is missing`,
  'syntax-control-character': (p) =>
    `a control character (${p.codePoint}) inside a string: write it escaped (\\t, \\n)`,
  'syntax-number': (p) => `'${p.found}' is not a JSON number`,
  'syntax-escape': (p) => `an invalid escape in a string: '${p.found}'`,
  'syntax-other': (p) => `${p.error} at '${p.found}'`,
  'syntax-empty': () => 'no JSON value: the text is empty',
  'syntax-invalid': () => 'not valid JSON',
  'syntax-too-deep': (p) => `nests deeper than ${p.max} levels`,
  'syntax-too-many-values': (p) => `holds more than ${nEn(p.max)} values`,
  'syntax-duplicate-key': (p) =>
    `the key "${p.key}" appears twice in one object (also at line ${p.line}, column ${p.column}): JSON keeps only the last`,
  'not-text': (p) =>
    p.encoding === 'utf-8'
      ? 'not valid UTF-8: the file may be GBK or GB18030 (name its encoding, e.g. --encoding gbk), or it was mis-decoded before (it holds U+FFFD)'
      : `not valid ${p.encoding.toUpperCase()}: bytes the encoding does not define (read as U+FFFD or a private-use character), or U+FFFD, the mark of text mis-decoded before: check its encoding`,
  'file-missing': () => 'no such file or folder (or a symbolic link to nothing)',
  'file-loop': () => 'symbolic links that loop: not read',
  'file-permission': () => 'permission denied',
  'file-is-folder': (p) => (p.what === 'file' ? 'is a folder, not a file' : 'is a folder, not a rule file'),
  'file-path-not-folder': () => 'a part of the path is not a folder',
  'file-unreadable': (p) => `cannot be read (${p.code})`,
  'file-not-regular': () => 'is not a regular file (a device, FIFO or socket): not read',
  'file-too-large': (p) => `the file is larger than ${nEn(p.max)} bytes`,
  'folder-no-rules': () => 'the folder holds no *.json rule file',
  'folder-too-many-files': (p) => `the folder holds ${nEn(p.count)} *.json files; at most ${nEn(p.max)} are read`,
  'link-outside-folder': () =>
    'is a symbolic link to a file outside the folder: not read (copy the file into the folder instead)',
  'record-too-long': (p) => `record too long: more than ${nEn(p.max)} characters`,
  'array-after-end': () =>
    'more text after the end of the JSON array: an input holds one array (or NDJSON, one record per line)',
  'array-trailing-comma': () => "a comma before ']': an array ends with its last record",
  'array-empty-element': (p) =>
    p.after === 'comma' ? 'an empty element: two commas in a row' : "an empty element: a comma right after '['",
  'records-too-many': (p) => `the plans hold more than ${nEn(p.max)} ${p.what}`,
  'records-too-many-problems': (p) => `${nEn(p.max)} problems; the rest of the input is not read`,
  'inputs-too-many': (p) => `more than ${p.max} inputs`,
};

const ZH_CN: TextCatalogue = {
  'syntax-look-alike': (p) => `${LOOK_ALIKE_ZH_CN[p.name]} '${p.char}'——请改用 '${p.instead}'`,
  'syntax-comment': (p) => `注释（'${p.found}'）：JSON 不能有注释——请删除（说明可以写在规则的 "description" 里）`,
  'syntax-single-quotes': (p) => `单引号（${p.found}）：JSON 字符串要用双引号`,
  'syntax-word-case': (p) => `'${p.found}'：JSON 中 ${p.word} 要小写`,
  'syntax-bare-word': (p) =>
    `没有引号的词 '${p.found}'：字符串要加双引号（"${p.found}"）；JSON 中不加引号的词只有 true、false 和 null`,
  'syntax-trailing-comma': (p) => `'${p.before}' 前面多了逗号：JSON 不允许末尾逗号——请删除`,
  'syntax-expected': (p) =>
    p.found === null ? EXPECTED_ZH_CN[p.expected].ends : EXPECTED_ZH_CN[p.expected].found(p.found),
  'syntax-after-end': (p) => `JSON 值结束后还有内容：'${p.found}'`,
  'syntax-open-string': () => `字符串没有结束：缺少 '"'`,
  'syntax-control-character': (p) => `字符串里有控制字符（${p.codePoint}）：请写成转义形式（\\t、\\n）`,
  'syntax-number': (p) => `'${p.found}' 不是 JSON 数字`,
  'syntax-escape': (p) => `字符串里有无效的转义：'${p.found}'`,
  'syntax-other': (p) => `'${p.found}' 处有错误（${p.error}）`,
  'syntax-empty': () => '没有 JSON 值：文本是空的',
  'syntax-invalid': () => '不是有效的 JSON',
  'syntax-too-deep': (p) => `嵌套超过 ${p.max} 层`,
  'syntax-too-many-values': (p) => `值的个数超过 ${nZh(p.max)} 个`,
  'syntax-duplicate-key': (p) =>
    `同一个对象里键 "${p.key}" 出现了两次（另见第 ${p.line} 行第 ${p.column} 列）：JSON 只保留最后一个`,
  'not-text': (p) =>
    p.encoding === 'utf-8'
      ? '不是有效的 UTF-8：文件可能是 GBK 或 GB18030 编码（请指明编码，例如 --encoding gbk），或之前已被错误解码（含有 U+FFFD）'
      : `不是有效的 ${p.encoding.toUpperCase()}：有该编码未定义的字节（读成了 U+FFFD 或私用区字符），或含有 U+FFFD（之前被错误解码的痕迹）：请检查编码`,
  'file-missing': () => '没有这个文件或文件夹（或是指向不存在之处的符号链接）',
  'file-loop': () => '符号链接形成循环：未读取',
  'file-permission': () => '没有读取权限',
  'file-is-folder': (p) => (p.what === 'file' ? '是文件夹，不是文件' : '是文件夹，不是规则文件'),
  'file-path-not-folder': () => '路径中有一部分不是文件夹',
  'file-unreadable': (p) => `无法读取（${p.code}）`,
  'file-not-regular': () => '不是普通文件（是设备、FIFO 或套接字）：未读取',
  'file-too-large': (p) => `文件大于 ${nZh(p.max)} 字节`,
  'folder-no-rules': () => '文件夹里没有 *.json 规则文件',
  'folder-too-many-files': (p) => `文件夹里有 ${nZh(p.count)} 个 *.json 文件；最多读取 ${nZh(p.max)} 个`,
  'link-outside-folder': () => '是指向文件夹外文件的符号链接：未读取（请把文件复制到文件夹里）',
  'record-too-long': (p) => `记录过长：超过 ${nZh(p.max)} 个字符`,
  'array-after-end': () => 'JSON 数组结束后还有内容：输入只能是一个数组（或 NDJSON，每行一条记录）',
  'array-trailing-comma': () => "']' 前面多了逗号：数组应以最后一条记录结束",
  'array-empty-element': (p) => (p.after === 'comma' ? '空元素：连续两个逗号' : "空元素：'[' 后面紧跟逗号"),
  'records-too-many': (p) =>
    `这些计划的${p.what === 'plans' ? '个数' : '联系'}超过 ${nZh(p.max)}${p.what === 'plans' ? ' 个' : ' 次'}`,
  'records-too-many-problems': (p) => `已有 ${nZh(p.max)} 个问题；输入的其余部分不再读取`,
  'inputs-too-many': (p) => `输入超过 ${p.max} 条`,
};

const CATALOGUES: Catalogues<TextIssueParams> = { en: EN, 'zh-CN': ZH_CN };
const INVALID_JSON: Readonly<Record<Locale, string>> = { en: 'invalid JSON: ', 'zh-CN': 'JSON 格式错误：' };

/** A problem of text in `locale`: a JSON syntax problem after "invalid JSON: " (`JSON 格式错误：`). */
export function sayText(problem: TextCoded, locale: Locale = 'en'): string {
  const text = (CATALOGUES[locale][problem.code] as (p: unknown) => string)(problem.params);
  return problem.code.startsWith('syntax-') ? INVALID_JSON[locale] + text : text;
}

/** A problem's words without "invalid JSON: " (what src/_lib/json-text.ts says a syntax problem is). */
export const sayTextDetail = (problem: TextCoded, locale: Locale = 'en'): string =>
  (CATALOGUES[locale][problem.code] as (p: unknown) => string)(problem.params);

/** A problem of text at `path`, its message in `locale` (English by default). */
export function textIssue(path: string, problem: TextCoded, locale: Locale = 'en'): TextIssue {
  return { path, code: problem.code, params: problem.params, message: sayText(problem, locale) } as TextIssue;
}

const isTextCode = (code: string): code is TextIssueCode => Object.prototype.hasOwnProperty.call(EN, code);

/** Issues of rule files read as text, in `locale` (paths as they are): each said again from its code. */
export function fileIssuesIn(issues: readonly Issue[], locale: Locale): readonly Issue[] {
  if (locale === 'en') return issues;
  return issues.map(
    (i) => ({ ...i, message: isTextCode(i.code) ? sayText(i as TextCoded, locale) : issueMessage(i, locale) }) as Issue,
  );
}
