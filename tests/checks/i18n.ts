/**
 * `npm run check`'s language check: nothing is left out of the three languages.
 *
 *   1. Every message in `src/lib/i18n/messages/*.ts` has a text in every locale (the types
 *      already require the keys; this also refuses empty texts), and a Finnish or Danish text
 *      identical to the English one is reported unless the message is marked `// same in all
 *      languages` (a product name, a symbol) on the line above it.
 *   2. Every message is used: some file outside the messages imports its module and names it.
 *   3. No user-visible English in components: text in Svelte markup and the attributes people
 *      read (`aria-label`, `title`, `placeholder`, `alt`, …) must come from an expression.
 *      Markup text without letters (`·`, `→`, `#`) and `<kbd>` key names pass.
 *   4. No English sentences in the browser's code: a string in a component's script, a state
 *      or sync module or a page that starts with a capitalised word followed by more words ("Could not
 *      save", "Ticket not found") is text for people, so it belongs in a message. Developer
 *      text passes: console output, thrown `Error`s that are not shown, type positions.
 *   5. No object with exactly the keys `en`, `fi`, `da` in the browser's code outside the
 *      messages: the build cuts every such object down to one language
 *      (`scripts/localize-build.ts`), so one that must keep all three would lose two.
 *
 * Exits 1 with one line per problem, `file:line: what`, so an editor can jump to it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'svelte/compiler';
import { LOCALES } from '../../src/lib/i18n/locales.ts';

const root = join(import.meta.dirname, '..', '..');
const messagesDir = join(root, 'src/lib/i18n/messages');
const problems: string[] = [];
const report = (file: string, line: number, text: string) =>
  problems.push(`${relative(root, file)}:${line}: ${text}`);

function walk(dir: string, accept: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, accept, out);
    else if (accept(path)) out.push(path);
  }
  return out;
}

// 1. Texts in every locale ------------------------------------------------------------------

interface Message {
  module: string;
  name: string;
  file: string;
  line: number;
}

const messages: Message[] = [];
const SAME_MARK = /\/\/\s*same in all languages/;

function textOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => '${}' + span.literal.text).join('');
  }
  return null;
}

/** The `{ en, fi, da }` objects a message passes to `t` or `plural`, with plural forms inside. */
function localeObjects(node: ts.Node, out: ts.ObjectLiteralExpression[] = []) {
  if (ts.isObjectLiteralExpression(node)) {
    const keys = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
    if (LOCALES.every((locale) => keys.includes(locale))) out.push(node);
  }
  ts.forEachChild(node, (child) => {
    localeObjects(child, out); // a truthy return would stop forEachChild
  });
  return out;
}

function checkLocaleObject(
  file: string,
  source: ts.SourceFile,
  object: ts.ObjectLiteralExpression,
  same: boolean
) {
  const texts = new Map<string, string[]>();
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const locale = property.name.text;
    const value = property.initializer;
    const direct = textOf(value);
    const values = direct !== null ? [direct] : [];
    if (ts.isObjectLiteralExpression(value)) {
      for (const form of value.properties) {
        if (ts.isPropertyAssignment(form)) {
          const text = textOf(form.initializer);
          if (text !== null) values.push(text);
        }
      }
    }
    texts.set(locale, values);
  }
  const line = source.getLineAndCharacterOfPosition(object.getStart()).line + 1;
  for (const locale of LOCALES) {
    const values = texts.get(locale) ?? [];
    if (values.length === 0 || values.some((value) => value.trim() === '')) {
      report(file, line, `the ${locale} text is missing or empty`);
    }
  }
  const english = (texts.get('en') ?? []).join('\u0000');
  for (const locale of LOCALES) {
    if (locale === 'en' || same || !/[A-Za-z]{2}/.test(english)) continue;
    if ((texts.get(locale) ?? []).join('\u0000') === english) {
      report(
        file,
        line,
        `the ${locale} text is the English one (mark it "// same in all languages" if meant)`
      );
    }
  }
}

for (const file of walk(
  messagesDir,
  (path) => path.endsWith('.ts') && !path.endsWith('.test.ts')
)) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const module = relative(join(root, 'src/lib'), file).replace(/\.ts$/, '');
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const leading = text.slice(statement.getFullStart(), statement.getStart());
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const line = source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
      const objects = declaration.initializer ? localeObjects(declaration.initializer) : [];
      // Tables of texts (`const STATUS = { new: { en, fi, da }, … }`) are checked like messages;
      // the mark may stand above the statement or above one entry of a table.
      for (const object of objects) {
        const own = text.slice(object.parent.getFullStart(), object.parent.getStart());
        checkLocaleObject(file, source, object, SAME_MARK.test(leading) || SAME_MARK.test(own));
      }
      if (!exported) continue;
      messages.push({ module, name: declaration.name.text, file, line });
      // A message may read its texts from a table (`t(o, STATUS[status])`).
      const fromTable = /\b[A-Z][A-Z_]+\[/.test(declaration.initializer?.getText() ?? '');
      if (objects.length === 0 && !fromTable) {
        report(file, line, `${declaration.name.text} has no texts per locale`);
      }
    }
  }
}

// 2. Every message used ---------------------------------------------------------------------

const sources = [
  ...walk(
    join(root, 'src'),
    (path) => /\.(ts|svelte)$/.test(path) && !path.startsWith(messagesDir)
  ),
  ...walk(join(root, 'server'), (path) => path.endsWith('.ts'))
].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

