// The audit log for organizers: who did what to the event, newest first, the app's own actions too.
import type { AuditLine } from '../../src/domain/audit.ts';
import { formatDateTime } from '../format.ts';
import { eventPath, liveTrigger } from './chrome.tsx';
import { AdminTable } from './table.tsx';

const actionLabels: Record<string, string> = {
  'check-in': 'Checked in',
  'check-out': 'Checked out',
  'spot-added': 'Added a meetup spot',
  'spot-updated': 'Changed a meetup spot',
  'timing-updated': 'Changed the timing',
  'propose-round': 'Proposed a round',
  'publish-round': 'Published a round',
  'discard-round': 'Discarded a round',
  'propose-pre-event-round': 'Proposed a pre-event round',
  'publish-pre-event-round': 'Planned pairs before the event',
  'planned-pair-live': 'A planned pair went live',
  'planned-pair-released': 'Released a planned pair',
  'end-planned-pair': 'Ended a planned pair',
  'planned-hold-updated': 'Changed how long planned pairs hold',
  'no-show': 'Marked a no-show',
  rematch: 'Rematched',
  unpair: 'Unpaired',
  pin: 'Paired by hand',
  forbid: 'Forbade a pair',
  move: 'Moved a pair',
  'event-created': 'Created the event',
  'event-updated': 'Changed the event details',
  'event-archived': 'Archived the event',
  'event-restored': 'Restored the event',
  'event-deleted': 'Deleted an event',
  'choice-added': 'Added a choice',
  'choice-renamed': 'Renamed a choice',
  'choice-moved': 'Moved a choice',
  'choice-retired': 'Retired a choice',
  'choice-removed': 'Removed a choice nobody had made',
  'choice-restored': 'Offered a choice again',
  'weights-updated': 'Changed the matching weights',
  'organizer-invited': 'Invited an organizer',
  'invite-revoked': 'Revoked an invitation',
  'organizer-joined': 'Joined as an organizer',
  erase: 'Erased personal data',
  'retention-purge': 'Erased personal data after the retention period',
};

export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function AuditList({ slug, timezone, entries }: { slug: string; timezone: string; entries: AuditLine[] }) {
  return (
    <div id="audit-log" hx-get={`${eventPath(slug)}/audit`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      <AuditTable timezone={timezone} entries={entries} />
    </div>
  );
}

/** The log itself, newest first; times in `timezone`. */
export function AuditTable({ timezone, entries }: { timezone: string; entries: AuditLine[] }) {
  return (
    <>
      {entries.length === 0 ? (
        <p class="muted">No organizer actions yet.</p>
      ) : (
        <AdminTable
          caption="The latest organizer actions, newest first"
          columns={['When', 'Who', 'What']}
          region="Recent organizer actions"
        >
          {entries.map((e) => (
            <tr>
              <td>
                <time datetime={e.at.toISOString()}>{formatDateTime(e.at, timezone)}</time>
              </td>
              <td>{e.organizerName ?? <em>automatic</em>}</td>
              <td>
                {actionLabel(e.action)}
                {e.detail && <span class="hint">{e.detail}</span>}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </>
  );
}
