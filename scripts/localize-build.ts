/**
 * One client build per language, cut from the one SvelteKit makes.
 *
 * Every message holds its text in each locale (`t(o, { en, fi, da })`, see
 * `src/lib/i18n/runtime.ts`), so the compiler checks them all. A browser needs one of them: the
 * page's language is fixed when it loads (changing it reloads). After `vite build`, this step
 * writes the built scripts once per locale with each message reduced to that locale's text, into
 * `_app/immutable/<locale>/` (the build itself stays as it was, so running this twice gives the
 * same copies), and the server points a page at its language's copy
 * (`src/lib/i18n/client-build.ts`, also the service worker's precache). Chunks import each other by relative paths, so a copy is
 * self-contained; it sits under `immutable/`, so it is cached like the rest of the build.
 *
 * What counts as a message: an object literal whose properties are exactly `en`, `fi` and
 * `da`. `tests/checks/i18n.ts` keeps that true: no such object exists outside the messages.
 *
 *     node --import tsx scripts/localize-build.ts build/client
 */
import { parse, type Node } from 'acorn';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCALES, type Locale } from '../src/lib/i18n/locales.ts';

interface Span {
  start: number;
  end: number;
}

interface MessageTexts extends Span {
  /** Where each locale's value is in the source. */
  values: Record<Locale, Span>;
}

function propertyName(node: Node): string | null {
  if (node.type !== 'Property') return null;
  const property = node as Node & {
    key: Node & { name?: string; value?: unknown };
    computed: boolean;
    kind: string;
    method: boolean;
    shorthand: boolean;
    value: Node;
  };
  if (property.computed || property.kind !== 'init' || property.method || property.shorthand) {
    return null;
  }
  if (property.key.type === 'Identifier') return property.key.name ?? null;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') {
    return property.key.value;
  }
  return null;
}

/** The `{ en, fi, da }` object literals in a script, outermost only, in source order. */
export function findMessages(code: string): MessageTexts[] {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const found: MessageTexts[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'ObjectExpression') {
      const properties = (node as Node & { properties: Node[] }).properties;
      if (properties.length === LOCALES.length) {
        const values: Partial<Record<Locale, Span>> = {};
        for (const property of properties) {
          const name = propertyName(property);
          const locale = LOCALES.find((l) => l === name);
          if (!locale || values[locale]) break;
          const value = (property as Node & { value: Node }).value;
          values[locale] = { start: value.start, end: value.end };
        }
        if (LOCALES.every((l) => values[l])) {
          found.push({ start: node.start, end: node.end, values: values as Record<Locale, Span> });
          return;
        }
      }
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) visit(child);
    }
  };
  visit(ast);
  return found;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** `code` with every message reduced to `{ <locale>: <its text> }`. */
export function localizeScript(
  code: string,
  locale: Locale,
  messages = findMessages(code)
): string {
  let out = '';
  let at = 0;
  for (const message of messages) {
    const value = message.values[locale];
    out += `${code.slice(at, message.start)}{${locale}:${code.slice(value.start, value.end)}}`;
    at = message.end;
  }
  return out + code.slice(at);
}

function filesUnder(dir: string, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(path)) out.push(...filesUnder(path, skip));
    } else out.push(path);
  }
  return out;
}

export interface LocalizeReport {
  scripts: number;
  messages: number;
}

/** The adapter's precompressed siblings of a file (`precompress`), written again for a copy. */
const COMPRESSED: ReadonlyArray<{ suffix: string; compress: (data: Buffer) => Buffer }> = [
  { suffix: '.gz', compress: (data) => gzipSync(data, { level: 9 }) },
  {
    suffix: '.br',
    compress: (data) =>
      brotliCompressSync(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY }
      })
  }
];
const isCompressed = (file: string) => COMPRESSED.some(({ suffix }) => file.endsWith(suffix));

/** Writes `<client>/_app/immutable/<locale>/` for every locale from the build beside them. */
export function localizeBuild(clientDir: string): LocalizeReport {
  const immutable = join(clientDir, '_app', 'immutable');
  const copies = LOCALES.map((locale) => join(immutable, locale));
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  const report: LocalizeReport = { scripts: 0, messages: 0 };
  for (const file of filesUnder(immutable, new Set(copies))) {
    if (isCompressed(file)) continue;
    const path = relative(immutable, file);
    const code = file.endsWith('.js') ? readFileSync(file, 'utf8') : null;
    const messages = code === null ? [] : findMessages(code);
    if (code !== null) {
      report.scripts++;
      report.messages += messages.length;
    }
    const siblings = COMPRESSED.filter(({ suffix }) => existsSync(file + suffix));
    for (const locale of LOCALES) {
      const target = join(immutable, locale, path);
      mkdirSync(dirname(target), { recursive: true });
      if (code === null) {
        copyFileSync(file, target);
        for (const { suffix } of siblings) copyFileSync(file + suffix, target + suffix);
        continue;
      }
      const content = Buffer.from(localizeScript(code, locale, messages));
      writeFileSync(target, content);
      for (const { suffix, compress } of siblings)
        writeFileSync(target + suffix, compress(content));
    }
  }
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'build/client';
  const report = localizeBuild(dir);
  console.log(
    `Localized ${report.messages} messages in ${report.scripts} scripts into ${LOCALES.join(', ')}.`
  );
}
