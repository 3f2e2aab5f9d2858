// Calendar days as the Netherlands counts them. The server's clock days are UTC; a Dutch day begins one or two
// hours earlier, so every "today" and every day of an instant is taken from here, never from toISOString().

// One formatter for the process, and its answers kept per UTC hour: creating an Intl.DateTimeFormat costs tens of
// microseconds, and signal validation asks for today for every date of every line (19 % of an import's CPU when
// each call built its own), work lists for every row. The Dutch date changes only on a whole UTC hour (22:00 or
// 23:00 UTC), so every instant of one UTC hour has the same Dutch date.
const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
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

/** Today's date in the Netherlands (Europe/Amsterdam), as YYYY-MM-DD. */
export function todayInNetherlands(now: Date = new Date()): string {
  return dutchDateOf(now);
}
