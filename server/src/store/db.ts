import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from "kysely";
import { groupCommit, type Transact } from "./group-commit";
import { migrationProvider, type Engine } from "./migrations";
import { preparedName } from "./nested";
import type { Database } from "./schema";

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Runs a unit of work in a transaction (on SQLite, with group commit). */
  transact: Transact;
  /**
   * Throws when the database cannot serve: it does not answer a trivial query, or (PostgreSQL) a request was
   * refused in the last REFUSALS_UNREADY_MS because no connection was free in time or a statement ran too long.
   */
  ping(): Promise<void>;
  /** Statements sent to the database since the store opened: on PostgreSQL, each is a network round trip. */
  statements(): number;
  close(): Promise<void>;
}

/** PostgreSQL's connection pool (DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS). */
export interface PoolOptions {
  /** Connections this process keeps open at most. */
  size: number;
  /** How long a request waits for a free connection before it is answered 503. */
  timeoutMs: number;
  /** How long the database lets one statement run before cancelling it (the request is answered 503). */
  statementTimeoutMs: number;
}

/**
 * Two connections per core of this process's machine, and a few more: while one connection's answer is on the wire
 * or being parsed, another's query runs; more than that only queues inside the database.
 */
export const DEFAULT_POOL: PoolOptions = { size: Math.max(4, 2 * availableParallelism() + 2), timeoutMs: 2000, statementTimeoutMs: 5000 };

/** After a request was refused for want of a connection or time, /readyz answers 503 for this long. */
export const REFUSALS_UNREADY_MS = 5000;

/** Opens `sqlite:PATH`, `sqlite::memory:` or `postgres://…` and brings the schema up to date. */
export async function openStore(url: string, pool: PoolOptions = DEFAULT_POOL): Promise<Store> {
  // Only the driver of the engine in use is loaded.
  const store = url.startsWith("sqlite:") ? await openSqlite(url.slice("sqlite:".length)) : await openPostgres(url, pool);
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
  const counted = withStatementCache(database);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: counted }) });
  return {
    db,
    engine: "sqlite",
    transact: groupCommit(db),
    ping: async () => {
      database.prepare("select 1").get();
    },
    statements: counted.statements,
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
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase & { statements: () => number } {
  const statements = new Map<string, BetterSqlite3.Statement>();
  // Kysely prepares once per statement it runs.
  let prepared = 0;
  return {
    statements: () => prepared,
    close: () => database.close(),
    prepare(text) {
      prepared++;
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

async function openPostgres(url: string, options: PoolOptions): Promise<Store> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size,
    // A request waits this long for a connection, then is answered 503 (app.ts) instead of queueing on.
    connectionTimeoutMillis: options.timeoutMs,
    idleTimeoutMillis: 30_000,
    // Enforced by the database: a statement running longer is cancelled (57014), a transaction left idle is ended.
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: Math.max(options.statementTimeoutMs, 10_000),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => {});
  let statements = 0;
  pool.on("connect", (client) => {
    // The pool listens for errors only while a connection is idle: one checked out between statements when the
    // database shuts down (57P01) would otherwise crash the process. Its next statement fails and is answered 503.
    client.on("error", () => {});
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    // Queries this connection no longer prepares: a migration changed what they read after it had prepared them.
    const unprepared = new Set<string>();
    (client as { query: unknown }).query = (...args: unknown[]) => {
      statements++;
      const [text, values] = args;
      const name = typeof text === "string" && !unprepared.has(text) ? preparedName(text) : undefined;
      if (!name) return query(...args);
      return query({ name, text, values }).catch((error: unknown) => {
        // 0A000 "cached plan must not change result type": a newer instance added a column to a table it selects.
        if ((error as { code?: unknown } | null)?.code !== "0A000") throw error;
        unprepared.add(text as string);
        return query(text, values);
      });
    };
  });
  let refusedAt = -Infinity;
  const noteRefusal = (error: unknown) => {
    if (isPoolRefusal(error)) refusedAt = performance.now();
    throw error;
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: () => pool.connect().catch(noteRefusal),
        end: () => pool.end(),
      },
    }),
    // A statement the database cancelled counts as a refusal as well.
    log: (event) => {
      if (event.level === "error" && isPoolRefusal(event.error)) refusedAt = performance.now();
    },
  });
  return {
    db,
    engine: "postgres",
    transact: (work) => db.transaction().execute(work),
    ping: async () => {
      if (performance.now() - refusedAt < REFUSALS_UNREADY_MS) throw Object.assign(new Error("requests were refused just now"), { code: "57P03" });
      await pool.query("select 1").catch(noteRefusal);
    },
    statements: () => statements,
    close: () => db.destroy(),
  };
}

/** No connection was free within the pool's timeout, or the database cancelled a statement for running too long. */
export function isPoolRefusal(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "57014" || /timeout exceeded when trying to connect/i.test(String(error));
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
