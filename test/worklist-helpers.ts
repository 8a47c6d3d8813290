import type { PlanInput } from '../src/index.js';

/** A regular member who bought on `at`: one medication check, due 7 days later (tolerance 7 days). */
export function regular(i: number, at = '2026-03-02T10:00:00+08:00', storeId: string | null = 'A'): PlanInput {
  return {
    customer: {
      id: `C${i}`,
      name: `顾客${i}`,
      membership: { tier: 'regular', registeredAt: '2024-09-01T09:00:00+08:00' },
      contact: { phone: `138000010${String(i).padStart(2, '0')}` },
    },
    purchase: {
      id: `P${i}`,
      customerId: `C${i}`,
      storeId,
      purchasedAt: at,
      items: [{ drugCode: 'LORA-10', quantity: 1 }],
    },
    courses: [{ drugCode: 'LORA-10', name: '氯雷他定片', unitsPerPack: 6, dosePerDay: 1 }],
  };
}

/** A regular member of store A who bought Mon 03-02 and complained on Tue 03-10 09:00: an escalation that day. */
export function complaint(i: number): PlanInput {
  const input = regular(i);
  input.purchase.incidents = [{ type: 'complaint', reportedAt: '2026-03-10T09:00:00+08:00' }];
  return input;
}
