/**
 * Charsets, repaired before the MIME parser sees the message.
 *
 * Mail in the wild breaks the rules in three common ways, and each turned text into
 * replacement characters or escape codes:
 *   - raw 8-bit bytes in headers (a Chinese mail program writing the subject in GB2312, a
 *     Japanese one in Shift_JIS), which RFC 5322 forbids and parsers read as UTF-8;
 *   - encoded words (RFC 2047) labelled with the wrong charset, most often UTF-8 bytes labelled
 *     ISO-8859-1 or Windows-1252;
 *   - a text body with no declared charset in a legacy 8-bit charset.
 *
 * `normaliseMessage` rewrites only what it must: every header becomes ASCII, with non-ASCII
 * words as UTF-8 encoded words, and every text part without a charset gets the one detected
 * from its bytes. Which charset: bytes that are valid UTF-8 are UTF-8; otherwise the charset
 * the message declares for its text (a mail program writes its headers and its body in the
 * same one) if it decodes them cleanly; otherwise what `chardet` finds in all the message's
 * 8-bit bytes together (a longer sample detects better than one subject); and Windows-1252,
 * the superset of Latin-1, when nothing is known. `iconv-lite` does the decoding.
 *
 * A multipart body with no boundary line at all is, for a person, just text: its content type
 * becomes `text/plain`, so the words are shown instead of "(no text)".
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

const SINGLE_BYTE = /^(us-ascii|ascii|iso[-_]?8859[-_]?\d+|latin-?1|windows-125\d|cp-?125\d)$/i;
const UTF8 = /^utf-?8$/i;
const REPLACEMENT = '\uFFFD';

export function hasHighBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return true;
  return false;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function known(charset: string | null | undefined): string | null {
  if (!charset) return null;
  const name = charset.trim().replace(/^["']|["']$/g, '');
  return name !== '' && iconv.encodingExists(name) ? name : null;
}

function cleanly(bytes: Uint8Array, charset: string): string | null {
  const text = iconv.decode(Buffer.from(bytes), charset);
  return text.includes(REPLACEMENT) ? null : text;
}

/** The charset `chardet` finds most likely among those `iconv-lite` can decode, or `null`. */
export function detectCharset(sample: Uint8Array): string | null {
  if (sample.length === 0) return null;
  for (const match of chardet.analyse(Buffer.from(sample))) {
    if (known(match.name)) return match.name;
  }
  return null;
}

/**
 * Decodes bytes that claim to be in `declared` (or in nothing): the declared charset unless the
 * bytes show the label is wrong (UTF-8 labelled as a single-byte charset; bytes that are not
 * UTF-8 labelled UTF-8), then `hint` if it decodes them cleanly, then detection.
 */
export function decodeBytes(
  bytes: Uint8Array,
  declared: string | null,
  hint: string | null = null
): string {
  if (!hasHighBytes(bytes)) return Buffer.from(bytes).toString('latin1');
  const utf8 = isValidUtf8(bytes);
  const label = known(declared);
  if (label && !UTF8.test(label) && !(SINGLE_BYTE.test(label) && utf8)) {
    return iconv.decode(Buffer.from(bytes), label);
  }
  if (utf8) return Buffer.from(bytes).toString('utf8');
  const hinted = known(hint);
  if (hinted && !UTF8.test(hinted)) {
    const text = cleanly(bytes, hinted);
    if (text !== null) return text;
  }
  const detected = detectCharset(bytes);
  if (detected) {
    const text = cleanly(bytes, detected);
    if (text !== null) return text;
  }
  return iconv.decode(Buffer.from(bytes), 'windows-1252');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function qDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words decoded (adjacent words joined), each checked against its label. */
export function decodeEncodedWords(value: string, hint: string | null = null): string {
  // Whitespace between two encoded words is not part of the text.
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  const parts: string[] = [];
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) parts.push(decodeBytes(Buffer.concat(pending.bytes), pending.charset, hint));
    pending = null;
  };
  for (const match of joined.matchAll(ENCODED_WORD)) {
    const at = match.index;
    if (at > last) {
      flush();
      parts.push(joined.slice(last, at));
    }
    const charset = (match[1] ?? '').split('*')[0] ?? '';
    const text = match[3] ?? '';
    const bytes = /b/i.test(match[2] ?? '') ? Buffer.from(text, 'base64') : qDecode(text);
    // Consecutive words in one charset are decoded together: a multi-byte character may be
    // split across two of them.
    if (pending && pending.charset.toLowerCase() === charset.toLowerCase())
      pending.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = at + match[0].length;
  }
  flush();
  parts.push(joined.slice(last));
  return parts.join('');
}

