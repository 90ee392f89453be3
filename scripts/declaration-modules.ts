/**
 * One module per declaration of the domain, contract and message modules, in the client build.
 *
 * A bundler places and loads whole modules. `domain/settings.ts` holds the settings reader
 * that the board runs and the table of every settings root's schema that the update check and
 * the settings pages use; a message area holds the board's two ticket messages and the
 * activity lines that import the automations' schemas. Whatever one route imports from such a
 * module, every route that imports anything from it loads all of it: the first screen carried
 * the automations', macros' and surveys' schemas (`npm run bench`, "board route JavaScript").
 *
 * In the client build this plugin serves each such module as re-exports of one module per
 * declaration (`<module>.ts?declaration=<name>`). A part holds one top-level declaration (a
 * message, a schema, a function), or a group that refer to each other (so that their order of
 * evaluation is the source's), and imports what it uses: from the module's other parts and from
 * other modules. Types are not parts (the compiler erases them). `direct-imports.ts` points
 * importers at the parts, and the bundler places each declaration with the code that uses it.
 * Modules with top-level state or statements (a `let`, a call made for its effect, an
 * `export { … }` list) are served whole: parts of them could not share that state.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';
import type { PartsOf } from './direct-imports.ts';

const POOL = /[\\/]src[\\/]lib[\\/](domain|contract|i18n[\\/]messages)[\\/][\w-]+\.ts$/;
const QUERY = 'declaration';

/** A top-level value declaration of the module. */
interface Declaration {
  statement: ts.Statement;
  names: string[];
  exported: boolean;
  /** Top-level names its code refers to as values (not in types). */
  uses: Set<string>;
}

export interface SplitModule {
  /** The module as re-exports of its parts. */
  facade: string;
  /** Each part's TypeScript source, by its key (the first name it declares). */
  parts: Map<string, string>;
  /** The query of the part that declares each exported name (`declaration=<key>`). */
  partOf: Map<string, string>;
}

function isTypeOnly(statement: ts.Statement): boolean {
  return (
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    // An overload's signature: the declaration with the body is the value.
    (ts.isFunctionDeclaration(statement) && !statement.body) ||
    hasModifier(statement, ts.SyntaxKind.DeclareKeyword)
  );
}

function hasModifier(statement: ts.Statement, kind: ts.SyntaxKind): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement)?.some((m) => m.kind === kind) ?? false)
  );
}

/** The names a value declaration binds; `null` for a statement that is not one. */
function valueNames(statement: ts.Statement): string[] | null {
  if (ts.isVariableStatement(statement)) {
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) return null;
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
      ts.isEnumDeclaration(statement)) &&
    statement.name
  )
    return [statement.name.text];
  return null;
}

/**
 * The identifiers a statement uses as values: not in type positions, not property names after
 * a dot or as object keys. A class's `extends` clause is a value; `implements` is a type.
 */
function valueReferences(statement: ts.Statement): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isHeritageClause(node)) {
      if (node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent))
        for (const type of node.types) visit(type.expression);
      return;
    }
    if (ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const propertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node) ||
        ((ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node);
      if (!propertyName) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}

