import { describe, expect, it } from 'vitest';
import { unsyncedChanges } from './shell';

describe('shell messages', () => {
  it('count local changes not yet synced', () => {
    expect(unsyncedChanges(1)).toBe('1 local change not yet synced');
    expect(unsyncedChanges(2)).toBe('2 local changes not yet synced');
    expect(unsyncedChanges(1, { locale: 'fi' })).toBe('1 paikallinen muutos ei vielä synkronoitu');
    expect(unsyncedChanges(4, { locale: 'fi' })).toBe(
      '4 paikallista muutosta ei vielä synkronoitu'
    );
    expect(unsyncedChanges(1, { locale: 'da' })).toBe('1 lokal ændring ikke synkroniseret endnu');
    expect(unsyncedChanges(4, { locale: 'da' })).toBe(
      '4 lokale ændringer ikke synkroniseret endnu'
    );
  });
});
