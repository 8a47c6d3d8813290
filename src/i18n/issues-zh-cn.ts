/** The issues of inputs and rule sets in Chinese, one function per code (issue-codes.ts). Paths and names stay as written. */
import { countFormat } from '../_lib/numbers.js';
import type { IssueCatalogue, IssueParams, JsonScalar, ListNoun } from './issue-codes.js';

const list = new Intl.ListFormat('zh-CN', { type: 'conjunction', style: 'narrow' });
const n = countFormat('zh-CN');
const json = (v: JsonScalar): string => JSON.stringify(v);

const NOUN: Readonly<Record<ListNoun, string>> = {
  items: '种药品',
  incidents: '个事件',
  purchases: '次购药',
  contacts: '次联系',
  offsets: '个偏移',
  days: '天',
  staff: '名员工',
};

const FILES_FORM: Readonly<Record<IssueParams['files-form']['part'], string>> = {
  list: '必须是 { file, text } 的列表',
  entry: '必须是 { file, text }',
  name: '必须是文字（文件名）',
  text: '必须是文字（读到的文件内容）',
};
const PLAN_FORM: Readonly<Record<IssueParams['plan-form']['part'], string>> = {
  plan: '必须是计划（plan() 给出的样子）',
  touchpoints: '必须是联系（touchpoints）列表',
  touchpoint: '必须是带 id 和 window 的联系',
  'rule-ids': '必须列出生效的规则（0.1 的计划没有）',
};

const EXAMPLE_PATHS = '（请写成 "$.membership.tier" 或 "$.tags[0]" 这样）';
const WHAT: Readonly<Record<'condition' | 'purpose' | 'calendar', string>> = {
  condition: '条件',
  purpose: '目的',
  calendar: '日历',
};

