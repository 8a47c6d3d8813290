import { formatWithOffset, parseInstant } from '../calendar/instant.js';
import { offsetAt } from '../calendar/zone.js';
import { Words } from '../i18n/words.js';
import type { FollowUpPlan } from '../plan/types.js';
import type { ParsedPlanInput } from '../schema/input.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t };

export const ansiStyle: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  red: (t) => `\u001b[31m${t}\u001b[39m`,
  yellow: (t) => `\u001b[33m${t}\u001b[39m`,
};

/** The timeline's own words per locale (the reasons come rendered in the plan). */
const LABELS = {
  en: {
    head: (purchase: string, customer: string, who: string, zone: string, asOf: string) =>
      `Purchase ${purchase} · customer ${customer} (${who}) · ${zone} · as of ${asOf}`,
    consulted: (when: string) => `consulted ${when}, bought nothing`,
    bought: (when: string, items: string) => `bought ${when}: ${items}`,
    none: '(no contact planned)',
    rules: 'rules: ',
    suppressed: 'Suppressed:',
    due: (channel: string, when: string) => `(${channel}, due ${when}): `,
    warning: 'warning: ',
    walkIn: 'walk-in',
    forWhom: (whom: string) => `for ${whom}`,
  },
  'zh-CN': {
    head: (purchase: string, customer: string, who: string, zone: string, asOf: string) =>
      `购药单 ${purchase} · 顾客 ${customer}（${who}）· ${zone} · 计划时间 ${asOf}`,
    consulted: (when: string) => `${when} 咨询，未购药`,
    bought: (when: string, items: string) => `${when} 购药：${items}`,
    none: '（没有安排联系）',
    rules: '规则：',
    suppressed: '不安排的联系：',
    due: (channel: string, when: string) => `（${channel}，应于 ${when}）：`,
    warning: '注意：',
    walkIn: '非会员',
    forWhom: (whom: string) =>
      `为${({ child: '孩子', parent: '父母', spouse: '配偶', other: '他人' } as Record<string, string>)[whom] ?? whom}购买`,
  },
} as const;

const ENGLISH = new Words('en');
const TIERS_ZH_CN: Readonly<Record<string, string>> = { new: '新会员', regular: '普通会员', loyal: '老会员' };

const at = (iso: string, zone: string, words: Words): string => {
  const parsed = parseInstant(iso);
  return parsed.ok ? words.at(formatWithOffset(parsed.epochMs, offsetAt(zone, parsed.epochMs))) : iso;
};

/** The timeline's first lines: whose purchase, who they are, when it was made, what was bought. */
function headLines(plan: FollowUpPlan, input: ParsedPlanInput, style: Style, words: Words): string[] {
  const zone = plan.timeZone;
  const l = LABELS[words.locale];
  const zh = words.locale === 'zh-CN';
  const tierCode = input.customer.membership?.tier;
  const tier = tierCode === undefined ? l.walkIn : zh ? (TIERS_ZH_CN[tierCode] ?? tierCode) : tierCode;
  const whom = input.purchase.for && input.purchase.for !== 'self' ? l.forWhom(input.purchase.for) : undefined;
  const who = [tier, input.customer.occupation, whom].filter(Boolean).join(zh ? '，' : ', ');
  const head = style.bold(
    l.head(plan.purchaseId, plan.customerId, who, zone, `${plan.asOf.slice(0, 10)} ${plan.asOf.slice(11, 16)}`),
  );
  const items = input.purchase.items ?? [];
  const when = at(input.purchase.purchasedAt, zone, words);
  return [
    head,
    input.purchase.kind === 'consultation'
      ? `  ${l.consulted(when)}`
      : `  ${l.bought(when, items.map((i) => `${i.drugCode} ×${i.quantity}`).join(', '))}`,
  ];
}

/** A touchpoint's lines: its window, channel, urgency and purpose; its rules; why it exists and moved. */
function touchpointLines(t: FollowUpPlan['touchpoints'][number], zone: string, style: Style, words: Words): string[] {
  const l = LABELS[words.locale];
  const zh = words.locale === 'zh-CN';
  const end = at(t.window.end, zone, words).slice(-5);
  const said = zh ? words.urgency(t.urgency) : t.urgency;
  const urgency = t.urgency === 'critical' ? style.red(said) : t.urgency === 'high' ? style.yellow(said) : said;
  // English shows the purpose codes analysts search for; Chinese, the purposes' names.
  const channel = zh ? words.channel(t.channel).padEnd(4) : t.channel.padEnd(10);
  return [
    `  ${style.bold(`${at(t.window.start, zone, words)}-${end}`)}  ${channel} ${urgency.padEnd(zh ? 2 : 8)}  ${zh ? t.label : t.purpose}`,
    style.dim(`      ${l.rules}${t.ruleIds.map((id) => (zh ? words.ruleName(id) : id)).join(zh ? '、' : ', ')}`),
    ...t.reasons.map((r) => style.dim(`      · ${r}`)),
  ];
}

/**
 * A plan as a readable timeline — each touchpoint, why it exists and moved, then what was suppressed; `words` (with
 * the rule set's names) give its locale.
 */
export function renderTimeline(
  plan: FollowUpPlan,
  input: ParsedPlanInput,
  style: Style = plainStyle,
  words: Words = ENGLISH,
): string {
  const zone = plan.timeZone;
  const l = LABELS[words.locale];
  const zh = words.locale === 'zh-CN';
  const lines = headLines(plan, input, style, words);
  if (plan.touchpoints.length === 0) lines.push(`  ${l.none}`);
  for (const t of plan.touchpoints) lines.push(...touchpointLines(t, zone, style, words));
  if (plan.suppressed.length > 0) {
    lines.push(`  ${l.suppressed}`);
    for (const s of plan.suppressed) {
      const purpose = zh ? s.candidate.label : s.candidate.purpose;
      const channel = zh ? words.channel(s.candidate.channel) : s.candidate.channel;
      lines.push(`    ${purpose} ${l.due(channel, at(s.candidate.due, zone, words))}${s.reason}`);
    }
  }
  for (const w of plan.warnings) lines.push(style.yellow(`  ${l.warning}${w}`));
  return lines.join('\n');
}
