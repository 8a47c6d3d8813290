/** How long a purchase line lasts: shared by the input check (its bound) and the facts (its value). */

/** Longest supply a purchase line may give, in days (ten years, as `courseDays` at most). */
export const MAX_SUPPLY_DAYS = 3660;

/** supplyDays = courseDays when given, else floor(quantity × unitsPerPack / dosePerDay). */
export function supplyDaysOf(
  quantity: number,
  course: { unitsPerPack: number; dosePerDay: number; courseDays?: number | undefined },
): number {
  if (course.courseDays !== undefined) return course.courseDays;
  return Math.floor((quantity * course.unitsPerPack) / course.dosePerDay + 1e-9);
}
