/**
 * Who makes which contact on which day: each customer is given one person of their store (continuity, 一表到底);
 * escalations are assigned first, to that person or, when they are full, to anyone of the store with room; then
 * each person's routine calls and visits are levelled across the days ({@link Leveller}); messages go to the
 * customer's person without taking capacity.
 */
import type { WorklistWords } from './words.js';
import { byCodeUnits, sortInPlace } from '../_lib/sort.js';
import { localEpochDay } from '../calendar/zone.js';
import type { Contact, Contacts, Resource } from './contacts.js';
import { Leveller, type Option, type Overflowed, type Placement } from './level.js';
import type { ParsedWorklistOptions } from './parse.js';
import type { Pool, Pools, Staff } from './staff.js';

interface Group {
  readonly customerId: string;
  readonly pool: Pool;
  calls: number;
  visits: number;
  owner: Staff | null;
}

const NUL = '\u0000';

/** Each customer's person in each store they bought at: pinned by `owners`, else the least loaded for their demand. */
function chooseOwners(
  contacts: readonly Contact[],
  pools: Pools,
  days: number,
  owners: ParsedWorklistOptions['owners'],
  warnings: Set<string>,
  text: WorklistWords,
): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const c of contacts) {
    const pool = pools.of(c.plan.storeId);
    const key = `${c.plan.customerId}${NUL}${pool.key}`;
    let g = groups.get(key);
    if (g === undefined)
      groups.set(key, (g = { customerId: c.plan.customerId, pool, calls: 0, visits: 0, owner: null }));
    if (c.resource !== null) g[c.resource]++;
  }
  const assigned = new Map<Staff, { calls: number; visits: number }>();
  const room = new Map<Staff, { calls: number; visits: number }>();
  for (const s of pools.staff) {
    const n = s.workingDays(days);
    assigned.set(s, { calls: 0, visits: 0 });
    room.set(s, { calls: s.capacity.calls * n, visits: s.capacity.visits * n });
  }
  const share = (used: number, cap: number): number =>
    used === 0 ? 0 : cap === 0 ? Number.POSITIVE_INFINITY : used / cap;
  const ordered = sortInPlace(
    [...groups.values()],
    (a, b) =>
      b.calls + b.visits - (a.calls + a.visits) ||
      byCodeUnits(a.customerId, b.customerId) ||
      byCodeUnits(a.pool.key, b.pool.key),
  );
  for (const g of ordered) {
    if (g.pool.staff.length === 0) continue;
    // Own keys only: a customer id like "constructor" must not find Object.prototype's.
    const pinnedId = owners?.get(g.customerId);
    let owner = pinnedId === undefined ? undefined : g.pool.staff.find((s) => s.id === pinnedId);
    if (pinnedId !== undefined && owner === undefined)
      warnings.add(text.say('owner-elsewhere', { customer: g.customerId, owner: pinnedId, pool: g.pool.label }));
    if (owner === undefined) {
      let best = Number.POSITIVE_INFINITY;
      for (const s of g.pool.staff) {
        const a = assigned.get(s) as { calls: number; visits: number };
        const r = room.get(s) as { calls: number; visits: number };
        const score = Math.max(share(a.calls + g.calls, r.calls), share(a.visits + g.visits, r.visits));
        if (owner === undefined || score < best) {
          best = score;
          owner = s;
        }
      }
    }
    g.owner = owner ?? null;
    if (owner !== undefined) {
      const a = assigned.get(owner) as { calls: number; visits: number };
      a.calls += g.calls;
      a.visits += g.visits;
    }
  }
  return groups;
}

/** Staff with the most room left that day first (then by id): whoever can best take one more. */
const mostRoomFirst =
  (resource: Exclude<Resource, null>, i: number) =>
  (a: Staff, b: Staff): number =>
    b.capacity[resource] - (b.load[resource][i] as number) - (a.capacity[resource] - (a.load[resource][i] as number)) ||
    byCodeUnits(a.id, b.id);

/** What a step of assignment hands on: contacts placed and overflowed, in the order it decided them. */
interface Assigned {
  placed: Placement[];
  overflow: Overflowed[];
}

/**
 * Escalations first, in order of day, urgency and start: at the first slot of their window (which runs to the
 * deadline, maybe over days) when someone works, the customer's person first, else whoever of the store has room.
 */
function assignEscalations(
  inRange: readonly Contact[],
  groupOf: (c: Contact) => Group,
  firstDay: number,
  lastDay: number,
  text: WorklistWords,
  out: Assigned,
): void {
  for (const c of inRange) {
    if (!c.escalation || c.resource === null) continue;
    const g = groupOf(c);
    if (g.pool.staff.length === 0) {
      out.overflow.push({ contact: c, reason: text.say('no-one-to-make', { pool: g.pool.label }), unstaffed: true });
      continue;
    }
    const resource = c.resource;
    const untilDay = Math.min(lastDay, localEpochDay(c.endMs - 1, c.zone));
    let done = false;
    let anyoneThen = false;
    for (let day = c.plannedDay; day <= untilDay && !done; day++) {
      const i = day - firstDay;
      const others = g.pool.staff.filter((s) => s !== g.owner).sort(mostRoomFirst(resource, i));
      for (const s of g.owner === null ? others : [g.owner, ...others]) {
        const w = s.within(day, c.zone, c.startMs, c.endMs);
        if (w === null) continue;
        anyoneThen = true;
        if (!s.hasRoom(resource, i)) continue;
        s.take(resource, i);
        out.placed.push({
          contact: c,
          staff: s,
          option: { dayIndex: i, startMs: w.startMs, endMs: w.endMs, slot: null },
        });
        done = true;
        break;
      }
    }
    if (done) continue;
    const day = text.day(c.plannedDay);
    out.overflow.push({
      contact: c,
      ...(g.owner === null ? {} : { staff: g.owner }),
      reason: anyoneThen
        ? text.say('escalations-full', { resource, day, pool: g.pool.label })
        : text.say('no-one-works', {
            pool: g.pool.label,
            day,
            from: text.clock(c.startMs, c.zone),
            to: text.clock(c.endMs, c.zone),
          }),
      unstaffed: true,
    });
  }
}

