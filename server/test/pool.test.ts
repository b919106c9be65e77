import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdentity, serverEnv, startServer, waitForReady, type Identity, type ServerProcess } from "../../soak/server-process";
import { freshDatabaseUrl } from "./helpers";

type Json = { error?: { code: string; message: string } };

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL's pool and timeouts", () => {
  let identity: Identity;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let server: ServerProcess;
  let admin: pg.Client;
  const get = async (path: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${await identity.token("ada")}` } });
    return { status: res.status, body: (await res.json()) as Json, retryAfter: res.headers.get("Retry-After"), ms: performance.now() - started };
  };

  beforeAll(async () => {
    identity = await createIdentity();
    database = await freshDatabaseUrl("postgres");
    server = await startServer(
      serverEnv(identity, {
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: "1",
        DATABASE_POOL_TIMEOUT_MS: "300",
        DATABASE_STATEMENT_TIMEOUT_MS: "1500",
      }),
    );
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
    await database?.drop();
  });

  it("answers 503 in the error shape within its bounds when the one connection is busy, and /readyz says so", async () => {
    expect((await get("/api/profile")).status).toBe(200);
    // Another client holds the users table: the server's only connection waits on it.
    await admin.query("begin");
    await admin.query("lock table users in access exclusive mode");
    const stuck = get("/api/profile");
    await new Promise((r) => setTimeout(r, 100));
    const queued = await get("/api/profile");
    expect(queued.status).toBe(503);
    expect(queued.body).toEqual({ error: { code: "service_unavailable", message: expect.any(String) } });
    expect(queued.retryAfter).toMatch(/^\d+$/);
    expect(queued.ms).toBeLessThan(1200);
    // The statement on the busy connection is cancelled by the database after DATABASE_STATEMENT_TIMEOUT_MS.
    const cancelled = await stuck;
    expect(cancelled.status).toBe(503);
    expect(cancelled.body.error?.code).toBe("service_unavailable");
    expect(cancelled.ms).toBeLessThan(3000);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    await admin.query("rollback");

    // Served again at once; ready again once no request was refused for a few seconds.
    expect((await get("/api/profile")).status).toBe(200);
    expect(await waitForReady(server, 10_000, 250)).toBe(200);
  }, 30_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("three servers starting at once on an empty PostgreSQL", () => {
  it("migrate it once; the others wait, then all serve", async () => {
    const database = await freshDatabaseUrl("postgres");
    const identity = await createIdentity();
    const servers: ServerProcess[] = [];
    try {
      // Three processes with one configuration (SECRETS_KEY too), started together, each migrating on start.
      const env = serverEnv(identity, { DATABASE_URL: database.url });
      servers.push(...(await Promise.all([0, 1, 2].map(() => startServer(env, { timeoutMs: 30_000 })))));
      for (const server of servers) expect(await waitForReady(server, 20_000)).toBe(200);
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const applied = await admin.query<{ name: string }>("select name from kysely_migration order by name");
      await admin.end();
      const names = applied.rows.map((r) => r.name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      // One user's profile, written through one and read through the others: one schema, one set of tables.
      const token = await identity.token("ada");
      const auth = { Authorization: `Bearer ${token}` };
      const saved = await fetch(`${servers[0]!.url}/api/profile`, {
        method: "PATCH",
        headers: { ...auth, "Content-Type": "application/json", "If-Match": "*" },
        body: JSON.stringify({ givenName: "Ada" }),
      });
      expect(saved.status).toBe(200);
      for (const server of servers.slice(1)) {
        const read = await fetch(`${server.url}/api/profile`, { headers: auth });
        expect(((await read.json()) as { givenName?: string }).givenName).toBe("Ada");
      }
      for (const server of servers) expect(server.logs.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    } finally {
      await Promise.all(servers.map((s) => s.stop("SIGTERM")));
      await database.drop();
    }
  }, 60_000);
});
