/**
 * Accounts end to end on the server: sessions (expiry, sliding renewal, sign-out everywhere,
 * a cookie refused after sign-out, the token never stored), brute-force limits, password reset
 * through a real SMTP server, invitations (reuse, expiry, the wrong address), the last owner,
 * live sockets closed or downgraded when a membership changes, API tokens, the Origin check
 * and the audit log.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { indexDocName, ticketDocName } from '../../src/lib/domain/doc-names.ts';
import {
  addThreadEntry,
  createTicket,
  readTicket,
  readTicketFields,
  setPriority
} from '../../src/lib/domain/ticket.ts';
import { putCustomer, putMember, readIndex } from '../../src/lib/domain/workspace-index.ts';
import { SESSION_COOKIE } from '../../src/lib/server/services.ts';
import { smtpMailer } from '../../server/accounts/mailer.ts';
import { verifyPassword } from '../../server/accounts/passwords.ts';
import { databasePath } from '../../server/storage.ts';
import { csvField, auditCsv } from '../../server/audit/audit-log.ts';
import { startSmtpReceiver } from '../mail-servers/smtp-receiver.ts';
import { createBaton } from '../../server/baton.ts';
import { ConfigError, testConfig } from '../../server/config.ts';
import { cleanupAfterEach, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';
import {
  barrier,
  batch,
  client,
  databaseBytes,
  outcome,
  person,
  startWith,
  team,
  type Client
} from './auth-helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const ctx = { ip: '203.0.113.7' };

/** Rows of failed sign-ins for unknown accounts (they belong to no workspace). */
function anonymousFailures(running: RunningBaton): number {
  const db = new Database(databasePath(running.config.dataDir), { readonly: true });
  try {
    return (
      db
        .prepare<[], { n: number }>(
          "SELECT COUNT(*) AS n FROM audit_events WHERE workspace_id IS NULL AND action = 'sign-in-failed'"
        )
        .get()?.n ?? 0
    );
  } finally {
    db.close();
  }
}

