/**
 * One module per message in the client build.
 *
 * Messages live by area (`src/lib/i18n/messages/<area>.ts`), and code all over the app imports
 * one or two of an area's messages: the board's bottom bar names the triage page, every page's
 * "back to the board" link is a ticket message. A bundler places and loads whole modules, so
 * each such import would bring every message of the area that some other page uses. In the
 * client build this plugin serves an area as re-exports of one module per message
 * (`<area>.ts?message=<name>`), each holding only that message and what it uses of the area
 * (`messageSlice`): a message goes where the code that uses it goes, and takes no other
 * message's imports along.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';
import type { PartsOf } from './direct-imports.ts';

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

/** The names a top-level statement declares (imports included). */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const names = clause.name ? [clause.name.text] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) names.push(element.name.text);
    return names;
  }
  if (ts.isVariableStatement(statement)) {
    const names: string[] = [];
    const bind = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) names.push(name.text);
      else
        for (const element of name.elements)
          if (!ts.isOmittedExpression(element)) bind(element.name);
    };
    for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    return names;
  }
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement)) &&
    statement.name
  )
    return [statement.name.text];
  return [];
}

/**
 * The names a statement may refer to: every identifier in it except property names after a
 * dot and keys of object literals (`{ en: … }`), which name no binding. Shorthand properties
 * (`{ title }`) do refer to one.
 */
function referencedNames(statement: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const propertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node);
      if (!propertyName) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}

/** An import declaration with only the bindings in `used`; `null` when none is left. */
function trimmedImport(
  statement: ts.ImportDeclaration,
  file: ts.SourceFile,
  used: ReadonlySet<string>
): string | null {
  const clause = statement.importClause;
  const from = statement.moduleSpecifier.getText(file);
  if (!clause) return null;
  const parts: string[] = [];
  if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings) && used.has(bindings.name.text))
    parts.push(`* as ${bindings.name.text}`);
  if (bindings && ts.isNamedImports(bindings)) {
    const kept = bindings.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(file));
    if (kept.length > 0) parts.push(`{ ${kept.join(', ')} }`);
  }
  if (parts.length === 0) return null;
  return `import ${clause.isTypeOnly ? 'type ' : ''}${parts.join(', ')} from ${from};`;
}

/**
 * The area's source cut down to message `name`: its statement, the area's statements it uses
 * (tables, helpers, other messages: unexported), and only the imports those use. A module
 * that kept the whole area would import what every message of the area needs (the ticket
 * area's activity lines import the automations' and the SLAs' domain modules), and a bundler
 * counts an import as a use: the first screen, which shows two ticket messages, took the
 * automations' schemas along.
 */
export function messageSlice(source: string, name: string, fileName = 'area.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const statements = [...file.statements];
  // A name can be declared twice (a value and a type of the same name): both are kept.
  const declaredBy = new Map<string, number[]>();
  statements.forEach((statement, at) => {
    if (ts.isImportDeclaration(statement)) return;
    for (const declared of declaredNames(statement))
      declaredBy.set(declared, [...(declaredBy.get(declared) ?? []), at]);
  });
  const start = exportedConsts(source, fileName).some((e) => e.name === name)
    ? declaredBy.get(name)?.find((at) => ts.isVariableStatement(statements[at]!))
    : undefined;
  if (start === undefined) throw new Error(`No message "${name}" here.`);

  const kept = new Set<number>([start]);
  const used = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    for (const reference of referencedNames(statements[queue.pop()!]!)) {
      used.add(reference);
      for (const at of declaredBy.get(reference) ?? []) {
        if (kept.has(at)) continue;
        kept.add(at);
        queue.push(at);
      }
    }
  }

  const out: string[] = [];
  statements.forEach((statement, at) => {
    if (ts.isImportDeclaration(statement)) {
      const trimmed = trimmedImport(statement, file, used);
      if (trimmed) out.push(trimmed);
    } else if (kept.has(at)) {
      const text = statement.getText(file);
      // Only the message itself is exported: the module's one export.
      const keyword = ts.canHaveModifiers(statement)
        ? ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)
        : undefined;
      out.push(
        at === start || !keyword
          ? text
          : text.slice(0, keyword.getStart(file) - statement.getStart(file)) +
              text.slice(keyword.getEnd() - statement.getStart(file)).replace(/^\s+/, '')
      );
    }
  });
  return out.join('\n\n') + '\n';
}

/** The area as re-exports of its per-message modules. */
export function areaFacade(source: string, file: string): string {
  const self = `./${basename(file)}`;
  return exportedConsts(source)
    .map((e) => `export { ${e.name} } from ${JSON.stringify(`${self}?${QUERY}=${e.name}`)};`)
    .join('\n');
}

/** TypeScript to JavaScript, one module at a time (types erased, imports as written). */
export function toJavaScript(source: string, file: string): string {
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
      const code = one === null ? areaFacade(source, file) : messageSlice(source, one, file);
      return { code: toJavaScript(code, file), moduleSideEffects: false };
    }
  };
}

/** Each message of an area lives in its own module (`directImports` imports it from there). */
export const messageParts: PartsOf = async (file) => {
  if (!AREA.test(file)) return null;
  const source = await readFile(file, 'utf8');
  return new Map(exportedConsts(source, file).map((e) => [e.name, `${QUERY}=${e.name}`]));
};
