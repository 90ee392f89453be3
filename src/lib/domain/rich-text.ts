/**
 * The rich text of a knowledge-base article, as Tiptap's collaboration layer keeps it in Yjs:
 * a `Y.XmlFragment` whose children are `Y.XmlElement`s named after the editor's node types
 * (attributes as plain values), with `Y.XmlText` leaves whose marks are Yjs formats (the mark's
 * name → its attributes object, `null` to remove it).
 *
 * This file is the one list of what an article body may hold: the node types, their
 * attributes and the marks the editor (`components/kb/`) defines, and nothing else. The update
 * check (`article-check.ts`) holds every item a client adds to a body against it, so a
 * hand-made update cannot smuggle in a `<script>` node, a `javascript:` link, a style
 * attribute or a nested map; the help centre and the editor can then render any stored body.
 *
 * It also reads a body as plain text (search, previews) and as blocks of text runs marked
 * added or removed between two Yjs snapshots (the version view): both are pure functions of
 * the fragment.
 */
import * as Y from 'yjs';
import { z } from 'zod';

const Safe = (max: number) => z.string().max(max);
const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** A link target: http(s) and mailto only (no `javascript:`, `data:` or relative tricks). */
export function isSafeHref(href: string): boolean {
  if (href.length > 2000) return false;
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href.trim());
}

