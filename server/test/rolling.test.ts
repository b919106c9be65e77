import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityPage } from "../../contract/api";
import { Balancer, etagVersion, ProfileHistory, runBalancedWriter } from "../../soak/profile-writers";
import { createIdentity, freePort, serverEnv, startServer, waitForReady, type Identity, type ServerProcess } from "../../soak/server-process";
import { freshDatabaseUrl } from "./helpers";

const USERS = 6;
/** Acknowledged writes each restart window must see at least (from SIGTERM to the new process's /readyz 200). */
const MIN_WRITES_PER_RESTART = 30;

/** Every event of `username`'s activity, newest first, read a page of 100 at a time through `balancer`. */
async function activityOf(balancer: Balancer, token: string) {
  const events: ActivityPage["events"] = [];
  let before: string | null = null;
  do {
    const answer = await balancer.send(`/api/activity?limit=100${before ? `&before=${before}` : ""}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const page = JSON.parse(answer.text) as ActivityPage;
    events.push(...page.events);
    before = page.next;
  } while (before);
  return events;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("a rolling restart of three server processes on one PostgreSQL", () => {
  let identity: Identity;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let envs: Array<Record<string, string>>;
  /** The instance on each port now. */
  const servers: ServerProcess[] = [];
  /** Every process started, for the log checks. */
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    identity = await createIdentity();
    database = await freshDatabaseUrl("postgres");
    // One configuration for all (the same SECRETS_KEY above all), each on a fixed port as a load balancer's pool names them.
    const env = serverEnv(identity, { DATABASE_URL: database.url });
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    envs = ports.map((port) => ({ ...env, PORT: String(port) }));
    servers.push(...(await Promise.all(envs.map((e) => startServer(e)))));
    processes.push(...servers);
    for (const server of servers) expect(await waitForReady(server, 20_000)).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop("SIGKILL")));
    await database?.drop();
  });

  it("loses no acknowledged write and answers no 5xx but 503 while each instance restarts in turn", async () => {
    const started = Date.now();
    const balancer = new Balancer(servers.map((s) => s.url), { healthIntervalMs: 100 });
    const histories = Array.from({ length: USERS }, (_, i) => new ProfileHistory(`rolling-${i}`));
    const tokens = new Map(await Promise.all(histories.map(async (h) => [h.username, await identity.token(h.username)] as const)));
    let stopped = false;
    const writers = histories.map((history, i) =>
      runBalancedWriter({ balancer, history, tag: `w${i}`, token: async () => tokens.get(history.username)!, stop: () => stopped }),
    );

    const windows: Array<{ server: number; from: number; to: number; exit: { code: number | null; signal: NodeJS.Signals | null }; stopMs: number }> = [];
    try {
      await new Promise((r) => setTimeout(r, 1500));
      for (let i = 0; i < servers.length; i++) {
        const from = Date.now();
        const exit = await servers[i]!.stop("SIGTERM");
        const stopMs = Date.now() - from;
        servers[i] = await startServer(envs[i]!, { timeoutMs: 30_000 });
        processes.push(servers[i]!);
        expect(await waitForReady(servers[i]!, 20_000, 50)).toBe(200);
        const to = Date.now();
        windows.push({ server: i, from, to, exit, stopMs });
        // The next instance goes only once this one serves writes again.
        const deadline = Date.now() + 10_000;
        while (!balancer.exchanges.some((e) => e.server === i && e.method === "PATCH" && e.status === 200 && e.startedAt > to) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      stopped = true;
      await Promise.all(writers);
      balancer.close();
    }

    // Each instance stopped by SIGTERM the way main.ts shuts down: in-flight requests answered, exit 0.
    for (const w of windows) expect({ server: w.server, ...w.exit }).toEqual({ server: w.server, code: 0, signal: null });
    for (const p of processes.slice(0, 3)) {
      expect(p.logs.some((l) => l.msg === "stopped" && l.signal === "SIGTERM")).toBe(true);
    }
    for (const p of processes) {
      // Errors but the 503s' request lines: no unhandled error, no shutdown that timed out.
      expect(p.logs.filter((l) => (l.level === "error" || l.level === "fatal") && !(l.msg === "request" && l.status === 503))).toEqual([]);
      expect(p.logs.filter((l) => l.msg === "<not json>")).toEqual([]);
    }

    // A graceful stop answers every request it took: no write committed without its answer.
    expect(histories.flatMap((h) => h.committedUnacknowledged)).toEqual([]);

    // What the clients saw: each user's versions form one sequence; every instance now answers its newest.
    const finals = await Promise.all(
      histories.map(async (history) => {
        const token = tokens.get(history.username)!;
        const answers = await Promise.all(
          servers.map(async (s) => {
            const res = await fetch(`${s.url}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
            const body = (await res.json()) as { givenName?: string | null; address?: { locality?: string | null } | null };
            return { status: res.status, etag: res.headers.get("ETag"), givenName: body.givenName ?? null, locality: body.address?.locality ?? null };
          }),
        );
        return { history, token, answers, version: etagVersion(answers[0]!.etag)!, value: answers[0]!.givenName };
      }),
    );
    expect(finals.flatMap((f) => f.history.checkFinal(f))).toEqual([]);
    for (const { history, token, answers, version, value } of finals) {
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.etag)).size).toBe(1);
      expect(answers[0]!.locality).toBe(value);
      // Nothing committed but what was acknowledged, so the newest acknowledged write is what every instance answers.
      const newest = history.acknowledged.at(-1);
      expect({ user: history.username, version, value }).toEqual({ user: history.username, version: newest?.version, value: newest?.value });

      // The audit trail a client can read: the account's creation, then one profile.updated per version after the first.
      const events = await activityOf(balancer, token);
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => b - a));
      expect(events.at(-1)?.type).toBe("user.created");
      expect(events.filter((e) => e.type === "user.created")).toHaveLength(1);
      expect({ user: history.username, updates: events.filter((e) => e.type === "profile.updated").length }).toEqual({
        user: history.username,
        updates: version - 1,
      });
    }

    const inWindow = (e: { server: number; startedAt: number; endedAt: number }) => windows.some((w) => e.server === w.server && e.startedAt <= w.to && e.endedAt >= w.from);
    // No 5xx but a 503 of the restarting instance in its window; no request failing on an instance not restarting.
    const failures = balancer.exchanges.filter((e) => e.status === "network" || e.status >= 500);
    expect(failures.filter((e) => e.status !== "network" && e.status !== 503)).toEqual([]);
    expect(failures.filter((e) => !inWindow(e))).toEqual([]);

    // Enough load to matter: writes acknowledged in every window, by the other instances, and by each restarted one after.
    const acked = histories.flatMap((h) => h.acknowledged);
    const perWindow = windows.map((w) => acked.filter((a) => a.at >= w.from && a.at <= w.to).length);
    for (const count of perWindow) expect(count).toBeGreaterThanOrEqual(MIN_WRITES_PER_RESTART);
    for (const w of windows) expect(acked.filter((a) => a.server === w.server && a.at > w.to).length).toBeGreaterThan(0);

    const count = (predicate: (e: (typeof balancer.exchanges)[number]) => boolean) => balancer.exchanges.filter(predicate).length;
    console.warn(
      `rolling restart: ${acked.length} writes acknowledged in ${Date.now() - started} ms, per restart window ${perWindow.join("/")}, ` +
        `windows ${windows.map((w) => `${w.to - w.from} ms (stop ${w.stopMs} ms)`).join(", ")}; ` +
        `${count((e) => windows.some((w) => e.server === w.server && e.status === 200 && e.startedAt < w.from && e.endedAt >= w.from))} answered while draining, ` +
        `${count((e) => e.status === "network")} attempts refused or reset (${[...new Set(failures.map((e) => e.error ?? e.status))].join(", ")}), ` +
        `${count((e) => e.status === 503)} answered 503, ${histories.reduce((n, h) => n + h.notCommitted, 0)} writes in doubt settled as not committed`,
    );
  }, 120_000);
});
