import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { runCrashCycles } from "../../soak/crash";
import { postgresDatabase, sqliteDatabase, type TestDatabase } from "../../soak/databases";
import { emptyStats, etagVersion, runProfileWriter, UserLedger } from "../../soak/profile-writers";
import { createIdentity, serverEnv, startServer, type ServerProcess } from "../../soak/server-process";
import { ENGINES } from "./helpers";

/** Crash cycles per engine here; `npm run soak` runs many more. */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);

const databaseFor = (engine: "sqlite" | "postgres") =>
  engine === "sqlite" ? sqliteDatabase() : postgresDatabase(process.env.TEST_DATABASE_URL!);

describe.each(ENGINES)("the real server killed under load on %s", (engine) => {
  it(`keeps every acknowledged write through ${CYCLES} SIGKILLs, and the database opens cleanly each time`, async () => {
    const database = await databaseFor(engine);
    try {
      const report = await runCrashCycles({ database, cycles: CYCLES, killAfterMs: [500, 1500] });
      // One assertion, so a failure shows the whole report.
      const serverErrors = Object.fromEntries(Object.entries(report.stats.statuses).filter(([s]) => s === "500"));
      expect({ violations: report.violations, cycles: report.cycles, serverErrors, statuses: report.stats.statuses }).toEqual({
        violations: [],
        cycles: CYCLES,
        serverErrors: {},
        statuses: report.stats.statuses,
      });
      expect(report.acknowledgedWrites).toBeGreaterThan(0);
    } finally {
      await database.drop();
    }
  }, 240_000);
});

describe.each(ENGINES)("SIGTERM on %s", (engine) => {
  const servers: ServerProcess[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop("SIGKILL");
    for (const d of databases) await d.drop();
  });

  it("finishes the request in flight, refuses new connections, keeps every acknowledged write and exits 0", async () => {
    const database = await databaseFor(engine);
    databases.push(database);
    const identity = await createIdentity();
    const env = serverEnv(identity, { DATABASE_URL: database.url });
    const server = await startServer(env);
    servers.push(server);
    const port = Number(new URL(server.url).port);

    const token = await identity.token("drain");
    const first = await fetch(`${server.url}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
    const etag = first.headers.get("ETag")!;
    await first.arrayBuffer();

    // Load on keep-alive connections, as browsers hold them.
    const ledgers = ["load-0", "load-1", "load-2"].map((u) => new UserLedger(u));
    const stats = emptyStats();
    const loadTokens = new Map(await Promise.all(ledgers.map(async (l) => [l.username, await identity.token(l.username)] as const)));
    let stopLoad = false;
    const writers = ledgers.map((ledger, i) =>
      runProfileWriter({
        baseUrl: () => server.url,
        token: async () => loadTokens.get(ledger.username)!,
        ledger,
        tag: `w${i}`,
        stop: () => stopLoad,
        stats,
        endOnNetworkError: true,
      }),
    );
    const warm = Date.now() + 15_000;
    while (ledgers.some((l) => l.acknowledgedSinceCheck === 0) && Date.now() < warm) await new Promise((r) => setTimeout(r, 20));

    // A PATCH whose body is still to come when SIGTERM arrives. `Expect: 100-continue` makes the server
    // say when it has taken the request up, so the signal lands while it is certainly in flight.
    const body = JSON.stringify({ givenName: "Drained", address: { locality: "Drained" } });
    let accepted!: () => void;
    const inFlight = new Promise<void>((r) => (accepted = r));
    const req = request(`${server.url}/api/profile`, {
      method: "PATCH",
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        "If-Match": etag,
        "Content-Length": Buffer.byteLength(body),
        Expect: "100-continue",
      },
    });
    const slow = new Promise<{ status: number; etag: string | undefined; connection: string | undefined }>((resolve, reject) => {
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, etag: res.headers.etag, connection: res.headers.connection }));
      });
      req.on("error", reject);
    });
    req.on("continue", () => accepted());
    req.flushHeaders();
    await inFlight;
    const sentTerm = Date.now();
    server.child.kill("SIGTERM");
    const deadline = Date.now() + 10_000;
    while (!server.logs.some((l) => l.msg === "shutting down") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    // Once draining, the server takes no new connections.
    const refused = await new Promise<string>((resolve) => {
      const probe = request({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
        res.resume();
        resolve(`answered ${res.statusCode}`);
      });
      probe.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      probe.end();
    });
    expect(refused).toBe("ECONNREFUSED");
    req.end(body);

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe("close");
    const exit = await server.exited;
    const drainMs = Date.now() - sentTerm;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(drainMs).toBeLessThan(8000);
    const messages = server.logs.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
    expect(messages).not.toContain("shutdown timed out: requests still running after 10 s");

    stopLoad = true;
    await Promise.all(writers);
    expect(Object.keys(stats.statuses).filter((s) => s.startsWith("5"))).toEqual([]);
    expect(ledgers.reduce((n, l) => n + l.acknowledgedSinceCheck, 0)).toBeGreaterThan(0);

    // Everything acknowledged before and during the drain is stored.
    const { integrity, profiles } = await database.inspect();
    expect(integrity).toBe("ok");
    const stored = new Map(profiles.map((p) => [p.subject, p]));
    for (const ledger of ledgers) expect(ledger.check(stored.get(ledger.subject))).toEqual([]);
    expect(stored.get("soak|drain")).toMatchObject({ givenName: "Drained", version: etagVersion(answer.etag ?? null) });
  }, 60_000);
});
