// npm run demo -- --people 60 [--seed 7]: adds made-up participants to the demo event so the
// organizer views can be tried. Uses DATABASE_PATH like the server.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateDb, openDb } from '../db.ts';
import { addDemoPeople, ensureDemoEvent } from '../domain/demo.ts';

const argsSchema = z.object({
  people: z.coerce.number().int().min(1).max(10_000, 'at most 10000 at a time'),
  seed: z.coerce.number().int(),
});

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\nusage: npm run demo -- --people 60 [--seed 1]\n`);
  process.exit(2);
}

let values: { people?: string; seed?: string };
try {
  ({ values } = parseArgs({ options: { people: { type: 'string' }, seed: { type: 'string' } }, strict: true }));
} catch (err) {
  fail((err as Error).message);
}
const args = argsSchema.safeParse({ people: values.people ?? '60', seed: values.seed ?? String(Date.now() % 100000) });
if (!args.success) fail(`--${String(args.error.issues[0]?.path[0])} must be a whole number (${args.error.issues[0]?.message})`);

const db = openDb(process.env.DATABASE_PATH || 'db/buddydesk.sqlite');
migrateDb(db);
const now = new Date();
const { event } = ensureDemoEvent(db, now);
const added = addDemoPeople(db, event, args.data.people, now, args.data.seed);
db.$client.close();
console.log(`Added ${added.firstTimers} first-timers and ${added.volunteers} volunteers to "${event.name}" (/e/${event.slug}).`);
