import Holidays from 'date-holidays';

// Working days for deadlines: Monday to Friday, minus Dutch public holidays. From date-holidays (country NL) we
// take the holidays of type 'public': Nieuwjaarsdag, Tweede paasdag, Koningsdag (26 April when 27 April is a
// Sunday), Hemelvaartsdag, Tweede pinksterdag, Eerste and Tweede kerstdag (Pasen and Pinksteren fall on Sundays).
// Goede Vrijdag is not a general day off and counts as a working day.
//
// Bevrijdingsdag (5 May) is a national holiday, but a day off only where the collective agreement says so: the
// Rijksoverheid gives it once every five years (2025, 2030, ...), date-holidays lists it as 'school'. The default
// here follows the government ('lustrum'); a municipality whose cao gives 5 May off every year can pass 'always'.

export type BevrijdingsdagPolicy = 'lustrum' | 'always' | 'never';
export type WorkingDayOptions = { bevrijdingsdag?: BevrijdingsdagPolicy };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let calendar: Holidays | null = null;
const publicHolidaysByYear = new Map<number, ReadonlySet<string>>();

function publicHolidays(year: number): ReadonlySet<string> {
  let set = publicHolidaysByYear.get(year);
  if (!set) {
    calendar ??= new Holidays('NL');
    // h.date is the local calendar date "YYYY-MM-DD 00:00:00", independent of the process time zone.
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, set);
  }
  return set;
}

function bevrijdingsdagIsOff(year: number, policy: BevrijdingsdagPolicy): boolean {
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  return year % 5 === 0;
}

/** The Dutch public holidays of a year that are not working days, sorted (weekend days included). */
export function dutchHolidays(year: number, options: WorkingDayOptions = {}): string[] {
  const days = new Set(publicHolidays(year));
  if (bevrijdingsdagIsOff(year, options.bevrijdingsdag ?? 'lustrum')) days.add(`${year}-05-05`);
  return [...days].sort();
}

/** Days since the epoch (UTC) of a calendar date; accepts YYYY-MM-DD or a full ISO timestamp (date in Amsterdam). */
function toDayNumber(date: string): number {
  let iso = date;
  if (!ISO_DATE.test(iso)) {
    const instant = Date.parse(date);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(date) || Number.isNaN(instant)) {
      throw new RangeError(`Not an ISO date: ${date}`);
    }
    iso = amsterdamDate.format(new Date(instant));
  }
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(day: number, policy: BevrijdingsdagPolicy): boolean {
  const d = new Date(day * DAY_MS);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const iso = d.toISOString().slice(0, 10);
  const year = d.getUTCFullYear();
  if (publicHolidays(year).has(iso)) return false;
  if (iso.endsWith('-05-05') && bevrijdingsdagIsOff(year, policy)) return false;
  return true;
}

export function isWorkingDay(date: string, options: WorkingDayOptions = {}): boolean {
  return isWorkingDayNumber(toDayNumber(date), options.bevrijdingsdag ?? 'lustrum');
}

/**
 * The date `days` working days after `date` (YYYY-MM-DD; a full ISO timestamp counts from its date in Amsterdam).
 * The start day itself is not counted, so Friday + 1 is the next Monday (or later around holidays); 0 returns
 * the date itself. Returns YYYY-MM-DD.
 */
export function addWorkingDays(date: string, days: number, options: WorkingDayOptions = {}): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a non-negative integer: ${days}`);
  const policy = options.bevrijdingsdag ?? 'lustrum';
  let day = toDayNumber(date);
  let left = days;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day, policy)) left -= 1;
  }
  return fromDayNumber(day);
}