/** Groups of declarations that refer to each other, each in source order (Tarjan's SCCs). */
function stronglyConnected(declarations: Declaration[], edges: number[][]): number[][] {
  const index = new Array<number>(declarations.length).fill(-1);
  const low = new Array<number>(declarations.length).fill(0);
  const onStack = new Array<boolean>(declarations.length).fill(false);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  const connect = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v]!) {
      if (index[w] === -1) {
        connect(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      const group: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        group.push(w);
      } while (w !== v);
      groups.push(group.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < declarations.length; v++) if (index[v] === -1) connect(v);
  return groups;
}

/** The statement's source without its `export` keyword. */
function unexported(statement: ts.Statement, file: ts.SourceFile): string {
  const text = statement.getText(file);
  const keyword = ts.canHaveModifiers(statement)
    ? ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    : undefined;
  if (!keyword) return text;
  const start = statement.getStart(file);
  return (
    text.slice(0, keyword.getStart(file) - start) +
    text.slice(keyword.getEnd() - start).replace(/^\s+/, '')
  );
}

/**
 * `source` cut into one part per declaration (or group of declarations that refer to each
 * other); `null` when the module must stay whole (see the file's comment).
 */
export function splitModule(source: string, fileName: string): SplitModule | null {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const self = `./${basename(fileName)}`;
  const imports: ts.ImportDeclaration[] = [];
  const reExports: string[] = [];
  const declarations: Declaration[] = [];

  for (const statement of file.statements) {
    // An import for its effect (no bindings) is such a statement too.
    if (ts.isImportDeclaration(statement) && !statement.importClause) return null;
    if (ts.isImportDeclaration(statement)) imports.push(statement);
    else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier)
      reExports.push(statement.getText(file));
    else if (isTypeOnly(statement)) continue;
    else {
      const names = valueNames(statement);
      if (!names || hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) return null;
      declarations.push({
        statement,
        names,
        exported: hasModifier(statement, ts.SyntaxKind.ExportKeyword),
        uses: valueReferences(statement)
      });
    }
  }
  if (declarations.length === 0) return null;

  const declaredBy = new Map<string, number>();
  declarations.forEach((d, at) => d.names.forEach((name) => declaredBy.set(name, at)));
  const edges = declarations.map((d, at) =>
    [...d.uses].map((name) => declaredBy.get(name)).filter((w) => w !== undefined && w !== at)
  ) as number[][];

  const groups = stronglyConnected(declarations, edges);
  const groupOf = new Map<number, number>();
  groups.forEach((group, g) => group.forEach((at) => groupOf.set(at, g)));
  const keyOf = (g: number) => declarations[groups[g]![0]!]!.names[0]!;
  const partId = (g: number) => JSON.stringify(`${self}?${QUERY}=${keyOf(g)}`);

  const parts = new Map<string, string>();
  groups.forEach((group, g) => {
    const uses = new Set(group.flatMap((at) => [...declarations[at]!.uses]));
    const lines: string[] = [];
    for (const statement of imports) {
      const kept = trimmedImport(statement, file, uses);
      if (kept) lines.push(kept);
    }
    const fromParts = new Map<number, Set<string>>();
    for (const name of uses) {
      const at = declaredBy.get(name);
      if (at === undefined) continue;
      const other = groupOf.get(at)!;
      if (other === g) continue;
      fromParts.set(other, (fromParts.get(other) ?? new Set()).add(name));
    }
    for (const [other, names] of fromParts)
      lines.push(`import { ${[...names].join(', ')} } from ${partId(other)};`);
    for (const at of group) lines.push(unexported(declarations[at]!.statement, file));
    lines.push(`export { ${group.flatMap((at) => declarations[at]!.names).join(', ')} };`);
    parts.set(keyOf(g), lines.join('\n') + '\n');
  });

  const partOf = new Map<string, string>();
  declarations.forEach((d, at) => {
    if (!d.exported) return;
    for (const name of d.names) partOf.set(name, `${QUERY}=${keyOf(groupOf.get(at)!)}`);
  });
  const facade = [
    ...reExports,
    ...[...partOf].map(([name, query]) => `export { ${name} } from "${self}?${query}";`)
  ];
  return { facade: facade.join('\n') + '\n', parts, partOf };
}

/** An import declaration with only the value bindings in `used`; `null` when none is left. */
function trimmedImport(
  statement: ts.ImportDeclaration,
  file: ts.SourceFile,
  used: ReadonlySet<string>
): string | null {
  const clause = statement.importClause;
  if (!clause || clause.isTypeOnly) return null;
  const parts: string[] = [];
  if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings) && used.has(bindings.name.text))
    parts.push(`* as ${bindings.name.text}`);
  if (bindings && ts.isNamedImports(bindings)) {
    const kept = bindings.elements
      .filter((e) => !e.isTypeOnly && used.has(e.name.text))
      .map((e) => e.getText(file));
    if (kept.length > 0) parts.push(`{ ${kept.join(', ')} }`);
  }
  if (parts.length === 0) return null;
  return `import ${parts.join(', ')} from ${statement.moduleSpecifier.getText(file)};`;
}

/** Each module's split, read once per build (`load` and `declarationParts` share it). */
let splits = new Map<string, Promise<SplitModule | null>>();

function splitOf(file: string): Promise<SplitModule | null> {
  let split = splits.get(file);
  if (!split) {
    split = readFile(file, 'utf8').then((source) => splitModule(source, file));
    splits.set(file, split);
  }
  return split;
}

/** TypeScript to JavaScript, one module at a time (types erased, imports as written). */
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

export function declarationModules(): Plugin {
  return {
    name: 'baton-declaration-modules',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    buildStart() {
      splits = new Map();
    },
    async load(id) {
      const [file = '', query = ''] = id.split('?', 2);
      if (!isPooled(file)) return null;
      const split = await splitOf(file);
      if (!split) return null;
      const key = new URLSearchParams(query).get(QUERY);
      const code = key === null ? split.facade : split.parts.get(key);
      if (code === undefined) throw new Error(`${file} has no declaration "${key}".`);
      return { code: toJavaScript(code, file), moduleSideEffects: false };
    }
  };
}

function isPooled(file: string): boolean {
  return POOL.test(file) && !file.endsWith('.test.ts');
}

/** Where the names of a split module live; `null` for a module served whole or not split. */
export const declarationParts: PartsOf = async (file) =>
  isPooled(file) ? ((await splitOf(file))?.partOf ?? null) : null;