describe('accounts and sessions', () => {
  const cleanups = cleanupAfterEach();

  async function start(deps: Parameters<typeof startWith>[1] = {}): Promise<RunningBaton> {
    const dir = tempDir();
    const running = await startWith(dir.path, deps);
    cleanups.push(dir.remove);
    cleanups.push(() => running.stop());
    return running;
  }

  function track(c: Client): Client {
    cleanups.push(() => c.destroy());
    return c;
  }

  const identify = (running: RunningBaton, cookie: string) =>
    running.baton.services.identify(
      new Request('http://127.0.0.1/api/me', { headers: { cookie } }),
      '127.0.0.1'
    );

  it('signs up with Argon2id, stores only the token hash, and the token is nowhere on disk', async () => {
    const running = await start();
    const signUp = await running.baton.accounts.signUp(
      { email: 'Nia@Example.test', name: 'Nia', password: 'correct horse battery' },
      ctx
    );
    if (!signUp.ok) throw new Error(signUp.message);
    expect(signUp.user.email).toBe('nia@example.test');
    const db = new Database(databasePath(running.config.dataDir), { readonly: true });
    try {
      const user = db
        .prepare<[], { password_hash: string }>(
          "SELECT password_hash FROM users WHERE email = 'nia@example.test'"
        )
        .get();
      expect(user?.password_hash.startsWith('$argon2id$')).toBe(true);
      const ids = db.prepare<[], { id: string }>('SELECT id FROM sessions').all();
      expect(ids).toHaveLength(1);
      expect(ids[0]?.id).toMatch(/^[0-9a-f]{64}$/);
      expect(ids[0]?.id).not.toBe(signUp.token);
    } finally {
      db.close();
    }
    expect(databaseBytes(running.config.dataDir).includes(signUp.token)).toBe(false);
    expect(databaseBytes(running.config.dataDir).includes('correct horse battery')).toBe(false);
    const me = await identify(running, `${SESSION_COOKIE}=${signUp.token}`);
    expect(me?.memberId).toBe(signUp.user.id);
    expect(me?.credential.kind).toBe('session');
    expect(running.baton.accounts.workspacesOf(signUp.user.id)).toEqual([]);
  });

  it('expires after 30 days, renews (sliding) in the last 15, and deletes expired rows', async () => {
    let now = Date.UTC(2026, 0, 1);
    const running = await start({ clock: { now: () => now } });
    const accounts = running.baton.accounts;
    const u = person(running.baton, null, 'slider');
    const first = accounts.validateSession(u.token);
    expect(first?.renewed).toBe(false);
    const expiresAt = first?.session.expiresAt ?? 0;
    expect(expiresAt).toBe(now + 30 * DAY);

    now += 10 * DAY; // 20 days left: no renewal
    expect(accounts.validateSession(u.token)?.session.expiresAt).toBe(expiresAt);
    now += 6 * DAY; // 14 days left: renewed to 30 days from now
    const renewed = accounts.validateSession(u.token);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt).toBe(now + 30 * DAY);
    const me = await identify(running, u.cookie);
    expect(me?.renewedSession).toBeUndefined(); // renewed just before: not again

    now += 29 * DAY; // within the renewed life
    expect(accounts.validateSession(u.token)).not.toBeNull();
    now += 31 * DAY; // past it
    expect(accounts.validateSession(u.token)).toBeNull();
    expect(await identify(running, u.cookie)).toBeNull();
    expect(accounts.sessionAlive(renewed?.session.id ?? '')).toBe(false);
  });

  it('the HTTP layer re-sends the cookie when a session is renewed', async () => {
    let now = Date.UTC(2026, 0, 1);
    const running = await start({ clock: { now: () => now } });
    const u = person(running.baton, null, 'renewer');
    now += 20 * DAY;
    const me = await identify(running, u.cookie);
    expect(me?.renewedSession?.token).toBe(u.token);
    expect(me?.renewedSession?.expiresAt).toBe(now + 30 * DAY);
  });

  it('signs out one session, or all of them; the cookie is refused after, also on the relay', async () => {
    const running = await start();
    const t = team(running.baton);
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    const second = running.baton.accounts.createSession(agent.id);
    const secondCookie = `${SESSION_COOKIE}=${second.token}`;

    const live = track(
      client(running.syncUrl, indexDocName(t.workspaceId), { cookie: agent.cookie })
    );
    expect(await outcome(live, 'agent opens the index')).toBe('synced');

    running.baton.accounts.signOut(agent.token, ctx);
    expect(await identify(running, agent.cookie)).toBeNull();
    expect(await identify(running, secondCookie)).not.toBeNull();
    await until(() => live.closed !== null, 'the signed-out socket is closed', 1000);
    expect(live.closed?.code).toBe(4401);
    const again = track(
      client(running.syncUrl, indexDocName(t.workspaceId), { cookie: agent.cookie })
    );
    expect(await outcome(again, 'the old cookie on the relay')).toBe(4401);
    expect(
      (await batch(running.baton, { cookie: agent.cookie }, indexDocName(t.workspaceId))).status
    ).toBe(401);

    running.baton.accounts.signOutEverywhere(agent.id, ctx);
    expect(await identify(running, secondCookie)).toBeNull();
  });

  it('limits sign-in attempts per account and address and per address, with a clear message', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'target@example.test', name: 'Target', password: 'the right password' },
      { ip: '198.51.100.1' }
    );
    expect(made.ok).toBe(true);
    const stranger = { ip: '198.51.100.66' };
    for (let i = 0; i < 5; i++) {
      const r = await accounts.signIn(
        { email: 'target@example.test', password: `wrong ${i}` },
        stranger
      );
      expect(r.ok ? 'ok' : r.reason).toBe('invalid-credentials');
    }
    const locked = await accounts.signIn(
      { email: 'target@example.test', password: 'the right password' },
      stranger
    );
    expect(locked.ok).toBe(false);
    if (!locked.ok) {
      expect(locked.reason).toBe('rate-limited');
      expect(locked.message).toMatch(/Too many attempts\. Try again in \d+ minutes?\./);
    }
    // The stranger's guesses block the stranger's address, not the owner at theirs.
    const owner = await accounts.signIn(
      { email: 'target@example.test', password: 'the right password' },
      { ip: '198.51.100.99' }
    );
    expect(owner.ok ? 'ok' : owner.reason).toBe('ok');

    // A fresh IPv6 address per guess is still the same /64.
    for (let i = 0; i < 5; i++) {
      await accounts.signIn(
        { email: 'target@example.test', password: `v6 ${i}` },
        { ip: `2001:db8:66:1::${i + 1}` }
      );
    }
    const rotated = await accounts.signIn(
      { email: 'target@example.test', password: 'v6 again' },
      { ip: '2001:db8:66:1:ffff::9' }
    );
    expect(rotated.ok ? 'ok' : rotated.reason).toBe('rate-limited');

    // One address spraying many accounts.
    let last: Awaited<ReturnType<typeof accounts.signIn>> | null = null;
    for (let i = 0; i < 31; i++) {
      last = await accounts.signIn(
        { email: `nobody${i}@example.test`, password: 'guess' },
        { ip: '192.0.2.66' }
      );
    }
    expect(last && !last.ok && last.reason).toBe('rate-limited');

    // Sign-up is limited per address too.
    let signUps: Awaited<ReturnType<typeof accounts.signUp>> | null = null;
    for (let i = 0; i < 11; i++) {
      signUps = await accounts.signUp(
        { email: `bulk${i}@example.test`, name: 'Bulk', password: 'bulk password' },
        { ip: '192.0.2.77' }
      );
    }
    expect(signUps && !signUps.ok && signUps.reason).toBe('rate-limited');
  });

  it('reserves each attempt before verifying: 30 parallel wrong guesses verify at most 5', async () => {
    let verified = 0;
    const running = await start({
      verifyPassword: (stored, password) => {
        verified++;
        return verifyPassword(stored, password);
      }
    });
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'parallel@example.test', name: 'Parallel', password: 'the right password' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const ws = accounts.createWorkspace(made.user.id, { name: 'Guarded' }, ctx);
    if (!ws.ok) throw new Error(ws.message);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        accounts.signIn(
          { email: 'parallel@example.test', password: `guess ${i}` },
          { ip: '203.0.113.50' }
        )
      )
    );
    const reasons = guesses.map((g) => (g.ok ? 'ok' : g.reason));
    expect(verified).toBe(5);
    expect(reasons.filter((r) => r === 'invalid-credentials')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'rate-limited')).toHaveLength(25);

    // The flood is two rows in the owner's log: the failures with their count, and one for
    // the refused attempts (no row each).
    const rows = running.baton.audit.list({
      workspaceId: ws.workspace.id,
      action: 'sign-in-failed'
    });
    expect(rows.map((r) => [r.detail, r.count, r.ip]).sort()).toEqual([
      ['rate-limited', 1, '203.0.113.50'],
      ['wrong password', 5, '203.0.113.50']
    ]);
    for (let i = 0; i < 20; i++) {
      await accounts.signIn(
        { email: 'parallel@example.test', password: `more ${i}` },
        { ip: '203.0.113.50' }
      );
    }
    expect(
      running.baton.audit.list({ workspaceId: ws.workspace.id, action: 'sign-in-failed' })
    ).toHaveLength(2);
    // Unknown accounts from one address: bounded by the address limit, one row per email.
    const before = anonymousFailures(running);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        accounts.signIn({ email: `ghost${i % 3}@example.test`, password: 'x' }, { ip: '192.0.2.9' })
      )
    );
    expect(anonymousFailures(running) - before).toBeLessThanOrEqual(6);
  });

  it('a distributed guesser slows the account down for new addresses, not the owner’s known one', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'popular@example.test', name: 'Popular', password: 'the right password' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const home = { ip: '198.51.100.200' };
    const signedIn = await accounts.signIn(
      { email: 'popular@example.test', password: 'the right password' },
      home
    );
    expect(signedIn.ok).toBe(true);
    // 10 addresses × 5 wrong passwords: the account-wide ceiling of 50.
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 5; i++) {
        await accounts.signIn(
          { email: 'popular@example.test', password: `bot ${a}.${i}` },
          { ip: `203.0.113.${a + 1}` }
        );
      }
    }
    const fromNew = await accounts.signIn(
      { email: 'popular@example.test', password: 'the right password' },
      { ip: '198.51.100.201' }
    );
    expect(fromNew.ok ? 'ok' : fromNew.reason).toBe('rate-limited');
    const fromHome = await accounts.signIn(
      { email: 'popular@example.test', password: 'the right password' },
      home
    );
    expect(fromHome.ok ? 'ok' : fromHome.reason).toBe('ok');
  });

  it('limits reset requests per address and per account and address, never the owner’s own', async () => {
    const sent: string[] = [];
    const running = await start({
      accountMailer: {
        send: async (message) => {
          sent.push(message.to);
        }
      }
    });
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'victim@example.test', name: 'Victim', password: 'the right password' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const ask = (email: string, ip: string) =>
      accounts.requestPasswordReset({ email }, { ip }, 'http://baton.test');
    const stranger = '192.0.2.150';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ask('victim@example.test', stranger));
    expect(answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
      'ok',
      'ok',
      'ok',
      'rate-limited'
    ]);
    // An account that does not exist is answered exactly the same.
    const ghost = [];
    for (let i = 0; i < 4; i++) ghost.push(await ask('ghost@example.test', stranger));
    expect(ghost.map((a) => (a.ok ? 'ok' : a.reason))).toEqual(['ok', 'ok', 'ok', 'rate-limited']);
    // The owner, from their own address, still gets their link.
    expect((await ask('victim@example.test', '198.51.100.7')).ok).toBe(true);
    expect(sent).toEqual(Array.from({ length: 4 }, () => 'victim@example.test'));
    // One address asking for many accounts.
    let last: Awaited<ReturnType<typeof ask>> | null = null;
    for (let i = 0; i < 11; i++) last = await ask(`someone${i}@example.test`, '192.0.2.151');
    expect(last && !last.ok && last.reason).toBe('rate-limited');
  });

  it('resets a password with a single-use link sent over real SMTP; old sessions end', async () => {
    const smtp = await startSmtpReceiver();
    cleanups.push(() => smtp.stop());
    const running = await start({
      accountMailer: smtpMailer(`smtp://${smtp.host}:${smtp.port}`, 'Baton <no-reply@baton.test>')
    });
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'forgetful@example.test', name: 'Forgetful', password: 'old password 1' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const asked = await accounts.requestPasswordReset(
      { email: 'forgetful@example.test' },
      ctx,
      'http://baton.test'
    );
    expect(asked.ok).toBe(true);
    // An unknown address is answered the same, and nothing is sent.
    expect(
      (
        await accounts.requestPasswordReset(
          { email: 'ghost@example.test' },
          ctx,
          'http://baton.test'
        )
      ).ok
    ).toBe(true);
    await until(() => smtp.received.length === 1, 'the reset mail arrived');
    const raw = smtp.received[0]?.raw.toString('utf8') ?? '';
    expect(smtp.received[0]?.to).toEqual(['forgetful@example.test']);
    const token = /http:\/\/baton\.test\/reset\/([a-z2-7]{32})/.exec(
      raw.replace(/=\r?\n/g, '')
    )?.[1];
    expect(token).toBeDefined();
    expect(databaseBytes(running.config.dataDir).includes(token ?? '')).toBe(false);

    const reset = await accounts.resetPassword({ token, password: 'new password 2' }, ctx);
    expect(reset.ok).toBe(true);
    expect(accounts.validateSession(made.token)).toBeNull();
    const reuse = await accounts.resetPassword({ token, password: 'third password 3' }, ctx);
    expect(reuse.ok ? 'ok' : reuse.reason).toBe('invalid-token');
    expect(
      (await accounts.signIn({ email: 'forgetful@example.test', password: 'old password 1' }, ctx))
        .ok
    ).toBe(false);
    expect(
      (await accounts.signIn({ email: 'forgetful@example.test', password: 'new password 2' }, ctx))
        .ok
    ).toBe(true);
  });

  it('invitations are single use, expire, and bind to the invited address', async () => {
    let now = Date.UTC(2026, 0, 1);
    const running = await start({ clock: { now: () => now } });
    const accounts = running.baton.accounts;
    const t = team(running.baton);
    const origin = 'http://baton.test';
    const link = await accounts.invite(t.owner.id, t.workspaceId, { role: 'viewer' }, ctx, origin);
    if (!link.ok) throw new Error(link.message);
    const token = link.link.split('/invite/')[1] ?? '';
    expect(databaseBytes(running.config.dataDir).includes(token)).toBe(false);

    const first = person(running.baton, null, 'joiner');
    const second = person(running.baton, null, 'latecomer');
    const joined = accounts.acceptInvitation(first.id, token, {}, ctx);
    expect(joined.ok && joined.role).toBe('viewer');
    expect(accounts.role(first.id, t.workspaceId)).toBe('viewer');
    const reused = accounts.acceptInvitation(second.id, token, {}, ctx);
    expect(reused.ok ? 'ok' : reused.reason).toBe('invalid-token');
    expect(accounts.role(second.id, t.workspaceId)).toBeNull();
    // The joiner's profile is in the index now.
    expect(
      running.baton.docs.read(indexDocName(t.workspaceId), (d) =>
        readIndex(d).members.has(first.id)
      )
    ).toBe(true);

    const later = await accounts.invite(t.owner.id, t.workspaceId, { role: 'agent' }, ctx, origin);
    if (!later.ok) throw new Error(later.message);
    now += 8 * DAY;
    const expired = accounts.acceptInvitation(
      second.id,
      later.link.split('/invite/')[1] ?? '',
      {},
      ctx
    );
    expect(expired.ok ? 'ok' : expired.reason).toBe('invalid-token');

    const forSomeone = await accounts.invite(
      t.owner.id,
      t.workspaceId,
      { role: 'agent', email: 'someone@example.test' },
      ctx,
      origin
    );
    if (!forSomeone.ok) throw new Error(forSomeone.message);
    const wrong = accounts.acceptInvitation(
      second.id,
      forSomeone.link.split('/invite/')[1] ?? '',
      {},
      ctx
    );
    expect(wrong.ok ? 'ok' : wrong.reason).toBe('forbidden');

    // Only admins invite; agents cannot, and admins cannot invite admins.
    const agent = t.byRole.get('agent');
    const admin = t.byRole.get('admin');
    if (!agent || !admin) throw new Error('missing roles');
    const byAgent = await accounts.invite(agent.id, t.workspaceId, { role: 'viewer' }, ctx, origin);
    expect(byAgent.ok ? 'ok' : byAgent.reason).toBe('forbidden');
    const adminByAdmin = await accounts.invite(
      admin.id,
      t.workspaceId,
      { role: 'admin' },
      ctx,
      origin
    );
    expect(adminByAdmin.ok ? 'ok' : adminByAdmin.reason).toBe('forbidden');
  });

  it('the last owner can be neither removed nor demoted', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const t = team(running.baton);
    const admin = t.byRole.get('admin');
    if (!admin) throw new Error('no admin');
    const leave = accounts.removeMember(t.owner.id, t.workspaceId, t.owner.id, ctx);
    expect(leave.ok ? 'ok' : leave.reason).toBe('last-owner');
    const demote = accounts.setRole(t.owner.id, t.workspaceId, t.owner.id, 'admin', ctx);
    expect(demote.ok ? 'ok' : demote.reason).toBe('last-owner');
    const byAdmin = accounts.removeMember(admin.id, t.workspaceId, t.owner.id, ctx);
    expect(byAdmin.ok ? 'ok' : byAdmin.reason).toBe('forbidden');
    expect(accounts.role(t.owner.id, t.workspaceId)).toBe('owner');

    // With a second owner, the first may step down.
    expect(accounts.setRole(t.owner.id, t.workspaceId, admin.id, 'owner', ctx).ok).toBe(true);
    expect(accounts.setRole(t.owner.id, t.workspaceId, t.owner.id, 'agent', ctx).ok).toBe(true);
    const lastAgain = accounts.removeMember(admin.id, t.workspaceId, admin.id, ctx);
    expect(lastAgain.ok ? 'ok' : lastAgain.reason).toBe('last-owner');
  });

  it('removing a member closes their socket within a second', async () => {
    const running = await start();
    const t = team(running.baton);
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    const live = track(
      client(running.syncUrl, indexDocName(t.workspaceId), { cookie: agent.cookie })
    );
    expect(await outcome(live, 'agent opens the index')).toBe('synced');
    const removed = running.baton.accounts.removeMember(t.owner.id, t.workspaceId, agent.id, ctx);
    expect(removed.ok).toBe(true);
    await until(() => live.closed !== null, 'the removed member is disconnected', 1000);
    expect(live.closed?.code).toBe(4403);
    const again = track(
      client(running.syncUrl, indexDocName(t.workspaceId), { cookie: agent.cookie })
    );
    expect(await outcome(again, 'the removed member reconnects')).toBe(4403);
  });

  it('lowering a role to viewer makes their next update fail while reading continues', async () => {
    const running = await start();
    const t = team(running.baton);
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    const id = `lowered-${process.pid}`;
    const name = ticketDocName(id);
    const ownerDoc = new Y.Doc();
    createTicket(
      ownerDoc,
      { id, workspaceId: t.workspaceId, subject: 'Lowered', channel: 'web' },
      { id: t.owner.id, name: t.owner.name },
      Date.now()
    );
    const owner = track(client(running.syncUrl, name, { cookie: t.owner.cookie }, ownerDoc));
    const mine = track(client(running.syncUrl, name, { cookie: agent.cookie }));
    expect(await outcome(owner, 'owner opens the ticket')).toBe('synced');
    await until(
      () => readTicketFields(mine.doc)?.subject === 'Lowered',
      'the agent has the ticket'
    );
    const actor = { id: agent.id, name: agent.name };
    setPriority(mine.doc, 'high', actor, Date.now());
    await until(
      () => running.baton.docs.read(name, (d) => readTicketFields(d)?.priority) === 'high',
      'the agent’s change is stored'
    );

    const connects = () => (mine.provider.wsconnected ? 1 : 0);
    expect(connects()).toBe(1);
    expect(
      running.baton.accounts.setRole(t.owner.id, t.workspaceId, agent.id, 'viewer', ctx).ok
    ).toBe(true);
    await until(() => mine.closed?.code === 4001, 'the socket is closed for the new role', 1000);
    await until(() => mine.provider.synced && mine.provider.wsconnected, 'the viewer reconnected');

    setPriority(mine.doc, 'low', actor, Date.now());
    await barrier(mine, 'the viewer’s update reached the relay');
    expect(running.baton.docs.read(name, (d) => readTicketFields(d)?.priority)).toBe('high');
    // Reading continues: the owner's change reaches the viewer.
    addThreadEntry(
      ownerDoc,
      'reply',
      'Still here',
      { id: t.owner.id, name: t.owner.name },
      Date.now()
    );
    await until(
      () => readTicket(mine.doc)?.thread.some((e) => e.body === 'Still here') === true,
      'the viewer sees the owner’s reply'
    );
    expect(running.baton.docs.read(name, (d) => readTicketFields(d)?.priority)).toBe('high');
  });

  it('a lowered role or a removal holds for the very next batch update (the guard keeps no stale role)', async () => {
    const running = await start();
    const t = team(running.baton);
    const agent = t.byRole.get('agent');
    if (!agent) throw new Error('no agent');
    const id = `batch-lowered-${process.pid}`;
    const name = ticketDocName(id);
    const doc = new Y.Doc();
    createTicket(
      doc,
      { id, workspaceId: t.workspaceId, subject: 'Batch', channel: 'web' },
      { id: t.owner.id, name: t.owner.name },
      Date.now()
    );
    const owner = { cookie: t.owner.cookie };
    expect((await batch(running.baton, owner, name, Y.encodeStateAsUpdate(doc))).doc?.ok).toBe(
      true
    );
    const headers = { cookie: agent.cookie };
    const actor = { id: agent.id, name: agent.name };
    const stored = () => running.baton.docs.read(name, (d) => readTicketFields(d)?.priority);
    // Each change made on a copy of what the server has (a refused one is not built on).
    const send = async (priority: 'high' | 'low' | 'urgent') => {
      const local = new Y.Doc();
      const server = running.baton.docs.read(name, (d) => Y.encodeStateAsUpdate(d));
      if (!server) throw new Error('the ticket is not on the server');
      Y.applyUpdate(local, server);
      const before = Y.encodeStateVector(local);
      setPriority(local, priority, actor, Date.now());
      return (await batch(running.baton, headers, name, Y.encodeStateAsUpdate(local, before))).doc;
    };

    // Twice as an agent: the second write is answered from what the guard already knows.
    expect((await send('high'))?.ok).toBe(true);
    expect((await send('urgent'))?.ok).toBe(true);
    expect(stored()).toBe('urgent');

    // A light agent still writes tickets (internal notes), so only the guard's role stops this.
    expect(
      running.baton.accounts.setRole(t.owner.id, t.workspaceId, agent.id, 'light-agent', ctx).ok
    ).toBe(true);
    expect(await send('low')).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(stored()).toBe('urgent');

    expect(
      running.baton.accounts.setRole(t.owner.id, t.workspaceId, agent.id, 'agent', ctx).ok
    ).toBe(true);
    expect((await send('high'))?.ok).toBe(true);
    expect(running.baton.accounts.removeMember(t.owner.id, t.workspaceId, agent.id, ctx).ok).toBe(
      true
    );
    expect((await send('low'))?.ok).toBe(false);
    expect(stored()).toBe('high');
  });

  it('API tokens: bearer on the relay, limited to their workspace and scope, revocable, stored hashed', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const t = team(running.baton);
    const made = accounts.createApiToken(
      t.owner.id,
      t.workspaceId,
      { name: 'CRM', scope: 'read' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    expect(databaseBytes(running.config.dataDir).includes(made.token)).toBe(false);
    const bearer = { authorization: `Bearer ${made.token}` };
    const index = indexDocName(t.workspaceId);

    const reader = track(client(running.syncUrl, index, bearer));
    expect(await outcome(reader, 'token opens the index')).toBe('synced');
    putCustomer(reader.doc, { id: 'customer-token', name: 'Via token', email: 'via@example.test' });
    await barrier(reader, 'the read-only token wrote');
    expect(
      running.baton.docs.read(index, (d) => readIndex(d).customers.has('customer-token'))
    ).toBe(false);

    // Another workspace of the same user is out of the token's reach.
    const other = accounts.createWorkspace(t.owner.id, { name: 'Other' }, ctx);
    if (!other.ok) throw new Error(other.message);
    const elsewhere = track(client(running.syncUrl, indexDocName(other.workspace.id), bearer));
    expect(await outcome(elsewhere, 'token opens another workspace')).toBe(4403);

    // Write scope writes; over the batch sync too.
    const writer = accounts.createApiToken(
      t.owner.id,
      t.workspaceId,
      { name: 'Bot', scope: 'write' },
      ctx
    );
    if (!writer.ok) throw new Error(writer.message);
    const local = new Y.Doc();
    putCustomer(local, { id: 'customer-bot', name: 'Bot', email: 'bot@example.test' });
    const viaBatch = await batch(
      running.baton,
      { authorization: `Bearer ${writer.token}` },
      index,
      Y.encodeStateAsUpdate(local)
    );
    expect(viaBatch.doc?.ok).toBe(true);
    expect(running.baton.docs.read(index, (d) => readIndex(d).customers.has('customer-bot'))).toBe(
      true
    );
    // A session cookie cannot be replaced by a token on other endpoints.
    const me = await running.baton.services.identify(
      new Request('http://127.0.0.1/api/me', { headers: bearer }),
      null
    );
    expect(me).toBeNull();

    expect(accounts.revokeApiToken(t.owner.id, made.info.id, ctx).ok).toBe(true);
    await until(() => reader.closed !== null, 'the revoked token’s socket is closed', 1000);
    expect(reader.closed?.code).toBe(4401);
    const after = track(client(running.syncUrl, index, bearer));
    expect(await outcome(after, 'the revoked token')).toBe(4401);
  });

  it('sign-out everywhere and a password reset revoke API tokens and close their sockets', async () => {
    const sent: string[] = [];
    const running = await start({
      accountMailer: {
        send: async (message) => {
          sent.push(message.text);
        }
      }
    });
    const accounts = running.baton.accounts;
    const t = team(running.baton);
    const index = indexDocName(t.workspaceId);
    const open = (name: string) => {
      const made = accounts.createApiToken(t.owner.id, t.workspaceId, { name, scope: 'read' }, ctx);
      if (!made.ok) throw new Error(made.message);
      const socket = track(
        client(running.syncUrl, index, { authorization: `Bearer ${made.token}` })
      );
      return { token: made.token, socket };
    };

    const first = open('Before sign-out everywhere');
    expect(await outcome(first.socket, 'the first token opens the index')).toBe('synced');
    accounts.signOutEverywhere(t.owner.id, ctx);
    await until(() => first.socket.closed !== null, 'the token’s socket closed on sign-out', 1000);
    expect(first.socket.closed?.code).toBe(4401);
    expect(accounts.validateApiToken(first.token)).toBeNull();

    const second = open('Before the reset');
    expect(await outcome(second.socket, 'the second token opens the index')).toBe('synced');
    const asked = await accounts.requestPasswordReset(
      { email: t.owner.email },
      ctx,
      'http://baton.test'
    );
    expect(asked.ok).toBe(true);
    await until(() => sent.length === 1, 'the reset mail was handed to the mailer');
    const link = /\/reset\/([a-z2-7]{32})/.exec(sent[0] ?? '')?.[1];
    const reset = await accounts.resetPassword({ token: link, password: 'brand new pass' }, ctx);
    expect(reset.ok).toBe(true);
    await until(() => second.socket.closed !== null, 'the token’s socket closed on reset', 1000);
    expect(second.socket.closed?.code).toBe(4401);
    expect(accounts.validateApiToken(second.token)).toBeNull();
    expect(accounts.apiTokens(t.owner.id, t.workspaceId)).toEqual([]);
  });

  it('refuses to start in production on a store that holds the demo accounts', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const demo = await startBaton(dir.path, { devIdentity: false });
    expect(demo.baton.accounts.user('member-aino')).not.toBeNull();
    await demo.stop();
    const production = testConfig({ dataDir: dir.path, production: true, demo: false });
    await expect(createBaton(production, { register: false, log: () => {} })).rejects.toThrow(
      ConfigError
    );
    await expect(createBaton(production, { register: false, log: () => {} })).rejects.toThrow(
      /demo accounts/
    );
    // A store that never ran the demo starts.
    const fresh = tempDir();
    cleanups.push(fresh.remove);
    const clean = await createBaton(
      testConfig({ dataDir: fresh.path, production: true, demo: false }),
      {
        register: false,
        log: () => {}
      }
    );
    await clean.close();
  });

  it('agents change their own member profile only; admins anyone’s', async () => {
    const running = await start();
    const t = team(running.baton);
    const agent = t.byRole.get('agent');
    const admin = t.byRole.get('admin');
    if (!agent || !admin) throw new Error('missing roles');
    const index = indexDocName(t.workspaceId);
    const profile = (id: string, name: string) => ({
      id,
      name,
      timeZone: 'UTC',
      workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      skills: []
    });
    const write = async (who: { cookie: string }, change: (doc: Y.Doc) => void) => {
      const local = new Y.Doc();
      const state = running.baton.docs.read(index, (d) => Y.encodeStateAsUpdate(d));
      if (state) Y.applyUpdate(local, state);
      const before = Y.encodeStateVector(local);
      change(local);
      return batch(running.baton, who, index, Y.encodeStateAsUpdate(local, before));
    };
    const ownerName = () =>
      running.baton.docs.read(index, (d) => readIndex(d).members.get(t.owner.id)?.name);

    const spoof = await write(agent, (d) => putMember(d, profile(t.owner.id, 'Owner (fake)')));
    expect(spoof.doc?.ok).toBe(false);
    expect(ownerName()).toBe(t.owner.name);
    const own = await write(agent, (d) => putMember(d, profile(agent.id, 'Agent Renamed')));
    expect(own.doc?.ok).toBe(true);
    const byAdmin = await write(admin, (d) => putMember(d, profile(t.owner.id, 'Owner Renamed')));
    expect(byAdmin.doc?.ok).toBe(true);
    expect(ownerName()).toBe('Owner Renamed');
  });

  it('refuses a foreign Origin with 4403', async () => {
    const running = await start();
    const t = team(running.baton);
    const foreign = track(
      client(running.syncUrl, indexDocName(t.workspaceId), {
        cookie: t.owner.cookie,
        origin: 'https://evil.example'
      })
    );
    expect(await outcome(foreign, 'a foreign origin')).toBe(4403);
    expect(foreign.closed?.reason).toBe('bad-origin');
  });

  it('audits sign-ins (success and failure), role changes, invitations and document access', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const made = await accounts.signUp(
      { email: 'boss@example.test', name: 'Boss', password: 'boss password' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const ws = accounts.createWorkspace(made.user.id, { name: 'Audited' }, ctx);
    if (!ws.ok) throw new Error(ws.message);
    const workspaceId = ws.workspace.id;
    await accounts.signIn(
      { email: 'boss@example.test', password: 'wrong!' },
      { ip: '198.51.100.5' }
    );
    await accounts.signIn(
      { email: 'boss@example.test', password: 'boss password' },
      { ip: '198.51.100.5' }
    );
    const invite = await accounts.invite(
      made.user.id,
      workspaceId,
      { role: 'agent' },
      ctx,
      'http://x'
    );
    if (!invite.ok) throw new Error(invite.message);
    const colleague = person(running.baton, null, 'colleague');
    accounts.acceptInvitation(colleague.id, invite.link.split('/invite/')[1] ?? '', {}, ctx);
    accounts.setRole(made.user.id, workspaceId, colleague.id, 'viewer', ctx);

    const c = track(
      client(running.syncUrl, indexDocName(workspaceId), {
        cookie: `${SESSION_COOKIE}=${made.token}`
      })
    );
    expect(await outcome(c, 'boss opens the index')).toBe('synced');
    putCustomer(c.doc, { id: 'customer-a1', name: 'A', email: 'a@example.test' });
    putCustomer(c.doc, { id: 'customer-a2', name: 'B', email: 'b@example.test' });
    await barrier(c, 'two changes stored');
    c.destroy();
    await until(
      () => running.baton.audit.list({ workspaceId, action: 'document-changed' })[0]?.count === 2,
      'the coalesced change row counts both changes on close'
    );

    const events = running.baton.audit.list({ workspaceId });
    const actions = events.map((e) => e.action);
    for (const action of [
      'workspace-created',
      'sign-in-failed',
      'sign-in',
      'invitation-created',
      'member-joined',
      'role-changed',
      'document-opened',
      'document-changed'
    ] as const) {
      expect(actions).toContain(action);
    }
    expect(actions.filter((a) => a === 'document-changed')).toHaveLength(1);
    const failed = events.find((e) => e.action === 'sign-in-failed');
    expect(failed?.ip).toBe('198.51.100.5');
    expect(events.find((e) => e.action === 'role-changed')?.detail).toBe('agent → viewer');
    // Nothing secret in the log.
    const text = JSON.stringify(events);
    expect(text.includes(made.token)).toBe(false);
    expect(text.includes('boss password')).toBe(false);
    expect(text.includes(invite.link)).toBe(false);
    // Filters.
    expect(running.baton.audit.list({ workspaceId, action: 'role-changed' })).toHaveLength(1);
    expect(running.baton.audit.list({ workspaceId, actor: 'Boss' }).length).toBeGreaterThan(3);
  });
});

describe('audit CSV', () => {
  it('defuses formulas and quotes every field', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1')).toBe('"\'+1"');
    expect(csvField('-2')).toBe('"\'-2"');
    expect(csvField('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvField('\tx')).toBe('"\'\tx"');
    expect(csvField('plain, "quoted"')).toBe('"plain, ""quoted"""');
    expect(csvField(null)).toBe('""');
    const csv = auditCsv([
      {
        id: 1,
        at: 0,
        workspaceId: 'w',
        actorId: 'u',
        actorName: '=cmd|"/c calc"!A1',
        action: 'sign-in',
        target: 'a@b',
        detail: null,
        ip: '1.2.3.4',
        count: 1
      }
    ]);
    expect(csv.split('\r\n')[1]).toContain('"\'=cmd|""/c calc""!A1"');
  });
});
