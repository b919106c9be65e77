import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from "kysely";
import { groupCommit, type Transact } from "./group-commit";
import { migrationProvider, type Engine } from "./migrations";
import type { Database } from "./schema";

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Runs a unit of work in a transaction (on SQLite, with group commit). */
  transact: Transact;
  /** Runs a trivial query; throws when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens `sqlite:PATH`, `sqlite::memory:` or `postgres://…` and brings the schema up to date. */
export async function openStore(url: string): Promise<Store> {
  // Only the driver of the engine in use is loaded.
  const store = url.startsWith("sqlite:") ? await openSqlite(url.slice("sqlite:".length)) : await openPostgres(url);
  await migrate(store);
  return store;
}

async function openSqlite(path: string): Promise<Store> {
  const { default: SQLite } = await import("better-sqlite3");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  // WAL for concurrent readers; synchronous=FULL so an acknowledged write survives a kill -9.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    db,
    engine: "sqlite",
    transact: groupCommit(db),
    ping: async () => {
      database.prepare("select 1").get();
    },
    close: () => db.destroy(),
  };
}

/** Most prepared statements kept; the app issues a few dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; preparing costs more than running a one-row lookup. This keeps
 * each distinct SQL text's statement (statements take their parameters on each run). Nothing here
 * streams results, so a cached statement is never busy when it is reused.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: "postgres",
    transact: (work) => db.transaction().execute(work),
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => db.destroy(),
  };
}

async function migrate(store: Store): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: pin it to ours.
  const schema =
    store.engine === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.engine),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  // Kysely runs SQLite migrations statement by statement, each its own commit and fsync; one
  // transaction around them all makes a fresh database's schema one commit, applied whole or not at all.
  const atomic = store.engine === "sqlite";
  if (atomic) await sql`begin immediate`.execute(store.db);
  const { error, results } = await migrator.migrateToLatest();
  if (atomic) await sql.raw(error ? "rollback" : "commit").execute(store.db);
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
