/**
 * Composition root: storage, documents, authorization, relay, workers and the demo seed, wired
 * together once. `server/main.ts` (production) and `server/dev.ts` (`vite dev`) both call
 * `createBaton`; tests call it too, on a temp folder and port 0.
 */
import { loadTemporal } from '../src/lib/domain/temporal.ts';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { registerServices, type BatonServices } from '../src/lib/server/services.ts';
import { registerAccountServices } from '../src/lib/server/account-services.ts';
import { indexDocName, settingsDocName, ticketDocName } from '../src/lib/domain/doc-names.ts';
import { readSettings } from '../src/lib/domain/settings.ts';
import {
  indexParts,
  putMember,
  readIndex,
  type IndexSnapshot
} from '../src/lib/domain/workspace-index.ts';
import { readTicketFields } from '../src/lib/domain/ticket.ts';
import { weekFromLegacy } from '../src/lib/domain/schema.ts';
import { Authorizer, DEMO_WORKSPACE_ID } from './auth.ts';
import { Accounts } from './accounts/accounts.ts';
import { demoAccounts, presentDemoAccounts, seedDemoAccounts } from './demo/accounts.ts';
import { outboxMailer, smtpMailer, type AccountMailer } from './accounts/mailer.ts';
import { accountsSchema } from './accounts/migrations.ts';
import { createAccountServices } from './accounts/services.ts';
import { AuditLog, auditSchema } from './audit/audit-log.ts';
import { auditDocumentAccess } from './audit/document-access.ts';
import { runBatchSync } from './batch-sync.ts';
import { ConfigError, systemClock, type BatonConfig, type Clock } from './config.ts';
import { seedDemoWorkspace } from './demo/workspace.ts';
import { DocManager, type DocStats } from './documents.ts';
import { Relay } from './relay.ts';
import { coreSchema, openDataDir, SqliteStorage, type DocStorage } from './storage.ts';
import { migrate } from './db/migrate.ts';
import { WriteQuota } from './write-quota.ts';
import { startIndexProjection } from './workers/index-projection.ts';
import { startTicketNumbering } from './workers/ticket-numbering.ts';
import { startSlaBreaches } from './workers/sla-breaches.ts';
import { startRouting, type RoutingDeps } from './workers/routing.ts';
import { startAwayReassign, type AwayReassignDeps } from './workers/away-reassign.ts';
import { startSnoozes } from './workers/snooze.ts';
import { MailChannel, memberByAddress } from './mail/index.ts';
import { tellAdminsToReconnect } from './mail/oauth-notice.ts';
import { mailSchema } from './mail/mail-store.ts';
import { registerMailServices } from '../src/lib/server/mail-services.ts';
import { registerNotificationServices } from '../src/lib/server/notification-services.ts';
import { notificationsSchema } from './notifications/migrations.ts';
import { Notifications } from './notifications/notifications.ts';
import { loadNotificationsConfig, type NotificationsConfig } from './notifications/config.ts';
import type { PushSender } from './notifications/push.ts';
import { SecretBox } from './mail/secret-box.ts';
import { searchSchema } from './search/migrations.ts';
import { SqliteSearchStore, type SearchStore } from './search/search-store.ts';
import { startSearchIndexer, type SearchIndexer } from './search/indexer.ts';
import { articleSearchRow } from './search/articles.ts';
import { createSearchServices } from './search/search-service.ts';
import { registerSearchServices } from '../src/lib/server/search-services.ts';
import { reportsSchema, ReportStore } from './reports/store.ts';
import { startReporting, type Reporting } from './reports/worker.ts';
import { createReportServices, indexCustomerNames } from './reports/services.ts';
import { startWeeklyReports, type WeeklyReports } from './reports/weekly.ts';
import { registerReportServices } from '../src/lib/server/report-services.ts';
import {
  helpSchema,
  startHelpCentre,
  type FormTokenTimes,
  type HelpCentre,
  type HelpLimits
} from './help/index.ts';
import { registerHelpServices } from '../src/lib/server/help-services.ts';
import { surveysSchema } from './surveys/migrations.ts';
import { SurveyStore } from './surveys/store.ts';
import { SurveyLinks } from './surveys/links.ts';
import { SurveyAnswers, type SurveyAnswerLimits } from './surveys/answers.ts';
import { startSurveys, type SurveyWorker } from './workers/surveys.ts';
import { registerSurveyServices } from '../src/lib/server/survey-services.ts';
import { archiveSchema } from './archive/migrations.ts';
import { ArchiveStore } from './archive/store.ts';
import { archiveGate } from './archive/gate.ts';
import { startArchive, type ArchiveWorker } from './workers/archive.ts';
import { createArchiveServices } from './archive/service.ts';
import {
  registerArchiveServices,
  type ArchiveServices
} from '../src/lib/server/archive-services.ts';
import { seedDefaultAutomations } from '../src/lib/domain/automation-record.ts';
import { automationsSchema } from './automations/migrations.ts';
import { AutomationStore } from './automations/store.ts';
import { createAutomationServices } from './automations/service.ts';
import { startAutomations, type AutomationWorker } from './workers/automations.ts';
import { registerAutomationServices } from '../src/lib/server/automation-services.ts';

