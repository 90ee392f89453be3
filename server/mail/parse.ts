/**
 * From raw RFC 5322 bytes to what a ticket needs: who wrote, who gets the answer, to whom, which
 * thread it belongs to, the new text apart from the quoted history, sanitised HTML and the
 * attachments.
 *
 * Everything here is untrusted input. The bytes are first repaired where mail programs break
 * the rules (`charset.ts`: raw 8-bit headers, mislabelled encoded words, undeclared body
 * charsets, a multipart body without boundary lines); mailparser then decodes the MIME
 * structure. Every text part is kept: when a message has HTML, its separate text parts are
 * shown in it too (mailparser's text-to-HTML merge), so nothing the customer wrote is hidden
 * behind the HTML. The HTML is cleaned with sanitize-html to a small allow-list (no scripts, no
 * style sheets, no forms, no frames, no event handlers), and remote images are disarmed: their
 * address moves to `data-remote-src` so that nothing is fetched until an agent asks for it.
 *
 * The sender is read by `sender.ts` (strict address parsing, Reply-To by the mailbox's rule),
 * the kind of message by `classify.ts` (automatic replies, lists, bulk, bounces).
 *
 * A message without Message-ID gets one made from what its author wrote (From, To, Cc,
 * Subject, Date, In-Reply-To, References and the body), never from what servers added on the
 * way (Received, Delivered-To, Return-Path): the same message reaching the mailbox through two
 * aliases has one id.
 */
import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import type sanitizeHtmlPackage from 'sanitize-html';
import { lazyPackage } from '../lazy-package.ts';
import { leafParts, normaliseMessage, readFields, splitHead } from './charset.ts';
import {
  Headers,
  classify,
  detectBounce,
  messageIds,
  type Bounce,
  type Noise
} from './classify.ts';
import { resolveSender, type ReplyToRule, type SenderDoubt } from './sender.ts';

// Loaded when a message is first parsed or its HTML first cleaned (`lazy-package.ts`).
const mailparser = lazyPackage<typeof import('mailparser')>('mailparser');
const sanitizeHtml = lazyPackage<typeof sanitizeHtmlPackage>('sanitize-html');

export { messageIds, type Bounce, type Noise };

export interface ParsedAttachment {
  name: string;
  type: string;
  size: number;
  content: Buffer;
  /** The `Content-ID` without brackets, for `cid:` references from the HTML. */
  contentId: string | null;
  inline: boolean;
}

export interface ParsedMessage {
  messageId: string;
  /** `true` when the message had no Message-ID and one was made from its content. */
  syntheticMessageId: boolean;
  inReplyTo: string[];
  references: string[];
  subject: string;
  /** Who wrote it (the `From` mailbox; the best other sender when there is none). */
  from: { address: string; name: string } | null;
  /** Who gets the answer; `null` when unclear (`senderDoubt`). */
  requester: { address: string; name: string } | null;
  /** Set when Baton could not tell the sender's address: the agent chooses. */
  senderDoubt: SenderDoubt | null;
  to: string[];
  cc: string[];
  date: number | null;
  /** The new text of the message (every text part, or the HTML part as text). */
  text: string;
  /** Quoted history split off the text. */
  quoted: string;
  /** Raw HTML (untrusted), before sanitising; `null` when there is none. */
  html: string | null;
  attachments: ParsedAttachment[];
  noise: Noise | null;
  /** For an automatic reply: the headers that show it. */
  autoReplyMarkers: string[];
  /** The mailing list it came through (`List-Id`, `List-Post` address), if any. */
  lists: string[];
  bounce: Bounce | null;
}

/** Why a message could not become a ticket (it is kept for an admin: "could not import"). */
export type UnreadableReason = 'empty' | 'too-large' | 'unreadable' | 'no-sender';

export class MailParseError extends Error {
  override name = 'MailParseError';
  constructor(
    readonly reason: UnreadableReason,
    message: string
  ) {
    super(message);
  }
}

/** A message larger than this is refused before parsing (a whole mbox is not one message). */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

