import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from "kysely";
import pg from "pg";
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
  const store = url.startsWith("sqlite:") ? openSqlite(url.slice("sqlite:".length)) : openPostgres(url);
  await migrate(store);
  return store;
}

function openSqlite(path: string): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  // WAL for concurrent readers; synchronous=FULL so an acknowledged write survives a kill -9.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
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

function openPostgres(url: string): Store {
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
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
