/**
 * The lint warnings' words, per locale. Durations, offsets and ids stay as the rule file writes them: the analyst
 * reading a warning finds them in the file.
 */
import type { Catalogues } from '../i18n/catalogue.js';
import type { FieldDomain } from '../facts/vocabulary.js';
import type { Contradiction, NeverHolds } from './never-holds.js';

/** Each lint check's params: what its message is made from. */
export interface LintParams {
  /** Where in the conditions, the leaves that contradict (or the one that excludes everything), and why. */
  'never-holds': NeverHolds;
  'never-opens': { readonly days: readonly string[] };
  /** `overflowWithin`: how much later an overflow may move it (`null`: none); `runs`: the blackouts and their longest runs. */
  'always-dropped': {
    readonly tolerance: string;
    readonly overflowWithin: string | null;
    readonly runs: readonly { readonly id: string; readonly run: number }[];
  };
  'past-horizon': { readonly offset: string; readonly horizon: string };
  'always-merged': {
    readonly purpose: string;
    readonly anchor: string;
    readonly offset: string;
    readonly otherRule: string;
  };
  'no-channel': { readonly when: string };
  'calendar-ends': { readonly through: string; readonly today: string; readonly horizon: string };
}

/** What a warning is about: its code. */
export type LintCheck = keyof LintParams;

const show = (v: unknown): string => JSON.stringify(v);
const values = (d: FieldDomain | undefined, and: string): string =>
  d !== undefined && 'values' in d ? d.values.map(show).join(and) : '';

const WHY_EN: Record<Contradiction, string> = {
  disjoint: 'no value satisfies both',
  'excluded-value': 'one asks for the value the other excludes',
  'excluded-values': 'one asks for values the other excludes',
};
const WHY_ZH_CN: Record<Contradiction, string> = {
  disjoint: '没有值能同时满足两者',
  'excluded-value': '一个要求的值正是另一个排除的值',
  'excluded-values': '一个要求的值都被另一个排除',
};

export const LINT_MESSAGES: Catalogues<LintParams> = {
  en: {
    'never-holds': (n) =>
      !('b' in n)
        ? `can never hold: ${n.key} ${n.a.operator} ${show(n.a.value)} (${
            n.why === 'empty-list'
              ? 'an empty list holds no value'
              : `it excludes every value the field takes: ${values(n.domain, ', ')}`
          }): the rule never applies`
        : `can never hold: ${n.key} ${n.a.operator} ${show(n.a.value)} and ${n.b.operator} ${show(n.b.value)} in one "all" (${WHY_EN[n.why]}): the rule never applies`,
    'never-opens': ({ days }) => `never opens: every day it names (${days.join(', ')}) is a blackout day`,
    'always-dropped': ({ tolerance, overflowWithin: within, runs }) =>
      `its tolerance (${tolerance})${within === null ? '' : ` and its overflow (${within} later)`} is shorter than the days in a row a blackout can block (${runs
        .map((r) => `${r.run} by rule ${r.id}`)
        .join(', ')}): a contact due at the start of them is always dropped`,
    'past-horizon': ({ offset, horizon }) => `offset ${offset} is past the horizon (${horizon}): never planned`,
    'always-merged': ({ purpose, anchor, offset, otherRule }) =>
      `asks for ${purpose} at ${anchor} + ${offset} as rule ${otherRule} does: when both hold they are always one contact`,
    'no-channel': ({ when }) =>
      `leaves customers it applies to (${when}) with no channel: no fallback it lists can be used then`,
    'calendar-ends': ({ through, today, horizon }) =>
      `covers dates through ${through}, before ${today} + the horizon (${horizon}): plans made now run into days it does not know`,
  },
  'zh-CN': {
    'never-holds': (n) =>
      !('b' in n)
        ? `条件永远不成立：${n.key} ${n.a.operator} ${show(n.a.value)}（${
            n.why === 'empty-list' ? '空列表不包含任何值' : `它排除了该字段所有可能的值：${values(n.domain, '、')}`
          }）：这条规则永远不会生效`
        : `条件永远不成立：同一个 "all" 里 ${n.key} 既 ${n.a.operator} ${show(n.a.value)} 又 ${n.b.operator} ${show(n.b.value)}（${WHY_ZH_CN[n.why]}）：这条规则永远不会生效`,
    'never-opens': ({ days }) => `时段永远不会开放：它列出的每一天（${days.join('、')}）都是免打扰日`,
    'always-dropped': ({ tolerance, overflowWithin: within, runs }) =>
      `容许时间（${tolerance}）${within === null ? '' : `加上顺延（再推后 ${within}）`}比免打扰可能连续的天数还短（${runs
        .map((r) => `规则 ${r.id} 连续 ${r.run} 天`)
        .join('，')}）：在免打扰开始时到期的联系总会被丢掉`,
    'past-horizon': ({ offset, horizon }) => `offset ${offset} 超出计划期限（${horizon}）：永远排不进计划`,
    'always-merged': ({ purpose, anchor, offset, otherRule }) =>
      `与规则 ${otherRule} 一样在 ${anchor} + ${offset} 安排 ${purpose}：两者同时成立时总是合成一次联系`,
    'no-channel': ({ when }) => `适用的顾客（${when}）没有可用的渠道：它列出的备用渠道这时都不能用`,
    'calendar-ends': ({ through, today, horizon }) =>
      `只覆盖到 ${through}，早于 ${today} + 计划期限（${horizon}）：现在做的计划会排进它不知道的日子`,
  },
};