export interface ParseOptions {
  /** Whose address becomes the requester when a message names a Reply-To. */
  replyTo?: ReplyToRule;
  /** The support addresses (never a requester). */
  ownAddresses?: readonly string[];
  maxBytes?: number;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: string[] = [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address) out.push(entry.address.toLowerCase());
      for (const member of entry.group ?? []) {
        if (member.address) out.push(member.address.toLowerCase());
      }
    }
  }
  return [...new Set(out)].slice(0, 100);
}

/** The synthetic Message-ID: a hash of what the author wrote (see the file comment). */
export function syntheticMessageId(raw: Buffer): string {
  const { head, body } = splitHead(raw);
  const fields = readFields(head);
  const hash = createHash('sha256');
  for (const name of ['from', 'to', 'cc', 'subject', 'date', 'in-reply-to', 'references']) {
    for (const field of fields.filter((f) => f.name === name)) {
      hash.update(`${name}:`).update(field.value.toString('latin1').replace(/\s+/g, ' ').trim());
      hash.update('\n');
    }
  }
  // Line ends may be rewritten on the way (CRLF/LF) and trailing blank lines added.
  hash.update(body.toString('latin1').replace(/\r\n/g, '\n').replace(/\s+$/, ''));
  return `<sha256.${hash.digest('hex')}@baton.invalid>`;
}

/**
 * Splits the new text from the quoted history below it. Recognised: `>` quoting, "On … wrote:"
 * (Gmail, Apple Mail, also wrapped over two lines, and its Finnish, Danish, Swedish, German
 * forms), Outlook's "-----Original Message-----" and its "From: … Sent: …" header block.
 * A forwarded message is content, not history, and stays in the text.
 */
export function splitQuoted(text: string): { text: string; quoted: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  // "On … wrote:", "… kirjoitti:", "Den … skrev Name <a@b>:", "Am … schrieb Name:", …
  // An attribution names the verb, carries a date or an address, and ends the line with ':'.
  const attribution =
    /^(?=.*\b(wrote|kirjoitti|skrev|schrieb|a écrit|escribió)\b)(?=.*[\d@]).*:\s*$|^on\b.*\d.*\bwrote\s*$/i;
  const cut = (i: number) => {
    const head = lines.slice(0, i).join('\n').trimEnd();
    const tail = lines.slice(i).join('\n').trim();
    return head.trim() === '' ? { text: text.trim(), quoted: '' } : { text: head, quoted: tail };
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    // Everything from a forwarded message on is content, headers block included.
    if (/forwarded message|begin forwarded message|välitetty viesti|videresendt/i.test(line)) break;
    if (
      /^-{2,}\s*(original message|alkuperäinen viesti|oprindelig meddelelse)\s*-{2,}$/i.test(line)
    )
      return cut(i);
    if (/^_{20,}$/.test(line) && /^(from|lähettäjä|fra):/i.test(next)) return cut(i);
    if (/^(from|lähettäjä|fra):\s.+/i.test(line)) {
      const block = lines.slice(i + 1, i + 5).join('\n');
      if (/^(sent|date|lähetetty|sendt):/im.test(block) && /^(to|vastaanottaja|til):/im.test(block))
        return cut(i);
    }
    if (attribution.test(line)) return cut(i);
    if (/^on\b/i.test(line) && attribution.test(`${line} ${next}`)) return cut(i);
    if (line.startsWith('>')) {
      // A quote block counts as history only when nothing but quotes and blank lines follow
      // (inline answers between quotes are new text).
      const rest = lines.slice(i);
      if (rest.every((l) => l.trim() === '' || l.trim().startsWith('>'))) return cut(i);
    }
  }
  return { text: text.trim(), quoted: '' };
}

/**
 * Parses one raw message. Throws `MailParseError` with its reason for what cannot become a
 * ticket (empty, too large, not a message, nobody to answer); a message with a broken MIME body
 * still yields what could be read.
 */
