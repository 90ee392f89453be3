/**
 * Raw messages for tests and the bench, written the way real clients write them: Outlook,
 * Gmail and Apple Mail replies, forwards, a reply from someone on CC, a message without a
 * Message-ID, broken MIME, an oversized attachment, 8-bit charsets, auto-replies and a bounce.
 * Every builder returns bytes (a Buffer), since 8-bit charsets are bytes, not strings.
 */
import { Buffer } from 'node:buffer';
import type { MailboxSettings } from '../../server/mail/mailbox.ts';

export const SUPPORT = 'support@baton.test';
export const CUSTOMER = 'hanna.korhonen@example.fi';

/** Mailbox settings for a test server pair: plain connections, `user` signs in to IMAP. */
export function mailboxSettings(
  imap: { host: string; port: number },
  smtp: { host: string; port: number },
  user: string,
  overrides: Partial<MailboxSettings> = {}
): MailboxSettings {
  return {
    address: SUPPORT,
    displayName: 'Support',
    imap: {
      host: imap.host,
      port: imap.port,
      security: 'none',
      user,
      auth: 'password',
      folder: 'INBOX'
    },
    smtp: { host: smtp.host, port: smtp.port, security: 'none', user: 'baton', auth: 'password' },
    processed: 'flag',
    moveTo: 'Baton',
    reopenDays: 14,
    enabled: true,
    ...overrides
  };
}

const CRLF = '\r\n';

interface Common {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  date?: string;
  extraHeaders?: string[];
}

function headers(c: Common, contentHeaders: string[]): string {
  const lines = [
    `From: ${c.from ?? `Hanna Korhonen <${CUSTOMER}>`}`,
    `To: ${c.to ?? `Support <${SUPPORT}>`}`,
    ...(c.cc ? [`Cc: ${c.cc}`] : []),
    `Subject: ${c.subject ?? 'VPN drops every hour'}`,
    `Date: ${c.date ?? 'Tue, 05 Mar 2024 10:00:00 +0200'}`,
    ...(c.messageId === null
      ? []
      : [`Message-ID: ${c.messageId ?? `<${Math.random().toString(36).slice(2)}@example.fi>`}`]),
    ...(c.inReplyTo ? [`In-Reply-To: ${c.inReplyTo}`] : []),
    ...(c.references?.length ? [`References: ${c.references.join(' ')}`] : []),
    'MIME-Version: 1.0',
    ...(c.extraHeaders ?? []),
    ...contentHeaders
  ];
  return lines.join(CRLF);
}

export function plain(c: Common & { body?: string }): Buffer {
  return Buffer.from(
    `${headers(c, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'])}${CRLF}${CRLF}${(c.body ?? 'Hello,\nmy VPN drops every hour.\n\nHanna').replace(/\n/g, CRLF)}${CRLF}`,
    'utf8'
  );
}

function alternative(c: Common, text: string, html: string, boundary = 'alt-boundary-1'): Buffer {
  return Buffer.from(
    [
      headers(c, [`Content-Type: multipart/alternative; boundary="${boundary}"`]),
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text.replace(/\n/g, CRLF),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      html,
      `--${boundary}--`,
      ''
    ].join(CRLF),
    'utf8'
  );
}

/** Gmail: "On … wrote:" over `>` quotes; HTML with `div.gmail_quote`. */
export function gmailReply(c: Common & { body?: string }): Buffer {
  const body = c.body ?? 'It happened again this morning.';
  return alternative(
    c,
    `${body}\n\nOn Tue, 5 Mar 2024 at 11:00, Support <${SUPPORT}> wrote:\n> Please try the new client.\n>\n> Aino\n`,
    `<div dir="ltr">${body}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, 5 Mar 2024 at 11:00, Support &lt;${SUPPORT}&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Please try the new client.<br>Aino</blockquote></div>`
  );
}

/** Outlook: a "From: / Sent: / To: / Subject:" block; HTML with `divRplyFwdMsg`. */
export function outlookReply(c: Common & { body?: string }): Buffer {
  const body = c.body ?? 'Still broken, sorry.';
  return alternative(
    c,
    `${body}\n\nBest regards\nHanna\n\n________________________________\nFrom: Support <${SUPPORT}>\nSent: Tuesday, March 5, 2024 11:00 AM\nTo: Hanna Korhonen <${CUSTOMER}>\nSubject: Re: VPN drops every hour\n\nPlease try the new client.\n`,
    `<html><body><div>${body}</div><div>Best regards<br>Hanna</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Support &lt;${SUPPORT}&gt;<br><b>Sent:</b> Tuesday, March 5, 2024 11:00 AM</font></div><div>Please try the new client.</div></body></html>`
  );
}

/** Apple Mail: "On 5 Mar 2024, at 11.00, … wrote:" and `blockquote type="cite"`. */
export function appleReply(c: Common & { body?: string }): Buffer {
  const body = c.body ?? 'Thanks, that fixed it!';
  return alternative(
    c,
    `${body}\n\n> On 5 Mar 2024, at 11.00, Support <${SUPPORT}> wrote:\n> \n> Please try the new client.\n`,
    `<html><body>${body}<br><div><br><blockquote type="cite"><div>On 5 Mar 2024, at 11.00, Support &lt;${SUPPORT}&gt; wrote:</div><div>Please try the new client.</div></blockquote></div></body></html>`
  );
}

export function forward(c: Common): Buffer {
  return plain({
    ...c,
    subject: c.subject ?? 'Fwd: Invoice 2024-117 is wrong',
    body: 'Can you look at this? Our finance team got it.\n\n---------- Forwarded message ---------\nFrom: Billing <billing@vendor.example>\nDate: Mon, 4 Mar 2024 at 09:12\nSubject: Invoice 2024-117 is wrong\nTo: <finance@example.fi>\n\nThe invoice total does not match the order.\n'
  });
}

