/**
 * A real IMAP server for tests and benchmarks: Debian's Dovecot, configured in a temp folder on
 * a free port (see shared stack notes). Installs `dovecot-imapd` with apt-get when it is missing
 * (CI installs it from .ci/run first). Mail is stored as maildir under the folder, owned by the
 * `dovecot` system user so that Dovecot does not refuse to act as root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export interface DovecotServer {
  host: string;
  port: number;
  users: { user: string; password: string }[];
  dir: string;
  /** APPENDs a raw message to `user`'s mailbox (INBOX by default), the way delivery would. */
  append(user: string, raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Opens a client as `user` (for assertions on flags and folders). */
  client(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function ensureDovecotInstalled(): void {
  if (existsSync('/usr/sbin/dovecot')) return;
  const run = (args: string[]) => {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  };
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'dovecot-imapd']);
}

function systemIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
  return { uid, gid };
}

export interface DovecotOptions {
  /**
   * Also sign in with XOAUTH2 and OAUTHBEARER: Dovecot's `passdb oauth2` asks this RFC 7662
   * introspection endpoint (POST `token=…`) whether a bearer token is live and whose it is
   * (`email`, `active: yes`), as with a Microsoft or Google tenant
   * (`oauth-provider.ts`). Password logins keep working for the test's own client.
   */
  oauth?: { introspectUrl: string };
}

export async function startDovecot(
  users: { user: string; password: string }[] = [{ user: 'support', password: 'support-pass' }],
  options: DovecotOptions = {}
): Promise<DovecotServer> {
  ensureDovecotInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'baton-dovecot-'));
  // Dovecot's auth process runs as the dovecot user and must read the passwd file.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const { uid, gid } = systemIds('dovecot');
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  chownSync(mail, uid, gid);
  for (const sub of ['run', 'state']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}\n`).join(''));
  const oauthConf = join(dir, 'oauth2.conf');
  if (options.oauth) {
    writeFileSync(
      oauthConf,
      [
        `introspection_url = ${options.oauth.introspectUrl}`,
        'introspection_mode = post',
        'username_attribute = email',
        'username_format = %Lu',
        'active_attribute = active',
        'active_value = yes',
        ''
      ].join('\n')
    );
  }
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      `info_log_path = ${join(dir, 'dovecot.log')}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      `auth_mechanisms = plain login${options.oauth ? ' xoauth2 oauthbearer' : ''}`,
      `mail_location = maildir:${mail}/%u`,
      `first_valid_uid = ${uid}`,
      `first_valid_gid = ${gid}`,
      'mail_max_userip_connections = 100',
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}`,
      ...(options.oauth ? ['  mechanisms = plain login'] : []),
      '}',
      ...(options.oauth
        ? [
            'passdb {',
            '  driver = oauth2',
            '  mechanisms = xoauth2 oauthbearer',
            `  args = ${oauthConf}`,
            '}'
          ]
        : []),
      'userdb {',
      '  driver = static',
      `  args = uid=${uid} gid=${gid} home=${mail}/%u`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      'service imap-login {',
      '  chroot =',
      '}',
      ''
    ].join('\n')
  );
  // The daemon's children inherit its standard streams: with pipes, spawnSync would wait for
  // them to close, i.e. forever. Errors go to the log file instead.
  const started = spawnSync('/usr/sbin/dovecot', ['-c', conf], { stdio: 'ignore' });
  if (started.status !== 0) {
    const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log')) : '';
    throw new Error(`Dovecot did not start (exit ${started.status}): ${String(log)}`);
  }
  const server: DovecotServer = {
    host: '127.0.0.1',
    port,
    users,
    dir,
    async client(user) {
      const account = users.find((u) => u.user === user);
      if (!account) throw new Error(`No test account ${user}`);
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass: account.password },
        logger: false
      });
      await client.connect();
      return client;
    },
    async append(user, raw, mailbox = 'INBOX') {
      const client = await server.client(user);
      try {
        await client.mailboxCreate(mailbox).catch(() => undefined);
        await client.append(mailbox, raw);
      } finally {
        await client.logout();
      }
    },
    async stop() {
      spawnSync('/usr/bin/doveadm', ['-c', conf, 'stop'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Dovecot forks and returns before the listener accepts: wait until a login works.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const client = await server.client(users[0]?.user ?? '');
      await client.logout();
      return server;
    } catch (error) {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`Dovecot on port ${port} did not accept a login within 10 s`, {
          cause: error
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
