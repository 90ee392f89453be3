import { describe, expect, it } from 'vitest';
import { landingRoute } from './landing';

describe('landingRoute', () => {
  it('opens the triage list on a phone and the board elsewhere', () => {
    expect(landingRoute(null, true)).toBe('/w/[workspace]/triage');
    expect(landingRoute(null, false)).toBe('/w/[workspace]/board');
  });

  it('follows an app shortcut, and ignores anything else', () => {
    expect(landingRoute('board', true)).toBe('/w/[workspace]/board');
    expect(landingRoute('triage', false)).toBe('/w/[workspace]/triage');
    expect(landingRoute('../admin', true)).toBe('/w/[workspace]/triage');
  });
});
