import type { TestDatabase } from "./databases";
import { emptyStats, runProfileWriter, UserLedger, type LoadStats } from "./profile-writers";
import { createIdentity, serverEnv, startServer } from "./server-process";

export interface SoakReport {
  engine: "sqlite" | "postgres";
  seconds: number;
  requests: number;
  /** Answers 5xx and requests that got no answer, while the server was meant to be up. */
  errors: number;
  statuses: Record<string, number>;
  readLatencyMs: { p50: number; p99: number };
  /** Resident memory of the server process after warm-up and at the end. */
  rssKiB: { afterWarmup: number | undefined; atEnd: number | undefined; max: number | undefined };
  acknowledgedWrites: number;
  sigtermExit: { code: number | null; signal: string | null };
  violations: string[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! * 10) / 10 : 0;

/**
 * Holds the real server under a mixed load for `seconds`: profile writers competing with If-Match,
 * readers of the profile and the device list, and device churn (authenticator apps and passkeys
 * added and removed). Reports requests, errors, read latency and memory, then SIGTERMs the server
 * and checks every acknowledged write is stored.
 */
export async function runSustainedLoad(options: { database: TestDatabase; seconds: number; warmupSeconds?: number }): Promise<SoakReport> {
  const { database, seconds } = options;
  const identity = await createIdentity();
  const server = await startServer(serverEnv(identity, { DATABASE_URL: database.url, MFA_MAX_DEVICES: "10" }));
  const stats: LoadStats = emptyStats();
  const latencies: number[] = [];
  const tokens = new Map<string, { token: string; at: number }>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.token;
    const fresh = await identity.token(username);
    tokens.set(username, { token: fresh, at: Date.now() });
    return fresh;
  };
  const count = (status: number | "network") => {
    stats.requests++;
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  };
  const call = async (username: string, method: string, path: string, body?: unknown) => {
    const started = performance.now();
    try {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${await token(username)}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      count(res.status);
      return { status: res.status, ms: performance.now() - started, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    } catch {
      count("network");
      return { status: 0, ms: performance.now() - started, body: {} };
    }
  };

  const deadline = Date.now() + seconds * 1000;
  const running = () => Date.now() < deadline;
  const ledgers = Array.from({ length: 4 }, (_, i) => new UserLedger(`soak-writer-${i}`));
  const writers = ledgers.flatMap((ledger) =>
    [0, 1].map((w) =>
      runProfileWriter({ baseUrl: () => server.url, token: () => token(ledger.username), ledger, tag: `w${w}`, stop: () => !running(), stats }),
    ),
  );
  const readers = [0, 1].map(async (r) => {
    while (running()) {
      const res = await call(`soak-reader-${r}`, "GET", r % 2 ? "/api/mfa" : "/api/profile");
      latencies.push(res.ms);
    }
  });
  const churn = [0, 1].map(async (c) => {
    const user = `soak-churn-${c}`;
    while (running()) {
      const added = await call(user, "POST", "/api/mfa/devices", { type: c % 2 ? "totp" : "passkey", nickname: `Churn ${c}` });
      const id = (added.body.device as { id?: string } | undefined)?.id;
      if (id) await call(user, "PATCH", `/api/mfa/devices/${id}`, { nickname: "Renamed" });
      if (id) await call(user, "DELETE", `/api/mfa/devices/${id}`);
    }
  });

  const rss = { afterWarmup: undefined as number | undefined, atEnd: undefined as number | undefined, max: undefined as number | undefined };
  const sampler = setInterval(() => {
    const now = server.rssKiB();
    if (now !== undefined) rss.max = Math.max(rss.max ?? 0, now);
  }, 1000);
  await new Promise((r) => setTimeout(r, Math.min(seconds, options.warmupSeconds ?? 5) * 1000));
  rss.afterWarmup = server.rssKiB();
  await Promise.all([...writers, ...readers, ...churn]);
  rss.atEnd = server.rssKiB();
  clearInterval(sampler);

  const sigtermExit = await server.stop("SIGTERM");
  const violations: string[] = [];
  if (sigtermExit.code !== 0) violations.push(`SIGTERM: exit code ${sigtermExit.code}, signal ${sigtermExit.signal}`);
  const { integrity, profiles } = await database.inspect();
  if (integrity !== "ok") violations.push(`integrity_check: ${integrity}`);
  const stored = new Map(profiles.map((p) => [p.subject, p]));
  let acknowledgedWrites = 0;
  for (const ledger of ledgers) {
    acknowledgedWrites += ledger.acknowledgedSinceCheck;
    violations.push(...ledger.check(stored.get(ledger.subject)));
  }
  const errors = Object.entries(stats.statuses)
    .filter(([status]) => status === "network" || status.startsWith("5"))
    .reduce((n, [, c]) => n + c, 0);
  latencies.sort((x, y) => x - y);
  return {
    engine: database.engine,
    seconds,
    requests: stats.requests,
    errors,
    statuses: stats.statuses,
    readLatencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    rssKiB: rss,
    acknowledgedWrites,
    sigtermExit: { code: sigtermExit.code, signal: sigtermExit.signal },
    violations,
  };
}