export interface Baton {
  services: BatonServices;
  /** Handles `/sync/…` upgrades; returns `false` for any other path (leave it to others). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  docs: DocManager;
  storage: DocStorage;
  /** The email channel: mailboxes, ingestion, the outbound queue, import. */
  mail: MailChannel;
  /** Users, sessions, workspaces, roles, invitations, API tokens. */
  accounts: Accounts;
  audit: AuditLog;
  /** The public help centre: its caches, slug claims and feedback (`server/help`). */
  help: HelpCentre;
  /** The inbox, web push and email notifications, and their durable queue. */
  notifications: Notifications;
  /** Server search: the FTS tables and the worker that keeps them true to the documents. */
  search: { store: SearchStore; indexer: SearchIndexer };
  /** The reporting store and its feed (rebuilt from the documents when lost). */
  reports: Reporting & { store: ReportStore; weekly: WeeklyReports };
  /** CSAT and NPS: the queue and answers in SQL, the worker that sends, the public page's side. */
  surveys: { store: SurveyStore; links: SurveyLinks; worker: SurveyWorker; answers: SurveyAnswers };
  /** Closed tickets out of the index: their rows in SQL and the worker that moves them. */
  archive: { store: ArchiveStore; worker: ArchiveWorker; services: ArchiveServices };
  /** Rules run on tickets as the system actor: their runs in SQL and the worker. */
  automations: { store: AutomationStore; worker: AutomationWorker };
  stats(): DocStats & { connections: number };
  /** Closes sockets, compacts and unloads documents, closes the database. */
  close(): Promise<void>;
}

export interface BatonDeps {
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
  /** Register the services for SvelteKit (default true; tests running several Batons say false). */
  register?: boolean;
  /** How account mail leaves (default: SMTP from the config, else the outbox table). */
  accountMailer?: AccountMailer;
  /** How long a summary without a ticket stays in the index (default ten minutes). */
  phantomGraceMs?: number;
  /** How often routing looks for members who came on shift (default 60 s); tests shorten it. */
  routingTickMs?: number;
  /** Told after each routing sweep what it assigned (tests wait on it). */
  routingSwept?: RoutingDeps['onSwept'];
  /** How often the away worker looks for periods that began (default 60 s); tests shorten it. */
  awayTickMs?: number;
  /** Told after each away sweep what it handed over (tests wait on it). */
  awaySwept?: AwayReassignDeps['onSwept'];
  /** Password check (default Argon2id); tests wrap it to count verifications. */
  verifyPassword?: (stored: string, password: string) => Promise<boolean>;
  /** Rate limits of the public help centre (default `DEFAULT_HELP_LIMITS`). */
  helpLimits?: HelpLimits;
  /** How old a help-centre feedback form may be (default `DEFAULT_FORM_TOKEN_TIMES`). */
  helpTokenTimes?: FormTokenTimes;
  /** Notification settings over the environment's (`notifications/config.ts`). */
  notifications?: Partial<NotificationsConfig>;
  /** How push messages leave (default: `web-push`). */
  pushSender?: PushSender;
  /** How often the surveys worker looks at its queue besides its timer (default 60 s). */
  surveyTickMs?: number;
  /** Rate limits of the public survey page (default `DEFAULT_ANSWER_LIMITS`). */
  surveyLimits?: SurveyAnswerLimits;
  /** How often the archive worker looks at loaded indexes (default 10 min); tests shorten it. */
  archiveTickMs?: number;
  /** Told after each archive sweep how many tickets it archived (tests wait on it). */
  archiveSwept?: (workspaceId: string, archived: number) => void;
  /** How often the automations' time rules look at loaded indexes (default 60 s). */
  automationTickMs?: number;
  /** Told after each automations sweep how many runs it made (tests wait on it). */
  automationSwept?: (workspaceId: string, runs: number) => void;
}

