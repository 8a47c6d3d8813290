/** Keys that look like input fields: read off the schema, found by loose spelling or one edit, bounded. */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema } from './input.js';
import { fieldsOf, nearMisses } from './near-misses.js';

const fields = fieldsOf(PlanInputSchema);
if (fields === undefined) throw new Error('the input schema is an object');

const input = {
  customer: { id: 'C1', occupation: '会计', contact: { phone: '13800000001' } },
  purchase: {
    id: 'P1',
    customerId: 'C1',
    purchasedAt: '2026-03-05T10:00:00+08:00',
    items: [{ drugCode: 'A', quantity: 1 }],
  },
  courses: [{ drugCode: 'A', unitsPerPack: 6, dosePerDay: 1 }],
};

describe('fieldsOf', () => {
  it('reads every object of the input schema, through optional, nullable, list and union wrappers', () => {
    expect(fields.names).toEqual(['customer', 'purchase', 'courses', 'asOf', 'history']);
    const customer = fields.nested.get('customer');
    expect(customer?.names).toContain('occupation');
    expect(customer?.nested.get('contact')?.names).toEqual(['phone', 'sms', 'wechat', 'doNotCall', 'prefers']);
    expect(fields.nested.get('purchase')?.nested.get('items')?.names).toEqual(['drugCode', 'quantity']);
    expect(fields.nested.get('history')?.nested.get('purchases')?.nested.get('purchase')?.names).toContain(
      'purchasedAt',
    );
    // Not objects: no fields.
    expect(fields.nested.get('asOf')).toBeNull();
  });
});

describe('nearMisses', () => {
  it('finds a key one edit from a field (dropped, added, changed or swapped letters) or the same but for case and separators', () => {
    const typos = {
      ...input,
      customer: {
        ...input.customer,
        occupaton: 'x',
        birthDat: 'x',
        tiemZone: 'x',
        contact: { phone: '1', do_not_call: true, WeChat: true },
      },
      purchase: {
        ...input.purchase,
        storeid: 'S',
        items: [
          { drugCode: 'A', quantity: 1 },
          { drugCode: 'B', quantity: 1, quantitty: 2 },
        ],
      },
      courses: [{ ...input.courses[0], 'dose-per-day': 1 }],
    };
    expect(nearMisses(typos, fields)).toEqual([
      { path: 'customer.contact.do_not_call', field: 'doNotCall' },
      { path: 'customer.contact.WeChat', field: 'wechat' },
      { path: 'customer.occupaton', field: 'occupation' },
      { path: 'customer.birthDat', field: 'birthDate' },
      { path: 'customer.tiemZone', field: 'timeZone' },
      { path: 'purchase.items[1].quantitty', field: 'quantity' },
      { path: 'purchase.storeid', field: 'storeId' },
      { path: 'courses[0].dose-per-day', field: 'dosePerDay' },
    ]);
  });

  it("says nothing of a valid input, of an export's other columns, or of short keys more than a loose spelling away", () => {
    expect(nearMisses(input, fields)).toEqual([]);
    const extra = {
      ...input,
      erp_row_id: 7,
      customer: { ...input.customer, vip_level: 3, remark: 'x', ids: 'x' },
      courses: [{ ...input.courses[0], qty: 1, dos: 1 }],
    };
    expect(nearMisses(extra, fields)).toEqual([]);
    // Two edits away is another word, not a typo.
    expect(nearMisses({ ...input, customer: { ...input.customer, ocupaton: 'x' } }, fields)).toEqual([]);
  });

  it('looks at no more than 1,000 unknown keys of one input, and at no key longer than 40 characters', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 5_000; i++) many[`column${i}`] = i;
    const crowded = { ...input, customer: { ...input.customer, ...many, occupaton: 'x' } };
    expect(nearMisses(crowded, fields)).toEqual([]);
    expect(nearMisses({ ...input, customer: { ...input.customer, occupaton: 'x', ...many } }, fields)).toEqual([
      { path: 'customer.occupaton', field: 'occupation' },
    ]);
    expect(
      nearMisses({ ...input, customer: { ...input.customer, [`occupation${'x'.repeat(40)}`]: 1 } }, fields),
    ).toEqual([]);
  });
});