for (const message of messages) {
  const importers = sources.filter(({ text }) =>
    text.includes(`i18n/messages/${message.module.split('/').pop()}`)
  );
  const used = importers.some(({ text }) => new RegExp(`\\b${message.name}\\b`).test(text));
  if (!used) report(message.file, message.line, `${message.name} is not used anywhere`);
}

// 3. No English in markup --------------------------------------------------------------------

const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label'
]);
const HAS_WORD = /\p{L}{2,}/u;
/** The product's name is the same in every language. */
const hasWords = (text: string) => HAS_WORD.test(text.replaceAll('Baton', ''));

interface SvelteNode {
  type: string;
  name?: string;
  start: number;
  data?: string;
  attributes?: SvelteNode[];
  value?: SvelteNode[] | SvelteNode | true;
  fragment?: { nodes: SvelteNode[] };
  [key: string]: unknown;
}

function isNode(value: unknown): value is SvelteNode {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'type') === 'string'
  );
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function checkMarkup(file: string, text: string, node: SvelteNode, inKbd: boolean) {
  if (node.type === 'Text' && !inKbd && hasWords(node.data ?? '')) {
    report(
      file,
      lineAt(text, node.start),
      `English in markup: "${(node.data ?? '').trim().slice(0, 60)}"`
    );
  }
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'Attribute' || !READ_ATTRIBUTES.has(attribute.name ?? '')) continue;
    const parts = Array.isArray(attribute.value) ? attribute.value : [];
    for (const part of parts) {
      if (part.type === 'Text' && hasWords(part.data ?? '')) {
        report(
          file,
          lineAt(text, part.start),
          `English in ${attribute.name}: "${(part.data ?? '').slice(0, 60)}"`
        );
      }
    }
  }
  const kbd = inKbd || (node.type === 'RegularElement' && node.name === 'kbd');
  for (const [key, value] of Object.entries(node)) {
    if (key === 'attributes' || key === 'expression') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) checkMarkup(file, text, child, kbd);
    } else if (isNode(value)) {
      checkMarkup(file, text, value, kbd);
    }
  }
}

for (const file of walk(join(root, 'src'), (path) => path.endsWith('.svelte'))) {
  const text = readFileSync(file, 'utf8');
  const ast: unknown = parse(text, { modern: true });
  const fragment: unknown =
    isNode(ast) || typeof ast === 'object' ? Reflect.get(ast ?? {}, 'fragment') : null;
  if (isNode(fragment)) checkMarkup(file, text, fragment, false);
}

// 4. No English sentences in the browser's scripts ------------------------------------------

const SENTENCE = /^[A-Z][a-z’']+[\s\u00a0]+[\p{L}“”"’'(]/u;

function developerText(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
    if (ts.isLiteralTypeNode(parent) || ts.isTypeNode(parent)) return true;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const callee = parent.expression.getText();
      if (/^console\./.test(callee) || /(^|\.)(log|debug|warn)$/.test(callee)) return true;
      if (/Error$/.test(callee)) return true;
      return false;
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

function checkScript(file: string, code: string, offsetLine: number) {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    const text = textOf(node);
    if (text !== null && SENTENCE.test(text.trim()) && !developerText(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + offsetLine;
      report(file, line, `English in script: "${text.trim().slice(0, 60)}"`);
    }
    if (text === null) ts.forEachChild(node, visit);
  };
  visit(source);
}

const browserCode = [
  ...walk(join(root, 'src/lib/components'), (path) => path.endsWith('.svelte')),
  ...walk(join(root, 'src/routes'), (path) => path.endsWith('.svelte')),
  ...walk(join(root, 'src/lib/state'), (path) => /\.ts$/.test(path) && !/\.test\.ts$/.test(path)),
  ...walk(join(root, 'src/lib/sync'), (path) => /\.ts$/.test(path) && !/\.test\.ts$/.test(path))
];
for (const file of browserCode) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.ts')) {
    checkScript(file, text, 1);
    continue;
  }
  for (const match of text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const before = text.slice(0, match.index + match[0].indexOf('>') + 1);
    checkScript(file, match[1] ?? '', before.split('\n').length);
  }
}

// 5. Only messages are { en, fi, da } objects ----------------------------------------------

const clientCode = walk(
  join(root, 'src'),
  (path) =>
    /\.(ts|svelte)$/.test(path) &&
    !/\.test\.ts$/.test(path) &&
    !path.startsWith(messagesDir) &&
    !path.includes(`${join('src', 'lib', 'server')}`) &&
    // Test factories (`domain/testing/`): never in a build, like the tests that use them.
    !path.includes(`${join('src', 'lib', 'domain', 'testing')}`)
);
for (const file of clientCode) {
  const text = readFileSync(file, 'utf8');
  const scripts = file.endsWith('.svelte')
    ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
    : [text];
  for (const code of scripts) {
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
    for (const object of localeObjects(source)) {
      if (object.properties.length !== LOCALES.length) continue;
      const line = source.getLineAndCharacterOfPosition(object.getStart()).line + 1;
      report(file, line, 'An { en, fi, da } object outside the messages (the build keeps one)');
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} language problem(s).`);
  process.exit(1);
}
console.log(`Languages: ${messages.length} messages in ${LOCALES.join(', ')}; markup clean.`);
