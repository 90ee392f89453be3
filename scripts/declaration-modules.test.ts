import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll, describe, expect, it } from 'vitest';
import { declarationModules, declarationParts, splitModule } from './declaration-modules.ts';
import { directImports, directStatements } from './direct-imports.ts';

const MODULE = `/** A domain module. */
import { z } from 'zod';
import { helper, type Other } from './other';

export const Status = z.enum(['open', 'closed']);
export type Status = z.infer<typeof Status>;

const LIMIT = 3;
export interface Shape {
  status: Status;
}

export function clamp(n: number): number {
  return Math.min(n, LIMIT);
}

export const Ticket = z.object({ status: Status, tags: z.array(z.string()).max(LIMIT) });

/** Only its type is used here: no part of \`Status\` comes along. */
export function describe(shape: Shape, other: Other): string {
  return helper(shape.status) + String(other);
}

export function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}

export class Problem extends Error {
  readonly limit = LIMIT;
}

export function label(n: number): string;
export function label(s: string): string;
export function label(v: number | string): string {
  return String(v);
}
`;

describe('declaration modules', () => {
  const split = splitModule(MODULE, '/app/src/lib/domain/sample.ts')!;

  it('cuts a module into one part per declaration, types left to the compiler', () => {
    expect([...split.parts.keys()].sort()).toEqual(
      ['LIMIT', 'Problem', 'Status', 'Ticket', 'clamp', 'describe', 'isEven', 'label'].sort()
    );
    expect(split.partOf.get('Ticket')).toBe('declaration=Ticket');
    expect(split.partOf.has('LIMIT')).toBe(false);
    expect(split.partOf.has('Shape')).toBe(false);
    expect(split.facade).toContain('export { clamp } from "./sample.ts?declaration=clamp";');
    expect(split.facade).not.toContain('LIMIT');
  });

  it('gives each part the imports it uses, and nothing for a name used only as a type', () => {
    const ticket = split.parts.get('Ticket')!;
    expect(ticket).toContain("import { z } from 'zod';");
    expect(ticket).toContain('import { Status } from "./sample.ts?declaration=Status";');
    expect(ticket).toContain('import { LIMIT } from "./sample.ts?declaration=LIMIT";');
    expect(ticket).toContain('export { Ticket };');

    const described = split.parts.get('describe')!;
    expect(described).toContain("import { helper } from './other';");
    expect(described).not.toContain('Status');
    expect(described).not.toContain('zod');
  });

  it('keeps declarations that refer to each other together, in source order', () => {
    const even = split.parts.get('isEven')!;
    expect(even.indexOf('function isEven')).toBeLessThan(even.indexOf('function isOdd'));
    expect(even).toContain('export { isEven, isOdd };');
    expect(split.parts.has('isOdd')).toBe(false);
  });

  it('takes an overloaded function as one declaration, its body', () => {
    expect(split.parts.get('label')).toContain('function label(v: number | string): string {');
    expect(split.parts.get('label')).not.toContain('label(n: number): string;');
  });

  it("counts a class's base class as a use", () => {
    expect(split.parts.get('Problem')).toContain('class Problem extends Error');
    expect(split.parts.get('Problem')).toContain('import { LIMIT }');
  });

  it('gives a message only what it uses of its area', () => {
    const area = splitModule(
      `import { t, type MessageOptions } from '../runtime';
import { formatDate } from '../format';
import { automationEffects } from '../../domain/automation-record';

const STATUS = { open: { en: 'Open', fi: 'Avoin', da: 'Åben' } };
export type Status = keyof typeof STATUS;
export const status = (s: Status, o?: MessageOptions) => t(o, STATUS[s]);
export const since = (at: number, o?: MessageOptions) =>
  t(o, { en: \`Since \${formatDate(at, o)}\`, fi: \`\${formatDate(at, o)} alkaen\`, da: '' });
export const ruleDid = (to: string, o?: MessageOptions) =>
  t(o, { en: automationEffects(to).join(', '), fi: '', da: '' });
`,
      '/app/src/lib/i18n/messages/board.ts'
    )!;
    const since = area.parts.get('since')!;
    expect(since).toContain("import { formatDate } from '../format';");
    expect(since).not.toContain('automation-record');
    expect(since).not.toContain('STATUS');
    expect(area.parts.get('status')).toContain(
      'import { STATUS } from "./board.ts?declaration=STATUS";'
    );
    expect(area.parts.get('ruleDid')).toContain(
      "import { automationEffects } from '../../domain/automation-record';"
    );
  });

  it('serves whole a module with top-level state or statements', () => {
    expect(splitModule(`let count = 0;\nexport const next = () => ++count;`, 'a.ts')).toBeNull();
    expect(splitModule(`export const a = 1;\nconsole.log(a);`, 'a.ts')).toBeNull();
    expect(splitModule(`import './polyfill';\nexport const a = 1;`, 'a.ts')).toBeNull();
    expect(splitModule(`const a = 1;\nexport { a };`, 'a.ts')).toBeNull();
    expect(splitModule(`export type A = string;`, 'a.ts')).toBeNull();
  });
});

