// A fingerprint of everything stored, for tests that assert a refusal wrote nothing: every row of
// every table (sqlite_sequence included, so an insert rolled back by hand would still show).
import { createHash } from 'node:crypto';
import type { Db } from '../../src/db.ts';

export function tableNames(db: Db): string[] {
  return db.$client
    .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' order by name")
    .all()
    .map((r) => r.name);
}

export function dbChecksum(db: Db, tables = tableNames(db)): string {
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(`\n#${table}\n`);
    for (const row of db.$client.prepare(`select * from "${table}" order by rowid`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Buffer ? v.toString('hex') : v)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
