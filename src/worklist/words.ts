/**
 * What a worklist says in its own words — why a contact moved or overflowed, who a pool is, its warnings — per locale.
 * Days and instants come from the planner's {@link Words} (date-fns weekday names), so they read as the reasons do.
 */
import { formatLocalDate, fromEpochDay } from '../calendar/local-date.js';
import { plural } from '../i18n/plural.js';
import { formatInstant } from '../calendar/instant.js';
import type { Catalogue, Catalogues } from '../i18n/catalogue.js';
import type { Words } from '../i18n/words.js';
import type { Resource } from './contacts.js';

type Counted = Exclude<Resource, null>;

/** Who a pool is, as data: a store's own staff, the shared desk (for a store, or for no store), everyone, or no one. */
export type PoolKind =
  | { readonly kind: 'store'; readonly store: string }
  | { readonly kind: 'desk'; readonly store: string | null }
  | { readonly kind: 'all' }
  | { readonly kind: 'none'; readonly store: string };

/** What each of a worklist's phrases is made from, by code. */
export interface WorklistParams {
  /** Who a pool is. */
  pool: PoolKind;
  /** `3 calls` / `3 个电话`. */
  count: { readonly n: number; readonly resource: Counted };
  'not-at-hour': { readonly name: string };
  'day-off': { readonly name: string; readonly day: string };
  /** Why a contact stays on its day (`why`), no other day in reach having room. */
  'no-other-day': { readonly why: string };
  levelling: { readonly name: string; readonly had: string; readonly day: string; readonly target: number };
  full: { readonly name: string; readonly capacity: number; readonly resource: Counted; readonly day: string };
  /** A contact moved within its tolerance: from, to, why, and the window it went to (`null`: its planned one). */
  moved: { readonly from: string; readonly to: string; readonly because: string; readonly slot: string | null };
  'no-one-to-make': { readonly pool: string };
  'no-one-to-send': { readonly pool: string };
  'escalations-full': { readonly resource: Counted; readonly day: string; readonly pool: string };
  'no-one-works': { readonly pool: string; readonly day: string; readonly from: string; readonly to: string };
  'owner-elsewhere': { readonly customer: string; readonly owner: string; readonly pool: string };
  'no-policy': { readonly purchase: string };
  'other-rules': { readonly purchase: string; readonly id: string; readonly version: string; readonly hash: string };
  'shared-id': { readonly id: string; readonly first: string; readonly second: string };
  handover: { readonly why: string; readonly colleague: string };
  /** A contact rolled past its tolerance, as its rule's overflow allows. */
  rolled: {
    readonly from: string;
    readonly to: string;
    readonly because: string;
    readonly rule: string;
    readonly slot: string;
  };
  'superseded-left-out': { readonly count: number };
}

/** A worklist's phrase codes. */
export type WorklistCode = keyof WorklistParams;

const EN: Catalogue<WorklistParams> = {
  pool: (p) =>
    p.kind === 'store'
      ? `store ${p.store}'s staff`
      : p.kind === 'desk'
        ? p.store === null
          ? 'the staff without a store'
          : `the shared desk (store ${p.store} has no staff of its own)`
        : p.kind === 'all'
          ? 'the staff'
          : `store ${p.store}, which has no staff (and there is no shared desk)`,
  count: ({ n, resource: r }) => `${n} ${r === 'calls' ? plural(n, 'call', 'calls') : plural(n, 'visit', 'visits')}`,
  'not-at-hour': ({ name }) => `${name} does not work at that hour`,
  'day-off': ({ name, day }) => `${name} does not work ${day}`,
  'no-other-day': ({ why }) =>
    `${why}, and no other day of the range within its tolerance has an allowed slot with room`,
  levelling: ({ name, had, day, target }) =>
    `levelling the load: ${name} had ${had} on ${day}, about ${target} a day in this range`,
  full: ({ name, capacity, resource, day }) =>
    `${name}'s ${EN.count({ n: capacity, resource })} on ${day} ${capacity === 1 ? 'was' : 'were'} taken`,
  moved: ({ from, to, because, slot }) => `from ${from} to ${to}: ${because}; ${slot ?? 'its planned window'}`,
  'no-one-to-make': ({ pool }) => `no one to make it: ${pool}`,
  'no-one-to-send': ({ pool }) => `no one to send it: ${pool}`,
  'escalations-full': ({ resource: r, day, pool }) =>
    `no ${r === 'calls' ? 'call' : 'visit'} left on ${day}: ${pool} are fully booked with escalations`,
  'no-one-works': ({ pool, day, from, to }) => `no one of ${pool} works ${day} between ${from} and ${to}`,
  'owner-elsewhere': ({ customer, owner, pool }) =>
    `owners: customer ${customer} is ${owner}'s, who is not among ${pool}: given to another`,
  'no-policy': ({ purchase }) =>
    `plan ${purchase} does not say which rules were in force (a plan of 0.1): its contacts stay where the plan put them`,
  'other-rules': ({ purchase, id, version, hash }) =>
    `plan ${purchase} was made with rule set ${id} ${version} (hash ${hash}), not these rules: its contacts stay where the plan put them`,
  handover: ({ why, colleague }) => `continuity gives way: ${why}; ${colleague} of the same store makes it`,
  rolled: ({ from, to, because, rule, slot }) =>
    `rolled from ${from} to ${to}, past its tolerance as rule ${rule} allows: ${because}; ${slot}`,
  'shared-id': ({ id, first, second }) =>
    `touchpoint ${id} is in plans of customers ${first} and ${second}: each keeps theirs`,
  'superseded-left-out': ({ count: n }) =>
    `${n} ${plural(n, 'contact', 'contacts')} left out: a newer plan of the same customer supersedes ${plural(n, 'it', 'them')}`,
};

