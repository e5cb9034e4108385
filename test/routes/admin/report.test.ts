import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { saveFeedback } from '../../../src/domain/feedback.ts';
import { findEventBySlug } from '../../../src/domain/events.ts';
import { pinPair } from '../../../src/domain/pairs.ts';
import { eventEnd, pairedEvent } from '../../helpers/after-event.ts';
import { makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get } from '../../helpers/test-app.ts';

/**
 * Octavia met Bartholomew (a pin; they share one interest, one session and their region, and
 * only she gave a library type); Bo was paired with Walt and did not meet him. Octavia rates 5,
 * Bartholomew 4, Bo leaves the rating out.
 */
function reportFixture() {
  const t = createTestApp();
  const { event, organizer, ft, v } = pairedEvent(t, {
    met: true,
    profiles: ({ interests, sessions }) => ({
      ft: { interests: [interests[0]!.id, interests[1]!.id], sessions: [sessions[0]!.id], libraryType: 'Public', region: 'Central' },
      v: { interests: [interests[1]!.id, interests[2]!.id], sessions: [sessions[0]!.id, sessions[1]!.id], region: 'Central' },
    }),
  });
  const bo = makeParticipant(t.db, event, { name: 'Bo Brandt', email: 'bo@example.org', present: true });
  const walt = makeParticipant(t.db, event, { role: 'volunteer', name: 'Walt West', present: true });
  const pinned = pinPair(t.db, event, { firstTimerId: bo.id, volunteerId: walt.id, organizerId: organizer.id, now: t.clock.now() });
  if (!pinned.ok) throw new Error(pinned.reason);
  t.clock.set(new Date(eventEnd.getTime() + 60_000));
  const after = findEventBySlug(t.db, event.slug)!;
  const save = (p: typeof ft, answer: Parameters<typeof saveFeedback>[3]) => {
    const saved = saveFeedback(t.db, after, p, answer, t.clock.now());
    if (!saved.ok) throw new Error(saved.reason);
    t.clock.advance(60_000);
  };
  save(ft, { met: 'more', rating: 5, again: 'yes', comment: '=HYPERLINK("http://evil.example","click")', mayContact: true });
  save(v, { met: 'once', rating: 4, again: 'maybe', comment: 'A lovely morning.', mayContact: false });
  save(bo, { met: 'no', rating: null, again: 'no', comment: '', mayContact: false });
  const { cookie } = signedInOrganizer(t, `chair${Math.random()}@example.org`);
  return { t, event, ft, v, cookie, base: `/admin/e/${event.slug}/report` };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const section = (html: string, id: string) => new RegExp(`<table id="${id}">[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';

describe('GET /admin/e/:slug/report', () => {
  it('shows the figures in tables, each chart beside its table', async () => {
    const { t, cookie, base } = reportFixture();
    const res = await get(t.app, base, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(text(section(html, 'table-numbers'))).toContain('First-timers matched 2 100% 2 present');
    expect(text(section(html, 'table-numbers'))).toContain('First-timers who met their buddy 1 50% 2 matched');
    expect(text(section(html, 'table-responses'))).toContain('First-timers 2 of 2 100% 2 of 2 100%');
    expect(text(section(html, 'table-ratings'))).toContain('5 of 5 1 0 1');
    expect(text(section(html, 'table-ratings'))).toContain('Mean 5.0 4.0 4.5');
    // both ratings are about the one pair: one shared interest, two ratings are few
    expect(text(section(html, 'table-criterion-interests'))).toContain('one few 5.0 (n = 1) 4.0 (n = 1) 4.5 (n = 2) 100%');
    expect(text(section(html, 'table-criterion-interests'))).toContain('none — — — —');
    expect(text(section(html, 'table-criterion-sessions'))).toContain('one or more few 5.0 (n = 1) 4.0 (n = 1) 4.5 (n = 2) 100%');
    expect(text(section(html, 'table-criterion-library-type'))).toContain('one or both did not say few 5.0 (n = 1)');
    expect(text(section(html, 'table-criterion-region'))).toContain('same few 5.0 (n = 1)');
    expect(text(section(html, 'table-next-year'))).toContain('Octavia Reyes First-timer Yes octavia');
    expect(text(section(html, 'table-next-year'))).toContain('Bartholomew Quinn Volunteer Maybe did not agree to be contacted');
    for (const id of ['chart-funnel', 'chart-responses', 'chart-ratings', 'chart-criterion-interests', 'chart-load']) {
      expect(html).toContain(`<svg class="chart" viewBox=`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(text(html)).toContain('A lovely morning.');
  });

  it('draws its charts without script or inline style, which the CSP would block', async () => {
    const { t, cookie, base } = reportFixture();
    const res = await get(t.app, base, { cookie });
    const html = await res.text();
    expect(html).not.toMatch(/\sstyle=/);
    expect(html.match(/<script[^>]*>/g)).toEqual([
      '<script src="/static/vendor/htmx-2.0.11.min.js" defer="">',
      '<script src="/static/vendor/htmx-ext-sse-2.2.4.min.js" defer="">',
    ]);
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self'");
  });

  it('needs a signed-in organizer', async () => {
    const { t, base } = reportFixture();
    expect((await get(t.app, base)).status).toBe(303);
    expect((await get(t.app, `${base}/responses.csv`)).status).toBe(303);
  });
});

describe('GET /admin/e/:slug/report/responses.csv', () => {
  it('downloads the answers without names, with the criteria of their pairs and formula-safe cells', async () => {
    const { t, event, cookie, base } = reportFixture();
    const res = await get(t.app, `${base}/responses.csv`, { cookie });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="feedback-${event.slug}.csv"`);
    const body = await res.text();
    expect(body).not.toContain('Octavia');
    expect(body).not.toContain('@example.org');
    const rows = parse(body, { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'role', 'met', 'rating', 'again', 'may_contact', 'comment', 'answered_at', 'pairs',
      'shared_interests', 'shared_sessions', 'library_type', 'region', 'asked_for', 'rematched',
    ]);
    expect(rows[1]).toEqual([
      'first-timer', 'more', '5', 'yes', 'yes', `'=HYPERLINK("http://evil.example","click")`, '2026-10-16T04:01:00.000Z', '1',
      '1', '1', 'unknown', 'same', 'no', 'no',
    ]);
    expect(rows[3]!.slice(0, 4)).toEqual(['first-timer', 'no', '', 'no']);
  });

  it('downloads the answers with names and the e-mail only of those who agreed to be contacted', async () => {
    const { t, event, cookie, base } = reportFixture();
    const res = await get(t.app, `${base}/responses.csv?names=yes`, { cookie });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="feedback-${event.slug}-with-names.csv"`);
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 3)).toEqual(['name', 'email_if_agreed', 'role']);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['Octavia Reyes', expect.stringMatching(/^octavia\d+@example\.org$/)],
      ['Bartholomew Quinn', ''],
      ['Bo Brandt', ''],
    ]);
  });
});