export async function createBaton(config: BatonConfig, deps: BatonDeps = {}): Promise<Baton> {
  // Business time (SLA clocks, the breach worker) needs Temporal; Node 20 has none.
  await loadTemporal();
  const clock = deps.clock ?? systemClock;
  const database = openDataDir(config.dataDir);
  try {
    await migrate(database, [
      coreSchema,
      accountsSchema,
      helpSchema,
      auditSchema,
      mailSchema,
      searchSchema,
      notificationsSchema,
      reportsSchema,
      surveysSchema,
      archiveSchema,
      automationsSchema
    ]);
  } catch (error) {
    await database.close();
    throw error;
  }
  const storage = new SqliteStorage(database, () => clock.now());
  const quota = new WriteQuota({ limits: config.writeQuota, clock, storage });
  let authorizer: Authorizer | null = null;
  const docs = new DocManager({
    storage,
    unloadGraceMs: config.unloadGraceMs,
    compactEveryMs: config.compactEveryMs,
    compactThreshold: config.compactThreshold,
    maxUpdateBytes: config.maxMessageBytes,
    guard: (check) => authorizer?.guard(check) ?? quota.guard(check),
    ...(deps.log ? { log: deps.log } : {})
  });
  const log = deps.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''));
  const audit = new AuditLog(database, () => clock.now());
  const accountMailer =
    deps.accountMailer ??
    (config.accountMail.smtpUrl
      ? smtpMailer(config.accountMail.smtpUrl, config.accountMail.from)
      : outboxMailer(
          database,
          () => clock.now(),
          (message) => log(message)
        ));
  const accounts = new Accounts({
    database,
    clock,
    audit,
    ...(deps.verifyPassword ? { verifyPassword: deps.verifyPassword } : {}),
    mailer: accountMailer,
    // A workspace's index is created once, here, with its owner's profile; joiners add theirs.
    putProfile: (workspaceId, user, timeZone) => {
      // The first member: the workspace is new, and gets the default automations once.
      let isNew = false;
      docs.change(indexDocName(workspaceId), (doc) => {
        if (indexParts(doc).members.has(user.id)) return;
        isNew = indexParts(doc).members.size === 0;
        putMember(doc, {
          id: user.id,
          name: user.name,
          timeZone,
          workingHours: weekFromLegacy({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }),
          skills: [],
          away: []
        });
      });
      if (isNew) docs.change(settingsDocName(workspaceId), seedDefaultAutomations);
    }
  });
  if (config.production) {
    const demoLeft = presentDemoAccounts(accounts);
    if (demoLeft.length > 0) {
      storage.close();
      await database.close();
      throw new ConfigError(
        `Refusing to start with NODE_ENV=production: the store in ${config.dataDir} holds demo ` +
          `accounts with the published demo password (${demoLeft.join(', ')}). ` +
          'Start production on a data folder that never ran the demo (BATON_DEMO=0).'
      );
    }
  }
  // The audit log names members, tickets and customers from the accounts and the documents.
  audit.resolveNamesWith({
    members: (workspaceId) => accounts.members(workspaceId),
    index: (workspaceId) => {
      let snapshot: IndexSnapshot | null = null;
      docs.change(indexDocName(workspaceId), (doc) => {
        snapshot = readIndex(doc);
      });
      return snapshot;
    },
    ticket: (ticketId) => {
      let fields: ReturnType<typeof readTicketFields> = null;
      docs.change(ticketDocName(ticketId), (doc) => {
        fields = readTicketFields(doc);
      });
      return fields;
    }
  });
  const auth = new Authorizer(docs, storage, accounts, config, clock);
  authorizer = auth;
  auditDocumentAccess(auth, audit);

  const notifications = new Notifications({
    database,
    docs,
    clock,
    config: { ...loadNotificationsConfig(config), ...deps.notifications },
    secretBox: SecretBox.fromConfig(config.mail.secretKey),
    mailer: accountMailer,
    people: {
      isMember: (memberId, workspaceId) => accounts.role(memberId, workspaceId) !== null,
      email: (memberId) => accounts.users.user(memberId)?.email ?? null,
      name: (memberId) => accounts.users.user(memberId)?.name ?? null,
      locale: (memberId) => accounts.userLocale(memberId)
    },
    accessChanges: (listener) =>
      accounts.onAccessChange((change) => {
        if (change.kind === 'membership' || change.kind === 'signed-out') listener(change.userId);
      }),
    ...(deps.pushSender ? { push: deps.pushSender } : {}),
    log
  });

  if (config.demo) {
    seedDemoWorkspace(storage, clock);
    seedDemoAccounts(accounts, config.demoPassword);
  }
  notifications.start();
  const archiveStore = new ArchiveStore(database);
  const stopWorkers = [
    startTicketNumbering(docs, storage, clock),
    startIndexProjection(docs, storage, clock, {
      bind: (name, workspaceId) => auth.bindTicket(name, workspaceId),
      ...(deps.phantomGraceMs !== undefined ? { graceMs: deps.phantomGraceMs } : {}),
      archive: archiveGate(archiveStore),
      log
    }),
    startSlaBreaches(docs, clock, { onWarning: notifications.onSlaWarning }),
    startRouting({
      docs,
      clock,
      roleOf: (workspaceId, memberId) => accounts.role(memberId, workspaceId),
      ...(deps.routingTickMs !== undefined ? { tickMs: deps.routingTickMs } : {}),
      ...(deps.routingSwept ? { onSwept: deps.routingSwept } : {}),
      log
    }),
    startAwayReassign({
      docs,
      clock,
      roleOf: (workspaceId, memberId) => accounts.role(memberId, workspaceId),
      ...(deps.awayTickMs !== undefined ? { tickMs: deps.awayTickMs } : {}),
      ...(deps.awaySwept ? { onSwept: deps.awaySwept } : {}),
      log
    }),
    startSnoozes({ docs, clock, log })
  ];
  const reportStore = new ReportStore(database);
  // Before the reporting: a ticket's facts count the surveys sent for it.
  const surveyStore = new SurveyStore(database, () => clock.now());
  const reporting = startReporting({
    docs,
    storage,
    store: reportStore,
    clock,
    surveysSent: (ticketId) => surveyStore.sentAt(ticketId),
    log
  });
  stopWorkers.push(() => reporting.stop());
  const weekly = startWeeklyReports({
    database,
    store: reportStore,
    clock,
    mailer: accountMailer,
    workspaces: () => [...new Set(storage.registeredTickets().map((t) => t.workspaceId))],
    workspaceName: (workspaceId) =>
      accounts.memberships.workspace(workspaceId)?.name ?? workspaceId,
    timeZone: (workspaceId) =>
      docs.read(
        settingsDocName(workspaceId),
        (doc) => [...readSettings(doc).calendars.values()][0]?.timeZone
      ) ??
      docs.read(indexDocName(workspaceId), (doc) => {
        const owner = accounts.members(workspaceId).find((m) => m.role === 'owner');
        return owner ? readIndex(doc).members.get(owner.id)?.timeZone : undefined;
      }) ??
      'UTC',
    leads: (workspaceId) =>
      accounts
        .members(workspaceId)
        .filter((m) => m.role === 'owner' || m.role === 'admin')
        .map((m) => ({ email: m.email, name: m.name, locale: accounts.userLocale(m.id) ?? 'en' })),
    appUrl: loadNotificationsConfig(config).appUrl,
    log
  });
  stopWorkers.push(() => weekly.stop());
  const archiveWorker = startArchive({
    docs,
    storage,
    clock,
    store: archiveStore,
    ...(deps.archiveTickMs !== undefined ? { tickMs: deps.archiveTickMs } : {}),
    ...(deps.archiveSwept ? { onSwept: deps.archiveSwept } : {}),
    log
  });
  stopWorkers.push(() => archiveWorker.stop());
  const automationStore = new AutomationStore(database);
  const automationWorker = startAutomations({
    docs,
    storage,
    clock,
    store: automationStore,
    notify: notifications.onAutomationNotice,
    ...(deps.automationTickMs !== undefined ? { tickMs: deps.automationTickMs } : {}),
    ...(deps.automationSwept ? { onSwept: deps.automationSwept } : {}),
    log
  });
  stopWorkers.push(() => automationWorker.stop());
  const archiveServices = createArchiveServices(archiveStore, clock);
  const relay = new Relay({ config, docs, auth, ...(deps.log ? { log: deps.log } : {}) });
  // A ticket bound to its workspace (created) closes the sockets opened on its id beforehand by
  // members who have no access, or another access, there: before its content reaches them.
  auth.onTicketBound((_name, workspaceId) =>
    relay.revalidate(auth.bindingChangesAccess(workspaceId))
  );
  // Removing a member, changing a role, signing out or revoking a token reaches live sockets now.
  accounts.onAccessChange((change) => {
    switch (change.kind) {
      case 'membership':
      case 'signed-out':
        relay.revalidate((member) => member.memberId === change.userId);
        return;
      case 'token-revoked':
        relay.revalidate(
          (member) =>
            member.credential.kind === 'token' && member.credential.tokenId === change.tokenId
        );
    }
  });
  const mail = new MailChannel({
    database,
    ticketNumbers: storage,
    dataDir: config.dataDir,
    docs,
    clock,
    config: config.mail,
    memberByAddress: (workspaceId, address) => memberByAddress(accounts, workspaceId, address),
    onReconnectNeeded: (workspaceId, mailbox) =>
      tellAdminsToReconnect({ accounts, mailer: accountMailer, log }, workspaceId, mailbox),
    log: deps.log ?? ((message, error) => console.error(`[baton] ${message}`, error ?? ''))
  });
  mail.start();

  const searchStore = new SqliteSearchStore(database);
  const search = {
    store: searchStore,
    indexer: startSearchIndexer(docs, searchStore, {
      registeredTickets: () => storage.registeredTickets(),
      loadStored: (name) => storage.load(name),
      article: articleSearchRow,
      log
    })
  };
  stopWorkers.push(() => search.indexer.stop());

  const surveyLinks = new SurveyLinks(config.mail.secretKey);
  const surveys = {
    store: surveyStore,
    links: surveyLinks,
    worker: startSurveys({
      docs,
      clock,
      store: surveyStore,
      links: surveyLinks,
      mailboxes: mail.mailboxes,
      hosts: { allowPrivate: config.mail.allowPrivateHosts },
      appUrl: deps.notifications?.appUrl ?? loadNotificationsConfig(config).appUrl,
      ...(deps.surveyTickMs !== undefined ? { tickMs: deps.surveyTickMs } : {}),
      onSent: (row) => reporting.refresh(row.ticketId),
      log
    }),
    answers: new SurveyAnswers({
      store: surveyStore,
      links: surveyLinks,
      docs,
      clock,
      ...(deps.surveyLimits ? { limits: deps.surveyLimits } : {}),
      log
    })
  };

  const help = startHelpCentre({
    database,
    docs,
    storage,
    clock,
    secretKey: config.mail.secretKey,
    ...(deps.helpLimits ? { limits: deps.helpLimits } : {}),
    ...(deps.helpTokenTimes ? { tokenTimes: deps.helpTokenTimes } : {}),
    log
  });
  stopWorkers.push(() => help.stop());

  const services: BatonServices = {
    async identify(request, ip) {
      const found = auth.identify(
        {
          cookie: request.headers.get('cookie'),
          authorization: request.headers.get('authorization'),
          ip
        },
        // API tokens are for the sync; every other endpoint takes the browser session only.
        { bearer: new URL(request.url).pathname === '/api/sync' }
      );
      return found;
    },
    async batchSync(principal, body) {
      return runBatchSync(docs, auth, principal, body);
    },
    async roleIn(memberId, workspaceId) {
      return auth.roleIn(memberId, workspaceId);
    },
    async devMembers() {
      if (!config.devIdentity) return null;
      return {
        workspaceId: DEMO_WORKSPACE_ID,
        members: accounts.members(DEMO_WORKSPACE_ID).map(({ id, name }) => ({ memberId: id, name }))
      };
    }
  };
  const accountServices = createAccountServices(accounts, audit, {
    enabled: config.demo,
    password: config.demoPassword,
    accounts: demoAccounts().map(({ id, email, name, role }) => ({ id, email, name, role }))
  });
  if (deps.register ?? true) {
    registerServices(services);
    registerAccountServices(accountServices);
    registerMailServices(mail.services());
    registerNotificationServices(notifications.services());
    registerSearchServices(createSearchServices(searchStore, clock));
    registerReportServices(
      createReportServices({
        store: reportStore,
        clock,
        memberNames: (workspaceId) =>
          new Map(accounts.members(workspaceId).map((m) => [m.id, m.name])),
        customerNames: indexCustomerNames(docs)
      })
    );
    registerSurveyServices(surveys.answers.services());
    registerHelpServices(help.services());
    registerArchiveServices(archiveServices);
    registerAutomationServices(createAutomationServices(automationWorker));
  }

  let closing: Promise<void> | null = null;
  return {
    services,
    docs,
    storage,
    mail,
    accounts,
    audit,
    help,
    notifications,
    search,
    surveys,
    archive: { store: archiveStore, worker: archiveWorker, services: archiveServices },
    automations: { store: automationStore, worker: automationWorker },
    reports: { ...reporting, store: reportStore, weekly },
    handleUpgrade: (req, socket, head) => relay.handleUpgrade(req, socket, head),
    stats: () => ({ ...docs.stats(), connections: relay.connectionCount }),
    close() {
      closing ??= (async () => {
        await relay.close();
        await mail.close();
        await surveys.worker.stop();
        for (const stop of stopWorkers) stop();
        await notifications.close();
        await docs.flushed();
        docs.close();
        storage.close();
        await database.close();
      })();
      return closing;
    }
  };
}
