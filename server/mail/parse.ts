/**
 * From raw RFC 5322 bytes to what a ticket needs: who wrote, to whom, which thread it belongs
 * to, the new text apart from the quoted history, sanitised HTML and the attachments.
 *
 * Everything here is untrusted input. mailparser decodes the MIME structure and the charsets
 * (ISO-8859-1/-15, Windows-1252, UTF-8 and the rest of iconv-lite's list); the HTML part is
 * cleaned with sanitize-html to a small allow-list (no scripts, no styles sheets, no forms, no
 * frames, no event handlers), and remote images are disarmed: their address moves to
 * `data-remote-src` so that nothing is fetched until an agent asks for it.
 *
 * Noise is classified here too, by the headers that RFC 3834 and common practice define:
 * `Auto-Submitted` (anything but `no`), `Precedence: bulk|list|junk`, `X-Autoreply`,
 * `X-Autorespond`, and senders named mailer-daemon or postmaster. A delivery-status report
 * (RFC 3464, `multipart/report; report-type=delivery-status`) is a bounce: it names the
 * message that failed, which threads it back to the reply that bounced.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

export interface ParsedAttachment {
  name: string;
  type: string;
  size: number;
  content: Buffer;
  /** The `Content-ID` without brackets, for `cid:` references from the HTML. */
  contentId: string | null;
  inline: boolean;
}

export type Noise = 'auto-submitted' | 'bulk' | 'auto-reply' | 'mailer-daemon';

export interface Bounce {
  /** The Message-ID of the message that could not be delivered, if the report names it. */
  originalMessageId: string | null;
  reason: string;
}

export interface ParsedMessage {
  messageId: string;
  /** `true` when the message had no Message-ID and one was made from its content. */
  syntheticMessageId: boolean;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  date: number | null;
  /** The new text of the message (the text part, or the HTML part as text). */
  text: string;
  /** Quoted history split off the text. */
  quoted: string;
  /** Raw HTML part (untrusted), before sanitising; `null` when there is none. */
  html: string | null;
  attachments: ParsedAttachment[];
  noise: Noise | null;
  bounce: Bounce | null;
}

export class MailParseError extends Error {
  override name = 'MailParseError';
}

/** A message larger than this is refused before parsing (a whole mbox is not one message). */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

const MESSAGE_ID = /<[^<>\s]{1,900}>/g;

/** Every `<…>` id in a header value, in order, without duplicates. */
export function messageIds(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  const ids: string[] = [...(text.match(MESSAGE_ID) ?? [])];
  // Some clients write ids without brackets; accept a lone bare token as one.
  if (ids.length === 0 && /^[^\s<>]+@[^\s<>]+$/.test(text.trim())) ids.push(`<${text.trim()}>`);
  return [...new Set(ids)];
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

function headerText(headers: Map<string, unknown>, name: string): string | null {
  const value = headers.get(name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return value.value;
  }
  return String(value as string);
}

export function classifyNoise(
  headers: Map<string, unknown>,
  fromAddress: string | null
): Noise | null {
  const auto = headerText(headers, 'auto-submitted');
  if (auto !== null && auto.trim().toLowerCase() !== 'no') return 'auto-submitted';
  const precedence = headerText(headers, 'precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return 'bulk';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'auto-reply';
  const local = fromAddress?.split('@')[0]?.toLowerCase() ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster') return 'mailer-daemon';
  return null;
}

function field(text: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)`, 'im').exec(text);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
}

function detectBounce(
  headers: Map<string, unknown>,
  attachments: readonly Attachment[],
  noise: Noise | null,
  raw: string,
  ownId: string | undefined
): Bounce | null {
  const contentType = headers.get('content-type');
  const params =
    contentType && typeof contentType === 'object' && 'params' in contentType
      ? (contentType.params as Record<string, string>)
      : {};
  const typeValue = headerText(headers, 'content-type')?.toLowerCase() ?? '';
  const isReport =
    typeValue === 'multipart/report' && params['report-type']?.toLowerCase() === 'delivery-status';
  const status = attachments.find((a) => a.contentType === 'message/delivery-status');
  if (!isReport && !(noise === 'mailer-daemon' && status)) return null;
  // mailparser may keep the report parts as attachments or fold them into the text: read the
  // fields from the parts when they are there, else from the raw message.
  const statusText = status ? status.content.toString('utf8') : raw;
  const original = attachments.find(
    (a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers'
  );
  const originalText = original ? original.content.toString('utf8') : raw;
  const originalId =
    [...originalText.matchAll(/^Message-ID:[ \t]*(<[^<>\s]+>)/gim)]
      .map((m) => m[1])
      .filter((id) => id !== ownId)
      .pop() ?? null;
  const diagnostic = field(statusText, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '');
  const code = field(statusText, 'Status');
  const action = field(statusText, 'Action');
  const reason =
    [diagnostic, code ? `status ${code}` : null, action].filter(Boolean).join(' · ') ||
    'The receiving server reported that the message could not be delivered.';
  return {
    originalMessageId: originalId ? (messageIds(originalId)[0] ?? null) : null,
    reason: reason.slice(0, 500)
  };
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
 * Parses one raw message. Throws `MailParseError` for what is not a message at all (no
 * headers, nothing that parses); a message with a broken MIME body still yields what could
 * be read.
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  if (raw.length === 0) throw new MailParseError('The message is empty.');
  if (raw.length > MAX_MESSAGE_BYTES) {
    throw new MailParseError(`The message is larger than ${MAX_MESSAGE_BYTES} bytes.`);
  }
  let mail;
  try {
    mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true });
  } catch (error) {
    throw new MailParseError(
      `The message does not parse: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const fromGroup: AddressObject | undefined = Array.isArray(mail.from) ? mail.from[0] : mail.from;
  const fromEntry = fromGroup?.value.find((a) => Boolean(a.address));
  if (!fromEntry?.address) {
    throw new MailParseError('The message has no sender address (From).');
  }
  const from = {
    address: fromEntry.address.toLowerCase().slice(0, 320),
    name: (fromEntry.name ?? '').trim().slice(0, 200)
  };
  const headers = mail.headers as Map<string, unknown>;
  const declared = messageIds(mail.messageId)[0];
  const messageId =
    declared ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}@baton.invalid>`;
  const noise = classifyNoise(headers, from.address);
  const bounce = detectBounce(
    headers,
    mail.attachments,
    noise,
    raw.subarray(0, 256 * 1024).toString('latin1'),
    declared
  );
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const rawText = (mail.text?.trim() ? mail.text : html ? htmlToText(html) : '').slice(0, 200_000);
  const { text, quoted } = splitQuoted(rawText);
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
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 998),
    from,
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
    noise,
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
  const text = sanitizeHtml(withBreaks, {
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

const ALLOW_LIST: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
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
};

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
  const clean = sanitizeHtml(html.slice(0, 2_000_000), {
    ...ALLOW_LIST,
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
  return sanitizeHtml(folded, ALLOW_LIST);
}

/** Puts remote images back in place, for an agent who chose to show them. */
export function revealRemoteImages(html: string): string {
  return html.replace(/data-remote-src="([^"]*)"/g, 'src="$1"');
}
