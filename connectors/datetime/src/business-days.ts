import type { DateTime } from 'luxon';

export interface BusinessCalendar {
  /** ISO weekdays that are not worked: 6 and 7 (Saturday, Sunday) in most places. */
  weekend: number[];
  /** Dates (yyyy-MM-dd, in the date's zone) that are not worked. */
  holidays: string[];
}

/**
 * Moves `days` business days from `start`, keeping its time of day: forward when positive,
 * backward when negative. With 0 it stays on `start` when that is a business day and otherwise
 * rolls forward to the next one. `skipped` lists the weekend days and holidays passed over.
 * @example addBusinessDays(friday, 1, { weekend: [6, 7], holidays: [] }).date // the Monday after
 */
export function addBusinessDays(
  start: DateTime,
  days: number,
  calendar: BusinessCalendar,
): { date: DateTime; skipped: string[] } {
  const weekend = new Set(calendar.weekend);
  const holidays = new Set(calendar.holidays);
  const skipped: string[] = [];
  const isBusinessDay = (date: DateTime) => !weekend.has(date.weekday) && !holidays.has(date.toISODate() ?? '');
  let date = start;
  if (days === 0) {
    while (!isBusinessDay(date)) {
      skipped.push(date.toISODate() ?? '');
      date = date.plus({ days: 1 });
    }
    return { date, skipped };
  }
  const step = Math.sign(days);
  for (let left = Math.abs(days); left > 0; ) {
    date = date.plus({ days: step });
    if (isBusinessDay(date)) left--;
    else skipped.push(date.toISODate() ?? '');
  }
  return { date, skipped };
}
