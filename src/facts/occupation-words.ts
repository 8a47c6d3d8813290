/**
 * The words of an occupation, as rules match a vocabulary against it (`customer.occupationWords`). A title names
 * its trade among other words — 注册会计师, 财务经理, Senior Accountant — so a vocabulary of trades (会计, 财务,
 * accountant) is matched against the title's words, not the whole title.
 */

/** A run of Chinese characters, or of other letters and digits (spaces, punctuation and symbols between). */
const RUN = /\p{Script=Han}+|[^\s\p{P}\p{S}\p{Script=Han}]+/gu;
const HAN = /^\p{Script=Han}/u;
/** The longest Chinese word taken from inside a run: trades are written in two to four characters. */
const LONGEST = 4;

/**
 * Each run of Latin (or other) letters and digits, in lower case (`Senior Accountant` → `senior`, `accountant`), and
 * each two to four characters in a row of a Chinese run (`注册会计师` → `注册`, `会计`, `会计师`, `注册会计`, …:
 * Chinese writes no spaces between words); a run of one Chinese character is itself. Sorted, each once. An
 * occupation is at most 200 characters (the input's bound), so at most a few hundred words.
 */
export function occupationWords(occupation: string): string[] {
  const words = new Set<string>();
  for (const [run] of occupation.toLowerCase().matchAll(RUN)) {
    if (!HAN.test(run)) {
      words.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) words.add(run);
    for (let from = 0; from < chars.length; from++)
      for (let length = 2; length <= LONGEST && from + length <= chars.length; length++)
        words.add(chars.slice(from, from + length).join(''));
  }
  return [...words].sort();
}