export async function parseMessage(
  original: Buffer,
  options: ParseOptions = {}
): Promise<ParsedMessage> {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  if (original.length === 0) throw new MailParseError('empty', 'The message is empty.');
  if (original.length > maxBytes) {
    throw new MailParseError('too-large', `The message is larger than ${maxBytes} bytes.`);
  }
  let raw: Buffer;
  let mail;
  try {
    raw = normaliseMessage(original);
    mail = await mailparser().simpleParser(raw, { keepCidLinks: true, skipTextToHtml: false });
  } catch (error) {
    throw new MailParseError(
      'unreadable',
      `The message does not parse: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const h = Headers.of(raw);
  if (h.all('from').length + h.all('subject').length + h.all('message-id').length === 0) {
    throw new MailParseError('unreadable', 'The message has no headers.');
  }
  const sender = resolveSender(
    {
      from: h.all('from'),
      replyTo: h.get('reply-to'),
      sender: h.get('sender'),
      returnPath: h.get('return-path')
    },
    options.replyTo ?? 'always',
    options.ownAddresses ?? []
  );
  if (!sender.requester && !sender.doubt) {
    throw new MailParseError(
      'no-sender',
      'The message names no sender (From, Reply-To, Sender or Return-Path).'
    );
  }
  const from = sender.author ?? sender.requester;
  const declared = messageIds(mail.messageId)[0];
  const messageId = declared ?? syntheticMessageId(original);
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 998);
  const kind = classify(h, subject, from?.address ?? null);
  const inReplyTo = messageIds(mail.inReplyTo);
  const references = messageIds(mail.references);
  const contentType = h.get('content-type')?.toLowerCase() ?? '';
  // The report's parts, read from the MIME structure itself (mailparser may fold them into the
  // text or keep them as attachments).
  const leaves = contentType.startsWith('multipart/') ? leafParts(raw) : [];
  const status = leaves.find((p) => p.type === 'message/delivery-status')?.body ?? null;
  const returned =
    leaves.find((p) => p.type === 'message/rfc822' || p.type === 'text/rfc822-headers')?.body ??
    null;
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const fullText = (mail.text?.trim() ? mail.text : html ? htmlToText(html) : '').slice(0, 200_000);
  const bounce = detectBounce(
    h,
    subject,
    from?.address ?? null,
    {
      isReport:
        contentType.startsWith('multipart/report') &&
        /report-type=\W?delivery-status/.test(contentType),
      status: status ? status.toString('latin1') : null,
      returned,
      text: mail.text ?? fullText
    },
    { inReplyTo, references }
  );
  const { text, quoted } = splitQuoted(fullText);
  const attachments: ParsedAttachment[] = mail.attachments
    .filter(
      (a) =>
        !bounce || !/^(message|text)\/(delivery-status|rfc822|rfc822-headers)$/.test(a.contentType)
    )
    .map((a) => ({
      name: (a.filename ?? (a.contentType.startsWith('image/') ? 'image' : 'attachment')).slice(
        0,
        255
      ),
      type: a.contentType.slice(0, 255),
      size: a.size ?? a.content.length,
      content: a.content,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      inline: a.contentDisposition === 'inline' && Boolean(a.contentId)
    }));
  return {
    messageId: messageId.slice(0, 998),
    syntheticMessageId: declared === undefined,
    inReplyTo,
    references,
    subject,
    from,
    requester: sender.requester,
    senderDoubt: sender.doubt,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date:
      mail.date && !Number.isNaN(mail.date.getTime()) && mail.date.getTime() > 0
        ? mail.date.getTime()
        : null,
    text: text.slice(0, 100_000),
    quoted: quoted.slice(0, 100_000),
    html,
    attachments,
    noise: bounce ? null : kind.noise,
    autoReplyMarkers: kind.markers,
    lists: kind.list,
    bounce
  };
}

// ---------------------------------------------------------------------------------------------
// HTML

/** The readable text of an HTML part (for previews and the plain thread view). */
export function htmlToText(html: string): string {
  const withBreaks = html
    .slice(0, 2_000_000)
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6])\b[^>]*>/gi, '\n');
  const text = sanitizeHtml()(withBreaks, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head']
  });
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SAFE_STYLE = /^[-#%,.()\w\s'"!]*$/;
const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-align',
  'text-decoration',
  'line-height',
  'margin',
  'margin-left',
  'margin-right',
  'margin-top',
  'margin-bottom',
  'padding',
  'padding-left',
  'padding-right',
  'padding-top',
  'padding-bottom',
  'border',
  'border-left',
  'border-top',
  'border-collapse',
  'width',
  'max-width',
  'height',
  'vertical-align',
  'white-space'
];

/** The tags, attributes and styles a mail's HTML keeps; made when HTML is first cleaned. */
const allowList = (): sanitizeHtmlPackage.IOptions => ({
  allowedTags: [
    ...sanitizeHtml().defaults.allowedTags.filter((t) => t !== 'style'),
    'img',
    'font',
    'center',
    'span',
    'details',
    'summary'
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src'],
    font: ['color', 'face', 'size'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    table: ['width', 'cellpadding', 'cellspacing', 'border'],
    blockquote: ['type', 'class'],
    div: ['class', 'id'],
    details: ['class'],
    '*': ['style', 'dir', 'align']
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  // `url(` in a style could load a remote resource: the safe pattern has no colon or slash.
  allowedStyles: {
    '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_STYLE]]))
  },
  disallowedTagsMode: 'discard'
});
let ALLOW_LIST: sanitizeHtmlPackage.IOptions | null = null;

export interface SanitizedHtml {
  html: string;
  remoteImages: boolean;
}

/**
 * Cleans the HTML part. `cid:` images point at the stored blobs (`cidToUrl`); remote images are
 * kept only as `data-remote-src` (shown when an agent allows it); links open in a new tab
 * without an opener. Quoted history (Gmail, Apple Mail, Outlook markers) is folded into a
 * closed `<details>`, which needs no script.
 */
export function sanitizeMailHtml(
  html: string,
  cidToUrl: (cid: string) => string | null
): SanitizedHtml {
  let remoteImages = false;
  const clean = sanitizeHtml()(html.slice(0, 2_000_000), {
    ...(ALLOW_LIST ??= allowList()),
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...(attribs.href ? { href: attribs.href } : {}),
          ...(attribs.title ? { title: attribs.title } : {}),
          target: '_blank',
          rel: 'noopener noreferrer nofollow'
        }
      }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const { src: _src, ...rest } = attribs;
        void _src;
        delete rest['data-remote-src'];
        if (/^cid:/i.test(src)) {
          const url = cidToUrl(src.slice(4).replace(/^<|>$/g, ''));
          return {
            tagName,
            attribs: url ? { ...rest, src: url } : { ...rest, alt: rest.alt ?? '' }
          };
        }
        if (/^\/api\/blobs\/[a-f0-9]{64}$/.test(src)) {
          // A stored inline image (a `cid:` that was resolved when the message came in).
          return { tagName, attribs: { ...rest, src } };
        }
        if (/^https?:\/\//i.test(src)) {
          remoteImages = true;
          return { tagName, attribs: { ...rest, 'data-remote-src': src } };
        }
        if (/^data:image\/(png|gif|jpeg|webp);base64,/i.test(src)) {
          return { tagName, attribs: { ...rest, src } };
        }
        return { tagName, attribs: rest };
      }
    }
  });
  return { html: foldQuoted(clean), remoteImages };
}

const QUOTE_MARKERS = [
  /<div class="gmail_quote[^"]*"/i,
  /<blockquote type="cite"/i,
  /<div id="divRplyFwdMsg"/i,
  /<div id="appendonsend"/i,
  /<div class="moz-cite-prefix"/i
];

function foldQuoted(html: string): string {
  let at = -1;
  for (const marker of QUOTE_MARKERS) {
    const match = marker.exec(html);
    if (match && (at < 0 || match.index < at)) at = match.index;
  }
  if (at <= 0 || html.includes('class="baton-quoted"')) return html;
  const folded = `${html.slice(0, at)}<details class="baton-quoted"><summary>Show quoted text</summary>${html.slice(at)}</details>`;
  // Re-balance: the cut may have left closing tags of outer elements inside the details.
  return sanitizeHtml()(folded, (ALLOW_LIST ??= allowList()));
}

/** Puts remote images back in place, for an agent who chose to show them. */
export function revealRemoteImages(html: string): string {
  return html.replace(/data-remote-src="([^"]*)"/g, 'src="$1"');
}