const ZH_CN: Catalogue<WorklistParams> = {
  pool: (p) =>
    p.kind === 'store'
      ? `门店 ${p.store} 的员工`
      : p.kind === 'desk'
        ? p.store === null
          ? '不属于任何门店的员工'
          : `公共服务台（门店 ${p.store} 没有自己的员工）`
        : p.kind === 'all'
          ? '全体员工'
          : `门店 ${p.store}（没有员工，也没有公共服务台）`,
  count: ({ n, resource: r }) => `${n} ${r === 'calls' ? '个电话' : '次上门'}`,
  'not-at-hour': ({ name }) => `${name} 在这个时间不上班`,
  'day-off': ({ name, day }) => `${name} ${day} 不上班`,
  'no-other-day': ({ why }) => `${why}，且本期内容许时间里的其他日子都没有空余的可用时段`,
  levelling: ({ name, had, day, target }) => `均衡工作量：${name} 在 ${day} 有 ${had}，本期每天约 ${target} 个`,
  full: ({ name, capacity, resource, day }) => `${name} 在 ${day} 的 ${ZH_CN.count({ n: capacity, resource })}已排满`,
  moved: ({ from, to, because, slot }) => `从 ${from} 改到 ${to}：${because}；${slot ?? '原计划时段'}`,
  'no-one-to-make': ({ pool }) => `没有人可以联系：${pool}`,
  'no-one-to-send': ({ pool }) => `没有人可以发送：${pool}`,
  'escalations-full': ({ resource: r, day, pool }) =>
    `${day} 已没有空余的${r === 'calls' ? '电话' : '上门'}名额：${pool}已被紧急联系排满`,
  'no-one-works': ({ pool, day, from, to }) => `${pool}中没有人在 ${day} ${from} 至 ${to} 上班`,
  'owner-elsewhere': ({ customer, owner, pool }) =>
    `指定负责人：顾客 ${customer} 由 ${owner} 负责，但其不在${pool}中：已交给其他人`,
  'no-policy': ({ purchase }) => `计划 ${purchase} 没有说明生效的规则（0.1 的计划）：其联系保持原计划时间`,
  'other-rules': ({ purchase, id, version, hash }) =>
    `计划 ${purchase} 由规则集 ${id} ${version}（哈希 ${hash}）生成，不是当前规则：其联系保持原计划时间`,
  handover: ({ why, colleague }) => `一表到底让位：${why}；由同店的 ${colleague} 联系`,
  rolled: ({ from, to, because, rule, slot }) =>
    `顺延：从 ${from} 改到 ${to}（规则 ${rule} 允许超出容许时间）：${because}；${slot}`,
  'shared-id': ({ id, first, second }) => `联系 ${id} 同时出现在顾客 ${first} 和 ${second} 的计划中：各自保留`,
  'superseded-left-out': ({ count: n }) => `${n} 个联系未列入：同一顾客较新的计划已取代它们`,
};

const PHRASES: Catalogues<WorklistParams> = { en: EN, 'zh-CN': ZH_CN };

/** A worklist's phrases in the planner's locale, with its words for days and instants. */
export class WorklistWords {
  private readonly phrases: Catalogue<WorklistParams>;

  constructor(readonly words: Words) {
    this.phrases = PHRASES[words.locale];
  }

  /** The phrase of `code`, from its params, in this worklist's locale. */
  say<C extends WorklistCode>(code: C, params: WorklistParams[C]): string {
    return this.phrases[code](params);
  }

  /** A local day (epoch day): `Tue 03-10` / `3月10日 周二`. */
  day(epochDay: number): string {
    return this.words.day(formatLocalDate(fromEpochDay(epochDay)));
  }

  /** An instant in a zone: `Tue 03-10 15:00` / `3月10日 周二 15:00`. */
  at(ms: number, zone: string): string {
    return this.words.at(formatInstant(ms, zone));
  }

  /** A clock time in a zone: `15:00`. */
  clock(ms: number, zone: string): string {
    return formatInstant(ms, zone).slice(11, 16);
  }
}
