// Calendar days as the Netherlands counts them. The server's clock days are UTC; a Dutch day begins one or two
// hours earlier, and a worker entering "today" just after midnight must not be told the day lies in the future.

// One formatter for the process, and the last answer per minute: creating an Intl.DateTimeFormat costs tens of
// microseconds, and signal validation asks for today for every date of every line (19 % of an import's CPU when
// each call built its own). Amsterdam's offsets are whole hours, so the date can only change on a whole minute.
const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
let lastMinute = Number.NaN;
let lastDay = '';

/** Today's date in the Netherlands (Europe/Amsterdam), as YYYY-MM-DD. */
export function todayInNetherlands(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = amsterdam.format(now);
    lastMinute = minute;
  }
  return lastDay;
}

// The Dutch date changes on a whole UTC hour (22:00 or 23:00 UTC), so every instant of one UTC hour has the same
// Dutch date: kept per hour, as work lists ask it for every row.
const dutchDateByHour = new Map<number, string>();

/** The date in the Netherlands (Europe/Amsterdam) of an instant, as YYYY-MM-DD. */
export function dutchDateOf(instant: Date): string {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  let day = dutchDateByHour.get(hour);
  if (day === undefined) {
    day = amsterdam.format(instant);
    if (dutchDateByHour.size >= 50_000) dutchDateByHour.clear();
    dutchDateByHour.set(hour, day);
  }
  return day;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last day that is not "in the future" when the server's today is `today`: the Dutch date when the Dutch day
 * has already begun (only in the hours around midnight, so an injected test date is left alone), else `today`.
 */
export function lastAllowedDay(today: string, now: Date = new Date()): string {
  const dutch = todayInNetherlands(now);
  return dutch === nextDay(today) ? dutch : today;
}
