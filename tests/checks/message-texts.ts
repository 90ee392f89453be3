/**
 * The texts of every message, read from `src/lib/i18n/messages/*.ts` without running them:
 * for the language check, and for the end-to-end tests that look for English left on a page
 * shown in Finnish or Danish.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const messagesDir = join(import.meta.dirname, '..', '..', 'src', 'lib', 'i18n', 'messages');

export interface MessageTexts {
  en: string[];
  fi: string[];
  da: string[];
}

function textOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => '${}' + span.literal.text).join('');
  }
  return null;
}

/** The texts per locale of each `{ en, fi, da }` object (plural forms included). */
export function messageTexts(): MessageTexts[] {
  const out: MessageTexts[] = [];
  for (const name of readdirSync(messagesDir)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const file = join(messagesDir, name);
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true
    );
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const texts: MessageTexts = { en: [], fi: [], da: [] };
        let locales = 0;
        for (const property of node.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
          const locale = property.name.text;
          if (locale !== 'en' && locale !== 'fi' && locale !== 'da') continue;
          locales++;
          const direct = textOf(property.initializer);
          if (direct !== null) texts[locale].push(direct);
          if (ts.isObjectLiteralExpression(property.initializer)) {
            for (const form of property.initializer.properties) {
              if (!ts.isPropertyAssignment(form)) continue;
              const text = textOf(form.initializer);
              if (text !== null) texts[locale].push(text);
            }
          }
        }
        if (locales === 3) {
          out.push(texts);
          return;
        }
      }
      ts.forEachChild(node, (child) => {
        visit(child);
      });
    };
    visit(source);
  }
  return out;
}

/**
 * Pieces of English UI text that would give away an untranslated screen: the static parts of
 * each English text (parameters cut out, `<kbd>` markup dropped) of at least two words, that
 * neither the Finnish nor the Danish text of the same message contains.
 */
export function englishGiveaways(): string[] {
  const pieces = new Set<string>();
  for (const texts of messageTexts()) {
    const others = [...texts.fi, ...texts.da].join('\n');
    for (const english of texts.en) {
      for (const part of english.replace(/<\/?kbd>/g, '').split(/\$\{\}|#|\n/)) {
        const piece = part.trim().replace(/[.:,;…]+$/, '');
        if (!/\p{L}{2,}\s+\p{L}{2,}/u.test(piece) || piece.length < 8) continue;
        if (others.includes(piece)) continue;
        pieces.add(piece);
      }
    }
  }
  return [...pieces];
}
