// One small interface over the two ways to reach Postgres: embedded PGlite (no server to install, the default) and a
// real server through `pg` when DATABASE_URL is set.
import { readFileSync } from 'node:fs';

export interface Db {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `work` in one transaction: all of it, or none. */
  transaction<T>(work: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDb(url = process.env['DATABASE_URL']): Promise<Db> {
  let db: Db;
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url });
    db = {
      query: async (sql, params) => pool.query(sql, params) as never,
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await work({ query: async (sql, params) => client.query(sql, params) as never });
          await client.query('COMMIT');
          return out;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = new PGlite();
    db = {
      query: async (sql, params) => lite.query(sql, params) as never,
      transaction: (work) =>
        lite.transaction((tx) => work({ query: async (sql, params) => tx.query(sql, params) as never })),
      close: () => lite.close(),
    };
  }
  const schema = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8').replace(/--.*$/gm, '');
  for (const statement of schema.split(';')) if (statement.trim() !== '') await db.query(statement);
  return db;
}
