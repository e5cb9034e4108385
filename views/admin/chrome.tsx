// What every organizer page shares: the top bar, the notices that say what just happened, the
// paths of an event's pages, and how live fragments ask for themselves again.
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';

/** What just happened; `copy` is something to copy from it, such as a link to pass on. */
export type Notice = { kind: 'ok' | 'error'; text: string; copy?: { label: string; value: string } | undefined };

/** Fragments refresh when the event changes (server-sent "changed") and every 15 s as a fallback. */
export const liveTrigger = 'sse:changed, every 15s';

/** The event's dashboard; its other organizer pages live below it. */
export const eventPath = (slug: string) => `/admin/e/${encodeURIComponent(slug)}`;

export function AdminTopBar({ organizer }: { organizer: SignedInOrganizer }) {
  return (
    <header class="topbar">
      <a href="/admin">Buddydesk · Events</a>
      {organizer.name ? (
        <span>
          Signed in as <strong>{organizer.name}</strong> · <a href="/admin/account">Change name</a>
        </span>
      ) : (
        <span>
          Signed in as {organizer.email} · <a href="/admin/account">Add your name</a>
        </span>
      )}
      <form method="post" action="/admin/logout">
        <button type="submit" class="quiet">
          Log out
        </button>
      </form>
    </header>
  );
}

export function NoticeBanner({ notice, id }: { notice: Notice | undefined; id?: string }) {
  // an empty slot stays in the page, so a later notice can replace it out of band
  if (!notice) return id ? <div id={id}></div> : null;
  return notice.kind === 'ok' ? (
    <div class="banner ok" role="status" id={id}>
      {notice.text}
      {notice.copy && (
        <div class="copy-link">
          <label for={`${id ?? 'notice'}-copy`}>{notice.copy.label}</label>
          <input id={`${id ?? 'notice'}-copy`} type="text" readonly value={notice.copy.value} />
        </div>
      )}
    </div>
  ) : (
    <div class="banner error" role="alert" id={id}>
      {notice.text}
    </div>
  );
}

/** Where the dashboard shows what just happened: at the top after a redirect, by the pairs, by the pair-by-hand form. */
export const dashboardNoticeSlots = ['dashboard-message', 'pairs-message', 'pair-by-hand-message'] as const;
export type DashboardNoticeSlot = (typeof dashboardNoticeSlots)[number];

/**
 * Empties the dashboard's other notice slots (htmx out-of-band) along with a response that brings
 * its own notice, so an old "done" never stands beside a new refusal.
 */
export function ClearOtherNotices({ keep }: { keep: DashboardNoticeSlot[] }) {
  return (
    <>
      {dashboardNoticeSlots
        .filter((id) => !keep.includes(id))
        .map((id) => (
          <div id={id} hx-swap-oob="true"></div>
        ))}
    </>
  );
}

/** A form of one POST button, "Revoke" on screen and "Revoke the invitation for …" to a screen reader. */
export function PostButton(props: { action: string; label: string; what: string; variant: 'danger' | 'secondary' }) {
  return (
    <form method="post" action={props.action}>
      <button type="submit" class={props.variant}>
        {props.label}
        <span class="visually-hidden"> {props.what}</span>
      </button>
    </form>
  );
}