/** An image source: http(s), or a path on this server (uploaded files). */
export function isSafeImageSrc(src: string): boolean {
  if (src.length > 2000) return false;
  return /^(https?:\/\/[^\s"'<>]+|\/api\/[A-Za-z0-9/_.-]+)$/.test(src);
}

const Href = z.string().refine(isSafeHref, 'links go to http(s) or mailto addresses only');
const ImageSrc = z.string().refine(isSafeImageSrc, 'images come from http(s) addresses only');
const CellWidths = z.array(z.int().min(1).max(5000)).max(100);

export const CALLOUT_TONES = ['info', 'tip', 'warning'] as const;

/** Node types and the schema of each attribute (an attribute not listed is refused). */
export const RICH_TEXT_NODES: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {
  paragraph: {},
  heading: { level: Nullable(z.int().min(1).max(6)) },
  blockquote: {},
  bulletList: {},
  orderedList: { start: Nullable(z.int().min(0).max(100_000)), type: Nullable(Safe(8)) },
  listItem: {},
  codeBlock: {
    language: Nullable(
      z
        .string()
        .max(32)
        .regex(/^[a-z0-9+#-]*$/i)
    )
  },
  horizontalRule: {},
  hardBreak: {},
  image: { src: Nullable(ImageSrc), alt: Nullable(Safe(500)), title: Nullable(Safe(500)) },
  table: {},
  tableRow: {},
  tableHeader: {
    colspan: Nullable(z.int().min(1).max(100)),
    rowspan: Nullable(z.int().min(1).max(100)),
    colwidth: Nullable(CellWidths)
  },
  tableCell: {
    colspan: Nullable(z.int().min(1).max(100)),
    rowspan: Nullable(z.int().min(1).max(100)),
    colwidth: Nullable(CellWidths)
  },
  callout: { tone: Nullable(z.enum(CALLOUT_TONES)) }
};

const NoAttributes = z.strictObject({});

/** Marks and the schema of their attributes. */
export const RICH_TEXT_MARKS: Readonly<Record<string, z.ZodType>> = {
  bold: NoAttributes,
  italic: NoAttributes,
  strike: NoAttributes,
  underline: NoAttributes,
  code: NoAttributes,
  link: z.strictObject({
    href: Href,
    target: Nullable(z.enum(['_blank', '_self'])),
    rel: Nullable(Safe(100)),
    class: Nullable(
      z
        .string()
        .max(100)
        .regex(/^[a-z0-9 _-]*$/i)
    ),
    title: Nullable(Safe(500)).optional()
  })
};

/** How deep a body may nest (lists in lists in a table...). */
export const MAX_RICH_TEXT_DEPTH = 24;

export type RichTextProblem = { reason: 'unsupported-content' | 'schema'; detail: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/** How many types lie between `type` and its root (0: the root itself). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function depthOf(type: Y.AbstractType<any>): number {
  let depth = 0;
  let item = type._item;
  while (item !== null) {
    depth++;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) break;
    item = parent._item;
  }
  return depth;
}

/** The exact kind of a type (XmlElement is an XmlFragment, XmlText a Text, XmlHook a Map). */
function isElement(type: unknown): type is Y.XmlElement {
  return type instanceof Y.XmlElement && type.constructor === Y.XmlElement;
}
function isXmlText(type: unknown): type is Y.XmlText {
  return type instanceof Y.XmlText && type.constructor === Y.XmlText;
}

/**
 * Checks one item a client added under an article's body (its parent is the body fragment or
 * a type inside it). `null`: allowed.
 */
export function richTextItemProblem(item: Y.Item): RichTextProblem | null {
  const parent = item.parent;
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  const unsupported = (detail: string): RichTextProblem => ({
    reason: 'unsupported-content',
    detail
  });
  if (isXmlText(parent)) {
    if (item.parentSub !== null) return unsupported('Text has no attributes.');
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) {
      const schema = RICH_TEXT_MARKS[content.key];
      if (!schema) return unsupported(`Articles have no "${content.key.slice(0, 40)}" marks.`);
      if (content.value === null) return null;
      const parsed = schema.safeParse(content.value);
      if (!parsed.success) {
        return { reason: 'schema', detail: `${content.key}: ${firstIssue(parsed.error)}` };
      }
      return null;
    }
    return unsupported('Text holds characters and marks only.');
  }
  const isRoot = parent instanceof Y.XmlFragment && parent._item === null;
  if (!isRoot && !isElement(parent))
    return unsupported('This part of an article holds no content.');
  if (item.parentSub !== null) {
    if (!isElement(parent)) return unsupported('The body has no attributes.');
    const attributes = RICH_TEXT_NODES[parent.nodeName];
    const schema = attributes?.[item.parentSub];
    if (!schema) {
      return unsupported(`A ${parent.nodeName} has no attribute "${item.parentSub.slice(0, 40)}".`);
    }
    if (!(content instanceof Y.ContentAny) || content.getLength() !== 1) {
      return { reason: 'schema', detail: 'An attribute holds one plain value.' };
    }
    const parsed = schema.safeParse(content.getContent()[0]);
    if (!parsed.success) {
      return {
        reason: 'schema',
        detail: `${parent.nodeName}.${item.parentSub}: ${firstIssue(parsed.error)}`
      };
    }
    return null;
  }
  if (!(content instanceof Y.ContentType)) return unsupported('Rich text holds nodes and text.');
  const type = content.type;
  if (isXmlText(type)) {
    if (isRoot) return unsupported('Text sits inside a paragraph or a heading.');
  } else if (isElement(type)) {
    if (!Object.hasOwn(RICH_TEXT_NODES, type.nodeName)) {
      return unsupported(`Articles have no "${type.nodeName.slice(0, 40)}" nodes.`);
    }
  } else {
    return unsupported('Rich text holds editor nodes and text only.');
  }
  if (depthOf(type) > MAX_RICH_TEXT_DEPTH) {
    return { reason: 'schema', detail: `Rich text nests at most ${MAX_RICH_TEXT_DEPTH} deep.` };
  }
  return null;
}

/** Node types that end a line of plain text. */
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'tableRow',
  'callout',
  'horizontalRule',
  'hardBreak',
  'image'
]);

function textOf(node: Y.XmlElement | Y.XmlFragment | Y.XmlText, out: string[]): void {
  if (node instanceof Y.XmlText) {
    for (const op of node.toDelta() as { insert?: unknown }[]) {
      if (typeof op.insert === 'string') out.push(op.insert);
    }
    return;
  }
  if (node instanceof Y.XmlElement && node.nodeName === 'image') {
    const alt = node.getAttribute('alt');
    if (typeof alt === 'string' && alt) out.push(alt);
  }
  if (node instanceof Y.XmlElement && node.nodeName === 'tableCell') out.push(' ');
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlHook) continue;
    textOf(child, out);
  }
  if (node instanceof Y.XmlElement && BLOCKS.has(node.nodeName)) out.push('\n');
}

