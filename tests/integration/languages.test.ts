/**
 * The member's language on the server: stored with the member, answered in `/api/me`, and the
 * language of the emails Baton sends them (resets in their own, invitations in the inviter's,
 * before anyone chose: the browser's).
 */
import { describe, expect, it } from 'vitest';
import type { AccountMessage } from '../../server/accounts/mailer.ts';
import { createAccountServices } from '../../server/accounts/services.ts';
import type { Principal } from '../../src/lib/server/principal.ts';
import { cleanupAfterEach, startBaton, tempDir, until, type RunningBaton } from './helpers.ts';

describe('the member’s language', () => {
  const cleanups = cleanupAfterEach();
  const sent: AccountMessage[] = [];

  async function start(): Promise<RunningBaton> {
    sent.length = 0;
    const dir = tempDir();
    const running = await startBaton(
      dir.path,
      {},
      {
        accountMailer: { send: async (message) => void sent.push(message) }
      }
    );
    cleanups.push(dir.remove);
    cleanups.push(() => running.stop());
    return running;
  }

  const ctx = { ip: '192.0.2.10' };

  async function member(running: RunningBaton, email: string, name: string) {
    const made = await running.baton.accounts.signUp(
      { email, name, password: 'a long enough password' },
      ctx
    );
    if (!made.ok) throw new Error(made.message);
    const identity: Principal = {
      memberId: made.user.id,
      name,
      email,
      credential: { kind: 'session', sessionId: 'a-session-of-this-test' },
      ip: null
    };
    return { id: made.user.id, identity };
  }

  it('is stored with the member, answered in /api/me, and refused when it is not one of ours', async () => {
    const running = await start();
    const services = createAccountServices(running.baton.accounts, running.baton.audit, {
      enabled: false,
      password: '',
      accounts: []
    });
    const aino = await member(running, 'aino@example.test', 'Aino Virtanen');
    const me = async () => (await services.me(aino.identity)).body;
    expect(await me()).toMatchObject({ locale: null });
    expect(await services.setLocale(aino.identity, { locale: 'fi' })).toMatchObject({
      status: 200,
      body: { locale: 'fi' }
    });
    expect(await me()).toMatchObject({ locale: 'fi' });
    for (const bad of [
      { locale: 'sv' },
      { locale: 'FI' },
      {},
      'fi',
      null,
      { locale: 'fi', x: 1 }
    ]) {
      const answer = await services.setLocale(aino.identity, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body).toMatchObject({ error: { reason: 'invalid-request' } });
    }
    expect(await me()).toMatchObject({ locale: 'fi' });
    expect((await services.setLocale(aino.identity, { locale: null })).status).toBe(200);
    expect(await me()).toMatchObject({ locale: null });
    const token: Principal = {
      ...aino.identity,
      credential: { kind: 'token', tokenId: 'a-token', workspaceId: 'w', scope: 'write' }
    };
    expect((await services.setLocale(token, { locale: 'da' })).status).toBe(403);
  });

  it('writes a reset link in the member’s language, or the browser’s when they chose none', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const aino = await member(running, 'aino@example.test', 'Aino Virtanen');
    accounts.setLocale(aino.id, 'fi');
    await accounts.requestPasswordReset(
      { email: 'aino@example.test' },
      { ip: '198.51.100.1', locale: 'en' },
      'http://baton.test'
    );
    await until(() => sent.length === 1, 'the Finnish reset mail');
    expect(sent[0]?.subject).toBe('Vaihda Baton-salasanasi');
    expect(sent[0]?.text).toContain('Hei Aino Virtanen');

    await member(running, 'lars@example.test', 'Lars Nielsen');
    await accounts.requestPasswordReset(
      { email: 'lars@example.test' },
      { ip: '198.51.100.2', locale: 'da' },
      'http://baton.test'
    );
    await until(() => sent.length === 2, 'the Danish reset mail');
    expect(sent[1]?.subject).toBe('Nulstil din adgangskode til Baton');
  });

  it('invites in the language the inviter works in, naming the role in words', async () => {
    const running = await start();
    const accounts = running.baton.accounts;
    const owner = await member(running, 'maja@example.test', 'Maja Holm');
    accounts.setLocale(owner.id, 'da');
    const workspace = accounts.createWorkspace(owner.id, { name: 'Holm ApS' }, ctx);
    if (!workspace.ok) throw new Error(workspace.message);
    const invited = await accounts.invite(
      owner.id,
      workspace.workspace.id,
      { email: 'new@example.test', role: 'light-agent' },
      { ip: null, locale: 'en' },
      'http://baton.test'
    );
    expect(invited.ok).toBe(true);
    await until(() => sent.some((m) => m.to === 'new@example.test'), 'the invitation');
    const mail = sent.find((m) => m.to === 'new@example.test');
    expect(mail?.subject).toBe('Maja Holm inviterer dig til Holm ApS på Baton');
    expect(mail?.text).toContain('som begrænset agent');
    expect(mail?.text).not.toContain('light-agent');
  });
});
