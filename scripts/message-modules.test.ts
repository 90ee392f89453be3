import { describe, expect, it } from 'vitest';
import { areaFacade, exportedConsts, withOnlyExport } from './message-modules.ts';

const AREA = `/** An area. */
import { t, type MessageOptions } from '../runtime';

const STATUS = { open: { en: 'Open', fi: 'Avoin', da: 'Åben' } };
export type Status = keyof typeof STATUS;

export const title = (o?: MessageOptions) => t(o, { en: 'Board', fi: 'Taulu', da: 'Tavle' });

export const status = (s: Status, o?: MessageOptions) => t(o, STATUS[s]);
/** Uses another message of the area. */
export const heading = (o?: MessageOptions) => \`\${title(o)}: \${status('open', o)}\`;
`;

describe('message modules', () => {
  it('finds the exported messages, not types or private tables', () => {
    expect(exportedConsts(AREA).map((e) => e.name)).toEqual(['title', 'status', 'heading']);
  });

  it('keeps the whole area but exports one message, so it can still use the others', () => {
    const only = withOnlyExport(AREA, 'heading');
    expect(exportedConsts(only).map((e) => e.name)).toEqual(['heading']);
    expect(only).toContain("const title = (o?: MessageOptions) => t(o, { en: 'Board'");
    expect(only).toContain('const status = (s: Status');
    expect(only).toContain('export type Status');
    expect(only).toContain("import { t, type MessageOptions } from '../runtime';");
  });

  it('serves the area as re-exports of its per-message modules', () => {
    expect(areaFacade(AREA, '/app/src/lib/i18n/messages/board.ts').split('\n')).toEqual([
      'export { title } from "./board.ts?message=title";',
      'export { status } from "./board.ts?message=status";',
      'export { heading } from "./board.ts?message=heading";'
    ]);
  });

  it('refuses a message the area does not have', () => {
    expect(() => withOnlyExport(AREA, 'nothing')).toThrow(/No message "nothing"/);
  });
});
