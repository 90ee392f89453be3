/**
 * The public help centre's settings: one record `help-centre` in the settings document's
 * `helpCentre` root (owners and admins write it, like every settings record). A workspace opts
 * in; until then nothing of its knowledge base is served at `/help/…`.
 *
 *   enabled  whether the help centre is served
 *   slug     the address: `/help/<slug>`; 3–40 lowercase letters, digits and single dashes, not
 *            starting or ending with one, not a reserved word. Unique over the server: the
 *            server's help module claims slugs first come, first served (`server/help/`); a
 *            workspace whose slug another holds is told so on its settings page
 *   name     the name customers see in the page's header and title
 *   colour   the header's and links' colour (`#rrggbb`); the pages derive contrast-safe
 *            shades from it (`helpCentreTheme`), so a pale pick cannot make text unreadable
 *
 * The schema's refusals name the field (`settingsRecordProblem` prefixes the root and record).
 */
import { z } from 'zod';

export const HELP_CENTRE_ID = 'help-centre';

/** Words a slug may not be: they read as part of the site rather than a workspace. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'admin',
  'help',
  'static',
  'assets',
  'sitemap',
  'robots',
  'search',
  'www',
  'baton'
]);

export const HelpCentreSlug = z
  .string()
  .min(3, 'slug: at least 3 characters')
  .max(40, 'slug: at most 40 characters')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'slug: lowercase letters, digits and single dashes, not at the start or end'
  )
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'slug: this word is reserved');

export const HelpCentreColour = z.string().regex(/^#[0-9a-f]{6}$/i, 'colour: a #rrggbb colour');

export const HelpCentreRecord = z.strictObject({
  id: z.literal(HELP_CENTRE_ID),
  enabled: z.boolean(),
  slug: HelpCentreSlug,
  name: z.string().trim().min(1, 'name: required').max(80, 'name: at most 80 characters'),
  colour: HelpCentreColour
});
export type HelpCentreRecord = z.infer<typeof HelpCentreRecord>;

/** The record, or `null` when the workspace has none (or none that parses): not opted in. */
export function helpCentreOf(records: Iterable<[string, unknown]>): HelpCentreRecord | null {
  for (const [key, value] of records) {
    if (key !== HELP_CENTRE_ID) continue;
    const parsed = HelpCentreRecord.safeParse(value);
    return parsed.success ? parsed.data : null;
  }
  return null;
}

/** A slug suggested from a workspace's name (the settings form's first value). */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  const fit = slug.length >= 3 ? slug : `${slug || 'help'}-centre`;
  return RESERVED_SLUGS.has(fit) ? `${fit}-centre` : fit;
}

function channel(hex: string, at: number): number {
  const value = parseInt(hex.slice(at, at + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function mix(hex: string, toward: number, amount: number): string {
  let out = '#';
  for (const at of [1, 3, 5]) {
    const value = parseInt(hex.slice(at, at + 2), 16);
    const next = Math.round(value + (toward - value) * amount);
    out += next.toString(16).padStart(2, '0');
  }
  return out;
}

export interface HelpCentreTheme {
  /** The header's background: the chosen colour. */
  header: string;
  /** Text on the header: white or near-black, whichever contrasts more (≥ 4.5 for any colour). */
  onHeader: string;
  /** Links and buttons on the white page: the colour, darkened until it contrasts ≥ 4.5. */
  accent: string;
}

/**
 * Colours for the pages from the workspace's pick: every pair of text and background reaches
 * WCAG AA (4.5:1), whatever was picked.
 */
export function helpCentreTheme(colour: string): HelpCentreTheme {
  const header = HelpCentreColour.safeParse(colour).success ? colour.toLowerCase() : '#1d4ed8';
  const onHeader =
    contrast(header, '#ffffff') >= contrast(header, '#111111') ? '#ffffff' : '#111111';
  let accent = header;
  for (let step = 1; contrast(accent, '#ffffff') < 4.5 && step <= 20; step++) {
    accent = mix(header, 0, step * 0.05);
  }
  return { header, onHeader, accent };
}