/** A UTF-8 encoded word (B encoding), split so that none is longer than RFC 2047 allows. */
function encodeWord(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/**
 * A decoded header value made ASCII again: every run of non-ASCII text (a quoted display name,
 * a word) becomes a UTF-8 encoded word; addresses and punctuation are left as they are.
 */
function asciiHeader(text: string): string {
  // A run of non-ASCII words is one encoded text: the space between two encoded words is not
  // part of the text, so the words of a run must not be encoded one by one.
  const word = String.raw`[^\s"<>,;:()]*[^\x00-\x7f][^\s"<>,;:()]*`;
  const run = new RegExp(String.raw`"((?:[^"\\]|\\.)*)"|${word}(?:[ \t]+${word})*`, 'g');
  return text.replace(run, (all: string, quoted: string | undefined) => {
    // eslint-disable-next-line no-control-regex
    if (quoted !== undefined && !/[^\x00-\x7f]/.test(quoted)) return all;
    return encodeWord(quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : all);
  });
}

// ---------------------------------------------------------------------------------------------
// The message as bytes: header block, fields, body

export interface RawField {
  /** Lower-case name. */
  name: string;
  /** The value's bytes, unfolded (continuation line breaks removed), without the name. */
  value: Buffer;
}

/** Where the body starts: after the first empty line (CRLF or LF), or the end. */
export function splitHead(raw: Buffer): { head: Buffer; body: Buffer } {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return { head: raw.subarray(0, i + 1), body: raw.subarray(i + 2) };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) {
      return { head: raw.subarray(0, i + 1), body: raw.subarray(i + 3) };
    }
  }
  return { head: raw, body: Buffer.alloc(0) };
}

/** The header fields of a header block, in order, each unfolded (a real header parser). */
export function readFields(head: Buffer): RawField[] {
  const fields: RawField[] = [];
  const lines = head.toString('latin1').split(/\r?\n/);
  let current: { name: string; value: string } | null = null;
  const push = () => {
    if (current) {
      fields.push({ name: current.name, value: Buffer.from(current.value.trim(), 'latin1') });
    }
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    push();
    current = null;
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    current = { name, value: line.slice(colon + 1) };
  }
  push();
  return fields;
}

/** A parameter of a structured header value (`charset`, `boundary`), unquoted. */
export function headerParam(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\*?=\\s*("((?:[^"\\\\]|\\\\.)*)"|[^;\\s]+)`, 'i').exec(
    value
  );
  if (!match) return null;
  return (match[2] ?? match[1] ?? '').replace(/\\(.)/g, '$1');
}

function fieldText(fields: RawField[], name: string): string {
  return fields.find((f) => f.name === name)?.value.toString('latin1') ?? '';
}

function qpBody(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodedBody(body: Buffer, encoding: string): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'quoted-printable') return qpBody(body);
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  return body;
}

