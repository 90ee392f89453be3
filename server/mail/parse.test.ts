import { describe, expect, it } from 'vitest';
import { Headers, classify } from './classify.ts';
import { messageIds, revealRemoteImages, sanitizeMailHtml, splitQuoted } from './parse.ts';
import { isMbox, splitMbox } from './import.ts';
import { SecretBox, parseSecretKey } from './secret-box.ts';

describe('splitQuoted', () => {
  it.each([
    ['Gmail', 'Thanks!\n\nOn Tue, 5 Mar 2024 at 11:00, Support <s@x.fi> wrote:\n> old'],
    [
      'Gmail, wrapped',
      'Thanks!\n\nOn Tue, 5 Mar 2024 at 11:00, Support Team\n<s@x.fi> wrote:\n> old'
    ],
    [
      'Outlook',
      'Thanks!\n\n________________________________\nFrom: Support\nSent: Tuesday\nTo: Hanna\n\nold'
    ],
    ['Outlook, classic', 'Thanks!\n\n-----Original Message-----\nFrom: Support\nold'],
    ['Finnish', 'Thanks!\n\nti 5.3.2024 klo 11.00 Support <s@x.fi> kirjoitti:\n> old'],
    ['Danish', 'Thanks!\n\nDen 5. mar. 2024 kl. 11.00 skrev Support <s@x.fi>:\n> old'],
    ['bare quotes', 'Thanks!\n\n> old\n> older']
  ])('splits %s history from the new text', (_, text) => {
    const split = splitQuoted(text);
    expect(split.text).toBe('Thanks!');
    expect(split.quoted).toContain('old');
  });

  it('keeps inline answers between quotes, forwards, and text that is all quote', () => {
    const inline = '> Does it work?\nYes.\n> And the VPN?\nNo.';
    expect(splitQuoted(inline)).toEqual({ text: inline, quoted: '' });
    const fwd = 'FYI\n\n---------- Forwarded message ---------\nFrom: A\nDate: B\nTo: C\n\nbody';
    expect(splitQuoted(fwd).quoted).toBe('');
    expect(splitQuoted('> only a quote')).toEqual({ text: '> only a quote', quoted: '' });
    const prose = 'This is the error I wrote down:\nE_TIMEOUT';
    expect(splitQuoted(prose)).toEqual({ text: prose, quoted: '' });
  });
});

