/**
 * Civil-calendar arithmetic (proleptic Gregorian, no time zone) in integers, so the hot paths
 * of date parsing allocate no Date objects.
 */

/** Milliseconds in a civil day (wall-clock days have no leap seconds and no DST). */
export const MS_PER_DAY = 86_400_000;

/** Returns the number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day name a real calendar day (2019-02-29 does not exist). */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Returns the days since 1970-01-01 of a civil date (negative before 1970); the inputs must be
 * valid. Howard Hinnant's `days_from_civil` (http://howardhinnant.github.io/date_algorithms.html),
 * which counts in 400-year eras whose March-first years put the leap day last.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