/** The bytes of every text leaf without a declared charset, and the first declared charset. */
function survey(raw: Buffer, depth = 0): { declared: string | null; undeclared: Buffer[] } {
  const { head, body } = splitHead(raw);
  const fields = readFields(head);
  const type = fieldText(fields, 'content-type');
  const mime = (type.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const boundary = headerParam(type, 'boundary');
  if (mime.startsWith('multipart/') && boundary && depth < 20) {
    const out = { declared: null as string | null, undeclared: [] as Buffer[] };
    for (const part of splitParts(body, boundary)?.parts ?? []) {
      const inner = survey(part, depth + 1);
      out.declared ??= inner.declared;
      out.undeclared.push(...inner.undeclared);
    }
    return out;
  }
  if (!mime.startsWith('text/')) return { declared: null, undeclared: [] };
  const charset = known(headerParam(type, 'charset'));
  if (charset) return { declared: charset, undeclared: [] };
  return {
    declared: null,
    undeclared: [decodedBody(body, fieldText(fields, 'content-transfer-encoding'))]
  };
}

interface Parts {
  /** Bytes before the first part, the delimiters between and after, kept as they were. */
  between: Buffer[];
  parts: Buffer[];
}

/** Splits a multipart body at its boundary lines; `null` when there is none. */
function splitParts(body: Buffer, boundary: string): Parts | null {
  const text = body.toString('latin1');
  const delimiter = new RegExp(
    `(^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`,
    'g'
  );
  const marks = [...text.matchAll(delimiter)];
  if (marks.length === 0) return null;
  const between: Buffer[] = [];
  const parts: Buffer[] = [];
  let at = 0;
  for (const [i, mark] of marks.entries()) {
    const start = mark.index;
    if (i > 0) parts.push(body.subarray(at, start));
    else between.push(body.subarray(0, start));
    let end = start + mark[0].length;
    // The line break after the delimiter belongs to it.
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (text[end] === '\n') end += 1;
    between.push(body.subarray(start, end));
    at = end;
    if (mark[2] === '--') break;
  }
  between.push(body.subarray(at));
  return { between, parts };
}

function rewriteHead(
  fields: RawField[],
  replace: Map<string, string>,
  hint: string | null
): Buffer {
  const lines: string[] = [];
  for (const field of fields) {
    const value =
      replace.get(field.name) ??
      (hasHighBytes(field.value) || /=\?[^?]+\?[bBqQ]\?/.test(field.value.toString('latin1'))
        ? asciiHeader(decodeEncodedWords(decodeBytes(field.value, null, hint), hint))
        : field.value.toString('latin1'));
    lines.push(`${field.name}: ${value}`);
    replace.delete(field.name);
  }
  // A part that declared no content type gets one.
  for (const [name, value] of replace) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

function fixEntity(raw: Buffer, hint: string | null, depth: number): Buffer {
  const { head, body } = splitHead(raw);
  const fields = readFields(head);
  const type = fieldText(fields, 'content-type');
  const mime = (type.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const boundary = headerParam(type, 'boundary');
  const replace = new Map<string, string>();
  if (mime.startsWith('multipart/') && depth < 20) {
    const split = boundary ? splitParts(body, boundary) : null;
    if (split) {
      const out: Buffer[] = [split.between[0] ?? Buffer.alloc(0)];
      split.parts.forEach((part, i) => {
        out.push(fixEntity(part, hint, depth + 1), split.between[i + 1] ?? Buffer.alloc(0));
      });
      out.push(...split.between.slice(split.parts.length + 1));
      return Buffer.concat([rewriteHead(fields, replace, hint), ...out]);
    }
    // No boundary line at all: the whole body is text.
    const bytes = decodedBody(body, fieldText(fields, 'content-transfer-encoding'));
    const charset = isValidUtf8(bytes) ? 'utf-8' : (detectCharset(bytes) ?? 'windows-1252');
    replace.set('content-type', `text/plain; charset="${charset}"`);
    return Buffer.concat([rewriteHead(fields, replace, hint), body]);
  }
  if (mime.startsWith('text/') && !known(headerParam(type, 'charset'))) {
    const bytes = decodedBody(body, fieldText(fields, 'content-transfer-encoding'));
    if (hasHighBytes(bytes)) {
      const charset = isValidUtf8(bytes)
        ? 'utf-8'
        : ((hint && cleanly(bytes, hint) !== null ? hint : null) ??
          detectCharset(bytes) ??
          'windows-1252');
      const rest = type.includes(';') ? type.slice(type.indexOf(';')) : '';
      replace.set(
        'content-type',
        `${mime}${rest.replace(/;\s*charset\*?=\s*("[^"]*"|[^;\s]*)/i, '')}; charset="${charset}"`
      );
    }
  }
  return Buffer.concat([rewriteHead(fields, replace, hint), body]);
}

export interface LeafPart {
  /** The content type, lower-case, without parameters. */
  type: string;
  fields: RawField[];
  /** The body with its transfer encoding undone. */
  body: Buffer;
}

/** Every leaf part of a message, in order (a message/rfc822 part is a leaf). */
export function leafParts(raw: Buffer, depth = 0): LeafPart[] {
  const { head, body } = splitHead(raw);
  const fields = readFields(head);
  const type = fieldText(fields, 'content-type');
  const mime = (type.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const boundary = headerParam(type, 'boundary');
  if (mime.startsWith('multipart/') && boundary && depth < 20) {
    const split = splitParts(body, boundary);
    if (split) return split.parts.flatMap((part) => leafParts(part, depth + 1));
  }
  return [
    { type: mime, fields, body: decodedBody(body, fieldText(fields, 'content-transfer-encoding')) }
  ];
}

/**
 * The message with its headers made ASCII (UTF-8 encoded words where needed) and every text
 * part's charset declared (see the file comment). A message that needs nothing is returned as
 * it came.
 */
export function normaliseMessage(raw: Buffer): Buffer {
  const { head } = splitHead(raw);
  const fields = readFields(head);
  const headerBytes = Buffer.concat(
    fields.filter((f) => hasHighBytes(f.value)).map((f) => f.value)
  );
  const encodedWords = fields.some((f) => /=\?[^?]+\?[bBqQ]\?/.test(f.value.toString('latin1')));
  const { declared, undeclared } = survey(raw);
  const undeclaredHigh = undeclared.filter((b) => hasHighBytes(b) && !isValidUtf8(b));
  if (headerBytes.length === 0 && !encodedWords && undeclaredHigh.length === 0) {
    const type = fieldText(fields, 'content-type').toLowerCase();
    const boundary = headerParam(type, 'boundary');
    const { body } = splitHead(raw);
    if (!type.startsWith('multipart/') || (boundary && splitParts(body, boundary))) return raw;
  }
  // One charset for the headers, from everything the message holds (see the file comment).
  let hint: string | null = null;
  if (headerBytes.length > 0 && !isValidUtf8(headerBytes)) {
    hint =
      declared && cleanly(headerBytes, declared) !== null
        ? declared
        : detectCharset(Buffer.concat([headerBytes, ...undeclaredHigh]));
  } else if (undeclaredHigh.length > 0) {
    hint = detectCharset(Buffer.concat(undeclaredHigh));
  }
  return fixEntity(raw, hint, 0);
}
