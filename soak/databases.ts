import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { freshPostgresSchema } from "../testkit/postgres";

/** One user's row as the crash checks read it straight from the database. */
export interface StoredProfile {
  subject: string;
  givenName: string | null;
  locality: string | null;
  version: number;
  /** `profile.updated` audit rows: each committed with its change, so always version - 1. */
  updates: number;
}

export interface TestDatabase {
  engine: "sqlite" | "postgres";
  /** DATABASE_URL for the server. */
  url: string;
  /** Opens the database directly (the server may be dead): its integrity verdict and the users' rows. */
  inspect(): Promise<{ integrity: string; profiles: StoredProfile[] }>;
  drop(): Promise<void>;
}

const PROFILES_SQL = `
  select u.subject, u.profile, u.version,
         (select count(*) from audit_events a where a.user_id = u.id and a.action = 'profile.updated') as updates
  from users u order by u.subject`;

interface StoredRow {
  subject: string;
  /** JSON text on SQLite, parsed jsonb on PostgreSQL. */
  profile: string | { givenName?: string; address?: { locality?: string } };
  version: number;
  updates: number | bigint | string;
}

const storedProfile = (r: StoredRow): StoredProfile => {
  const doc = typeof r.profile === "string" ? (JSON.parse(r.profile) as Exclude<StoredRow["profile"], string>) : r.profile;
  return { subject: r.subject, givenName: doc.givenName ?? null, locality: doc.address?.locality ?? null, version: r.version, updates: Number(r.updates) };
};

/** A database file in a fresh temporary directory. */
export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "profile-widget-crash-"));
  const path = join(dir, "profile.db");
  return {
    engine: "sqlite",
    url: `sqlite:${path}`,
    async inspect() {
      // Opening a database whose writer was killed replays its WAL: this is the "opens cleanly" check.
      const db = new SQLite(path);
      try {
        const integrity = (db.pragma("integrity_check") as Array<{ integrity_check: string }>)
          .map((r) => r.integrity_check)
          .join("; ");
        const rows = db.prepare(PROFILES_SQL).all() as StoredRow[];
        return { integrity, profiles: rows.map(storedProfile) };
      } finally {
        db.close();
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the PostgreSQL at `baseUrl`, selected through the connection's search_path. */
export async function postgresDatabase(baseUrl: string): Promise<TestDatabase> {
  const fresh = await freshPostgresSchema(baseUrl, "crash");
  const { schema } = fresh;
  const inspectUrl = fresh.url;
  const url = new URL(fresh.url);
  // The servers' connections carry a name, so a check can wait until a killed server's are gone.
  const serverName = `pw_${schema}`;
  url.searchParams.set("application_name", serverName);
  return {
    engine: "postgres",
    url: url.toString(),
    async inspect() {
      const client = new pg.Client({ connectionString: inspectUrl });
      await client.connect();
      try {
        // A COMMIT a killed server sent just before dying may still be applied by its backend: the
        // state is final only once those backends have ended.
        const deadline = Date.now() + 15_000;
        for (;;) {
          const { rows } = await client.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where application_name = $1",
            [serverName],
          );
          if (rows[0]?.n === 0) break;
          if (Date.now() > deadline) throw new Error(`${rows[0]?.n} connections of a stopped server are still open`);
          await new Promise((r) => setTimeout(r, 50));
        }
        const rows = (await client.query(PROFILES_SQL)).rows as StoredRow[];
        return { integrity: "ok", profiles: rows.map(storedProfile) };
      } finally {
        await client.end();
      }
    },
    async drop() {
      await fresh.drop();
    },
  };
}
