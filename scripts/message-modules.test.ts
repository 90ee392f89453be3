import { describe, expect, it } from 'vitest';
import { areaFacade, exportedConsts, messageSlice } from './message-modules.ts';

const AREA = `/** An area. */
import { t, type MessageOptions } from '../runtime';
import { formatDate } from '../format';
import { automationEffects } from '../../domain/automation-record';

const STATUS = { open: { en: 'Open', fi: 'Avoin', da: 'Åben' } };
export type Status = keyof typeof STATUS;

export const title = (o?: MessageOptions) => t(o, { en: 'Board', fi: 'Taulu', da: 'Tavle' });

export const status = (s: Status, o?: MessageOptions) => t(o, STATUS[s]);
/** Uses another message of the area. */
export const heading = (o?: MessageOptions) => \`\${title(o)}: \${status('open', o)}\`;

export const since = (at: number, o?: MessageOptions) =>
  t(o, { en: \`Since \${formatDate(at, o)}\`, fi: \`\${formatDate(at, o)} alkaen\`, da: \`Siden \${formatDate(at, o)}\` });

export const ruleDid = (to: string, o?: MessageOptions) =>
  t(o, { en: automationEffects(to).join(', '), fi: '', da: '' });
`;

describe('message modules', () => {
  it('finds the exported messages, not types or private tables', () => {
    expect(exportedConsts(AREA).map((e) => e.name)).toEqual([
      'title',
      'status',
      'heading',
      'since',
      'ruleDid'
    ]);
  });

  it('keeps one message and what it uses of the area, exported alone', () => {
    const only = messageSlice(AREA, 'heading');
    expect(exportedConsts(only).map((e) => e.name)).toEqual(['heading']);
    expect(only).toContain("const title = (o?: MessageOptions) => t(o, { en: 'Board'");
    expect(only).toContain('const status = (s: Status');
    expect(only).toContain('type Status = keyof typeof STATUS;');
    expect(only).toContain("const STATUS = { open: { en: 'Open'");
    expect(only).toContain("import { t, type MessageOptions } from '../runtime';");
  });

  it('takes along only the imports its message uses', () => {
    const since = messageSlice(AREA, 'since');
    expect(since).toContain("import { formatDate } from '../format';");
    expect(since).not.toContain('automation-record');
    expect(since).not.toContain('STATUS');
    expect(since).not.toContain('const heading');

    const ruleDid = messageSlice(AREA, 'ruleDid');
    expect(ruleDid).toContain(
      "import { automationEffects } from '../../domain/automation-record';"
    );
    expect(ruleDid).not.toContain("from '../format'");
  });

  it('serves the area as re-exports of its per-message modules', () => {
    expect(areaFacade(AREA, '/app/src/lib/i18n/messages/board.ts').split('\n')).toEqual([
      'export { title } from "./board.ts?message=title";',
      'export { status } from "./board.ts?message=status";',
      'export { heading } from "./board.ts?message=heading";',
      'export { since } from "./board.ts?message=since";',
      'export { ruleDid } from "./board.ts?message=ruleDid";'
    ]);
  });

  it('refuses a message the area does not have', () => {
    expect(() => messageSlice(AREA, 'nothing')).toThrow(/No message "nothing"/);
    expect(() => messageSlice(AREA, 'Status')).toThrow(/No message "Status"/);
  });
});