/** The body as plain text: one line per block, no markup. */
export function richTextPlain(fragment: Y.XmlFragment): string {
  const out: string[] = [];
  textOf(fragment, out);
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** A run of text in a version view: kept, or added/removed since the previous version. */
export interface VersionRun {
  text: string;
  change: 'added' | 'removed' | null;
  /** The member ids of who made the change (Yjs knows the client; the app maps it). */
  marks: string[];
}

/** One block of a version view: its node type (heading level kept) and its runs. */
export interface VersionBlock {
  type: string;
  level: number | null;
  runs: VersionRun[];
}

/** Node types that start a block of their own in a version view. */
const VIEW_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'horizontalRule', 'image']);

/** Whether an item was there at `snapshot` (Yjs' own rule; its `isVisible` is not exported). */
function visibleAt(item: Y.Item, snapshot: Y.Snapshot): boolean {
  const clock = snapshot.sv.get(item.id.client);
  return clock !== undefined && clock > item.id.clock && !Y.isDeleted(snapshot.ds, item.id);
}

type YChange = { type: 'added' | 'removed'; user: number } | undefined;

function runsOfText(
  text: Y.XmlText,
  snapshot: Y.Snapshot,
  previous: Y.Snapshot | undefined
): VersionRun[] {
  const delta = text.toDelta(
    snapshot,
    previous,
    previous ? (type: 'added' | 'removed', id: Y.ID) => ({ type, user: id.client }) : undefined
  ) as { insert?: unknown; attributes?: Record<string, unknown> }[];
  const runs: VersionRun[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue;
    const attributes = op.attributes ?? {};
    const ychange = attributes.ychange as YChange;
    const marks = Object.keys(attributes).filter((key) => key !== 'ychange');
    runs.push({ text: op.insert, change: ychange?.type ?? null, marks });
  }
  return runs;
}

/**
 * The body as it was at `snapshot`, in blocks of text runs, with what was added and removed
 * since `previous` marked (Yjs' own `ychange` attribution: the document must keep deleted
 * content, `gc: false`, for both snapshots). Blocks removed whole come out as removed runs.
 */
export function versionBlocks(
  fragment: Y.XmlFragment,
  snapshot: Y.Snapshot,
  previous?: Y.Snapshot
): VersionBlock[] {
  const blocks: VersionBlock[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const visit = (type: Y.AbstractType<any>, inherited: YChange) => {
    // Items of a type, including deleted ones that were visible in either snapshot.
    let item = type._start;
    while (item !== null) {
      const inThis = visibleAt(item, snapshot);
      const inPrev = previous ? visibleAt(item, previous) : inThis;
      if (inThis || inPrev) {
        const change: YChange = inherited
          ? inherited
          : !previous || (inThis && inPrev)
            ? undefined
            : { type: inThis ? 'added' : 'removed', user: item.id.client };
        const content = item.content;
        if (content instanceof Y.ContentType) {
          const child = content.type;
          if (child instanceof Y.XmlText) {
            const runs = runsOfText(child, snapshot, previous).map((run) =>
              change ? { ...run, change: change.type } : run
            );
            const last = blocks.at(-1);
            if (last) last.runs.push(...runs);
          } else if (child instanceof Y.XmlElement) {
            if (VIEW_BLOCKS.has(child.nodeName)) {
              const level = child.getAttribute('level');
              blocks.push({
                type: child.nodeName,
                level: typeof level === 'number' ? level : null,
                runs: []
              });
              if (child.nodeName === 'image') {
                const alt = child.getAttribute('alt');
                blocks.at(-1)?.runs.push({
                  text: typeof alt === 'string' && alt ? alt : '🖼',
                  change: change?.type ?? null,
                  marks: []
                });
              }
            }
            visit(child, change);
          }
        }
      }
      item = item.right;
    }
  };
  visit(fragment, undefined);
  return blocks.filter((block) => block.runs.length > 0 || block.type === 'horizontalRule');
}
