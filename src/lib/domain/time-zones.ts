/**
 * Whether a string names a time zone this runtime knows (an IANA name such as
 * `Europe/Helsinki`, or an alias such as `UTC`).
 *
 * The zones `Intl` lists are asked for once, which is cheap; a name it does not list (aliases
 * are not listed) is tried by building a formatter for it, which the first time loads the
 * runtime's date data: on a phone about 100 ms of the first screen, spent only if needed.
 */
let listed: ReadonlySet<string> | null = null;
const tried = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  listed ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (listed.has(zone)) return true;
  let known = tried.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    // Names come from documents anyone may write: remember a bounded number of them.
    if (tried.size < 256) tried.set(zone, known);
  }
  return known;
}
