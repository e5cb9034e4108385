import { raw } from 'hono/html';
import type { BoardPairView } from '../src/domain/pair-views.ts';
import { formatTime } from './format.ts';
import { Layout } from './layout.tsx';

export const boardPollSeconds = 30;

export type PairListProps = {
  slug: string;
  eventName: string;
  timeZone: string;
  now: Date;
  /** public names only: first name + last initial */
  pairs: BoardPairView[];
  /** the plain registration link (no presence token: people check in at the enrolled desk kiosk) */
  joinUrl: string;
  joinQrSvg: string;
};

type Slot = { meetAt: Date; pairs: BoardPairView[] };

/** Pairs arrive sorted by meet time; one slot per meet time. */
function bySlot(pairs: BoardPairView[]): Slot[] {
  const slots: Slot[] = [];
  for (const pair of pairs) {
    const last = slots[slots.length - 1];
    if (last && last.meetAt.getTime() === pair.meetAt.getTime()) last.pairs.push(pair);
    else slots.push({ meetAt: pair.meetAt, pairs: [pair] });
  }
  return slots;
}

/**
 * The whole live board: clock, pairs by meet time, and the QR to register. The page is built from
 * it, `/board/pairs` serves it alone for polling, and the stream sends it as the SSE event `board`.
 * Every pair is in the HTML, stacked; board.js cuts them into pages of columns that fit the screen
 * it is on and turns them (a page size fixed here would overflow a smaller screen or long names).
 */
export function PairList(props: PairListProps) {
  const time = (at: Date) => formatTime(at, props.timeZone);
  const slots = bySlot(props.pairs);
  return (
    <div
      id="board"
      class="board-screen"
      hx-get={`/e/${props.slug}/board/pairs`}
      hx-trigger={`every ${boardPollSeconds}s`}
      hx-target="this"
      // settle:0 processes the new copy during the swap: with htmx's default 20 ms settle, a
      // second stream message arriving within those 20 ms finds no listener and is lost
      hx-swap="outerHTML settle:0ms"
      sse-swap="board"
      data-time-zone={props.timeZone}
    >
      <header class="board-head">
        <h1>
          Buddy pairs <span class="board-event">{props.eventName}</span>
        </h1>
        <p class="board-clock">
          <time datetime={props.now.toISOString()} data-board-clock>
            {time(props.now)}
          </time>
        </p>
      </header>
      <div class="board-body">
        <section class="board-pairs" aria-label="Pairs meeting now and next">
          {slots.length === 0 ? (
            <p class="board-empty">Pairs appear here as soon as they are made.</p>
          ) : (
            slots.map((slot) => (
              <section class="board-slot">
                <h2>
                  <time datetime={slot.meetAt.toISOString()}>{time(slot.meetAt)}</time>
                </h2>
                <ul class="board-list">
                  {slot.pairs.map((pair) => (
                    <li class="board-row" data-pair-id={pair.pairId}>
                      <span class="board-names">
                        {pair.firstTimer} <span aria-hidden="true">↔</span>
                        <span class="visually-hidden">with</span> {pair.volunteer}
                      </span>
                      <span class="board-where">
                        <strong>{pair.spotName}</strong>
                        {pair.directions ? ` · ${pair.directions}` : ''}
                        <span class="visually-hidden"> · {time(slot.meetAt)}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </section>
        <aside class="board-join">
          <div class="qr" role="img" aria-label="QR code to register for a buddy">
            {raw(props.joinQrSvg)}
          </div>
          <p>
            <strong>New here?</strong> Scan to meet a buddy.
          </p>
        </aside>
      </div>
      {/* a strip of its own, so the notice never covers a pair nor lands below the screen's edge */}
      <footer class="board-foot">
        <p class="board-page-no" data-pager></p>
        <p class="board-offline" role="status" hidden data-board-offline>
          Reconnecting… the pairs above may be a minute behind.
        </p>
      </footer>
    </div>
  );
}

export function BoardPage(props: PairListProps) {
  return (
    <Layout title={`Buddy pairs · ${props.eventName}`} variant="board" scripts={['board.js']}>
      <main>
        {/* the stream replaces #board on each change; polling inside PairList covers a dropped stream */}
        <div hx-ext="sse" sse-connect={`/e/${props.slug}/board/stream`}>
          <PairList {...props} />
        </div>
      </main>
    </Layout>
  );
}
