import { describe, expect, it } from 'vitest';
import { isTimeZone } from './time-zones';

describe('isTimeZone', () => {
  it('knows IANA zones and their aliases', () => {
    for (const zone of ['Europe/Helsinki', 'Europe/Copenhagen', 'America/Vancouver', 'UTC']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    expect(isTimeZone('Asia/Kolkata') && isTimeZone('Asia/Calcutta')).toBe(true);
  });

  it('refuses what is not a zone, also when asked twice', () => {
    for (const zone of ['Mars/Olympus_Mons', '', 'Europe/Helsinki ', '../../etc', '+25:00']) {
      expect(isTimeZone(zone), zone).toBe(false);
      expect(isTimeZone(zone), `${zone} again`).toBe(false);
    }
  });
});
