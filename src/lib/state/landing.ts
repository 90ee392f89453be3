/**
 * Where the app opens: the triage list on a phone (one thumb, my tickets and the unassigned
 * ones by urgency), the board on anything wider.
 */
export const PHONE_QUERY = '(max-width: 430px)';

export function isPhone(): boolean {
  return typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches;
}

/** `choice` is the installed app's shortcut (`/?open=triage`), when one was used. */
export function landingRoute(
  choice: string | null = null,
  phone = isPhone()
): '/w/[workspace]/triage' | '/w/[workspace]/board' {
  if (choice === 'triage' || choice === 'board') return `/w/[workspace]/${choice}`;
  return phone ? '/w/[workspace]/triage' : '/w/[workspace]/board';
}
