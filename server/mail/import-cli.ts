/**
 * `npm run import-mail -- --workspace demo-workspace [--own support@example.com] path…`
 *
 * Imports `.mbox` files, `.eml` files and folders of them into a workspace, threaded like live
 * mail, straight into the data folder (BATON_DATA_DIR). Run it while the server is stopped:
 * the server keeps documents in memory and would not see changes made under it.
 *
 * It starts the storage, the documents and the numbering and index workers, but no mailbox
 * watcher and no outbound sending: imported history is never mailed.
 */
import { parseArgs } from 'node:util';
import { indexDocName } from '../../src/lib/domain/doc-names.ts';
import { Accounts } from '../accounts/accounts.ts';
import { outboxMailer } from '../accounts/mailer.ts';
import { AuditLog, auditSchema } from '../audit/audit-log.ts';
import { accountsSchema } from '../accounts/migrations.ts';
import { mailSchema } from './mail-store.ts';
import { loadConfig, systemClock } from '../config.ts';
import { DocManager } from '../documents.ts';
import { coreSchema, openDataDir, SqliteStorage } from '../storage.ts';
import { migrate } from '../db/migrate.ts';
import { startIndexProjection } from '../workers/index-projection.ts';
import { startTicketNumbering } from '../workers/ticket-numbering.ts';
import { importMessages, readMessages } from './import.ts';
import { MailChannel, memberByAddress } from './index.ts';

const usage =
  'Usage: npm run import-mail -- --workspace <id> [--own support@example.com]... <file.mbox|file.eml|folder>...';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        own: { type: 'string', multiple: true },
        help: { type: 'boolean' }
      }
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (args.values.help || !args.values.workspace || args.positionals.length === 0) {
    console.error(usage);
    return args.values.help ? 0 : 2;
  }
  const workspaceId = args.values.workspace;
  const config = loadConfig(process.env);
  let messages: Buffer[];
  try {
    messages = readMessages(args.positionals);
  } catch (error) {
    console.error(
      `Cannot read the input: ${error instanceof Error ? error.message : String(error)}`
    );
    return 1;
  }
  const database = openDataDir(config.dataDir);
  await migrate(database, [coreSchema, accountsSchema, auditSchema, mailSchema]);
  const storage = new SqliteStorage(database, () => systemClock.now());
  const docs = new DocManager({
    storage,
    unloadGraceMs: 1000,
    compactEveryMs: config.compactEveryMs,
    compactThreshold: config.compactThreshold,
    maxUpdateBytes: config.maxMessageBytes
  });
  // Read only: to credit our own replies in the history to the members who sent them.
  const now = () => systemClock.now();
  const accounts = new Accounts({
    database,
    clock: systemClock,
    audit: new AuditLog(database, now),
    mailer: outboxMailer(database, now, (message) => console.error(message)),
    putProfile: () => {}
  });
  const workers = [
    startTicketNumbering(docs, storage, systemClock),
    startIndexProjection(docs, storage, systemClock)
  ];
  const mail = new MailChannel({
    database,
    ticketNumbers: storage,
    dataDir: config.dataDir,
    docs,
    clock: systemClock,
    config: config.mail,
    memberByAddress: (workspaceId, address) => memberByAddress(accounts, workspaceId, address),
    log: (message) => console.error(message)
  });
  const index = docs.hold(indexDocName(workspaceId));
  const settings = mail.mailboxes.get(workspaceId)?.settings;
  const own = [...(args.values.own ?? []), ...(settings ? [settings.address] : [])];
  if (own.length === 0) {
    console.error(
      'Note: no --own address and no mailbox configured: every message counts as from a customer.'
    );
  }
  const started = Date.now();
  let lastLine = '';
  const result = await importMessages(
    { docs, ingestor: mail.ingestor, now: () => systemClock.now() },
    workspaceId,
    messages,
    { ownAddresses: own, reopenDays: settings?.reopenDays ?? 14 },
    (p) => {
      const width = 30;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`;
      if (line !== lastLine && process.stderr.isTTY) process.stderr.write(`\r${line}`);
      lastLine = line;
    }
  );
  // Let the numbering and index workers finish with the last changes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(
    JSON.stringify({
      event: 'imported',
      workspaceId,
      ms: Date.now() - started,
      ...result
    })
  );
  if (index.ok) index.release();
  for (const stop of workers) stop();
  await mail.close();
  docs.close();
  storage.close();
  await database.close();
  return result.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[baton] import failed', error);
    process.exit(1);
  }
);
