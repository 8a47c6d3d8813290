import { formatInstant } from '../calendar/instant.js';

/** An instant as generated inputs write it: in the customer's offset, or in UTC (`Z`) when asked or zone-less. */
export const iso = (instant: number, zone: string | undefined, inUtc: boolean): string =>
  inUtc || zone === undefined ? formatInstant(instant, 'UTC').replace('+00:00', 'Z') : formatInstant(instant, zone);
