// The only module that touches the process, the environment and the network.
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { startAutoWork } from './auto-work.ts';
import { loadConfig } from './config.ts';
import { migrateDb, openDb, type Db } from './db.ts';
import { startRetentionJob } from './retention-job.ts';
import { ensureDemoEvent } from './domain/demo.ts';
import { countOrganizers, createSetupToken, upsertOrganizer } from './domain/organizers.ts';
import { createMailSender } from './mail/sender.ts';
import { createSmtpTransport } from './mail/smtp-transport.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
// static/ is served from the working directory, so run from the project folder whatever folder a
// supervisor started `node …/dist/server.js` in (this file is src/server.ts or dist/server.js, one
// level below it); a relative DATABASE_PATH still means relative to where we were started.
const config = {
  ...loaded.config,
  databasePath: loaded.config.databasePath === ':memory:' ? ':memory:' : resolve(loaded.config.databasePath),
};
process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));

function openDatabase(path: string): Db {
  try {
    const db = openDb(path);
    migrateDb(db);
    return db;
  } catch (err) {
    console.error(`Cannot open the database at ${path}: ${(err as Error).message}`);
    process.exit(1);
  }
}
const db = openDatabase(config.databasePath);

const now = new Date();
const demo = ensureDemoEvent(db, now);
const lines: string[] = [];
if (config.organizer) {
  const organizer = upsertOrganizer(db, config.organizer, now);
  lines.push(
    `Organizer login:  ${organizer.email} (from ORGANIZER_EMAIL)${organizer.name ? '' : ' — set ORGANIZER_NAME, or add a name in the console'}`,
  );
} else if (countOrganizers(db) === 0) {
  const token = createSetupToken(db, now);
  lines.push(`Set up the first organizer (one-time link): ${config.publicUrl}/admin/setup/${token}`);
}

const { smtpUrl, from } = config.mail;
const mailSending = smtpUrl !== null && from !== null;
const app = createApp({
  db,
  publicUrl: config.publicUrl,
  trustProxy: config.trustProxy,
  mailSending,
  fetchPolicy: { allowPrivate: config.allowPrivateFetch },
});
const stopAutoWork = startAutoWork({ db, live: app.live, publicUrl: config.publicUrl });
const stopRetention = startRetentionJob({ db });

// without SMTP_URL nothing is sent: messages wait in the outbox, where organizers can read them
let stopMail = async () => {};
if (smtpUrl !== null && from !== null) {
  const transport = createSmtpTransport(smtpUrl);
  stopMail = createMailSender({ db, transport, from, publicUrl: config.publicUrl }).start();
  const { protocol, host } = new URL(smtpUrl);
  lines.push(`E-mail:           sent through ${protocol}//${host} as ${from.address}`);
  // a wrong host or password shows at start, not only in the outbox; messages wait and retry either way
  transport.verify().catch((err: Error) => console.error(`E-mail: cannot reach the SMTP server yet (${err.message}); messages wait and are retried.`));
} else {
  lines.push(`E-mail:           not sent (SMTP_URL is not set); messages wait in each event's outbox, e.g. ${config.publicUrl}/admin/e/${demo.event.slug}/outbox`);
}
// serve() makes a plain HTTP/1.1 server unless given createServer, so this cast is what it returns
const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (info) => {
  const base = config.publicUrl;
  console.log(
    [
      `Buddydesk is running on port ${info.port}, database ${config.databasePath}`,
      `Public URL (QR codes point here): ${base}${process.env.PUBLIC_URL ? '' : '  — set PUBLIC_URL to change it'}`,
      `${demo.created ? 'Created the demo event' : 'Demo event'} "${demo.event.name}":`,
      `  desk   ${base}/e/${demo.event.slug}/desk  (shows its QR once enrolled under ${base}/admin/e/${demo.event.slug}/kiosks)`,
      `  board  ${base}/e/${demo.event.slug}/board`,
      `  admin  ${base}/admin/e/${demo.event.slug}`,
      ...lines,
    ].join('\n'),
  );
}) as Server;
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another one.` : err.message);
  process.exit(1);
});

// What systemd, Docker and Ctrl-C expect: stop taking requests, end the live streams so their
// responses finish, let what is being written finish, close the database, exit 0 — within 5 s.
const stopDeadlineMs = 4_000;
let stopping = false;
function shutDown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping…`);
  stopAutoWork();
  stopRetention();
  // a message being handed to the SMTP server finishes, so it is not left 'sending' until its lease runs out
  const mailStopped = stopMail();
  const finish = () => {
    db.$client.close();
    process.exit(0);
  };
  // a client that keeps a connection open must not hold the stop past the deadline
  setTimeout(() => {
    server.closeAllConnections();
    finish();
  }, stopDeadlineMs).unref();
  server.close(() => void mailStopped.then(finish));
  app.live.close();
  // keep-alive connections go idle as their last response (a live stream, say) finishes
  setInterval(() => server.closeIdleConnections(), 50).unref();
}
process.on('SIGINT', () => shutDown('SIGINT'));
process.on('SIGTERM', () => shutDown('SIGTERM'));
