/**
 * rx-followup's own issue messages in Chinese, by their English text (zod's own come from its zh-CN locale). A
 * message no pattern knows is given as it is; paths never change.
 */

type Translate = (m: RegExpExecArray) => string;

const PATTERNS: readonly (readonly [RegExp, Translate])[] = [
  [/^must list at least one day$/, () => '至少要列出一天'],
  [/^must name at least one staff member$/, () => '至少要有一名员工'],
  [/^is required$/, () => '必填'],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be a number$/, () => '必须是数字'],
  [/^must be a string$/, () => '必须是文字'],
  [/^must be a whole number$/, () => '必须是整数'],
  [/^must be a whole number of days$/, () => '必须是整数天'],
  [/^must be a whole number of packs$/, () => '必须是整数盒'],
  [/^must be greater than 0$/, () => '必须大于 0'],
  [/^must not be negative$/, () => '不能是负数'],
  [/^must be at least (\d+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be at most ([\d,]+)$/, (m) => `不能大于 ${m[1]}`],
  [
    /^(.+) is not a value (\S+) takes \(one of (.+)\)(?:: did you mean (.+)\?)?$/,
    (m) => `${m[1]} 不是 ${m[2]} 会取的值（只能是 ${m[3]?.split(', ').join('、')} 之一）${m[4] === undefined ? '' : `：是不是 ${m[4]}？`}`,
  ],
  [
    /^(.+) is not a value (\S+) takes \(a whole number from (-?\d+) to (-?\d+)\)$/,
    (m) => `${m[1]} 不是 ${m[2]} 会取的值（${m[3]} 到 ${m[4]} 的整数）`,
  ],
  [
    /^(\S+) (\S+) (\S+) can never hold: \S+ is a whole number from (-?\d+) to (-?\d+)$/,
    (m) => `${m[1]} ${m[2]} ${m[3]} 永远不成立：${m[1]} 是 ${m[4]} 到 ${m[5]} 的整数`,
  ],
  [/^must be at most (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^must be longer than zero$/, () => '必须大于零'],
  [/^must list at most ([\d,]+) (\w+)$/, (m) => `最多 ${m[1]} 个（${m[2]}）`],
  [/^must list at least one (\w+)$/, (m) => `至少要有一个（${m[1]}）`],
  [/^must hold at most ([\d,]+) rules$/, (m) => `最多 ${m[1]} 条规则`],
  [/^must be a phone number: text, or a whole number$/, () => '必须是电话号码：文字或整数'],
  [
    /^must be an ISO-8601 date-time with offset \(e\.g\. "([^"]+)"\) or a Date$/,
    (m) => `必须是带时区偏移的 ISO-8601 日期时间（例如 "${m[1]}"）或 Date 对象`,
  ],
  [/^"(.*)" is not an ISO-8601 duration \(e\.g\. "P3D", "P1M", "PT24H"\)$/, (m) => `"${m[1]}" 不是 ISO-8601 时长（例如 "P3D"、"P1M"、"PT24H"）`],
  [/^"(.*)" is not a time of day \(HH:MM, 00:00 to 24:00\)$/, (m) => `"${m[1]}" 不是钟点（HH:MM，00:00 至 24:00）`],
  [/^"(.*)" must be whole days or weeks \(e\.g\. "P2D", "P1W"\)$/, (m) => `"${m[1]}" 必须是整天或整周（例如 "P2D"、"P1W"）`],
  [/^"(.*)" must not be negative$/, (m) => `"${m[1]}" 不能是负数`],
  [/^"(.*)" is longer than the limit of (\d+) days$/, (m) => `"${m[1]}" 超过了 ${m[2]} 天的上限`],
  [/^"(.*)" has no UTC offset: add one, e\.g\. "(.*)" or "(.*)"$/, (m) => `"${m[1]}" 没有 UTC 偏移：请加上，例如 "${m[2]}" 或 "${m[3]}"`],
  [
    /^"(.*)" is not an ISO-8601 date-time with offset \(YYYY-MM-DDTHH:MM\[:SS\]±HH:MM\)$/,
    (m) => `"${m[1]}" 不是带时区偏移的 ISO-8601 日期时间（YYYY-MM-DDTHH:MM[:SS]±HH:MM）`,
  ],
  [/^"(.*)": the date (\S+) does not exist$/, (m) => `"${m[1]}"：日期 ${m[2]} 不存在`],
  [/^"(.*)": the year (\d+) is outside (.*)$/, (m) => `"${m[1]}"：年份 ${m[2]} 不在 ${m[3]} 之间`],
  [/^"(.*)": the time (\S+) is out of range$/, (m) => `"${m[1]}"：时间 ${m[2]} 超出范围`],
  [/^"(.*)": the UTC offset is out of range$/, (m) => `"${m[1]}"：UTC 偏移超出范围`],
  [/^is an invalid Date$/, () => '是无效的 Date 对象'],
  [/^unknown IANA time zone "(.*)"$/, (m) => `未知的 IANA 时区 "${m[1]}"`],
  [/^unknown calendar "(.*)" \(defined: (.*)\)$/, (m) => `未知的日历 "${m[1]}"（已定义：${m[2]}）`],
  [/^must be after window\.start$/, () => '必须晚于 window.start'],
  [/^must be after hospitalised\.from$/, () => '必须晚于 hospitalised.from'],
  [/^must be later than from \((.*)\)$/, (m) => `必须晚于 from（${m[1]}）`],
  [/^is before (.+)$/, (m) => `早于 ${m[1]}`],
  [/^is after purchase\.purchasedAt: a history lists earlier purchases$/, () => '晚于 purchase.purchasedAt：历史记录只列之前的购药'],
  [/^a consultation lists no items$/, () => '咨询记录不列药品'],
  [/^must list at least one item$/, () => '至少要有一种药品'],
  [/^"(.*)" is not this customer \("(.*)"\)$/, (m) => `"${m[1]}" 不是这位顾客（"${m[2]}"）`],
  [/^is after asOf$/, () => '晚于 asOf'],
  [/^"(.*)" is not one of history\.purchases$/, (m) => `"${m[1]}" 不在 history.purchases 中`],
  [/^must list the purchases the contacts follow up \(at least one\)$/, () => '须列出回访所跟进的购药（至少一次）'],
  [/^"(.*)" is neither this purchase nor one of history\.purchases$/, (m) => `"${m[1]}" 既不是本次购药，也不在 history.purchases 中`],
  [/^"(.*)" is listed twice \(also (.*)\)$/, (m) => `"${m[1]}" 重复出现（另见 ${m[2]}）`],
  [/^duplicate course for "(.*)" \(also (.*)\)$/, (m) => `"${m[1]}" 的疗程重复（另见 ${m[2]}）`],
  [/^(\S+) is listed twice \(also (.*)\)$/, (m) => `${m[1]} 重复出现（另见 ${m[2]}）`],
  [/^(\S+) is both a holiday and a make-up workday$/, (m) => `${m[1]} 既是节假日又是调休上班日`],
  [
    /^is (\S+) at (\S+), after asOf: a contact cannot have been attempted in the future$/,
    (m) => `状态为 ${m[1]}，时间 ${m[2]} 晚于计划时间：联系不可能在将来已经做过`,
  ],
  [/^the rule set needs an id \(in one of its files\)$/, () => '规则集需要 id（写在任一文件中）'],
  [/^the rule set needs a version \(in one of its files\)$/, () => '规则集需要 version（写在任一文件中）'],
  [/^a rule file must hold a JSON object$/, () => '规则文件必须是一个 JSON 对象'],
  [/^the key "(.*)" is not allowed in rule files$/, (m) => `规则文件中不允许键 "${m[1]}"`],
  [/^unknown key "(.*)" in a condition$/, (m) => `条件中有未知的键 "${m[1]}"`],
  [/^unknown key "(.*)"$/, (m) => `未知的键 "${m[1]}"`],
  [/^unknown keys?: (.*)$/, (m) => `未知的键：${m[1]}`],
  [/^condition "(.*)" is defined twice \(also at (.*)\)$/, (m) => `条件 "${m[1]}" 定义了两次（另见 ${m[2]}）`],
  [/^purpose "(.*)" is named twice \(also at (.*)\)$/, (m) => `目的 "${m[1]}" 命名了两次（另见 ${m[2]}）`],
  [/^calendar "(.*)" is defined twice \(also at (.*)\)$/, (m) => `日历 "${m[1]}" 定义了两次（另见 ${m[2]}）`],
  [/^operator "(.*)" needs a list value(?:, e\.g\. (.*))?$/, (m) => `运算符 "${m[1]}" 需要列表值${m[2] === undefined ? '' : `（例如 ${m[2]}）`}`],
  [/^conditions nest deeper than (\d+) levels$/, (m) => `条件嵌套超过 ${m[1]} 层`],
  [/^lists more than ([\d,]+) conditions$/, (m) => `条件超过 ${m[1]} 个`],
  [/^must be a whole number from 1 to (\d+)$/, (m) => `必须是 1 到 ${m[1]} 之间的整数`],
  // The structure of rules and conditions (src/rules/, src/events/).
  [/^unknown event type \(known: (.*)\)$/, (m) => `未知的事件类型（已知：${m[1]}）`],
  [/^must be a condition object \((.*)\)$/, (m) => `必须是条件对象（${m[1]}）`],
  [/^the top level of conditions must be (.*)$/, (m) => `条件的最外层必须是 ${m[1]}`],
  [/^is null: lists in a rule set hold no nulls$/, () => '是 null：规则集的列表里不能有 null'],
  [/^is undefined, which is not JSON: remove it from the list$/, () => '是 undefined，不是 JSON：请从列表中删除'],
  [/^is a hole in the list \(an empty slot\): lists in a rule set hold values only$/, () => '是列表中的空位：规则集的列表里只能有值'],
  [/^must be a string naming an operator$/, () => '必须是运算符名称（文字）'],
  [/^must be a list of conditions$/, () => '必须是条件列表'],
  [/^unknown key "(.*)" beside "(.*)" \(allowed: (.*)\)$/, (m) => `"${m[2]}" 旁边有未知的键 "${m[1]}"（允许：${m[3]}）`],
  [/^unknown key "(.*)" beside "(.*)"$/, (m) => `"${m[2]}" 旁边有未知的键 "${m[1]}"`],
  [/^unknown fact (.*) \(known: (.*)\)$/s, (m) => `未知的事实 ${m[1]}（已知：${m[2]}）`],
  [/^unknown operator "(.*)" \(known: (.*)\)$/, (m) => `未知的运算符 "${m[1]}"（已知：${m[2]}）`],
  [/^unknown operator decorator "(.*)" \(known: (.*)\)$/, (m) => `未知的运算符修饰 "${m[1]}"（已知：${m[2]}）`],
  [/^"(.*)" has (\d+) decorators; at most (\d+)$/, (m) => `"${m[1]}" 有 ${m[2]} 个修饰；最多 ${m[3]} 个`],
  [/^operator "(.*)" needs a number value$/, (m) => `运算符 "${m[1]}" 需要数字值`],
  [
    /^"(.*)" is not a plain property path: filter, script, wildcard and recursive expressions are not allowed \(use e\.g\. "(.*)" or "(.*)"\)$/,
    (m) => `"${m[1]}" 不是简单的属性路径：不允许过滤、脚本、通配和递归表达式（请写成 "${m[2]}" 或 "${m[3]}" 这样）`,
  ],
  [
    /^"(.*)" is not a plain property path \(use e\.g\. "(.*)" or "(.*)"\)$/,
    (m) => `"${m[1]}" 不是简单的属性路径（请写成 "${m[2]}" 或 "${m[3]}" 这样）`,
  ],
  [
    /^"(.*)": fact "(.*)" has no field "(.*)" \(known at (.*?): (.*)\)$/,
    (m) => `"${m[1]}"：事实 "${m[2]}" 没有字段 "${m[3]}"（${m[4]} 下已知：${m[5]}）`,
  ],
  [/^"(.*)" is not a date \(YYYY-MM-DD\)$/, (m) => `"${m[1]}" 不是日期（YYYY-MM-DD）`],
  [/^the date "(.*)" does not exist$/, (m) => `日期 "${m[1]}" 不存在`],
  [/^"(.*)" is longer than the longest horizon \((\d+) days\)$/, (m) => `"${m[1]}" 超过了最长的计划期限（${m[2]} 天）`],
  [/^"(.*)" is longer than the rule set's horizon \((.*)\)$/, (m) => `"${m[1]}" 超过了规则集的计划期限（${m[2]}）`],
  [
    /^must be 1-100 letters \(of any script\), digits, "\.", "_" or "-", starting with a letter or digit$/,
    () => '必须是 1-100 个字母（任何文字）、数字、"."、"_" 或 "-"，以字母或数字开头',
  ],
  [
    /^must be lower-case words joined by "-", e\.g\. "(.*)" or "(.*)" \((\d+)-(\d+) characters\)$/,
    (m) => `必须是用 "-" 连接的小写词，例如 "${m[1]}" 或 "${m[2]}"（${m[3]}-${m[4]} 个字符）`,
  ],
  [/^must name a condition of the rule set's "conditions"$/, () => '必须是规则集 "conditions" 中的一个条件名'],
  [/^unknown condition "(.*)" \(the rule set's conditions: (.*)\)$/, (m) => `未知的条件 "${m[1]}"（规则集的条件：${m[2] === 'none' ? '无' : m[2]}）`],
  [/^a cadence anchored to holidays names their calendar$/, () => '锚定节假日的节奏必须写明节假日所在的日历（calendar）'],
  [/^a cadence anchored to holidays does not repeat: each holiday is an anchor$/, () => '锚定节假日的节奏不能重复（repeat）：每个节假日各是一个锚点'],
  [
    /^only a cadence anchored to holidays \('anchor': 'holidays'\) names (?:a )?(calendar|holidays)$/,
    (m) => `只有锚定节假日的节奏（'anchor': 'holidays'）才写 ${m[1] === 'calendar' ? 'calendar' : 'holidays'}`,
  ],
  [/^a month-days blackout needs first or last greater than 0$/, () => '按月份日期的免打扰（month-days）需要 first 或 last 大于 0'],
  [/^an escalation may only fall back to phone or home-visit$/, () => '紧急处理只能退而使用电话（phone）或上门（home-visit）'],
  [/^must be at least one (hour|day)$/, (m) => `至少要 1 ${m[1] === 'hour' ? '小时' : '天'}`],
  [/^"(.*)" is not a message channel \(sms or wechat\)$/, (m) => `"${m[1]}" 不是消息渠道（sms 或 wechat）`],
  [/^must be later than from \((.*)\)$/, (m) => `必须晚于 from（${m[1]}）`],
  [/^unknown IANA time zone "(.*)"$/, (m) => `未知的 IANA 时区 "${m[1]}"`],
  [/^duplicate rule id "(.*)" \(also at (.*)\)$/, (m) => `规则 id "${m[1]}" 重复（另见 ${m[2]}）`],
  [/^unknown calendar "(.*)" \(defined: (.*)\)$/, (m) => `未知的日历 "${m[1]}"（已定义：${m[2] === 'none' ? '无' : m[2]}）`],
  [/^(\S+) is listed twice \(also (.*)\)$/, (m) => `${m[1]} 列了两次（另见 ${m[2]}）`],
  [/^(\S+) is both a holiday and a make-up workday$/, (m) => `${m[1]} 既是节假日又是调休上班日`],
  [/^comes before coverage\.from \((.*)\)$/, (m) => `早于 coverage.from（${m[1]}）`],
  [/^(\S+) is outside the calendar's coverage \((.*)\)$/, (m) => `${m[1]} 不在日历覆盖的范围内（${(m[2] ?? '').replace(' to ', ' 至 ')}）`],
  [
    /^lists (\d+) values; at most (\d+) \(split the rule, or use a tag on the customer or course\)$/,
    (m) => `列了 ${m[1]} 个值；最多 ${m[2]} 个（请拆分规则，或给顾客、药品加标签）`,
  ],
  [/^lists (\d+) values; at most (\d+)$/, (m) => `列了 ${m[1]} 个值；最多 ${m[2]} 个`],
  [/^the rule's conditions hold more than (\d+) conditions$/, (m) => `这条规则的条件超过 ${m[1]} 个`],
  [/^the rule set's conditions hold more than (\d+) conditions in all$/, (m) => `规则集的条件总数超过 ${m[1]} 个`],
  [
    /^use one of all \/ any \/ not per condition object, not (.*)$/,
    (m) => `每个条件对象只能用 all / any / not 中的一个，不能同时用 ${(m[1] ?? '').replace(/ and /g, ' 和 ')}`,
  ],
  [/^refers back to itself: rule sets are plain JSON$/, () => '引用了自身：规则集是普通的 JSON'],
  [/^not plain (?:JSON|data): reading it threw (.*)$/, (m) => `不是普通数据：读取时抛出 ${m[1]}`],
  [/^nests deeper than (\d+) levels$/, (m) => `嵌套超过 ${m[1]} 层`],
  [/^a (\w+) is not JSON$/, (m) => `${m[1]} 不是 JSON`],
  [/^"(.*)" is not a drug of this purchase \((.*)\)$/s, (m) => `"${m[1]}" 不是本次购药的药品（${m[2]}）`],
  [
    /^the supply is (\d+|endless) days \(quantity × unitsPerPack ÷ dosePerDay of course "(.*)"\); at most (\d+)$/,
    (m) => `用药天数为 ${m[1] === 'endless' ? '无限' : m[1]} 天（药品 "${m[2]}" 的 quantity × unitsPerPack ÷ dosePerDay）；最多 ${m[3]} 天`,
  ],
  [/^is (\d+) characters long: no time zone name is longer than (\d+)$/, (m) => `长 ${m[1]} 个字符：时区名称不会超过 ${m[2]} 个字符`],
  // Worklist options and plans (src/worklist/parse.ts).
  [/^lists (\d+) customers; at most (\d+)$/, (m) => `列了 ${m[1]} 位顾客；最多 ${m[2]} 位`],
  [/^"(.*)" is staff\[(\d+)\]'s id too$/, (m) => `"${m[1]}" 也是 staff[${m[2]}] 的 id`],
  [/^must be a list of plans$/, () => '必须是计划列表'],
  [/^holds (\d+) plans; at most (\d+)$/, (m) => `有 ${m[1]} 个计划；最多 ${m[2]} 个`],
  [/^the plans hold more than (\d+) contacts$/, (m) => `这些计划的联系超过 ${m[1]} 次`],
];

/** An issue message in Chinese, when it is one of rx-followup's own that this table knows; else as it is. */
export function issueMessageZhCn(message: string): string {
  // A did you mean after any message: the message, then the name it suggests.
  const meant = /^(.*): did you mean ("[^"]*")\?$/s.exec(message);
  if (meant !== null && !/ is not a value \S+ takes /.test(message)) return `${issueMessageZhCn(meant[1] as string)}：是不是 ${meant[2]}？`;
  for (const [pattern, translate] of PATTERNS) {
    const m = pattern.exec(message);
    if (m !== null) return translate(m);
  }
  return message;
}
