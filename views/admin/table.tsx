// The admin list table: scrolls sideways inside its own box on a phone, a caption for screen readers,
// one header row of column names, and optionally a last column of buttons named only for screen readers.
import type { Child } from 'hono/jsx';

export type AdminTableProps = {
  /** read out by screen readers, hidden on screen */
  caption: string;
  columns: string[];
  /** a last column of row buttons, headed "Actions" for screen readers only */
  actions?: boolean;
  /** names the box and makes it focusable, so a keyboard can scroll a wide table on a phone */
  region?: string;
  /** the table's own id, for tests and htmx targets */
  id?: string;
  children?: Child;
};

export function AdminTable(props: AdminTableProps) {
  return (
    <div class="table-wrap" tabindex={props.region ? 0 : undefined} role={props.region ? 'region' : undefined} aria-label={props.region}>
      <table id={props.id}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
            {props.actions ? (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
