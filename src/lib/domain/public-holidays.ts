/**
 * Filling a business calendar's holidays from a country's official holidays.
 *
 * The data comes from `date-holidays` (maintained per country; about 12 MB with every
 * country's rules, so only the settings screen and the server import this module, never the
 * board). Only *public* holidays are offered by default. Some days a team is closed on are
 * not public holidays: in Finland juhannusaatto and Christmas Eve are bank holidays, in
 * Denmark Christmas Eve is an observance. Those are listed with their type, for the admin to
 * opt in to; the calendar itself only ever stores plain local dates.
 */
import Holidays from 'date-holidays';

export { HOLIDAY_COUNTRIES } from './holiday-countries';

export type OfficialHolidayType = 'public' | 'bank' | 'observance' | 'optional' | 'school';

export interface OfficialHoliday {
  /** `YYYY-MM-DD`, the local date. */
  date: string;
  name: string;
  type: OfficialHolidayType;
}

/**
 * A country's holidays in `years`, in the country's own language unless `language` names
 * another the data has. Unknown countries give an empty list. Substitute days (e.g. the UK's
 * bank holiday moved to Monday) come as their own dates.
 */
export function officialHolidays(
  country: string,
  years: readonly number[],
  language?: string
): OfficialHoliday[] {
  if (!/^[A-Z]{2}$/.test(country) || !Object.hasOwn(new Holidays().getCountries(), country)) {
    return [];
  }
  const calendar = new Holidays(country);
  const out: OfficialHoliday[] = [];
  const seen = new Set<string>();
  for (const year of years) {
    for (const holiday of calendar.getHolidays(year, language)) {
      const date = holiday.date.slice(0, 10);
      const key = `${date} ${holiday.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ date, name: holiday.name, type: holiday.type });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The dates to close on: every public holiday of `country` in `years`, plus the days of the
 * types in `alsoClose` (e.g. `['bank']` for the Finnish bank holidays), sorted, unique.
 */
export function holidayDates(
  country: string,
  years: readonly number[],
  alsoClose: readonly OfficialHolidayType[] = []
): string[] {
  const types = new Set<OfficialHolidayType>(['public', ...alsoClose]);
  const dates = officialHolidays(country, years)
    .filter((holiday) => types.has(holiday.type))
    .map((holiday) => holiday.date);
  return [...new Set(dates)].sort();
}
