/**
 * The registration benchmark's baseline: a bare Hono + better-sqlite3 server (WAL,
 * synchronous=FULL, as ours) that parses the same registration form, inserts one row and
 * answers 303 to a personal page, with nothing else — no event lookup, no validation beyond a
 * name, no catalog, no duplicate check. What any server doing a registration must at least pay.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

const db = new Database(process.env.DATABASE_PATH!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table if not exists participants (
  id integer primary key, slug text not null, role text not null, name text not null, email text,
  library_type text, region text, languages text, interests text, sessions text, token text not null unique, created_at integer not null)`);
const insert = db.prepare(
  'insert into participants (slug, role, name, email, library_type, region, languages, interests, sessions, token, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
);

const list = (v: unknown) => JSON.stringify(v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const app = new Hono();
app.post('/e/:slug/join', async (c) => {
  const form = await c.req.parseBody({ all: true });
  const name = text(form.name);
  if (!name) return c.text('Please enter your name', 422);
  const token = randomBytes(32).toString('base64url');
  insert.run(c.req.param('slug'), text(form.role), name, text(form.email) || null, text(form.libraryType), text(form.region),
    list(form.languages), list(form.interests), list(form.sessions), token, Date.now());
  return c.redirect(`/e/${c.req.param('slug')}/me/${token}`, 303);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '0.0.0.0' }, (info) => console.log(`listening on ${info.port}`));
