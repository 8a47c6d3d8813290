/** English plurals by `Intl.PluralRules` (Chinese nouns have one form): `1 call`, `2 calls`, `0 calls`. */
const EN = new Intl.PluralRules('en');

/** The English form of a noun for `n`: `one` or `other`. */
export const plural = (n: number, one: string, other: string): string => (EN.select(n) === 'one' ? one : other);
