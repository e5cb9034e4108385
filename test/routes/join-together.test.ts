// Registrations that arrive together share one commit; each is answered for itself, and a refusal
// or a failure among them changes nothing for the others.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { participantInterests, participants } from '../../db/schema.ts';
import { inSharedCommit } from '../../src/domain/shared-commit.ts';
import { makeEvent } from '../helpers/factories.ts';
import { createTestApp, postForm } from '../helpers/test-app.ts';

const person = (i: number, extra: Record<string, string | string[]> = {}) => ({
  role: 'first_timer',
  name: `Person Number${i}`,
  email: `person${i}@example.org`,
  languages: 'English',
  ...extra,
});

describe('POST /e/:slug/join, many at once', () => {
  it('saves each of twelve registrations sent together and sends each to its own page; a repeated e-mail among them is refused alone', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const interest = String(catalog.interests[0]!.id);
    const forms = Array.from({ length: 12 }, (_, i) => person(i, { interests: interest }));
    forms.push(person(99, { email: 'person3@example.org', name: 'Same Mail' }));
    const answers = await Promise.all(forms.map((form) => postForm(t.app, `/e/${event.slug}/join`, form)));

    expect(answers.map((r) => r.status)).toEqual([...Array(12).fill(303), 422]);
    expect(await answers[12]!.text()).toContain('If you registered for this conference before');
    const stored = t.db.select().from(participants).where(eq(participants.eventId, event.id)).orderBy(asc(participants.id)).all();
    expect(stored.map((p) => p.email)).toEqual(forms.slice(0, 12).map((f) => f.email));
    answers.slice(0, 12).forEach((res, i) => {
      expect(res.headers.get('Location')).toBe(`/e/${event.slug}/me/${stored.find((p) => p.email === forms[i]!.email)!.token}`);
    });
    expect(t.db.select().from(participantInterests).all()).toHaveLength(12);
  });
});

describe('inSharedCommit', () => {
  it('takes back only the writes of a job that throws, and commits the others', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const insert = (name: string) => (tx: Parameters<Parameters<typeof inSharedCommit>[1]>[0]) =>
      tx.insert(participants).values({ eventId: event.id, role: 'first_timer', token: `token-${name}`, deskCode: name, name, createdAt: t.clock.now() }).returning().get();
    const results = await Promise.allSettled([
      inSharedCommit(t.db, insert('AAAAAA')),
      inSharedCommit(t.db, (tx) => {
        insert('BBBBBB')(tx);
        throw new Error('this one fails after writing');
      }),
      inSharedCommit(t.db, insert('CCCCCC')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(t.db.select({ code: participants.deskCode }).from(participants).orderBy(asc(participants.id)).all()).toEqual([{ code: 'AAAAAA' }, { code: 'CCCCCC' }]);
  });
});
