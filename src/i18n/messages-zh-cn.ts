/** The Chinese (zh-CN) messages: one per code of the English ones (the type makes a missing one a compile error). */
import { eachTolerance, provisionalHolidays, type Messages } from './messages-en.js';
import { items } from './reason-params.js';
import type {
  AnchorParams,
  ChannelWhyParams,
  DueParams,
  MoveParams,
  ToleranceParams,
  WhyParams,
} from './reason-params.js';
import type { Param, Words } from './words.js';

function anchor(p: AnchorParams, w: Words): string {
  switch (p.anchor) {
    case 'registration':
      return '入会';
    case 'onset':
      return Number(p.onsetDays) === 0 ? '预计起效（购药当天）' : `预计起效（购药后第 ${p.onsetDays} 天）`;
    case 'supply-end':
      return p.carriedOverDays === undefined
        ? `药品用完（${p.supplyDays ?? '?'} 天）`
        : `药品用完（${p.supplyDays ?? '?'} 天，含上次购药余下的 ${p.carriedOverDays} 天）`;
    case 'holiday':
      return `${p.holiday}（${w.day(p.holidayDate)}）`;
    case 'resolved':
      return `${w.incident(p.incident)}解决（${w.at(p.resolved)}）`;
    case 'discharge':
      return `出院（${w.at(p.discharged)}）`;
    default:
      return '购药';
  }
}

/** `购药后第 3 天`, `药品用完（60 天）前 4 天`, `购药后第 15 天，之后每 5 天一次（第 1 次）`. */
function due(p: DueParams, w: Words): string {
  const offset = String(p.offset);
  const days = w.wholeDays(offset);
  const name = anchor(p, w);
  const base =
    days === 0
      ? `${name}当天`
      : offset.startsWith('-')
        ? `${name}前 ${w.dur(offset)}`
        : days !== null
          ? `${name}后第 ${days} 天`
          : `${name}后 ${w.dur(offset)}`;
  return p.every === undefined ? base : `${base}，之后每 ${w.dur(p.every)} 一次（第 ${p.count} 次）`;
}

function tolerance(p: ToleranceParams, w: Words): string {
  if (p.tolMerged !== undefined) {
    const each = items(p.tolEach ?? '');
    const parts = String(p.tolMerged)
      .split('+')
      .map((purpose, i) => `${w.purpose(purpose)}：${tolerance(eachTolerance(each[i]), w)}`);
    return `${parts.join('；')}；均不晚于各自最早可约时段后 ${p.tolWithin} 天`;
  }
  if (p.tolFrom === 'report') return `报告后 ${w.dur(p.tolAfter)}内`;
  if (p.tolBefore !== undefined) return `应联系时间前 ${w.dur(p.tolBefore)}至后 ${w.dur(p.tolAfter)}`;
  return `应联系时间后 ${w.dur(p.tolAfter)}内`;
}

const earlierContact = (p: { contact?: string }): string =>
  p.contact === undefined ? '' : `（之前计划的联系 ${p.contact}）`;

function why(p: WhyParams, w: Words): string {
  switch (p.why) {
    case 'month-first':
      return `每月前 ${p.first} 天`;
    case 'month-last':
      return `每月最后 ${p.last} 天`;
    case 'holiday':
      return p.provisional === 1 ? `节假日 ${p.holiday}（暂按法定假日）` : `节假日 ${p.holiday}`;
    case 'weekday':
      return `${w.weekday(p.weekday)}不做常规联系`;
    case 'date':
      return '免打扰日期';
    case 'cap.gap':
      return `${w.channels(p.channels)}常规联系至少间隔 ${w.dur(p.gap)}（${w.day(p.near)} 已有${w.purpose(p.purpose)}${earlierContact(p)}）`;
    case 'cap.period':
      return `任意 ${w.dur(p.period)} 内${w.channels(p.channels)}常规联系最多 ${p.max} 次`;
    case 'cap.day-taken':
      return `每天最多一次常规联系，当天已有${w.purpose(p.purpose)}${earlierContact(p)}`;
    case 'cap.out-of-reach':
      return `每天最多一次常规联系，当天的${w.purpose(p.purpose)}（${w.at(p.other)}）不在本次联系的容许时间内`;
  }
}

