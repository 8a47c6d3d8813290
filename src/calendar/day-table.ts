/**
 * Texts per calendar day (epoch day), remembered: a dense array over about
 * eleven years around the first day asked (an array read, no hashing), other
 * days in a bounded Map.
 */
const DENSE = 4096;

export class DayTable {
  private base = Number.NaN;
  private readonly dense = new Array<string | undefined>(DENSE);
  private readonly sparse = new Map<number, string>();

  constructor(private readonly make: (epochDay: number) => string) {}

  get(epochDay: number): string {
    if (this.base !== this.base) this.base = epochDay - DENSE / 2;
    const slot = epochDay - this.base;
    if (slot >= 0 && slot < DENSE) {
      let text = this.dense[slot];
      if (text === undefined) {
        text = this.make(epochDay);
        this.dense[slot] = text;
      }
      return text;
    }
    let text = this.sparse.get(epochDay);
    if (text === undefined) {
      text = this.make(epochDay);
      if (this.sparse.size >= 50_000) this.sparse.clear();
      this.sparse.set(epochDay, text);
    }
    return text;
  }
}
