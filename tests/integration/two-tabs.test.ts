/**
 * Two tabs of one admin, on two workspaces. Each tab acts in the workspace its page shows:
 * the workspace is in the request's URL, never the one the member last chose on the server
 * (which the other tab may have changed a moment ago). The endpoints run as SvelteKit runs
 * them (`routes.ts`), with the principal the request's cookie names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';
import { person, startWith } from './auth-helpers.ts';
import type { RunningBaton } from './helpers.ts';
import { call, registerBaton } from './routes.ts';
import * as selectRoute from '../../src/routes/api/workspaces/[workspace]/select/+server.ts';
import * as mailboxRoute from '../../src/routes/api/workspaces/[workspace]/mail/mailbox/+server.ts';
import { mailboxPath } from '../../src/lib/contract/endpoints.ts';

let dir: ReturnType<typeof tempDir>;
let running: RunningBaton;

beforeAll(async () => {
  dir = tempDir();
  running = await startWith(dir.path);
  registerBaton(running.baton);
});

afterAll(async () => {
  await running.stop();
  dir.remove();
});

function settings(address: string) {
  return {
    settings: {
      address,
      displayName: 'Support',
      imap: {
        host: 'imap.example.com',
        port: 993,
        security: 'tls',
        user: address,
        auth: 'password',
        folder: 'INBOX'
      },
      smtp: {
        host: 'smtp.example.com',
        port: 465,
        security: 'tls',
        user: address,
        auth: 'password'
      },
      processed: 'flag',
      moveTo: 'Baton',
      reopenDays: 14,
      enabled: false
    }
  };
}

describe('two tabs on two workspaces', () => {
  it("saving one workspace's mailbox never writes it into the other's", async () => {
    const { baton } = running;
    const admin = person(baton, 'owner', 'two-tabs');
    const first = baton.accounts.createWorkspace(admin.id, { name: 'North' }, { ip: null });
    const second = baton.accounts.createWorkspace(admin.id, { name: 'South' }, { ip: null });
    if (!first.ok || !second.ok) throw new Error('workspaces not created');
    const north = first.workspace.id;
    const south = second.workspace.id;
    const cookie = admin.cookie;

    // Tab A opens North's mailbox page; tab B then opens South (the app selects it).
    const openA = await call(selectRoute.POST, {
      method: 'POST',
      path: `/api/workspaces/${north}/select`,
      params: { workspace: north },
      cookie
    });
    expect(openA.status).toBe(204);
    const openB = await call(selectRoute.POST, {
      method: 'POST',
      path: `/api/workspaces/${south}/select`,
      params: { workspace: south },
      cookie
    });
    expect(openB.status).toBe(204);

    // Tab A, still showing North, saves North's mailbox.
    const saved = await call(mailboxRoute.PUT, {
      method: 'PUT',
      path: mailboxPath(north),
      params: { workspace: north },
      cookie,
      body: settings('north@example.com')
    });
    expect(saved.status).toBe(200);

    expect(baton.mail.mailboxes.view(north)?.settings.address).toBe('north@example.com');
    expect(baton.mail.mailboxes.view(south)).toBeNull();
  });
});
