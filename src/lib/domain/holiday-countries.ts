/**
 * The countries the settings screen offers first for filling holidays; any ISO 3166-1 code
 * works. Apart from `public-holidays.ts` so that the screen lists them without loading the
 * holiday data.
 */
export const HOLIDAY_COUNTRIES = ['FI', 'DK', 'SE', 'NO', 'DE', 'GB', 'US'] as const;
