// npm run purge [-- --dry-run]: erases the personal data of every event whose retention period is
// over, as the server's daily job does; --dry-run lists what would go. Uses DATABASE_PATH like the server.
import { parseArgs } from 'node:util';
import { migrateDb, openDb } from '../db.ts';
import { listDuePurges, runDuePurges } from '../domain/retention.ts';

let dryRun = false;
try {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false });
  dryRun = values['dry-run'] === true;
} catch (err) {
  process.stderr.write(`purge: ${(err as Error).message.split('\n')[0]} (usage: npm run purge [-- --dry-run])\n`);
  process.exit(2);
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
const db = openDb(process.env.DATABASE_PATH || 'db/buddydesk.sqlite');
migrateDb(db);
const now = new Date();
if (dryRun) {
  const due = listDuePurges(db, now);
  for (const d of due) console.log(`would erase ${d.event.slug}: ${people(d.people)}, due ${d.day}`);
  if (due.length === 0) console.log('Nothing to erase: no event is past its retention period.');
} else {
  const done = runDuePurges(db, now);
  for (const d of done) console.log(`erased ${d.event.slug}: ${people(d.erased)}, due ${d.day}`);
  if (done.length === 0) console.log('Nothing to erase: no event is past its retention period.');
}
db.$client.close();
