// Reading a dev host's database in a test the same way on both engines: one SQL text (`?`
// placeholders, SQL both SQLite and PostgreSQL accept), run through the host's better-sqlite3 database
// on SQLite and through a small pool of its own on PostgreSQL. Rows come back as plain objects with
// the same kinds of values on every call (BIGINT as a number, as better-sqlite3 gives it, as the
// PostgreSQL store reads it), so two reads of one engine compare equal when nothing changed.
import pg from 'pg';
import type {DevHost} from '../src/start-dev-host.js';

/** A value bound to a `?`. */
export type SqlParam = string | number | null;

/** Reads of one host's database; `close()` ends the pool (nothing to end on SQLite). */
export interface EngineSql {
  /** Every row of `sql`. */
  all<Row = Record<string, unknown>>(sql: string, ...params: SqlParam[]): Promise<Row[]>;
  /** The first row of `sql`, or undefined when there is none. */
  get<Row = Record<string, unknown>>(sql: string, ...params: SqlParam[]): Promise<Row | undefined>;
  /** The first column of the first row of `sql` (undefined without a row), as `pluck().get()`. */
  value<Value = unknown>(sql: string, ...params: SqlParam[]): Promise<Value | undefined>;
  close(): Promise<void>;
}

/** BIGINT (int8: ids, counts) as a number, as better-sqlite3 gives them (and the PostgreSQL store). */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * `sql` with its `?` placeholders numbered for PostgreSQL (`$1`…`$n`); a `?` inside a string literal
 * ('…') or a quoted identifier ("…") stays.
 */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) =>
    token === '?' ? `$${++n}` : token,
  );
}

/**
 * The SQL reads of `host`: through `host.db` (better-sqlite3) when `pgUrl` is not given, else through
 * a pool on the PostgreSQL database `pgUrl` (the one the host was started on).
 */
export function sqlOf(host: DevHost, pgUrl?: string): EngineSql {
  if (pgUrl === undefined) {
    const db = host.db;
    return {
      all: async <Row>(sql: string, ...params: SqlParam[]) =>
        db.prepare(sql).all(...params) as Row[],
      get: async <Row>(sql: string, ...params: SqlParam[]) =>
        db.prepare(sql).get(...params) as Row | undefined,
      value: async <Value>(sql: string, ...params: SqlParam[]) =>
        db
          .prepare(sql)
          .pluck()
          .get(...params) as Value | undefined,
      close: async () => {},
    };
  }
  const pool = new pg.Pool({connectionString: pgUrl, max: 2, types: TYPES});
  // An idle connection that breaks must not crash the test process; the next query reports.
  pool.on('error', () => {});
  const rows = async (sql: string, params: SqlParam[]) =>
    (await pool.query<Record<string, unknown>>(numberedPlaceholders(sql), params)).rows;
  return {
    all: async <Row>(sql: string, ...params: SqlParam[]) => (await rows(sql, params)) as Row[],
    get: async <Row>(sql: string, ...params: SqlParam[]) =>
      (await rows(sql, params))[0] as Row | undefined,
    value: async <Value>(sql: string, ...params: SqlParam[]) => {
      const result = await pool.query<unknown[]>({
        text: numberedPlaceholders(sql),
        values: params,
        rowMode: 'array',
      });
      return result.rows[0]?.[0] as Value | undefined;
    },
    close: () => pool.end(),
  };
}
