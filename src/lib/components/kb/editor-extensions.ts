/**
 * The knowledge-base editor's schema: Tiptap's StarterKit (its own undo history off — the
 * collaboration extension's Yjs undo takes its place, which undoes only one's own changes) plus
 * images, tables and callouts. Every node and mark here must be one `domain/rich-text.ts`
 * allows, with the same attributes: the server refuses anything else (a unit test compares the
 * two lists).
 */
import { Node, mergeAttributes, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { CALLOUT_TONES, isSafeHref, isSafeImageSrc } from '$lib/domain/rich-text';

const Image = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null }, alt: { default: null }, title: { default: null } };
  },
  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (element) => (isSafeImageSrc(element.getAttribute('src') ?? '') ? null : false)
      }
    ];
  },
  renderHTML({ HTMLAttributes }) {
    const src = typeof HTMLAttributes.src === 'string' ? HTMLAttributes.src : '';
    return ['img', mergeAttributes(HTMLAttributes, { src: isSafeImageSrc(src) ? src : '' })];
  }
});

const Callout = Node.create({
  name: 'callout',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return {
      tone: {
        default: 'info',
        parseHTML: (element) => {
          const tone = element.getAttribute('data-tone');
          return CALLOUT_TONES.find((t) => t === tone) ?? 'info';
        },
        renderHTML: (attributes) => ({ 'data-tone': attributes.tone })
      }
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-callout]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { 'data-callout': '', class: 'callout' }), 0];
  }
});

const cellAttributes = () => ({
  colspan: { default: 1 },
  rowspan: { default: 1 },
  colwidth: { default: null }
});

const Table = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableRow+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: ({ HTMLAttributes }) => ['table', HTMLAttributes, ['tbody', 0]]
});
const TableRow = Node.create({
  name: 'tableRow',
  content: '(tableCell | tableHeader)+',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: ({ HTMLAttributes }) => ['tr', HTMLAttributes, 0]
});
const TableCell = Node.create({
  name: 'tableCell',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'td' }],
  renderHTML: ({ HTMLAttributes }) => ['td', HTMLAttributes, 0]
});
const TableHeader = Node.create({
  name: 'tableHeader',
  content: 'block+',
  isolating: true,
  addAttributes: cellAttributes,
  parseHTML: () => [{ tag: 'th' }],
  renderHTML: ({ HTMLAttributes }) => ['th', HTMLAttributes, 0]
});

/** The schema's extensions (without collaboration, which needs the document). */
export function articleExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeHref(url)
      }
    }),
    Image,
    Callout,
    Table,
    TableRow,
    TableCell,
    TableHeader
  ];
}
