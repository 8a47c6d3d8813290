/**
 * Limits and counts as people write them: grouped from five digits (`20,000`, `100,000,000`), `1000` as it is.
 * (`useGrouping: 'min2'` is ES2023 Intl, newer than the TypeScript lib this builds with; an engine without it groups
 * every number, which reads as well.)
 */
export function countFormat(locale: string): (n: number) => string {
  const format = new Intl.NumberFormat(locale, { useGrouping: 'min2' } as unknown as Intl.NumberFormatOptions);
  return (n) => format.format(n);
}