export const ISSUES_ZH_CN: IssueCatalogue = {
  required: () => '必填',
  'not-empty': () => '不能为空',
  'not-a-number': () => '必须是数字',
  'not-a-string': () => '必须是文字',
  'not-whole': (p) => (p.unit === undefined ? '必须是整数' : p.unit === 'days' ? '必须是整数天' : '必须是整数盒'),
  'not-positive': () => '必须大于 0',
  negative: () => '不能是负数',
  'too-small': (p) => `不能小于 ${n(p.min)}`,
  'too-big': (p) => `不能大于 ${n(p.max)}`,
  'text-too-long': (p) => `不能超过 ${n(p.max)} 个字符`,
  'list-too-long': (p) => `最多 ${n(p.max)} ${NOUN[p.noun]}`,
  'list-empty': (p) => `至少要有一${NOUN[p.noun]}`,
  'not-one-of': (p) => `只能是 ${list.format(p.values.map((v) => `'${v}'`))} 之一`,
  'listed-twice': (p) => `"${p.value}" 重复出现（另见 ${p.also}）`,
  'after-field': (p) => `必须晚于 ${p.field}`,
  'before-field': (p) => `早于 ${p.field}`,
  'not-after-from': (p) => `必须晚于 from（${p.from}）`,
  'not-a-date': () => '必须是存在的日期（YYYY-MM-DD）',
  'files-form': (p) => FILES_FORM[p.part],
  'plan-form': (p) => PLAN_FORM[p.part],
  unreadable: (p) => `不是普通数据：读取时抛出 ${p.thrown}`,

  'instant-invalid': (p) => `必须是带时区偏移的 ISO-8601 日期时间（例如 "${p.example}"）或 Date 对象`,
  'instant-no-offset': (p) => `"${p.value}" 没有 UTC 偏移：请加上，例如 "${p.value}+08:00" 或 "${p.value}Z"`,
  'instant-form': (p) => `"${p.value}" 不是带时区偏移的 ISO-8601 日期时间（YYYY-MM-DDTHH:MM[:SS]±HH:MM）`,
  'instant-year': (p) => `"${p.value}"：年份 ${p.year} 不在 ${p.min}–${p.max} 之间`,
  'instant-no-such-date': (p) => `"${p.value}"：日期 ${p.date} 不存在`,
  'instant-leap-second': (p) => `"${p.value}"：23:59:60 是闰秒，rx-followup 不接受：请写 23:59:59`,
  'instant-time': (p) => `"${p.value}"：时间 ${p.time} 超出范围`,
  'instant-offset': (p) => `"${p.value}"：UTC 偏移超出范围`,
  'date-object-invalid': () => '是无效的 Date 对象',
  'date-object-range': (p) => `Date 对象 ${p.iso} 超出范围`,
  'date-form': (p) => `"${p.value}" 不是日期（YYYY-MM-DD）`,
  'date-year': (p) => `"${p.value}" 的年份不在 ${p.min}–${p.max} 之间`,
  'date-no-such-day': (p) => `日期 "${p.value}" 不存在`,
  'zone-too-long': (p) => `长 ${p.length} 个字符：时区名称不会超过 ${p.max} 个字符`,
  'zone-unknown': (p) => `未知的 IANA 时区 "${p.value}"`,
  'clock-form': (p) => `"${p.value}" 不是钟点（HH:MM，00:00 至 24:00）`,
  'duration-form': (p) => `"${p.value}" 不是 ISO-8601 时长（例如 "P3D"、"P1M"、"PT24H"）`,
  'duration-negative': (p) => `"${p.value}" 不能是负数`,
  'duration-not-whole-days': (p) => `"${p.value}" 必须是整天或整周（例如 "P2D"、"P1W"）`,
  'duration-zero': () => '必须大于零',
  'duration-too-short': (p) => `至少要 1 ${p.unit === 'hour' ? '小时' : '天'}`,
  'duration-too-long': (p) =>
    p.horizon === undefined
      ? `"${p.value}" 超过了最长的计划期限（${p.days} 天）`
      : `"${p.value}" 超过了规则集的计划期限（${p.horizon}）`,

  'phone-form': () => '必须是电话号码：文字或整数',
  'consultation-items': () => '咨询记录不列药品',
  'not-this-customer': (p) => `"${p.value}" 不是这位顾客（"${p.customer}"）`,
  'course-twice': (p) => `"${p.drugCode}" 的疗程重复（另见 ${p.also}）`,
  'supply-too-long': (p) =>
    `用药天数为 ${p.days === null ? '无限' : p.days} 天（药品 "${p.drugCode}" 的 quantity × unitsPerPack ÷ dosePerDay）；最多 ${n(p.max)} 天`,
  'incident-drug': (p) => `"${p.drugCode}" 不是本次购药的药品（${list.format(p.drugs)}）`,
  'after-as-of': () => '晚于 asOf',
  'history-after-purchase': () => '晚于 purchase.purchasedAt：历史记录只列之前的购药',
  'history-needs-purchases': () => '须列出回访所跟进的购药（至少一次）',
  'unknown-purchase': (p) =>
    p.orThis ? `"${p.value}" 既不是本次购药，也不在 history.purchases 中` : `"${p.value}" 不在 history.purchases 中`,
  'attempted-in-future': (p) => `状态为 ${p.status}，时间 ${p.at} 晚于计划时间：联系不可能在将来已经做过`,

  'owners-too-many': (p) => `列了 ${n(p.count)} 位顾客；最多 ${n(p.max)} 位`,
  'owners-form': () => '必须是对象：顾客 id → 员工 id',
  'customer-id-too-long': (p) => `顾客 id 不能超过 ${n(p.max)} 个字符`,
  'staff-id-twice': (p) => `"${p.id}" 也是 staff[${p.index}] 的 id`,
  'plans-not-a-list': () => '必须是计划列表',
  'plans-too-many': (p) => `有 ${n(p.count)} 个计划；最多 ${n(p.max)} 个`,
  'plans-too-many-contacts': (p) => `这些计划的联系超过 ${n(p.max)} 次`,

  'json-type': (p) => `${p.type} 不是 JSON`,
  'json-cycle': () => '引用了自身：规则集是普通的 JSON',
  'json-too-deep': (p) => `嵌套超过 ${p.max} 层`,
  'json-too-many-values': (p) => `规则集的值超过 ${n(p.max)} 个`,
  'list-hole': () => '是列表中的空位：规则集的列表里只能有值',
  'list-undefined': () => '是 undefined，不是 JSON：请从列表中删除',
  'list-null': () => '是 null：规则集的列表里不能有 null',
  'list-too-many-values': (p) =>
    `列了 ${n(p.count)} 个值；最多 ${n(p.max)} 个${p.hint ? '（请拆分规则，或给顾客、药品加标签）' : ''}`,
  'key-forbidden': (p) => `规则文件中不允许键 "${p.key}"`,
  'key-unknown': (p) => `未知的键 "${p.key}"`,
  'keys-unknown': (p) => `未知的键：${list.format(p.keys.map((k) => `"${k}"`))}`,

  'rule-file-object': () => '规则文件必须是一个 JSON 对象',
  'rule-set-needs': (p) => `规则集需要 ${p.key}（写在任一文件中）`,
  'rule-set-differs': (p) =>
    `"${p.value}" 与${p.file === undefined ? '' : ` ${p.file} 中的`} "${p.other}" 不同${p.key.startsWith('defaults.') ? '' : `：规则集只能有一个 ${p.key}`}`,
  'too-many-rules': (p) =>
    p.count === undefined ? `最多 ${n(p.max)} 条规则` : `规则集共有 ${n(p.count)} 条规则；最多 ${n(p.max)} 条`,
  'rule-id-form': () => '必须是 1-100 个字母（任何文字）、数字、"."、"_" 或 "-"，以字母或数字开头',
  'name-form': () => '必须是 1-100 个字母（任何文字）、数字、"."、"_" 或 "-"',
  'purpose-form': () => '必须是用 "-" 连接的小写词，例如 "medication-check" 或 "用药回访"（1-100 个字符）',
  'defined-twice': (p) =>
    p.what === 'rule'
      ? `规则 id "${p.name}" 重复（另见 ${p.also}）`
      : `${WHAT[p.what]} "${p.name}" ${p.what === 'purpose' ? '命名' : '定义'}了两次（另见 ${p.also}）`,
  'holiday-and-workday': (p) => `${p.date} 既是节假日又是调休上班日`,
  'coverage-before-from': (p) => `早于 coverage.from（${p.from}）`,
  'outside-coverage': (p) => `${p.date} 不在日历覆盖的范围内（${p.from} 至 ${p.through}）`,
  'unknown-calendar': (p) =>
    `未知的日历 "${p.name}"（已定义：${p.defined.length === 0 ? '无' : list.format(p.defined)}）`,
  'unknown-event-type': (p) => `未知的事件类型（已知：${list.format(p.known)}）`,

  'not-a-condition': () =>
    '必须是条件对象（{ "all": [...] }、{ "any": [...] }、{ "not": {...} } 或 { "fact", "operator", "value" }）',
  'conditions-top-level': () =>
    '条件的最外层必须是 { "all": [...] }、{ "any": [...] }、{ "not": {...} } 或 { "condition": "name" }',
  'conditions-not-a-list': () => '必须是条件列表',
  'conditions-too-deep': (p) => `条件嵌套超过 ${p.max} 层`,
  'conditions-too-wide': (p) => `条件超过 ${n(p.max)} 个`,
  'conditions-too-many': (p) =>
    p.scope === 'rule' ? `这条规则的条件超过 ${n(p.max)} 个` : `规则集的条件总数超过 ${n(p.max)} 个`,
  'one-boolean': (p) => `每个条件对象只能用 all / any / not 中的一个，不能同时用 ${p.keys.join(' 和 ')}`,
  'key-beside': (p) =>
    `"${p.beside}" 旁边有未知的键 "${p.key}"${p.allowed === undefined ? '' : `（允许：${list.format(p.allowed)}）`}`,
  'key-in-condition': (p) => `条件中有未知的键 "${p.key}"`,
  'key-in-fact-reference': (p) => `事实引用中有未知的键 "${p.key}"（允许：fact、path）`,
  'priority-range': (p) => `必须是 1 到 ${p.max} 之间的整数`,
  'operator-not-a-string': () => '必须是运算符名称（文字）',
  'operator-unknown': (p) => `未知的运算符 "${p.operator}"（已知：${list.format(p.known)}）`,
  'decorator-unknown': (p) => `未知的运算符修饰 "${p.decorator}"（已知：${list.format(p.known)}）`,
  'decorators-too-many': (p) => `"${p.operator}" 有 ${p.count} 个修饰；最多 ${p.max} 个`,
  'operator-needs-list': (p) =>
    `运算符 "${p.operator}" 需要列表值${p.example === undefined ? '' : `（例如 ${p.example}）`}`,
  'operator-needs-number': (p) =>
    `运算符 "${p.operator}" 需要数字值${p.dateHint ? '（日期要用日期类事实比较，例如 purchase.localDate）' : ''}`,
  'operator-needs-date': (p) => `运算符 "${p.operator}" 在这里比较日期：值必须是日期（YYYY-MM-DD），例如 "2026-06-01"`,
  'fact-unknown': (p) => `未知的事实 ${json(p.fact)}（已知：${list.format(p.known)}）`,
  'path-leading-zero': (p) =>
    `"${p.path}"：下标 [${p.index}] 以 0 开头，json-rules-engine 会把它当成名为 "${p.index}" 的属性：请写成 [${Number(p.index)}]`,
  'path-not-plain': (p) =>
    p.expression
      ? `"${p.path}" 不是简单的属性路径：不允许过滤、脚本、通配和递归表达式${EXAMPLE_PATHS}`
      : `"${p.path}" 不是简单的属性路径${EXAMPLE_PATHS}`,
  'path-into-scalar': (p) => `"${p.path}"：${p.at} 是 ${p.type}，没有字段 "${p.field}"`,
  'path-not-a-list': (p) => `"${p.path}"：${p.at} 不是列表，不能用 [${p.index}]`,
  'decorator-needs-list': (p) =>
    `"${p.operator}"：${p.decorator} 取的是列表中的值，但${p.side === 'value' ? '值' : '操作数'}${p.text ? '是文字' : '既不是列表也不是文字'}`,
  'lookup-needs-list': (p) =>
    `"${p.operator}"：${p.base} 要在列表（或文字）中查找另一边，但${p.side === 'fact' ? '事实' : '值'}两者都不是`,
  'path-no-field': (p) =>
    `"${p.path}"：事实 "${p.fact}" 没有字段 "${p.field}"（${p.at} 下已知：${list.format(p.known)}）`,
  'value-not-taken': (p) =>
    `${json(p.value)} 不是 ${p.field} 会取的值（${
      p.values === undefined ? `${p.from} 到 ${p.to} 的整数` : `只能是 ${list.format(p.values.map(json))} 之一`
    }）`,
  'never-holds': (p) =>
    `${p.field} ${p.operator} ${String(p.value)} 永远不成立：${p.field} 是 ${p.from} 到 ${p.to} 的整数`,
  'condition-needs-name': () => '必须是规则集 "conditions" 中的一个条件名',
  'condition-unknown': (p) =>
    `未知的条件 "${p.name}"（规则集的条件：${p.known.length === 0 ? '无' : list.format(p.known)}）`,
  'condition-cycle': (p) => `"${p.name}" 引用了自身：${p.through.join(' → ')}`,

  'holidays-need-calendar': () => '锚定节假日的节奏必须写明节假日所在的日历（calendar）',
  'holidays-no-repeat': () => '锚定节假日的节奏不能重复（repeat）：每个节假日各是一个锚点',
  'only-holidays': (p) => `只有锚定节假日的节奏（'anchor': 'holidays'）才写 ${p.key}`,
  'slack-preferred-only': () => "只有首选时段（'use': 'preferred'）才写 slack",
  'month-days-empty': () => '按月份日期的免打扰（month-days）需要 first 或 last 大于 0',
  'escalation-fallback': () => '紧急处理只能退而使用电话（phone）或上门（home-visit）',
  'not-a-message-channel': (p) => `"${p.value}" 不是消息渠道（sms 或 wechat）`,
};

/** The end of a message that names the nearest of what was meant. */
export const didYouMeanZhCn = (s: JsonScalar): string => `：是不是 ${json(s)}？`;
