/**
 * The CLI's help in Chinese (`--help` with `--locale zh-CN`, or `LANG=zh_CN.*`): the same options and defaults as the
 * English help beside each command; option names, values and file names stay as they are typed.
 */

const LOCALE = `--locale L     en 或 zh-CN：原因、CSV 表头和日历标题的语言（默认按 LC_ALL、LC_MESSAGES 或 LANG：
               zh_CN.* → zh-CN，否则 en）`;
const AS_OF = `--as-of WHEN   没有自带 asOf 的记录用它作为 asOf；早于它的联系不会排入计划。WHEN 可以是
               now（默认：当前时间，取整到分钟）、purchase（每条记录的购药时间，与库的默认做法相同）、
               日期 YYYY-MM-DD（规则集时区的当天零点）或带时区偏移的 ISO-8601 日期时间。
--encoding E   输入的编码：utf-8（默认）、gbk 或 gb18030。不是该编码文字的字节会让那条记录出错，
               并指出行和列。
--rules-encoding E   规则文件的编码，同上（默认 utf-8）。`;

export const USAGE_ZH_CN = (version: string): string => `rx-followup ${version}：按 JSON 规则为药店安排回访

用法：
  rx-followup validate [规则...] [--format text|json] [--encoding E] [--as-of DATE] [--locale L]
      检查规则文件或文件夹（默认 ./rules）；每个问题一行，有问题时退出码 1
  rx-followup plan --rules <文件夹|文件> [--input <文件>|-] [--format ndjson|json|csv|ics]
                   [--as-of now|purchase|DATE|ISO] [--encoding E] [--rules-encoding E]
                   [--workers N] [--thread] [--bom] [--locale L] [--quiet]
      按输入顺序为每条 PlanInput 记录（NDJSON 或 JSON 数组）做计划
  rx-followup explain --rules <文件夹|文件> [--input <文件>|-] [--as-of now|purchase|DATE|ISO]
                   [--encoding E] [--rules-encoding E] [--line N] [--locale L] [--quiet]
      每个计划的可读时间线：何时、怎样联系、为什么，以及去掉了什么
  rx-followup worklist --rules <文件夹|文件> --staff <文件> --from YYYY-MM-DD [--days N] [--input <文件>|-]
                   [--format csv|json|xlsx] [--output <文件>] [--sheets day|staff] [--summary]
                   [--mask-phone] [--no-level] [--target N] [--bom] [--encoding E] [--locale L]
      按计划给每位员工排出每天的联系，不超过各自的容量，并在几天之间均衡
  rx-followup lint [规则] [--strict] [--format text|json] [--as-of DATE] [--encoding E] [--locale L]
      提示能通过校验、但多半不是本意的写法，带文件:行:列和规则 id
  rx-followup diff --base <规则> --rules <规则> [--input <文件>|-] [--as-of WHEN]
                   [--format text|json] [--encoding E] [--locale L]
      规则修改的效果：每条输入增加、去掉、改期的联系，合计，以及每个星期几的联系数
  rx-followup init [文件夹] [--force] [--locale L]
      一个起步用的文件夹：默认规则、它们的 JSON Schema、示例购药记录和排班表
  rx-followup schema
      输出规则文件的 JSON Schema
  rx-followup <命令> --help | --version

L 是 en 或 zh-CN（默认按 LC_ALL、LC_MESSAGES 或 LANG：zh_CN.* → zh-CN，否则 en）；E 是 utf-8、gbk 或 gb18030。
退出码：0 成功，1 规则或记录无效，2 用法错误或意外错误，3 输出写不出去。
`;

