/** The playground's own words (the plans' reasons come rendered by the planner, in the same locale). */
import type { Locale } from 'rx-followup';

export interface UiWords {
  readonly title: string;
  readonly subtitle: string;
  readonly language: string;
  readonly ruleFiles: string;
  readonly customers: string;
  readonly paste: string;
  readonly pasteHint: string;
  readonly usePasted: string;
  readonly clearPasted: string;
  readonly week: (monday: string) => string;
  readonly previous: string;
  readonly next: string;
  readonly customer: string;
  readonly findings: string;
  readonly noFindings: string;
  readonly diff: string;
  readonly noDiff: string;
  readonly details: string;
  readonly clickHint: string;
  readonly stale: string;
  readonly planError: string;
  readonly legend: {
    readonly critical: string;
    readonly high: string;
    readonly routine: string;
    readonly holiday: string;
    readonly blackout: string;
  };
  readonly makeUpWorkday: string;
  readonly rules: string;
  readonly listSeparator: string;
  readonly due: string;
  readonly channel: Readonly<Record<string, string>>;
  readonly urgency: Readonly<Record<string, string>>;
  readonly error: string;
  readonly warning: string;
  readonly offline: string;
  readonly lintAsOf: (date: string) => string;
  readonly pasted: (n: number) => string;
  /** A paste that is not JSON: where, and the parser's words. */
  readonly pasteProblem: (line: number, column: number, message: string) => string;
  /** `: ` / `：`. */
  readonly colon: string;
  readonly moved: string;
  readonly added: string;
  readonly removed: string;
  readonly diffSummary: (added: number, removed: number, moved: number) => string;
}

/** The words that are plain text (not functions or tables), for the page's fixed labels. */
export type StaticWord = { [K in keyof UiWords]: UiWords[K] extends string ? K : never }[keyof UiWords];

export const WORDS: Readonly<Record<Locale, UiWords>> = {
  en: {
    title: 'rx-followup playground',
    subtitle: 'Edit the rules, see the plans. Nothing leaves this page.',
    language: 'Language',
    ruleFiles: 'Rule files',
    customers: 'Customers',
    paste: 'Paste inputs',
    pasteHint: 'A JSON array of plan inputs, or one JSON object per line (as rx-followup plan reads them)',
    usePasted: 'Plan these',
    clearPasted: 'Clear',
    week: (monday) => `Week of ${monday}`,
    previous: '← previous week',
    next: 'next week →',
    customer: 'Customer',
    findings: 'Errors and lint warnings',
    noFindings: 'No errors, no warnings.',
    diff: 'What the edits change (against the shipped rules)',
    noDiff: 'The plans are those of the shipped rules.',
    details: 'Contact',
    clickHint: 'Click a contact on the calendar to see why it is there.',
    stale: 'The rules do not validate: the calendar shows the plans of the last rules that did.',
    planError: 'cannot be planned',
    legend: {
      critical: 'critical',
      high: 'high',
      routine: 'routine',
      holiday: 'holiday',
      blackout: 'blackout day (this customer)',
    },
    makeUpWorkday: 'make-up workday',
    rules: 'Rules',
    listSeparator: ', ',
    due: 'Window',
    channel: { phone: 'phone', sms: 'SMS', wechat: 'WeChat', 'home-visit': 'home visit' },
    urgency: { critical: 'critical', high: 'high', routine: 'routine' },
    error: 'error',
    warning: 'warning',
    offline: 'Works offline: open playground/index.html from a copy of the folder.',
    lintAsOf: (date) => `lint as of ${date} (the earliest purchase)`,
    pasted: (n) => `${n} pasted input${n === 1 ? '' : 's'}`,
    pasteProblem: (line, column, message) => `line ${line}, column ${column}: ${message}`,
    colon: ': ',
    moved: 'moved',
    added: 'added',
    removed: 'removed',
    diffSummary: (a, r, m) => `+${a} added, −${r} removed, ~${m} moved`,
  },
  'zh-CN': {
    title: 'rx-followup 规则试验台',
    subtitle: '修改规则，立即看到回访计划。所有内容只在本页面内处理，不会发送出去。',
    language: '语言',
    ruleFiles: '规则文件',
    customers: '顾客',
    paste: '粘贴输入',
    pasteHint: '计划输入的 JSON 数组，或每行一个 JSON 对象（与 rx-followup plan 读取的格式相同）',
    usePasted: '生成计划',
    clearPasted: '清除',
    week: (monday) => `${monday} 起的一周`,
    previous: '← 上一周',
    next: '下一周 →',
    customer: '顾客',
    findings: '错误与检查提示',
    noFindings: '没有错误，也没有提示。',
    diff: '修改带来的变化（与随包规则相比）',
    noDiff: '计划与随包规则的相同。',
    details: '联系详情',
    clickHint: '点击日历上的联系，查看安排的原因。',
    stale: '规则未通过校验：日历显示的是上一次有效规则的计划。',
    planError: '无法生成计划',
    legend: { critical: '危急', high: '紧急', routine: '常规', holiday: '节假日', blackout: '免打扰日（该顾客）' },
    makeUpWorkday: '调休上班',
    rules: '规则',
    listSeparator: '，',
    due: '时间',
    channel: { phone: '电话', sms: '短信', wechat: '微信', 'home-visit': '上门' },
    urgency: { critical: '危急', high: '紧急', routine: '常规' },
    error: '错误',
    warning: '提示',
    offline: '可离线使用：复制整个 playground 文件夹后直接打开 index.html。',
    lintAsOf: (date) => `检查以 ${date}（最早的购药日）为准`,
    pasted: (n) => `已粘贴 ${n} 条输入`,
    pasteProblem: (line, column, message) => `第 ${line} 行第 ${column} 列：${message}`,
    colon: '：',
    moved: '改期',
    added: '新增',
    removed: '取消',
    diffSummary: (a, r, m) => `新增 ${a}，取消 ${r}，改期 ${m}`,
  },
};
