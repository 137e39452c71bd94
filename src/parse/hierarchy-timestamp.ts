/**
 * Event timestamps as epoch milliseconds, for ordering hierarchy siblings (spec §12.4).
 *
 * The reference parses `createdAt` with dateutil's `isoparse` and calls `.timestamp()`. This module
 * accepts the same ISO 8601 subset and repeats Python's arithmetic step by step, so two siblings
 * compare here exactly as they compare there (a different rounding could swap a tie).
 *
 * Not `Date.parse`: it reads a date-time without offset as *local* time (the result would depend on
 * the machine's time zone), drops digits after the millisecond, maps years 0–99 to 19xx, and for
 * anything outside its strict format is engine-defined.
 */
import { PyFloat, type PyValue } from "../value/py-value.js";

// date: YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD; then any single separator character and a time:
// HH, HH:MM, HH:MM:SS, HHMM, HHMMSS, a fraction after the seconds ("." or ","), then Z or ±HH[[:]MM].
// Week dates (2026-W48-4) and ordinal dates (2026-330) are not accepted.
const ISO_DATE = /^(\d{4})(?:(-?)(\d{2})(?:\2(\d{2}))?)?/;
const ISO_TIME = /^(\d{2})(?:(:?)(\d{2})(?:\2(\d{2})(?:[.,](\d+))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch milliseconds of an event timestamp, or `undefined` when it cannot be read.
 *
 * - Strings: the ISO 8601 forms dateutil's `isoparse` reads (`2026-11-26T19:08:33.131Z`,
 *   `2026-11-26 19:08:33.131123+00:00`, `20261126T190833Z`, `2026-11-26`); any single character may
 *   separate date and time; fractions past microseconds are cut. Without an offset the time is
 *   taken as UTC, as PostHog's servers (which run in UTC) read it.
 * - Numbers: epoch milliseconds, as `Date.now()` gives them (the reference would not sort these).
 * @example timestampMs("1970-01-01T00:00:01.5Z") // 1500
 */
export function timestampMs(value: PyValue | undefined): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? value.value : undefined;
  if (typeof value !== "string") return undefined;
  return parseIsoMs(value);
}

function parseIsoMs(text: string): number | undefined {
  const date = ISO_DATE.exec(text);
  if (!date) return undefined;
  const [head, year, dateSep, month, day] = date;
  // `YYYYMM` is ambiguous, so isoparse refuses a separator-less month without a day.
  if (month !== undefined && day === undefined && dateSep === "") return undefined;
  const y = Number(year);
  const m = month === undefined ? 1 : Number(month);
  const d = day === undefined ? 1 : Number(day);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;

  let seconds = daysFromCivil(y, m, d) * 86_400;
  let micros = 0;
  let aware = false;
  const rest = text.slice(head.length);
  if (rest !== "") {
    // One separator character of any kind (isoparse's default), then the time.
    const time = ISO_TIME.exec(rest.slice(1));
    if (!time) return undefined;
    const [, hh, , mm, ss, fraction, zone] = time;
    const h = Number(hh);
    const mi = mm === undefined ? 0 : Number(mm);
    const s = ss === undefined ? 0 : Number(ss);
    micros = fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
    // 24:00 is midnight of the next day; any other 24-hour time is invalid.
    if (h > 24 || (h === 24 && (mi !== 0 || s !== 0 || micros !== 0)) || mi > 59 || s > 59) return undefined;
    seconds += h * 3_600 + mi * 60 + s;
    if (zone !== undefined) {
      aware = true;
      const offset = zoneOffsetSeconds(zone);
      if (offset === undefined) return undefined;
      seconds -= offset;
    }
  }
  // Python: an aware datetime divides whole microseconds by 10**6 (one rounding); a naive one adds
  // `microsecond / 1e6` to whole seconds (two roundings). Keep both so results match to the bit.
  const epochSeconds = aware ? (seconds * 1_000_000 + micros) / 1_000_000 : seconds + micros / 1e6;
  return epochSeconds * 1000;
}

function zoneOffsetSeconds(zone: string): number | undefined {
  if (zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 3_600 + minutes * 60);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date, counted directly so that years 1–99 keep
// their meaning (Date.UTC would shift them into the 1900s).
function daysFromCivil(y: number, m: number, d: number): number {
  const shifted = m <= 2 ? y - 1 : y; // count years from March so the leap day ends a year
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
