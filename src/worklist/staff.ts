/**
 * The staff side of a worklist: who may take a store's contacts (its pool), who works which day and hours, and how
 * much each person has left each day.
 */
import type { WorklistWords } from './words.js';

import { parseClock, weekdayOfEpochDay, WEEKDAYS, dateEpochDay } from '../calendar/local-date.js';
import { fromFloating } from '../calendar/zone.js';
import { byCodeUnits } from '../_lib/sort.js';
import type { ParsedStaffMember } from './parse.js';
import type { Resource } from './contacts.js';

const DAY = 86_400_000;

/** One staff member, ready to plan with: capacity per day, working days, hours in minutes. */
export class Staff {
  readonly id: string;
  readonly storeId: string | null;
  readonly capacity: { readonly calls: number; readonly visits: number };
  private readonly weekdays: number;
  private readonly off: ReadonlySet<number>;
  private readonly fromMin: number;
  private readonly toMin: number;
  /** Calls and visits taken, by day index of the range. */
  readonly load: { calls: number[]; visits: number[] };

  constructor(
    m: ParsedStaffMember,
    readonly firstDay: number,
    days: number,
  ) {
    this.id = m.id;
    this.storeId = m.storeId?.trim() || null;
    this.capacity = { calls: m.calls, visits: m.visits ?? 0 };
    let mask = 0;
    for (const d of m.days ?? WEEKDAYS) mask |= 1 << WEEKDAYS.indexOf(d);
    this.weekdays = mask;
    this.off = new Set((m.off ?? []).map(dateEpochDay));
    this.fromMin = m.hours ? (parseClock(m.hours.from) as number) : 0;
    this.toMin = m.hours ? (parseClock(m.hours.to) as number) : 24 * 60;
    this.load = { calls: new Array<number>(days).fill(0), visits: new Array<number>(days).fill(0) };
  }

  /** Whether this person works that local day. */
  works(epochDay: number): boolean {
    return (this.weekdays & (1 << weekdayOfEpochDay(epochDay))) !== 0 && !this.off.has(epochDay);
  }

  /** The part of [startMs, endMs) within this person's hours that day (in the customer's zone), or `null`. */
  within(epochDay: number, zone: string, startMs: number, endMs: number): { startMs: number; endMs: number } | null {
    if (!this.works(epochDay)) return null;
    const from = Math.max(startMs, fromFloating(epochDay * DAY + this.fromMin * 60_000, zone));
    const to = Math.min(endMs, fromFloating(epochDay * DAY + this.toMin * 60_000, zone));
    return from < to ? { startMs: from, endMs: to } : null;
  }

  /** Whether a contact of `resource` fits on day index `i`. */
  hasRoom(resource: Resource, i: number): boolean {
    return resource === null || (this.load[resource][i] as number) < this.capacity[resource];
  }

  take(resource: Resource, i: number, n = 1): void {
    if (resource !== null) this.load[resource][i] = (this.load[resource][i] as number) + n;
  }

  /** Working days in the range. */
  workingDays(days: number): number {
    let n = 0;
    for (let i = 0; i < days; i++) if (this.works(this.firstDay + i)) n++;
    return n;
  }
}

/** Who may take a plan's contacts: its store's staff; else the shared desk (staff without a store); else no one. */
export interface Pool {
  readonly key: string;
  readonly staff: readonly Staff[];
  /** Said in an overflow reason when the pool is empty or full. */
  readonly label: string;
}

export class Pools {
  private readonly byStore = new Map<string, Staff[]>();
  private readonly desk: Staff[] = [];
  private readonly cache = new Map<string, Pool>();

  constructor(
    readonly staff: readonly Staff[],
    private readonly text: WorklistWords,
  ) {
    for (const s of [...staff].sort((a, b) => byCodeUnits(a.id, b.id))) {
      if (s.storeId === null) this.desk.push(s);
      else {
        const list = this.byStore.get(s.storeId);
        if (list) list.push(s);
        else this.byStore.set(s.storeId, [s]);
      }
    }
  }

  of(storeId: string | undefined): Pool {
    const store = storeId?.trim() || null;
    const key = store === null ? '' : store;
    let pool = this.cache.get(key);
    if (pool === undefined) {
      const own = store === null ? undefined : this.byStore.get(store);
      if (own !== undefined)
        pool = {
          key: `store ${store}`,
          staff: own,
          label: this.text.say('pool', { kind: 'store', store: store as string }),
        };
      else if (this.desk.length > 0)
        pool = {
          key: 'desk',
          staff: this.desk,
          label: this.text.say('pool', { kind: 'desk', store }),
        };
      else if (store === null)
        pool = {
          key: 'all',
          staff: [...this.staff].sort((a, b) => byCodeUnits(a.id, b.id)),
          label: this.text.say('pool', { kind: 'all' }),
        };
      else pool = { key: `store ${store}`, staff: [], label: this.text.say('pool', { kind: 'none', store }) };
      this.cache.set(key, pool);
    }
    return pool;
  }
}