/** Routine calls and visits, person by person (by id), each person's levelled over the range. */
function assignRoutine(
  contacts: Contacts,
  inRange: readonly Contact[],
  groupOf: (c: Contact) => Group,
  firstDay: number,
  options: ParsedWorklistOptions,
  text: WorklistWords,
  out: Assigned,
): void {
  const byOwner = new Map<Staff, { calls: Contact[]; visits: Contact[] }>();
  for (const c of inRange) {
    if (c.escalation || c.resource === null) continue;
    const g = groupOf(c);
    if (g.owner === null) {
      out.overflow.push({ contact: c, reason: text.say('no-one-to-make', { pool: g.pool.label }) });
      continue;
    }
    let lists = byOwner.get(g.owner);
    if (lists === undefined) byOwner.set(g.owner, (lists = { calls: [], visits: [] }));
    lists[c.resource].push(c);
  }
  for (const s of [...byOwner.keys()].sort((a, b) => byCodeUnits(a.id, b.id))) {
    const lists = byOwner.get(s) as { calls: Contact[]; visits: Contact[] };
    for (const resource of ['calls', 'visits'] as const satisfies readonly Resource[]) {
      if (lists[resource].length === 0) continue;
      const result = new Leveller(s, resource, firstDay, options.days, contacts.ledgers, text).run(
        lists[resource],
        options.level !== false,
        options.target ?? null,
      );
      out.placed.push(...result.placed);
      out.overflow.push(...result.overflow);
    }
  }
}

/**
 * Continuity gives way before a contact overflows: a colleague of the same store who works in its window that day
 * and has room makes a routine contact its person could not (the customer's own person keeps the rest), with why on
 * the assignment.
 */
function handOver(groupOf: (c: Contact) => Group, firstDay: number, text: WorklistWords, out: Assigned): void {
  const left: Overflowed[] = [];
  for (const o of out.overflow.splice(0)) {
    const c = o.contact;
    const owner = o.staff;
    if (
      c.escalation ||
      c.resource === null ||
      owner === undefined ||
      c.epochDay !== c.plannedDay ||
      o.unstaffed === true
    ) {
      left.push(o);
      continue;
    }
    const resource = c.resource;
    const i = c.plannedDay - firstDay;
    const colleagues = groupOf(c)
      .pool.staff.filter((s) => s !== owner)
      .sort(mostRoomFirst(resource, i));
    const taker = colleagues.find(
      (s) => s.hasRoom(resource, i) && s.within(c.plannedDay, c.zone, c.startMs, c.endMs) !== null,
    );
    if (taker === undefined) {
      left.push(o);
      continue;
    }
    const w = taker.within(c.plannedDay, c.zone, c.startMs, c.endMs) as { startMs: number; endMs: number };
    taker.take(resource, i);
    out.placed.push({
      contact: c,
      staff: taker,
      option: { dayIndex: i, startMs: w.startMs, endMs: w.endMs, slot: null },
      handover: text.say('handover', { why: o.reason, colleague: taker.id }),
    });
  }
  out.overflow.push(...left);
}

/** Everything in the range placed or overflowed. */
export function assign(
  contacts: Contacts,
  inRange: readonly Contact[],
  pools: Pools,
  firstDay: number,
  options: ParsedWorklistOptions,
  text: WorklistWords,
): { placed: Placement[]; overflow: Overflowed[] } {
  const groups = chooseOwners(inRange, pools, options.days, options.owners, contacts.warnings, text);
  const groupOf = (c: Contact): Group =>
    groups.get(`${c.plan.customerId}${NUL}${pools.of(c.plan.storeId).key}`) as Group;
  const out: Assigned = { placed: [], overflow: [] };
  assignEscalations(inRange, groupOf, firstDay, firstDay + options.days - 1, text, out);
  assignRoutine(contacts, inRange, groupOf, firstDay, options, text, out);
  handOver(groupOf, firstDay, text, out);
  // Messages: listed for the customer's person on their planned day, working or not (a message can be sent ahead);
  // no capacity.
  for (const c of inRange) {
    if (c.resource !== null) continue;
    const g = groupOf(c);
    const option: Option = { dayIndex: c.plannedDay - firstDay, startMs: c.startMs, endMs: c.endMs, slot: null };
    if (g.owner !== null) out.placed.push({ contact: c, staff: g.owner, option });
    else out.overflow.push({ contact: c, reason: text.say('no-one-to-send', { pool: g.pool.label }) });
  }
  return out;
}
