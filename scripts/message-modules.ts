/**
 * One module per message in the client build.
 *
 * Messages live by area (`src/lib/i18n/messages/<area>.ts`), and code all over the app imports
 * one or two of an area's messages: the board's bottom bar names the triage page, every page's
 * "back to the board" link is a ticket message. A bundler places and loads whole modules, so
 * each such import would bring every message of the area that some other page uses. In the
 * client build this plugin serves an area as re-exports of one module per message
 * (`<area>.ts?message=<name>`), each holding the area's source with only that message exported:
 * the bundler drops the rest, and a message goes where the code that uses it goes.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

const AREA = /[\\/]src[\\/]lib[\\/]i18n[\\/]messages[\\/][\w-]+\.ts$/;
const QUERY = 'message';

interface ExportedConst {
  name: string;
  /** Where the statement's `export` keyword is. */
  keyword: { start: number; end: number };
}

/** The area's exported constants (its messages), in source order. */
export function exportedConsts(source: string, fileName = 'area.ts'): ExportedConst[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: ExportedConst[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const keyword = statement.modifiers?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!keyword) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      found.push({
        name: declaration.name.text,
        keyword: { start: keyword.getStart(file), end: keyword.getEnd() }
      });
    }
  }
  return found;
}

/** The area's source with `name` its only exported constant (the others stay, unexported). */
export function withOnlyExport(source: string, name: string): string {
  const exports = exportedConsts(source);
  if (!exports.some((e) => e.name === name)) throw new Error(`No message "${name}" here.`);
  let out = source;
  // From the end, so earlier positions stay valid; one statement may declare several names.
  const keywords = new Map<number, ExportedConst[]>();
  for (const e of exports)
    keywords.set(e.keyword.start, [...(keywords.get(e.keyword.start) ?? []), e]);
  for (const [start, declared] of [...keywords].sort((a, b) => b[0] - a[0])) {
    if (declared.some((e) => e.name === name)) continue;
    const end = declared[0]!.keyword.end;
    out = out.slice(0, start) + out.slice(end).replace(/^\s+/, '');
  }
  return out;
}

/** The area as re-exports of its per-message modules. */
export function areaFacade(source: string, file: string): string {
  const self = `./${basename(file)}`;
  return exportedConsts(source)
    .map((e) => `export { ${e.name} } from ${JSON.stringify(`${self}?${QUERY}=${e.name}`)};`)
    .join('\n');
}

function toJavaScript(source: string, file: string): string {
  return ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true
    }
  }).outputText;
}

export function messageModules(): Plugin {
  return {
    name: 'baton-message-modules',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async load(id) {
      const [file = '', query = ''] = id.split('?', 2);
      if (!AREA.test(file)) return null;
      const source = await readFile(file, 'utf8');
      const one = new URLSearchParams(query).get(QUERY);
      const code = one === null ? areaFacade(source, file) : withOnlyExport(source, one);
      return { code: toJavaScript(code, file), moduleSideEffects: false };
    }
  };
}