/** An HTML message with a script, an event handler, a remote image and an inline image. */
export function hostileHtml(c: Common): Buffer {
  const boundary = 'rel-boundary-7';
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64'
  );
  return Buffer.from(
    [
      headers(c, [`Content-Type: multipart/related; boundary="${boundary}"`]),
      '',
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><head><script>alert(1)</script><style>body{background:url(https://tracker.example/bg.png)}</style></head><body>',
      '<p onclick="alert(2)">Screenshot below <a href="javascript:alert(3)">click</a> <a href="https://example.fi/help">help</a></p>',
      '<img src="https://tracker.example/pixel.gif" onerror="alert(4)"><img src="cid:shot1@example.fi" alt="screenshot">',
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="x"></form>',
      '</body></html>',
      `--${boundary}`,
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      'Content-ID: <shot1@example.fi>',
      'Content-Disposition: inline; filename="screenshot.png"',
      '',
      png.toString('base64'),
      `--${boundary}--`,
      ''
    ].join(CRLF),
    'utf8'
  );
}

/** A message with one attachment of `size` bytes. */
export function withAttachment(
  c: Common & { size: number; filename?: string; type?: string }
): Buffer {
  const boundary = 'mixed-boundary-3';
  const data = Buffer.alloc(c.size, 0x41).toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  return Buffer.from(
    [
      headers(c, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The log file is attached.',
      `--${boundary}`,
      `Content-Type: ${c.type ?? 'application/octet-stream'}; name="${c.filename ?? 'vpn.log'}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${c.filename ?? 'vpn.log'}"`,
      '',
      data,
      `--${boundary}--`,
      ''
    ].join(CRLF),
    'utf8'
  );
}

/** Text in an 8-bit charset, sent as raw 8-bit bytes with the charset declared. */
export function eightBit(
  c: Common & { charset: 'iso-8859-1' | 'iso-8859-15' | 'windows-1252' | 'utf-8'; text: string }
): Buffer {
  const head = Buffer.from(
    `${headers(c, [`Content-Type: text/plain; charset=${c.charset}`, 'Content-Transfer-Encoding: 8bit'])}${CRLF}${CRLF}`,
    'latin1'
  );
  return Buffer.concat([head, encode(c.text, c.charset), Buffer.from(CRLF)]);
}

const WIN1252_EXTRA: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  Š: 0x8a,
  š: 0x9a,
  Ž: 0x8e,
  ž: 0x9e
};
const LATIN9: Record<string, number> = {
  '€': 0xa4,
  Š: 0xa6,
  š: 0xa8,
  Ž: 0xb4,
  ž: 0xb8,
  Œ: 0xbc,
  œ: 0xbd,
  Ÿ: 0xbe
};

function encode(text: string, charset: string): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (const ch of text) {
    const extra =
      charset === 'windows-1252'
        ? WIN1252_EXTRA[ch]
        : charset === 'iso-8859-15'
          ? LATIN9[ch]
          : undefined;
    const code = ch.codePointAt(0) ?? 0x3f;
    bytes.push(extra ?? (code < 256 ? code : 0x3f));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded subject and name in ISO-8859-1 (quoted-printable). */
export function encodedHeaders(c: Common): Buffer {
  return plain({
    ...c,
    from: `=?ISO-8859-1?Q?J=F8rgen_S=F8rensen?= <jorgen@example.dk>`,
    subject: '=?ISO-8859-1?Q?Kr=E6ver_hj=E6lp_med_l=F8n?=',
    body: 'Hej, jeg kan ikke logge ind.'
  });
}

export function autoReply(
  kind: 'auto-submitted' | 'precedence' | 'x-autoreply' | 'mailer-daemon',
  c: Common = {}
): Buffer {
  const extra =
    kind === 'auto-submitted'
      ? ['Auto-Submitted: auto-replied']
      : kind === 'precedence'
        ? ['Precedence: bulk']
        : kind === 'x-autoreply'
          ? ['X-Autoreply: yes']
          : [];
  return plain({
    ...c,
    ...(kind === 'mailer-daemon'
      ? { from: 'Mail Delivery System <MAILER-DAEMON@mx.example.fi>' }
      : {}),
    subject: c.subject ?? 'Out of office: VPN drops every hour',
    body: 'I am out of the office until Monday.',
    extraHeaders: [...(c.extraHeaders ?? []), ...extra]
  });
}

/** An RFC 3464 delivery-status report about `originalMessageId`. */
export function bounce(c: Common & { originalMessageId: string; recipient?: string }): Buffer {
  const boundary = 'report-boundary-9';
  const recipient = c.recipient ?? 'nobody@example.fi';
  return Buffer.from(
    [
      headers(
        {
          ...c,
          from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.fi>',
          subject: 'Undelivered Mail Returned to Sender',
          to: SUPPORT
        },
        [
          `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
          'Auto-Submitted: auto-replied'
        ]
      ),
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system. Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.fi',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `From: Support <${SUPPORT}>`,
      `To: ${recipient}`,
      `Subject: Re: VPN drops every hour`,
      `Message-ID: ${c.originalMessageId}`,
      '',
      `--${boundary}--`,
      ''
    ].join(CRLF),
    'utf8'
  );
}

/** MIME that does not hold together: a boundary that never closes, broken base64. */
export function brokenMime(c: Common): Buffer {
  return Buffer.from(
    [
      headers(c, ['Content-Type: multipart/mixed; boundary="never-closed"']),
      '',
      '--never-closed',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The text part survives.',
      '--never-closed',
      'Content-Type: application/pdf; name="x.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      '%%%% not base64 at all !!!',
      ''
    ].join(CRLF),
    'utf8'
  );
}
