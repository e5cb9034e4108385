import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '../../src/db.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';

function run(args: string[], dbPath: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/purge.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: dbPath },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** A database file with an event long past its retention period (two people) and one still to come (one person). */
function databaseWithEvents() {
  const path = join(mkdtempSync(join(tmpdir(), 'bd-purge-')), 'purge.sqlite');
  const db = openDb(path);
  migrateDb(db);
  const { event: past } = makeEvent(db, { slug: 'rla-2024', startsOn: '2024-10-14', endsOn: '2024-10-15' });
  makeParticipant(db, past, { name: 'Octavia Reyes', email: 'octavia@example.org' });
  makeParticipant(db, past, { role: 'volunteer', name: 'Bartholomew Quinn' });
  const { event: next } = makeEvent(db, { slug: 'rla-2099', startsOn: '2099-10-14', endsOn: '2099-10-15' });
  makeParticipant(db, next, { name: 'Future Person' });
  db.$client.close();
  return path;
}

const names = (path: string) => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('select name from participants order by id').all() as { name: string }[];
  db.close();
  return rows.map((r) => r.name);
};

describe('npm run purge', () => {
  it('lists what would go with --dry-run and erases nothing', () => {
    const path = databaseWithEvents();
    const r = run(['--dry-run'], path);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('would erase rla-2024: 2 people, due 2025-01-14\n');
    expect(names(path)).toEqual(['Octavia Reyes', 'Bartholomew Quinn', 'Future Person']);
  });

  it('erases the personal data of the events past retention and keeps the rest', () => {
    const path = databaseWithEvents();
    const r = run([], path);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('erased rla-2024: 2 people, due 2025-01-14\n');
    expect(names(path)).toEqual(['Erased participant', 'Erased participant', 'Future Person']);
    const again = run(['--dry-run'], path);
    expect(again.stdout).toMatch(/^Nothing to erase/);
  });

  it('refuses bad arguments with one line and exit 2, erasing nothing', () => {
    const path = databaseWithEvents();
    for (const args of [['--dryrun'], ['now'], ['--dry-run=yes']]) {
      const r = run(args, path);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^purge: /);
      expect(r.stdout).toBe('');
    }
    expect(names(path)).toEqual(['Octavia Reyes', 'Bartholomew Quinn', 'Future Person']);
  });
});