describe('direct imports', () => {
  const parts = new Map([
    ['a', 'declaration=a'],
    ['b', 'declaration=b']
  ]);
  const statement = (code: string) => {
    const start = code.indexOf('import') >= 0 ? code.indexOf('import') : code.indexOf('export');
    return { start, end: code.length, code };
  };

  it('imports each name from its part, and the rest from the module', () => {
    const code = `import x, { a, b as bee, c } from "./m.ts";`;
    const text = directStatements(
      {
        type: 'ImportDeclaration',
        ...statement(code),
        source: { value: './m.ts' },
        specifiers: [
          { type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name: 'x' } },
          {
            type: 'ImportSpecifier',
            imported: { type: 'Identifier', name: 'a' },
            local: { type: 'Identifier', name: 'a' }
          },
          {
            type: 'ImportSpecifier',
            imported: { type: 'Identifier', name: 'b' },
            local: { type: 'Identifier', name: 'bee' }
          },
          {
            type: 'ImportSpecifier',
            imported: { type: 'Identifier', name: 'c' },
            local: { type: 'Identifier', name: 'c' }
          }
        ]
      },
      parts,
      './m.ts'
    );
    expect(text).toBe(
      'import { a } from "./m.ts?declaration=a"; import { b as bee } from "./m.ts?declaration=b"; import x, { c } from "./m.ts";'
    );
  });

  it('leaves a statement that names no part', () => {
    const code = `import * as m from "./m.ts";`;
    expect(
      directStatements(
        {
          type: 'ImportDeclaration',
          ...statement(code),
          source: { value: './m.ts' },
          specifiers: [
            { type: 'ImportNamespaceSpecifier', local: { type: 'Identifier', name: 'm' } }
          ]
        },
        parts,
        './m.ts'
      )
    ).toBeNull();
  });
});

describe('a build with both plugins', () => {
  const root = mkdtempSync(join(tmpdir(), 'baton-declarations-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs as the source does and leaves out what the entry does not use', async () => {
    mkdirSync(join(root, 'src/lib/domain'), { recursive: true });
    writeFileSync(
      join(root, 'src/lib/domain/sample.ts'),
      `const LIMIT = 3;
const cache = new Map<number, number>();
export function clamp(n: number): number {
  const known = cache.get(n);
  if (known !== undefined) return known;
  const value = Math.min(n, LIMIT);
  cache.set(n, value);
  return value;
}
export const cached = () => cache.size;
export function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}
// A call: a bundler keeps it unless it knows the module has no side effects.
export const UNUSED_TABLE = [globalThis.String('left-out-of-the-bundle')];
`
    );
    writeFileSync(
      join(root, 'src/main.ts'),
      `import { clamp, cached, isEven } from './lib/domain/sample.ts';
export const results = [clamp(5), clamp(5), clamp(1), cached(), isEven(4), isEven(7)];
`
    );
    const bundle = await rolldown({
      input: join(root, 'src/main.ts'),
      plugins: [declarationModules(), directImports(declarationParts)]
    });
    const { output } = await bundle.generate({ format: 'esm' });
    await bundle.close();
    const code = output[0].code;
    expect(code).not.toContain('left-out-of-the-bundle');
    const file = join(root, 'out.mjs');
    writeFileSync(file, code);
    const { results } = (await import(pathToFileURL(file).href)) as { results: unknown[] };
    // One cache shared by `clamp` and `cached`: two distinct numbers were clamped.
    expect(results).toEqual([3, 3, 1, 2, true, false]);
  });
});