/** Each command's help in Chinese. */
export const HELP_ZH_CN: Readonly<Record<string, string>> = {
  validate: `用法：rx-followup validate [规则...] [--format text|json] [--encoding utf-8|gbk|gb18030] [--as-of DATE] [--locale L]

检查规则文件或文件夹（默认 ./rules）：每个文件夹里的 *.json 合并成一个规则集。
每个问题一行，格式同编译器：
  rules/cadences.json:14:7 rules[2].event.params.offsets[0]: "P3" 不是 ISO-8601 时长
JSON 语法错误会指出所在位置和发现了什么（全角冒号、注释、裸词）。
--format json 输出 { "file", "line", "column", "path", "code", "message", "severity" } 的 JSON 数组，给工具用（code 见 docs/issues.md）。
--encoding E 按 utf-8（默认）、gbk 或 gb18030 读取文件。
日历已知的日期在 --as-of（默认今天）加上规则集的计划期限之内结束时给出警告（warning: …）：
从那时起做的计划会排进它不知道的日子。
每个规则集都有效时退出码 0（有没有警告都一样），否则 1。
`,
  plan: `用法：rx-followup plan --rules <文件夹|文件> [--input <文件>|-] [--format ndjson|json|csv|ics]
                        [--as-of WHEN] [--encoding E] [--rules-encoding E] [--workers N] [--thread] [--bom]
                        [--locale en|zh-CN] [--quiet]

从 --input 或标准输入（-，默认）读取 PlanInput 记录（NDJSON 每行一条，或一个 JSON 数组），按输入顺序
每条记录写出一个计划：
  ndjson  每行一个 FollowUpPlan（默认）          json  计划的 JSON 数组
  csv     呼叫中心工作表，每个联系一行（RFC 4180；含中文时加 --bom 给 Excel 用）
  ics     iCalendar：每个联系一个 VEVENT（UID = 联系编号，时间为 UTC，CATEGORIES = 紧急程度）
${AS_OF}
${LOCALE}
--workers N    工作线程数（默认：CPU 核数；输入文件小于 1 MiB 时为 0；0 表示在主线程上做计划）
--thread       记录按时间顺序：每次购药都带着输入中同一顾客更早购药的历史来做计划（那些购药，以及它们
               计划里已生效的联系：被取代的算作取消）。在主线程上逐条处理；每位顾客最多保留 200 次购药
               和 1,000 个联系，400 天购药里没再出现的顾客会被忘掉。不按时间顺序的记录算一条错误。
不能做计划的记录（JSON 或输入无效，或超过 1,000,000 个字符）以一行 JSON 写到标准错误，带行号（和列号）
与问题；其余照常处理，退出码为 1。结束时在标准错误写一行汇总（已规划、失败、联系数、秒数）；在终端上
还会显示进度，知道输入大小时显示已读比例和剩余时间。--quiet：都不显示。
`,
  explain: `用法：rx-followup explain --rules <文件夹|文件> [--input <文件>|-] [--as-of WHEN] [--encoding E]
                           [--rules-encoding E] [--line N] [--locale en|zh-CN] [--quiet]

把输入（NDJSON、JSON 数组或一个 JSON 对象）中每个计划输出为可读的时间线：每个联系的当地日期和时间、
渠道、紧急程度、目的、依据的规则和每次改期的原因；然后是去掉了什么、为什么。不能做计划的记录会指出
所在的行和列，其余照常输出。--line N 只解释第 N 条记录。只在终端上使用颜色。
${AS_OF}
${LOCALE}
`,
  schema: `用法：rx-followup schema

输出规则文件的 JSON Schema（即随包提供的 schema/ruleset.schema.json）。
`,
  worklist: `用法：rx-followup worklist --rules <文件夹|文件> --staff <文件> --from YYYY-MM-DD [--days N]
                            [--input <文件>|-] [--format csv|json|xlsx] [--output <文件>] [--sheets day|staff]
                            [--summary] [--mask-phone] [--no-level] [--target N] [--bom] [--encoding E]
                            [--locale en|zh-CN]

读取计划（即 plan 写出的 NDJSON 或 JSON 数组），把从 --from 起 --days 天（默认 7）内开始的每个电话、上门和
消息分给一位员工和一天：每位顾客留在其门店的同一个人手里，每人每天的电话和上门不超过排班表的数量，
升级联系优先，常规的电话和上门在容许时间和规则的时段内从超出个人容量（或超出 --target）的日子挪开。
谁也接不了的列为“未排上”，并写明原因。
--staff FILE   员工的 JSON 数组，或 { "staff": [...], "owners": { "<顾客 id>": "<员工 id>" } }；一位员工是
               { "id", "storeId"?, "calls", "visits"?, "days"?: ["MON", …], "hours"?: { "from", "to" },
               "off"?: ["YYYY-MM-DD"] }。owners 让顾客继续由之前跟进的人负责。与计划一样按 --encoding 读取。
--format F     csv（默认；每个联系一行，未排上的在最后）、json（Worklist）、xlsx（Excel 工作簿：每天一张表，
               或 --sheets staff 每人一张；横向 A4、一页宽、每页重复表头，可直接打印；需要 --output）
--summary      按天、按人的数量（电话、上门、消息、升级、改期、未排上）和每周合计，代替清单
               （文本；加 --format json 为 JSON）
--mask-phone   电话显示为 138****1001       --no-level   只在必须时才挪动联系
--target N     把每人每天均衡到约 N 个电话（和上门）（默认：只处理超出容量的日子）
--bom          CSV 前加字节顺序标记，让 Excel 按 UTF-8 打开中文；只由数字组成的电话和编号写成 ="…"
退出码：写出清单时为 0（有没有未排上都一样：它们在清单里，并在标准错误上计数），计划或排班表无效时为 1
（每个问题指出所在行），用法错误时为 2。
`,
  lint: `用法：rx-followup lint [规则] [--strict] [--format text|json] [--as-of DATE] [--encoding E] [--locale en|zh-CN]

提示能通过校验、但多半不是本意的写法，带文件:行:列和规则 id：
  never-holds     永远不成立的条件（同一个 "all" 里 "tier" equal "new" 又 equal "loyal"；"tier" notIn 全部
                  等级；in []）
  never-opens     每一天都是免打扰日的通话时段
  always-dropped  容许时间（和顺延）比免打扰可能连续阻挡的天数还短：在免打扰开始时到期的联系总会被丢掉
  past-horizon    超出规则集计划期限的 offset：永远排不进计划
  always-merged   两个节奏要求同一目的、渠道和时间，且条件可以同时成立
  no-channel      适用时它列出的备用渠道都不能用的渠道规则
  calendar-ends   日历的日期在 --as-of（默认今天）加计划期限之前就结束
退出码 0（有没有提示都一样）；加 --strict 时有提示或规则未通过校验则为 1。
--format json 输出 [{ "file", "line", "column", "ruleId", "path", "check", "message" }]。--locale（否则按环境变量 LC_ALL 或 LANG：zh_CN.*）
是提示的语言。
`,
  diff: `用法：rx-followup diff --base <规则> --rules <规则> [--input <文件>|-] [--as-of WHEN]
                        [--format text|json] [--encoding E] [--locale en|zh-CN]

用 --base 规则和 --rules 规则分别为每条输入做计划，说明修改的效果：每条输入增加（+）、去掉（-）和改期
（~，同一目的和药品换了时间或渠道）的联系；然后是按规则、按目的的合计，以及修改前后每个星期几的联系数。
--as-of 与 plan 相同（默认 now）。
退出码 0；有记录不能做计划时为 1（在其所在行报告，其余照常处理）。
`,
  init: `用法：rx-followup init [文件夹] [--force] [--locale en|zh-CN]

写出一个起步用的文件夹（默认：当前文件夹）：
  rules/*.json                   默认规则，每个方面一个文件，各自的 "$schema" 指向
  schema/ruleset.schema.json     JSON Schema（编辑器据此补全和检查规则文件）
  purchases.json                 示例购药记录：rx-followup explain --rules rules --input purchases.json
  staff.json                     rx-followup worklist 用的示例排班表
已有的文件不会被覆盖（退出码 1，并列出它们），除非加 --force。升级 rx-followup 后，用
rx-followup schema > schema/ruleset.schema.json 更新 schema。
`,
};