describe('headers', () => {
  it('reads message ids in order, once, with or without brackets', () => {
    expect(messageIds('<a@x> <b@y>\r\n <a@x>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(['<a@x>', '<c@z>'])).toEqual(['<a@x>', '<c@z>']);
    expect(messageIds('bare@id.example')).toEqual(['<bare@id.example>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(messageIds('garbage without at')).toEqual([]);
  });

  it('classifies auto-replies, bulk mail and daemons, and lets people through', () => {
    const noise = (entries: [string, string][], from: string, subject = 'Hello') =>
      classify(
        Headers.of(Buffer.from(`${entries.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n`)),
        subject,
        from
      ).noise;
    expect(noise([['Auto-Submitted', 'auto-replied']], 'a@x')).toBe('auto-reply');
    expect(noise([['Auto-Submitted', 'no']], 'a@x')).toBeNull();
    expect(noise([['Auto-Submitted', 'auto-generated']], 'a@x')).toBe('auto-generated');
    expect(noise([['Precedence', 'Bulk']], 'a@x')).toBe('bulk');
    expect(noise([['Precedence', 'list']], 'a@x')).toBe('list');
    expect(noise([['Precedence', 'first-class']], 'a@x')).toBeNull();
    expect(noise([['X-Autoreply', 'yes']], 'a@x')).toBe('auto-reply');
    expect(noise([['X-MS-Exchange-Inbox-Rules-Loop', 'a@x']], 'a@x')).toBe('auto-reply');
    expect(noise([['X-Auto-Response-Suppress', 'All']], 'a@x', 'Automatic reply: Hi')).toBe(
      'auto-reply'
    );
    // Exchange's mark alone (a normal Outlook message may carry it) is not an auto-reply.
    expect(noise([['X-Auto-Response-Suppress', 'All']], 'a@x', 'Printer')).toBeNull();
    expect(noise([], 'MAILER-DAEMON@mx.example')).toBe('mailer-daemon');
    expect(noise([], 'postmaster@example.fi')).toBe('mailer-daemon');
    expect(noise([], 'hanna@example.fi')).toBeNull();
  });
});

describe('sanitizeMailHtml', () => {
  it('drops scripts, handlers, frames, forms and remote loads; keeps text, links and cid images', () => {
    const { html, remoteImages } = sanitizeMailHtml(
      `<script>x()</script><p onclick="x()" style="color:red;background:url(//evil/x)">Hi <a href="javascript:x()">a</a> <a href="https://ok.example">b</a></p>
       <img src="https://t.example/p.gif"><img src="cid:c1"><img src="//evil/x.png"><img src="data:image/png;base64,AAAA">
       <iframe src="https://e"></iframe><form><input></form><svg onload="x()"></svg><object data="x"></object>`,
      (cid) => (cid === 'c1' ? `/api/blobs/${'b'.repeat(64)}` : null)
    );
    for (const bad of [
      'script',
      'onclick',
      'javascript:',
      'iframe',
      '<form',
      '<input',
      'svg',
      'object',
      'url(',
      '//evil'
    ]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('color:red');
    expect(html).toContain(
      'href="https://ok.example" target="_blank" rel="noopener noreferrer nofollow"'
    );
    expect(html).toContain(`src="/api/blobs/${'b'.repeat(64)}"`);
    expect(html).toContain('data-remote-src="https://t.example/p.gif"');
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(remoteImages).toBe(true);
    expect(revealRemoteImages(html)).toContain('src="https://t.example/p.gif"');
  });

  it('is stable when run again on its own output', () => {
    const once = sanitizeMailHtml(
      '<div>new</div><div class="gmail_quote">old</div>',
      () => null
    ).html;
    expect(sanitizeMailHtml(once, () => null).html).toBe(once);
  });
});

describe('mbox', () => {
  it('splits messages and undoes >From quoting, byte for byte', () => {
    const latin1 = Buffer.from([0x48, 0xe4, 0x6c, 0x6c, 0xf6]); // "Hällö" in ISO-8859-1
    const mbox = Buffer.concat([
      Buffer.from('From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From the start\n'),
      latin1,
      Buffer.from('\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: two\n\nbody\n')
    ]);
    expect(isMbox(mbox)).toBe(true);
    const [one, two, ...rest] = splitMbox(mbox);
    expect(rest).toEqual([]);
    expect(one?.toString('latin1')).toContain('\nFrom the start\n');
    expect(one?.includes(latin1)).toBe(true);
    expect(two?.toString('latin1')).toBe('Subject: two\n\nbody\n');
    expect(isMbox(Buffer.from('Subject: x\n\nbody'))).toBe(false);
  });
});

describe('SecretBox', () => {
  it('round-trips, binds the context, and refuses tampering', () => {
    const box = new SecretBox(Buffer.alloc(32, 3), false);
    const sealed = box.seal('hunter2', 'ws-1/imap');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed, 'ws-1/imap')).toBe('hunter2');
    expect(box.open(sealed, 'ws-2/imap')).toBeNull();
    expect(box.open(`${sealed.slice(0, -2)}AA`, 'ws-1/imap')).toBeNull();
    expect(box.open('garbage', 'ws-1/imap')).toBeNull();
    expect(SecretBox.fromConfig(null).isDevelopmentKey).toBe(true);
  });

  it('accepts 32-byte keys in hex or base64 only', () => {
    expect(parseSecretKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseSecretKey(Buffer.alloc(32, 9).toString('base64'))?.length).toBe(32);
    expect(parseSecretKey('too-short')).toBeNull();
  });
});
