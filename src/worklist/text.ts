/** How a worklist shows a phone number to the person making the contact (purposes come in the planner's words). */

/**
 * A phone number with its middle digits hidden, as Chinese services show them: `13800001001` → `138****1001`,
 * `+86 138 0000 1001` → `+86 138 **** 1001` (a mobile number's first three and last four digits stay; a country code
 * before them too). Shorter numbers keep their last four digits only (`0755-1234` → `****-1234`); other characters
 * stay where they are. Full-width digits (`１３８…`, as some ERPs store them) are digits too; an extension
 * (`ext 55`, `x55`, `转55`, `分机55`, `#55`) is hidden whole.
 *
 * @example
 * ```ts
 * import { maskPhone } from 'rx-followup';
 *
 * console.log(maskPhone('13800001001'), maskPhone('13800001001 ext 55')); // 138****1001 138****1001 ext **
 * ```
 */
export function maskPhone(phone: string): string {
  const extension = EXTENSION.exec(phone);
  const main = extension === null ? phone : phone.slice(0, extension.index);
  const isDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
  const digits: number[] = [];
  for (let i = 0; i < main.length; i++) if (isDigit(main.charCodeAt(i))) digits.push(i);
  const n = digits.length;
  // Positions (among the digits) that stay: the last four; with 11 or more digits, the three before the last eight.
  const keepFrom = n - 4;
  const head = n >= 11 ? n - 11 + 3 : 0;
  const hidden = new Set<number>();
  for (let k = 0; k < n; k++) if (k < keepFrom && k >= head) hidden.add(digits[k] as number);
  let out = '';
  for (let i = 0; i < main.length; i++) out += hidden.has(i) ? '*' : main[i];
  if (extension === null) return out;
  return `${out}${extension[1]}${'*'.repeat((extension[2] as string).length)}`;
}

/** An extension at the end of a phone number: its marker (with the spaces around it) and its digits. */
const EXTENSION = /(\s*(?:ext\.?|x|转|分机|#)\s*)([0-9\uFF10-\uFF19]+)\s*$/iu;