/** 没用某个渠道的原因，按渠道规则的 `when`（`no-consent` 写出渠道）。 */
const CHANNEL_WHY: Readonly<Record<string, string>> = {
  'do-not-call': '顾客不接受电话回访',
  'no-phone': '没有登记电话号码',
  'prefers-message': '顾客更愿意收消息而不是接电话',
};
const channelWhy = (p: ChannelWhyParams, w: Words): string =>
  CHANNEL_WHY[String(p.why)] ?? `顾客未同意接收${w.channel(p.channel)}`;

const span = (w: Words, from: Param, to: Param): string =>
  to === undefined || to === from ? w.day(from) : `${w.day(from)}至${w.day(to)}`;

const PART_ZH: Readonly<Record<string, string>> = { morning: '上午', afternoon: '下午', evening: '晚上' };

const overflowText = (p: MoveParams, w: Words): string =>
  `${p.earlierWithin === undefined ? '' : `最多提前 ${w.dur(p.earlierWithin)}或`}最多${p.move === 'earlier' ? '提前' : '推后'} ${w.dur(p.within)}${w.rule(p.overflowRule as string | undefined)}`;

const channelList = (list: Param, w: Words): string =>
  items(list)
    .map((c) => w.channel(c))
    .join('、');

export const ZH_CN_MESSAGES: Messages = {
  due: (p, w) => `应于 ${w.at(p.at)} 联系：${due(p, w)}`,
  'due.retry': (p, w) =>
    `应于 ${w.at(p.at)} 联系：第 ${p.attempt}/${p.max} 次重拨，${w.at(p.lastAttempt)} 未接通（联系 ${p.contact}）`,
  'due.retry-message': (p, w) =>
    `应于 ${w.at(p.at)} 联系：已 ${p.attempts} 次未接通（最近一次 ${w.at(p.lastAttempt)}，联系 ${p.contact}），改发消息`,
  'escalation.reported': (p, w) =>
    `${w.at(p.at)} 报告${w.incident(p.incident)}${p.severity === undefined ? '' : `（${w.severity(p.severity)}）`}：须在 ${w.dur(p.deadline)}内${w.channel(p.channel)}联系（${w.urgency(p.urgency)}）`,
  'escalation.channel': (p, w) =>
    `渠道 ${w.channel('phone')} → ${w.channel(p.channel)}${p.deadline === undefined ? '' : `（${w.dur(p.deadline)}内）`}：没有登记电话号码`,
  'escalation.no-urgent-hours': (p, w) => `没有紧急联系时段：从 ${w.at(p.at)} 起联系`,
  'escalation.no-slot': (p, w) => `截止时间 ${w.at(p.deadlineAt)} 前没有紧急联系时段：立即联系`,
  'escalation.at-once': (p, w) => `立即联系：${w.window(p)}`,
  'escalation.late': (p, w) =>
    `在计划时间 ${w.at(p.asOf)} 之前已报告：从 ${w.at(p.at)} 起，即${w.window(p)}的下一个时段`,
  'escalation.from': (p, w) =>
    `从 ${w.at(p.at)} 起：${p.outside === 1 ? '报告时间不在' : ''}${w.window(p)}${p.outside === 1 ? '内' : ''}`,
  'escalation.overdue': (p, w) => `已逾期：截止时间 ${w.at(p.deadlineAt)} 早于 ${w.at(p.at)}，请最先处理`,
  'escalation.safety': () => '紧急处理：不受首选时段、免打扰、节假日、频次上限和“不接受电话回访”的限制（安全优先）',
  'merged.same-report': (p, w) => `同一报告的${w.purpose(p.purpose)}已并入这次${w.channel(p.channel)}联系`,
  'waits-for-escalation': (p, w) => `等待${w.purpose(p.purpose)}紧急处理开始（${w.at(p.at)}）`,
  'calls-paused': (p, w) => `常规来电暂停至 ${w.at(p.until)}：顾客拒绝了来电（联系 ${p.contact}）`,
  skipped: (p, w) => `跳过 ${span(w, p.from, p.to)}：${why(p, w)}`,
  'skipped.cap': (p, w) => `跳过 ${w.day(p.day)}：${why(p, w)}`,
  'blocked.cap': (p, w) => `${w.day(p.day)}：${why(p, w)}`,
  'tolerance-ended': (p, w) => `容许时间（${tolerance(p, w)}）已于 ${w.at(p.end)} 结束，早于计划时间 ${w.at(p.asOf)}`,
  'no-slot-in-tolerance': (p, w) => `容许时间（${tolerance(p, w)}）内没有${w.v.uses[String(p.use)] ?? String(p.use)}`,
  'overflow-moved': (p, w) => `按顺延规则${p.move === 'earlier' ? '提前' : '推后'}：${overflowText(p, w)}`,
  'preferred-later': (p, w) =>
    `按时优先：首选时段最早在 ${w.at(p.preferred)}，比最早可用时段晚了 ${w.dur(p.slack)}以上`,
  'answers-at': (p) =>
    `在顾客常接电话的时段：${items(p.parts)
      .map((part) => PART_ZH[part] ?? part)
      .join('或')}（打 ${p.calls} 次接通 ${p.answered} 次，其他时段打 ${p.otherCalls} 次接通 ${p.otherAnswered} 次）`,
  'retry.other-time': (p, w) =>
    `换个时段再打：上次（${w.at(p.last)}，${PART_ZH[String(p.part)] ?? p.part}）没接通，同一时段顾客常在开会、吃饭或开车`,
  'placed.at': (p, w) => `${w.at(p.at)}：${w.window(p)}`,
  'placed.moved': (p, w) => `从 ${w.at(p.due)} ${p.earlier === 1 ? '提前' : '改'}到 ${w.at(p.at)}：${w.window(p)}`,
  uncovered: (p, w) =>
    p.through === undefined
      ? `${w.day(p.day)} 早于日历 ${p.calendar} 覆盖的日期（自 ${w.fullDay(p.from)} 起）：不知道当天是否节假日`
      : p.provisional === 1
        ? `${w.day(p.day)} 超出日历 ${p.calendar} 已公布的日期（至 ${w.fullDay(p.through)}）：暂按法定假日安排，调休未知`
        : `${w.day(p.day)} 超出日历 ${p.calendar} 覆盖的日期（至 ${w.fullDay(p.through)}）：不知道当天是否节假日`,
  'merged.moved': (p, w) =>
    `从 ${w.at(p.from)} 改到 ${w.at(p.at)}，${w.purpose(p.purpose)}也可在此时联系：${w.window(p)}`,
  'merged.cap': (p, w) =>
    `${w.purpose(p.purpose)}（${w.channel(p.channel)}）已并入这次联系：每天最多 ${p.max} 次常规联系`,
  'merged.near': (p, w) =>
    `${w.purpose(p.purpose)}（${w.channel(p.channel)}，应于 ${w.at(p.due)}）已并入这次联系：时间相距 ${p.withinDays} 天内的常规联系合为一次，时间落在各自的容许时间内`,
  'merged.earlier': (p, w) =>
    `此前已为购药 ${p.purchase} 安排（联系 ${p.contact}：${w.purpose(p.purpose)}，应于 ${w.at(p.due)}，定于 ${w.at(p.at)}）：本次购药时间相近的联系并入其中，不再相隔几天另打一次`,
  'channel.routine': (p, w) =>
    `渠道 ${w.channel(p.from)} → ${w.channel(p.to)}：${channelWhy({ why: p.why, channel: p.from }, w)}`,
  'suppressed.beyond-horizon': (p, w) =>
    `应联系时间 ${w.at(p.due)} 超出计划期限（购药后 ${w.dur(p.horizon)}，至 ${w.at(p.end)}）`,
  'suppressed.paused': (p, w) =>
    `常规来电暂停至 ${w.at(p.until)}：顾客拒绝了来电（联系 ${p.contact}）；而这次联系最晚须在 ${w.at(p.latest)} 开始`,
  'suppressed.tolerance-ended': (p, w) =>
    `容许时间（${tolerance(p, w)}）已于 ${w.at(p.end)} 结束${p.overflowEnd === undefined ? '' : `，顺延（${overflowText(p, w)}）也已于 ${w.at(p.overflowEnd)} 结束`}，早于计划时间 ${w.at(p.asOf)}`,
  'suppressed.no-windows': (p, w) =>
    `没有通话时段规则给出${w.channel(p.channel)}可用的${items(p.uses)
      .map((u) => w.v.uses[u] ?? u)
      .join('或')}`,
  'suppressed.no-slot': (p, w) =>
    `${w.at(p.from)} 至 ${w.at(p.to)} 之间没有可用时段${p.move === undefined ? '' : `（容许时间，及${overflowText(p, w)}）`}`,
  'suppressed.channel-uncovered': (p, w) => `${channelWhy(p, w)}，且没有渠道规则处理这种情况`,
  'suppressed.channel-unusable': (p, w) =>
    `${channelWhy(p, w)}；${p.fallback === '' ? '没有备用渠道' : `备用渠道${channelList(p.fallback, w)}都不可用`}`,
  'suppressed.escalation-no-channel': (p, w) =>
    p.fallback === undefined
      ? '没有登记电话号码，且没有渠道规则处理紧急联系'
      : `没有登记电话号码，备用渠道${channelList(p.fallback, w)}也都不可用`,
  'suppressed.escalation-beyond-horizon': (p, w) => `开始时间 ${w.at(p.at)} 超出计划期限（至 ${w.at(p.end)}）`,
  'held.incident': (p, w) =>
    `暂缓：${w.at(p.reported)} 报告${w.incident(p.incident)}${p.drug === undefined ? '' : `（${p.drug}）`}；${p.resolved === undefined ? '处理完毕前' : `在解决（${w.at(p.resolved)}）之前到期的`}${p.drug === undefined ? '本次购药' : '该药品'}不做${items(
      p.kinds,
    )
      .map((k) => w.kind(k))
      .join('或')}联系`,
  'held.hospital': (p, w) =>
    p.until === undefined
      ? `暂缓：顾客自 ${w.at(p.since)} 起住院（联系 ${p.contact}）；常规联系等到再次联系上或再次购药`
      : `暂缓：顾客 ${w.at(p.since)} 至 ${w.at(p.until)} 住院（联系 ${p.contact}）；这段时间内到期的常规联系不做`,
  'held.stopped': (p, w) =>
    `暂缓：顾客已停用 ${items(p.drugs).join('、')}（联系 ${p.contact}，${w.at(p.at)}）；不再做用药回访和续药提醒`,
  'superseded.restart': (p, w) =>
    `已取代：购药 ${p.purchase} 重新开始${w.ruleName(String(p.rule))}${p.drugs === undefined ? '' : `（${items(p.drugs).join('、')}）`}（新购药时重新计算）`,
  'superseded.replanned': (p) => `已取代：重新计划后，购药 ${p.purchase} 的计划不再包含这次联系`,
  'warning.no-course': (p) =>
    `药品编码 "${p.drugCode}"（第 ${Number(p.index) + 1} 种药品）没有疗程信息：只按购药时间安排联系`,
  'warning.calendar-ends': (p, w) =>
    `日历 ${p.calendar} 只覆盖到 ${w.fullDay(p.through)}，而这个计划到 ${w.fullDay(p.last)}：之后的节假日和调休未知（请补充下一年的日期）`,
  'warning.calendar-provisional': (p, w) =>
    `日历 ${p.calendar} 已公布的日期只到 ${w.fullDay(p.through)}，而这个计划到 ${w.fullDay(p.last)}：补充下一年的日期之前，暂按法定假日安排（${provisionalHolidays(p, w, '；', '这段日期内没有已知的法定假日')}），调休未知`,
  'warning.calendar-starts': (p, w) =>
    `日历 ${p.calendar} 从 ${w.fullDay(p.from)} 起覆盖，而这个计划从 ${w.fullDay(p.first)} 开始：之前的节假日和调休未知`,
  'warning.superseded-carried': (p) =>
    `被取代的联系 ${p.contact} 还包含另一次购药的药品 ${p.drugs} 的回访：请在当晚对该顾客重新安排（planner.replan），补回这些回访`,
  'warning.beyond-calendar': (p, w) =>
    `有 ${p.count} 个联系将晚于 ${w.fullDay(p.last)}（计划所能到达的最后一天），已略去`,
  'warning.too-many-candidates': (p) => `候选联系超过 ${p.max} 个：规则要求的联系太多，之后的已舍弃`,
  'warning.unknown-field': (p) => `${p.path} 不是输入字段，已被忽略：是否应为 ${p.field}？`,
  'warning.no-membership': (p, w) => `规则${w.ruleName(String(p.rule))}以入会时间为起点，但顾客没有会员信息：已跳过`,
  'warning.escalation-no-channel': (p, w) =>
    `第 ${Number(p.incident) + 1} 个事件（${w.incident(p.type)}）：没有电话号码，也没有可用的紧急联系渠道：请用其他方式联系顾客`,
  'warning.deadline-passed': (p, w) =>
    `第 ${Number(p.incident) + 1} 个事件（${w.incident(p.type)}）：${w.purpose(p.purpose)}的截止时间 ${w.at(p.deadlineAt)} 已过，联系才能开始（${w.at(p.start)}）`,
};
