import type { TestDatabase } from "./databases";
import { emptyStats, etagVersion, runProfileWriter, UserLedger, type LoadStats } from "./profile-writers";
import { createIdentity, serverEnv, startServer, type ServerProcess } from "./server-process";

export interface CrashReport {
  engine: "sqlite" | "postgres";
  cycles: number;
  /** Writes answered 200 before a kill, every one of them checked against the database. */
  acknowledgedWrites: number;
  /** Writes in flight at a kill (may or may not have committed; either is correct). */
  unansweredWrites: number;
  stats: LoadStats;
  /** Milliseconds from load start to each SIGKILL. */
  killedAfterMs: number[];
  /** Empty when every acknowledged write survived and the database opened cleanly each time. */
  violations: string[];
}

export interface CrashOptions {
  database: TestDatabase;
  cycles: number;
  users?: number;
  writersPerUser?: number;
  /** The kill comes at a random moment in this range after the load starts. */
  killAfterMs?: [number, number];
  onCycle?: (cycle: number, report: CrashReport) => void;
}

/**
 * Runs the real server under a profile write load, SIGKILLs it at a random moment, opens the
 * database directly (SQLite: integrity_check), checks every acknowledged write is there, restarts
 * the server on the same database and checks it answers the same — `cycles` times. Ends with a
 * SIGTERM that must exit 0.
 */
export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const { database } = options;
  const identity = await createIdentity();
  const env = serverEnv(identity, { DATABASE_URL: database.url });
  const ledgers = Array.from({ length: options.users ?? 4 }, (_, i) => new UserLedger(`crash-user-${i}`));
  const tokens = new Map<string, string>();
  const [minKill, maxKill] = options.killAfterMs ?? [200, 1500];
  const report: CrashReport = {
    engine: database.engine,
    cycles: 0,
    acknowledgedWrites: 0,
    unansweredWrites: 0,
    stats: emptyStats(),
    killedAfterMs: [],
    violations: [],
  };

  let server: ServerProcess = await startServer(env);
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      for (const l of ledgers) tokens.set(l.username, await identity.token(l.username));
      const baseUrl = server.url;
      let stopped = false;
      const writers = ledgers.flatMap((ledger) =>
        Array.from({ length: options.writersPerUser ?? 2 }, (_, w) =>
          runProfileWriter({
            baseUrl: () => baseUrl,
            token: async () => tokens.get(ledger.username)!,
            ledger,
            tag: `c${cycle}w${w}`,
            stop: () => stopped,
            stats: report.stats,
            endOnNetworkError: true,
          }),
        ),
      );
      const killAfter = minKill + Math.floor(Math.random() * (maxKill - minKill));
      await new Promise((r) => setTimeout(r, killAfter));
      server.child.kill("SIGKILL");
      const exit = await server.exited;
      stopped = true;
      await Promise.all(writers);
      report.killedAfterMs.push(killAfter);
      if (exit.signal !== "SIGKILL") report.violations.push(`cycle ${cycle}: server exited by ${exit.signal ?? exit.code}, not the kill`);

      // The database as the crash left it, opened directly.
      const { integrity, profiles } = await database.inspect();
      if (integrity !== "ok") report.violations.push(`cycle ${cycle}: integrity_check says ${integrity}`);
      const stored = new Map(profiles.map((p) => [p.subject, p]));
      for (const ledger of ledgers) {
        report.acknowledgedWrites += ledger.acknowledgedSinceCheck;
        report.unansweredWrites += ledger.unansweredSinceCheck;
        for (const problem of ledger.check(stored.get(ledger.subject))) report.violations.push(`cycle ${cycle}: ${problem}`);
      }

      // The restarted server opens the same database and answers what is stored.
      server = await startServer(env);
      const ready = await fetch(`${server.url}/readyz`);
      if (ready.status !== 200) report.violations.push(`cycle ${cycle}: /readyz answered ${ready.status} after restart`);
      for (const ledger of ledgers) {
        const expected = stored.get(ledger.subject);
        if (!expected) continue;
        const res = await fetch(`${server.url}/api/profile`, {
          headers: { Authorization: `Bearer ${await identity.token(ledger.username)}` },
        });
        const body = (await res.json()) as { givenName?: string | null };
        const version = etagVersion(res.headers.get("ETag"));
        if (res.status !== 200 || body.givenName !== expected.givenName || version !== expected.version) {
          report.violations.push(
            `cycle ${cycle}: ${ledger.username} after restart: ${res.status} "${body.givenName}" v${version}, stored "${expected.givenName}" v${expected.version}`,
          );
        }
      }
      report.cycles = cycle;
      options.onCycle?.(cycle, report);
    }
    const { code, signal } = await server.stop("SIGTERM");
    if (code !== 0) report.violations.push(`SIGTERM after the last cycle: exit code ${code}, signal ${signal}`);
  } finally {
    await server.stop("SIGKILL");
  }
  return report;
}
