/** How a worklist shows a phone number to the person making the contact (purposes come in the planner's words). */

/**
 * A phone number with its middle digits hidden, as Chinese services show them: `13800001001` → `138****1001`,
 * `+86 138 0000 1001` → `+86 138 **** 1001` (a mobile number's first three and last four digits stay; a country code
 * before them too). Shorter numbers keep their last four digits only (`0755-1234` → `****-1234`); other characters
 * stay where they are.
 *
 * @example
 * ```ts
 * import { maskPhone } from 'rx-followup';
 *
 * console.log(maskPhone('13800001001')); // 138****1001
 * ```
 */
export function maskPhone(phone: string): string {
  const digits: number[] = [];
  for (let i = 0; i < phone.length; i++) if (phone.charCodeAt(i) >= 48 && phone.charCodeAt(i) <= 57) digits.push(i);
  const n = digits.length;
  // Positions (among the digits) that stay: the last four; with 11 or more digits, the three before the last eight.
  const keepFrom = n - 4;
  const head = n >= 11 ? n - 11 + 3 : 0;
  const hidden = new Set<number>();
  for (let k = 0; k < n; k++) if (k < keepFrom && k >= head) hidden.add(digits[k] as number);
  let out = '';
  for (let i = 0; i < phone.length; i++) out += hidden.has(i) ? '*' : phone[i];
  return out;
}
