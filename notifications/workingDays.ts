import getJoursFeries from '@socialgouv/jours-feries';

const TZ = 'Europe/Paris';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const holidayCache = new Map<number, Set<string>>();

const localIso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    // The library builds local-time dates; read them back in local time, as calendar days.
    set = new Set(Object.values(getJoursFeries(year)).map(localIso));
    holidayCache.set(year, set);
  }
  return set;
}

/** Whether a calendar day (YYYY-MM-DD) is worked in mainland France: not a weekend, not a public holiday. */
export function isWorkingDay(isoDay: string): boolean {
  const [y = 0, m = 1, d = 1] = isoDay.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(y).has(isoDay);
}

/**
 * `start` plus `days` working days (weekends and French public holidays skipped, counted
 * in Paris time): an association given 5 working days on a Friday evening has until the
 * next Friday evening, and the days around Christmas do not count.
 */
export function addWorkingDays(start: Date, days: number): Date {
  let t = start.getTime();
  let left = Math.max(0, Math.floor(days));
  let guard = 0;
  while (left > 0 && guard++ < 3660) {
    t += 86_400_000;
    if (isWorkingDay(dayFormat.format(new Date(t)))) left--;
  }
  return new Date(t);
}
