/**
 * Imports straight from the module that declares a name, in the client build.
 *
 * `declaration-modules.ts` serves each domain, contract and message module as a facade of
 * re-exports of one module per declaration. The facade re-exports every part, so a route that
 * imports one name from it would still have every part in its reach: the chunking rule
 * (`vite.config.ts`, "the first screen") follows importers, and the board would count as a
 * user of every part. This rewrites `import { a, b } from '$lib/domain/settings'` into imports
 * of the parts that declare `a` and `b`, after the compilers have run (types are gone by then),
 * so that the module graph says who uses what. Default and namespace imports and names a
 * facade only re-exports from elsewhere stay on the facade.
 */
import { dirname, relative } from 'node:path';
import type { Plugin } from 'vite';

/** Where each exported name of a module lives (`<query>` of its part); `null`: not split. */
export type PartsOf = (file: string) => Promise<ReadonlyMap<string, string> | null>;

interface Name {
  type: string;
  name?: string;
  value?: unknown;
}

interface Specifier {
  type: string;
  imported?: Name;
  local: Name;
  exported?: Name;
}

interface Statement {
  type: string;
  start: number;
  end: number;
  source?: { value: unknown } | null;
  specifiers?: Specifier[];
}

const nameOf = (name: Name | undefined): string =>
  name?.type === 'Identifier' ? (name.name ?? '') : String(name?.value ?? '');

/** `{ a, b as c }`, as written. */
function list(specifiers: readonly Specifier[], outer: (s: Specifier) => string): string {
  return specifiers
    .map((s) => {
      const inner = outer(s);
      const local = nameOf(s.type === 'ExportSpecifier' ? s.exported : s.local);
      return inner === local ? inner : `${inner} as ${local}`;
    })
    .join(', ');
}

/**
 * The statements that replace `statement`, or `null` to leave it: one per part, and the
 * original for what stays on the facade.
 */
export function directStatements(
  statement: Statement,
  parts: ReadonlyMap<string, string>,
  path: string
): string | null {
  const specifiers = statement.specifiers ?? [];
  const isImport = statement.type === 'ImportDeclaration';
  const named = (s: Specifier) =>
    isImport ? (s.type === 'ImportSpecifier' ? nameOf(s.imported) : null) : nameOf(s.local);
  const byPart = new Map<string, Specifier[]>();
  const rest: Specifier[] = [];
  for (const specifier of specifiers) {
    const name = named(specifier);
    const query = name === null ? undefined : parts.get(name);
    if (query === undefined) rest.push(specifier);
    else byPart.set(query, [...(byPart.get(query) ?? []), specifier]);
  }
  if (byPart.size === 0) return null;

  const keyword = isImport ? 'import' : 'export';
  const out = [...byPart].map(
    ([query, group]) =>
      `${keyword} { ${list(group, (s) => named(s)!)} } from ${JSON.stringify(`${path}?${query}`)};`
  );
  if (rest.length > 0) {
    const source = JSON.stringify(path);
    if (!isImport) out.push(`export { ${list(rest, (s) => nameOf(s.local))} } from ${source};`);
    else {
      const plain = rest.filter((s) => s.type === 'ImportSpecifier');
      const clauses = [
        ...rest.filter((s) => s.type === 'ImportDefaultSpecifier').map((s) => nameOf(s.local)),
        ...rest
          .filter((s) => s.type === 'ImportNamespaceSpecifier')
          .map((s) => `* as ${nameOf(s.local)}`),
        ...(plain.length > 0 ? [`{ ${list(plain, (s) => nameOf(s.imported))} }`] : [])
      ];
      out.push(`import ${clauses.join(', ')} from ${source};`);
    }
  }
  return out.join(' ');
}

export function directImports(partsOf: PartsOf): Plugin {
  return {
    name: 'baton-direct-imports',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    transform: {
      order: 'post',
      async handler(code, id) {
        const importer = id.split('?', 1)[0]!;
        if (!/[\\/]src[\\/]/.test(importer) || /[\\/]node_modules[\\/]/.test(importer)) return null;
        const program = this.parse(code) as unknown as { body: Statement[] };
        const edits: { start: number; end: number; text: string }[] = [];
        for (const statement of program.body) {
          const isImport = statement.type === 'ImportDeclaration';
          const isReExport = statement.type === 'ExportNamedDeclaration' && statement.source;
          if ((!isImport && !isReExport) || typeof statement.source?.value !== 'string') continue;
          if (!statement.specifiers?.length) continue;
          const resolved = await this.resolve(statement.source.value, id);
          if (!resolved || resolved.external || resolved.id.includes('?')) continue;
          const parts = await partsOf(resolved.id);
          if (!parts) continue;
          let path = relative(dirname(importer), resolved.id);
          if (!path.startsWith('.')) path = `./${path}`;
          const text = directStatements(statement, parts, path);
          if (text === null) continue;
          // As many lines as the statement had, so that the code after it keeps its place.
          const lines = code.slice(statement.start, statement.end).split('\n').length - 1;
          edits.push({
            start: statement.start,
            end: statement.end,
            text: text + '\n'.repeat(lines)
          });
        }
        if (edits.length === 0) return null;
        let out = code;
        for (const edit of edits.reverse())
          out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
        return { code: out, map: null };
      }
    }
  };
}
