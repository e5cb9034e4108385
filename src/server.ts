// The only module that touches the process, the environment and the network.
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { startAutoWork } from './auto-work.ts';
import { loadConfig } from './config.ts';
import { migrateDb, openDb, type Db } from './db.ts';
import { ensureDemoEvent } from './domain/demo.ts';
import { countOrganizers, createSetupToken, upsertOrganizer } from './domain/organizers.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const config = loaded.config;

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

const app = createApp({ db, publicUrl: config.publicUrl });
const stopAutoWork = startAutoWork({ db, live: app.live });
const server = serve({ fetch: app.fetch, port: config.port, hostname: '0.0.0.0' }, (info) => {
  const base = config.publicUrl;
  console.log(
    [
      `Buddydesk is running on port ${info.port}, database ${config.databasePath}`,
      `Public URL (QR codes point here): ${base}${process.env.PUBLIC_URL ? '' : '  — set PUBLIC_URL to change it'}`,
      `${demo.created ? 'Created the demo event' : 'Demo event'} "${demo.event.name}":`,
      `  desk   ${base}/e/${demo.event.slug}/desk`,
      `  board  ${base}/e/${demo.event.slug}/board`,
      `  admin  ${base}/admin/e/${demo.event.slug}`,
      ...lines,
    ].join('\n'),
  );
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another one.` : err.message);
  process.exit(1);
});

function shutDown() {
  stopAutoWork();
  server.close();
  db.$client.close();
  process.exit(0);
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
