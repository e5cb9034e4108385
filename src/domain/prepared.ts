// Statements that run per request or per pair are built and compiled once per database
// connection, not on every call: drizzle building the SQL and SQLite compiling it cost more than
// running it (docs/decisions/performance.md).
import type { Conn } from '../db.ts';

type Session = object;

/**
 * The session a database and its transactions share: drizzle hands a transaction the session of
 * the database it was opened on, so statements prepared on either run on the same connection,
 * inside whatever transaction is open.
 */
function sessionOf(conn: Conn): Session {
  const session = (conn as unknown as { session?: Session }).session;
  if (!session) throw new Error('prepared statements need a drizzle database or transaction');
  return session;
}

/**
 * `build` once per database connection; afterwards the same statements for the database or any
 * transaction on it. `build` prepares with `sql.placeholder` for everything that varies.
 */
export function preparedOnce<T>(build: (conn: Conn) => T): (conn: Conn) => T {
  const built = new WeakMap<Session, T>();
  return (conn) => {
    const session = sessionOf(conn);
    let statements = built.get(session);
    if (statements === undefined) {
      statements = build(conn);
      built.set(session, statements);
    }
    return statements;
  };
}

/** A list bound to one placeholder, read in SQL with `json_each`, so a statement takes any number of ids. */
export const jsonList = (values: readonly (number | string)[]): string => JSON.stringify(values);
