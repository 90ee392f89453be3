import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  contrast,
  HELP_CENTRE_ID,
  helpCentreTheme,
  HelpCentreSlug,
  suggestSlug
} from './help-centre';
import { putSettingsRecord, readSettings } from './settings';

const record = (over: Record<string, unknown> = {}) => ({
  id: HELP_CENTRE_ID,
  enabled: true,
  slug: 'acme-help',
  name: 'Acme',
  colour: '#0055aa',
  ...over
});

describe('help centre slugs', () => {
  it('accepts lowercase words joined by single dashes', () => {
    for (const slug of ['abc', 'acme-help', 'a1-b2-c3', 'x'.repeat(40)]) {
      expect(HelpCentreSlug.safeParse(slug).success, slug).toBe(true);
    }
  });

  it('refuses anything else, naming the field', () => {
    for (const slug of [
      'ab',
      'x'.repeat(41),
      'Acme',
      '-acme',
      'acme-',
      'ac--me',
      'ac me',
      'äbc',
      'api',
      'help',
      '../x',
      ''
    ]) {
      const parsed = HelpCentreSlug.safeParse(slug);
      expect(parsed.success, slug).toBe(false);
      expect(parsed.error?.issues[0]?.message, slug).toMatch(/^slug: /);
    }
  });

  it('suggests a valid slug from any workspace name', () => {
    expect(suggestSlug('Ääkkös Oy')).toBe('aakkos-oy');
    expect(suggestSlug('Help')).toBe('help-centre');
    expect(suggestSlug('!!')).toBe('help-centre');
    for (const name of ['A', 'Zürich & Co. — Support', '日本', 'x'.repeat(100), 'API']) {
      expect(HelpCentreSlug.safeParse(suggestSlug(name)).success, name).toBe(true);
    }
  });
});

describe('the helpCentre settings record', () => {
  it('is written and read through the settings document', () => {
    const doc = new Y.Doc();
    expect(readSettings(doc).helpCentre).toBeNull();
    expect(putSettingsRecord(doc, 'helpCentre', record())).toBeNull();
    expect(readSettings(doc).helpCentre).toEqual(record());
  });

  it('refuses bad records, each refusal naming the field', () => {
    const doc = new Y.Doc();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ slug: 'A B' }, /helpCentre\.help-centre: slug: /],
      [{ name: '  ' }, /name: required/],
      [{ name: 'n'.repeat(81) }, /name: at most 80/],
      [{ colour: 'red' }, /colour: a #rrggbb colour/],
      [{ enabled: 'yes' }, /enabled/],
      [{ extra: 1 }, /extra|Unrecognized/i],
      [{ id: 'other' }, /id/]
    ];
    for (const [over, problem] of cases) {
      expect(putSettingsRecord(doc, 'helpCentre', record(over)), JSON.stringify(over)).toMatch(
        problem
      );
    }
    expect(readSettings(doc).helpCentre).toBeNull();
  });
});

describe('helpCentreTheme', () => {
  it('keeps every pair of text and background at WCAG AA, whatever the colour', () => {
    for (const colour of [
      '#ffffff',
      '#ffee00',
      '#000000',
      '#0055aa',
      '#7fff7f',
      '#ff0000',
      '#808080',
      'bogus'
    ]) {
      const theme = helpCentreTheme(colour);
      expect(contrast(theme.header, theme.onHeader), colour).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.accent, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps a dark enough colour as it is', () => {
    expect(helpCentreTheme('#0055aa')).toEqual({
      header: '#0055aa',
      onHeader: '#ffffff',
      accent: '#0055aa'
    });
  });
});
