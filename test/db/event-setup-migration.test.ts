// The migration that moved library types, regions and languages out of events.settings: an event
// of the version before keeps its lists, in order, and its people keep what they chose.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '../../src/db.ts';
import { loadEventCatalog } from '../../src/domain/events.ts';

/** The migrations folder as it was before `tag`, for a database of that version. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-migrations-'));
  cpSync(join(process.cwd(), 'db', 'migrations'), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

describe('migration 0005_event_setup', () => {
  it('moves each event’s lists into profile choices, fills the defaults where a list was never written, and leaves people’s labels alone', () => {
    const db = openDb(':memory:');
    migrate(db, { migrationsFolder: migrationsBefore('0005_event_setup') });
    const sqlite = db.$client;
    const settings = (lists: object) =>
      JSON.stringify({ weights: { interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 }, slotMinutes: 15, ...lists });
    const insertEvent = sqlite.prepare(`insert into events (slug, name, starts_on, ends_on, settings) values (?, ?, '2026-10-14', '2026-10-15', ?) returning id`);
    const withLists = insertEvent.get('old', 'Old conference', settings({ libraryTypes: ['Public', 'Academic'], regions: ['East', 'West'], languages: ['English', 'ASL'] })) as { id: number };
    const older = insertEvent.get('older', 'Older conference', settings({})) as { id: number };
    sqlite
      .prepare(`insert into participants (event_id, role, token, desk_code, name, library_type, region, languages) values (?, 'first_timer', 't1', 'AAAAAA', 'Ana', 'Academic', 'West', '["ASL"]')`)
      .run(withLists.id);

    migrateDb(db);

    expect(loadEventCatalog(db, withLists.id)).toMatchObject({ libraryTypes: ['Public', 'Academic'], regions: ['East', 'West'], languages: ['English', 'ASL'] });
    expect(loadEventCatalog(db, older.id)).toMatchObject({
      libraryTypes: ['Public', 'Academic', 'School', 'Special', 'Archives & museums', 'LIS student', 'Other'],
      regions: [],
      languages: ['English', 'Spanish'],
    });
    const stored = sqlite.prepare(`select settings from events where id = ?`).get(withLists.id) as { settings: string };
    expect(Object.keys(JSON.parse(stored.settings))).toEqual(['weights', 'slotMinutes']);
    expect(sqlite.prepare(`select library_type, region, languages from participants`).get()).toEqual({ library_type: 'Academic', region: 'West', languages: '["ASL"]' });
  });
});
