import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';
import { emailLocaleFor } from '../../src/lib/domain/language.ts';

describe('the language a customer writes in', () => {
  it('tells the Nordic languages and English apart', async () => {
    const cases: Array<[string, string | null]> = [
      ['Hei, tilasin viime viikolla uuden puhelimen, mutta se ei ole vieläkään saapunut.', 'fi'],
      ['Hej, jeg kan ikke logge ind på min konto efter opdateringen. Kan I hjælpe mig?', 'da'],
      ['Hej, jag kan inte logga in på mitt konto sedan uppdateringen. Kan ni hjälpa mig?', 'sv'],
      ['Hei, jeg får ikke logget inn på kontoen min etter oppdateringen.', 'no'],
      ['Hi, I cannot log in to my account since the update. Can you help?', 'en'],
      ['Laskussa on virhe, summa ei täsmää', 'fi'],
      ['Kiitos!', null],
      ['   ', null]
    ];
    for (const [text, language] of cases) expect(await detectLanguage(text), text).toBe(language);
  });

  it('writes back in the nearest language Baton speaks', () => {
    expect(emailLocaleFor('fi', 'en')).toBe('fi');
    expect(emailLocaleFor('no', 'en')).toBe('da');
    expect(emailLocaleFor('sv', 'fi')).toBe('en');
    expect(emailLocaleFor(null, 'da')).toBe('da');
  });
});
