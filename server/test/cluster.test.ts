import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Balancer, etagVersion, ProfileHistory, runBalancedWriter } from "../../soak/profile-writers";
import { createIdentity, freePort, ROOT, serverEnv, startServer, waitForReady, type Identity, type ServerProcess } from "../../soak/server-process";
import { smtpNotifier } from "../src/notify/email";
import { buildTestApp, freshDatabaseUrl } from "./helpers";
import { expectError, mfaClient, otherCode } from "./mfa-helpers";
import { freshPostgresSchema } from "../../testkit/postgres";
import { startSmsReceiver, startSmtpReceiver } from "../../testkit/receivers";

const WEBHOOK_SECRET = "whsec-cluster-test-0123456789";
type Json = Record<string, unknown> & { error?: { code: string; message: string; attemptsRemaining?: number } };

/** A client of one server process: JSON in and out, Bearer token of `username`. */
function clientOf(server: ServerProcess, identity: Identity) {
  return async (username: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await identity.token(username)}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Json };
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("two server processes on one PostgreSQL", () => {
  let identity: Identity;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let sms: Awaited<ReturnType<typeof startSmsReceiver>>;
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let callA: ReturnType<typeof clientOf>;
  let callB: ReturnType<typeof clientOf>;
  const tokensUsed: string[] = [];

  beforeAll(async () => {
    identity = await createIdentity();
    const sign = identity.token.bind(identity);
    // Every token either server sees is remembered, to look for in their logs at the end.
    identity = { ...identity, token: async (u, c) => {
      const token = await sign(u, c);
      tokensUsed.push(token);
      return token;
    } };
    database = await freshDatabaseUrl("postgres");
    smtp = await startSmtpReceiver();
    sms = await startSmsReceiver();
    // One configuration for both, as a load balancer's pool would have: the same SECRETS_KEY above all.
    env = serverEnv(identity, {
      DATABASE_URL: database.url,
      SMS_OTP_ENABLED: "true",
      EMAIL_OTP_ENABLED: "true",
      SMS_WEBHOOK_URL: sms.url,
      SMS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Profile <no-reply@example.test>",
      MFA_MAX_DEVICES: "20",
    });
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    callA = clientOf(a, identity);
    callB = clientOf(b, identity);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop("SIGTERM"), b?.stop("SIGTERM")]);
    await smtp?.close();
    await sms?.close();
    await database?.drop();
  });

  it("serves a change made through one from the other, with one version sequence", async () => {
    const first = await callA("grace", "GET", "/api/profile");
    const saved = await callA("grace", "PATCH", "/api/profile", { givenName: "Grace" }, { "If-Match": first.headers.get("ETag")! });
    expect(saved.status).toBe(200);
    const seen = await callB("grace", "GET", "/api/profile");
    expect(seen.body.givenName).toBe("Grace");
    expect(seen.headers.get("ETag")).toBe(saved.headers.get("ETag"));
    const next = await callB("grace", "PATCH", "/api/profile", { familyName: "Hopper" }, { "If-Match": seen.headers.get("ETag")! });
    expect(next.status).toBe(200);
    const stale = await callA("grace", "PATCH", "/api/profile", { givenName: "Stale" }, { "If-Match": saved.headers.get("ETag")! });
    expect({ status: stale.status, code: stale.body.error?.code }).toEqual({ status: 412, code: "version_conflict" });
    expect((await callA("grace", "GET", "/api/profile")).body).toMatchObject({ givenName: "Grace", familyName: "Hopper" });
  });

  it("lets exactly one of 50 PATCHes with the same If-Match win across both servers", async () => {
    const etag = (await callA("race", "GET", "/api/profile")).headers.get("ETag")!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? callA : callB)("race", "PATCH", "/api/profile", { givenName: `R${i}` }, { "If-Match": etag })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412 && r.body.error?.code === "version_conflict")).toHaveLength(49);
  });

  it("consumes a code sent through one server exactly once, whichever server it is submitted to", async () => {
    const added = await callA("ada", "POST", "/api/mfa/devices", { type: "sms", phone: "+14155550111" });
    expect(added.status).toBe(201);
    const id = (added.body.device as { id: string }).id;
    const code = sms.codeFor("+14155550111");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? callA : callB)("ada", "POST", `/api/mfa/devices/${id}/activate`, { otp: code })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error?.code === "device_already_active")).toHaveLength(9);
    const state = await callB("ada", "GET", "/api/mfa");
    expect(state.body.devices).toMatchObject([{ id, status: "ACTIVE", isDefault: true }]);
  });

  it("shares the attempt count: wrong codes through either server lock the code for both", async () => {
    const added = await callB("bob", "POST", "/api/mfa/devices", { type: "email", email: "bob@example.com" });
    expect(added.status).toBe(201);
    const id = (added.body.device as { id: string }).id;
    const code = smtp.codeFor("bob@example.com");
    const left: Array<number | undefined> = [];
    for (const call of [callA, callB, callA, callB]) {
      const res = await call("bob", "POST", `/api/mfa/devices/${id}/activate`, { otp: otherCode(code) });
      expect(res.body.error?.code).toBe("otp_invalid");
      left.push(res.body.error?.attemptsRemaining);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    expect((await callA("bob", "POST", `/api/mfa/devices/${id}/activate`, { otp: otherCode(code) })).body.error?.code).toBe("too_many_attempts");
    const right = await callB("bob", "POST", `/api/mfa/devices/${id}/activate`, { otp: code });
    expect({ status: right.status, code: right.body.error?.code }).toEqual({ status: 429, code: "too_many_attempts" });
  });

  it("shares the send limits: a resend through the other server right after a send is refused", async () => {
    const added = await callA("carol", "POST", "/api/mfa/devices", { type: "sms", phone: "+14155550122" });
    const id = (added.body.device as { id: string }).id;
    const sent = sms.messages.length;
    const resend = await callB("carol", "POST", `/api/mfa/devices/${id}/resend`, {});
    expect({ status: resend.status, code: resend.body.error?.code }).toEqual({ status: 429, code: "rate_limited" });
    expect(Number(resend.headers.get("Retry-After"))).toBeGreaterThan(20);
    expect(sms.messages.length).toBe(sent);
    // The per-user hourly limit (10 sends) counts both servers' sends together.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await (i % 2 ? callA : callB)("carol", "POST", "/api/mfa/devices", { type: "email", email: `c${i}@example.com` })).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(9);
    expect(statuses.at(-1)).toBe(429);
  });

  it("answers 502 and leaves no half-made device when the SMS gateway fails, on either server", async () => {
    sms.answerWith(500);
    try {
      for (const call of [callA, callB]) {
        const res = await call("dave", "POST", "/api/mfa/devices", { type: "sms", phone: "+14155550133" });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 502, code: "delivery_failed" });
      }
    } finally {
      sms.answerWith(200);
    }
    expect((await callA("dave", "GET", "/api/mfa")).body.devices).toEqual([]);
    expect((await callB("dave", "GET", "/api/mfa")).body.devices).toEqual([]);
  });

  it("logs JSON lines with request ids and no token, code or secret in either process", () => {
    const output = a.output() + b.output();
    for (const line of [...a.logs, ...b.logs]) {
      expect(line.msg).not.toBe("<not json>");
      if (line.msg === "request") expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const secrets = [
      ...tokensUsed,
      ...tokensUsed.map((t) => t.split(".")[2]!),
      ...sms.messages.map((m) => m.code),
      ...smtp.mails.map((m) => m.text.match(/ is (\d{6})\./)?.[1]).filter((c): c is string => !!c),
      WEBHOOK_SECRET,
      env.SECRETS_KEY!,
    ];
    expect(secrets.length).toBeGreaterThan(20);
    const leaked = secrets.filter((s) => new RegExp(`(?<![A-Za-z0-9_-])${s.replace(/[+/=.]/g, "\\$&")}(?![A-Za-z0-9_-])`).test(output));
    expect(leaked).toEqual([]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("a mail server that is down, on PostgreSQL", () => {
  it("answers 502 delivery_failed and leaves no device and no code behind", async () => {
    const port = await freePort();
    const t = await buildTestApp({
      engine: "postgres",
      notifiers: { email: smtpNotifier({ url: `smtp://127.0.0.1:${port}`, from: "Profile <no-reply@example.test>", timeoutMs: 2000 }) },
    });
    try {
      await expectError(await mfaClient(t).add({ type: "email", email: "ada@example.com" }), 502, "delivery_failed");
      expect(await t.store.db.selectFrom("mfa_devices").selectAll().execute()).toEqual([]);
      expect(await t.store.db.selectFrom("otp_challenges").selectAll().execute()).toEqual([]);
      expect((await mfaClient(t).state()).devices).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

const pgBin = existsSync("/usr/lib/postgresql")
  ? readdirSync("/usr/lib/postgresql").map((v) => join("/usr/lib/postgresql", v, "bin")).find((d) => existsSync(join(d, "pg_ctl")))
  : undefined;

describe.skipIf(!process.env.TEST_DATABASE_URL || !pgBin)("a PostgreSQL restart under a running server", () => {
  const script = join(ROOT, ".ci/postgres.sh");
  let dir: string;
  let url: string;
  let port: number;
  let server: ServerProcess | undefined;
  let servers: ServerProcess[] = [];
  const cluster = (command: "start" | "stop") =>
    execFileSync("bash", [script, command, join(dir, "data"), String(port)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  /** The same, without blocking this process's event loop: the clients' load goes on while PostgreSQL stops and starts. */
  const clusterAsync = async (command: "start" | "stop") =>
    (await promisify(execFile)("bash", [script, command, join(dir, "data"), String(port)], { encoding: "utf8" })).stdout;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "profile-widget-pg-restart-"));
    chmodSync(dir, 0o755);
    port = await freePort();
    url = cluster("start").match(/TEST_DATABASE_URL=(\S+)/)![1]!;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([server, ...servers].map((s) => s?.stop("SIGKILL")));
    try {
      cluster("stop");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("answers 503 in the error shape with /readyz failing while the database is down, and resumes by itself", async () => {
    const identity = await createIdentity();
    server = await startServer(serverEnv(identity, { DATABASE_URL: url }));
    const call = clientOf(server, identity);
    const first = await call("ada", "GET", "/api/profile");
    const saved = await call("ada", "PATCH", "/api/profile", { givenName: "Before" }, { "If-Match": first.headers.get("ETag")! });
    expect(saved.status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    cluster("stop");
    const down = await call("ada", "GET", "/api/profile");
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: { code: "service_unavailable", message: expect.any(String) } });
    expect(down.headers.get("Retry-After")).toMatch(/^\d+$/);
    const write = await call("ada", "PATCH", "/api/profile", { givenName: "During" }, { "If-Match": saved.headers.get("ETag")! });
    expect({ status: write.status, code: write.body.error?.code }).toEqual({ status: 503, code: "service_unavailable" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as Json).error?.code).toBe("service_unavailable");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    cluster("start");
    expect(await waitForReady(server, 20_000)).toBe(200);
    let after = await call("ada", "GET", "/api/profile");
    // A pooled connection that died with the old cluster may fail once more; the next one is new.
    if (after.status === 503) after = await call("ada", "GET", "/api/profile");
    expect(after.status).toBe(200);
    expect(after.body.givenName).toBe("Before");
    const resumed = await call("ada", "PATCH", "/api/profile", { givenName: "After" }, { "If-Match": after.headers.get("ETag")! });
    expect(resumed.status).toBe(200);
    expect(server.logs.some((l) => l.msg === "database unavailable" && l.level === "warn")).toBe(true);
    expect(server.child.exitCode).toBeNull();
  }, 90_000);

  it("with three servers under load: all answer 503 while it is down, all resume by themselves, no acknowledged write lost", async () => {
    // Running, whatever became of the test before.
    if (!existsSync(join(dir, "data", "postmaster.pid"))) cluster("start");
    const identity = await createIdentity();
    // A schema of its own: the server above made its MFA signing key in this database's default schema with another SECRETS_KEY.
    const database = await freshPostgresSchema(url, "restart");
    const env = serverEnv(identity, { DATABASE_URL: database.url });
    servers = await Promise.all([0, 1, 2].map(() => startServer(env)));
    for (const s of servers) expect(await waitForReady(s, 20_000)).toBe(200);
    const balancer = new Balancer(servers.map((s) => s.url), { healthIntervalMs: 100 });
    const histories = Array.from({ length: 6 }, (_, i) => new ProfileHistory(`pg-restart-${i}`));
    const tokens = new Map(await Promise.all(histories.map(async (h) => [h.username, await identity.token(h.username)] as const)));
    let stopped = false;
    const writers = histories.map((history, i) =>
      runBalancedWriter({ balancer, history, tag: `w${i}`, token: async () => tokens.get(history.username)!, stop: () => stopped }),
    );
    const acked = () => histories.flatMap((h) => h.acknowledged);
    const probe = async (s: ServerProcess, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, retryAfter: res.headers.get("Retry-After"), etag: res.headers.get("ETag"), body: (text ? JSON.parse(text) : {}) as Json };
    };
    const auth = { Authorization: `Bearer ${await identity.token("pg-restart-probe")}` };

    let downAt = 0;
    let upAt = 0;
    let resumedAt = 0;
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const before = acked().length;
      downAt = Date.now();
      await clusterAsync("stop");
      // While it is down, each server answers for itself: 503 in the error shape, /readyz failing, /healthz up.
      await new Promise((r) => setTimeout(r, 200));
      for (const s of servers) {
        // Still running: a connection the database ends must not take the process with it.
        expect(s.child.exitCode, `server ${s.pid} exited when PostgreSQL stopped:\n${s.output().split("\n").filter((l) => !l.includes('"msg":"request"')).join("\n").slice(-3000)}`).toBeNull();
        const read = await probe(s, "GET", "/api/profile", auth);
        expect(read).toMatchObject({ status: 503, body: { error: { code: "service_unavailable", message: expect.any(String) } } });
        expect(Object.keys(read.body)).toEqual(["error"]);
        expect(read.retryAfter).toMatch(/^\d+$/);
        const write = await probe(s, "PATCH", "/api/profile", { ...auth, "If-Match": `"x.1"` }, { givenName: "During" });
        expect({ status: write.status, code: write.body.error?.code }).toEqual({ status: 503, code: "service_unavailable" });
        const ready = await probe(s, "GET", "/readyz");
        expect({ status: ready.status, code: ready.body.error?.code }).toEqual({ status: 503, code: "service_unavailable" });
        expect((await probe(s, "GET", "/healthz")).status).toBe(200);
      }
      // Down long enough for the clients' retries to meet it on every server.
      await new Promise((r) => setTimeout(r, 1500));
      const duringOutage = acked().length;
      upAt = Date.now();
      await clusterAsync("start");
      // Nobody restarts the servers: each is ready again, and takes writes, by itself.
      for (const s of servers) expect(await waitForReady(s, 20_000, 50)).toBe(200);
      resumedAt = Date.now();
      const deadline = Date.now() + 10_000;
      while (servers.some((_, i) => !acked().some((a) => a.server === i && a.at > resumedAt)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1000));
      expect(before).toBeGreaterThan(50);
      expect(acked().length - duringOutage).toBeGreaterThan(50);
    } finally {
      // Up again whatever failed, so the clients can settle their last writes.
      if (downAt && !upAt) await clusterAsync("start").catch(() => undefined);
      stopped = true;
      await Promise.all(writers);
      balancer.close();
    }

    // Every server agrees on each user's state, and it is the newest the clients know: nothing acknowledged is lost.
    const finals = await Promise.all(
      histories.map(async (history) => {
        const answers = await Promise.all(servers.map((s) => probe(s, "GET", "/api/profile", { Authorization: `Bearer ${tokens.get(history.username)!}` })));
        return { history, answers, version: etagVersion(answers[0]!.etag)!, value: (answers[0]!.body.givenName as string | null | undefined) ?? null };
      }),
    );
    expect(finals.flatMap((f) => f.history.checkFinal(f))).toEqual([]);
    for (const { history, answers, version } of finals) {
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.etag)).size).toBe(1);
      expect(history.acknowledged.length).toBeGreaterThan(0);
      expect(version).toBeGreaterThanOrEqual(history.acknowledged.at(-1)!.version);
      // The audit trail a client reads, a page of 100 at a time from each server in turn: one profile.updated per version.
      let updates = 0;
      let created = 0;
      let pages = 0;
      let before: string | null = null;
      do {
        const page = await probe(servers[pages++ % 3]!, "GET", `/api/activity?limit=100${before ? `&before=${before}` : ""}`, { Authorization: `Bearer ${tokens.get(history.username)!}` });
        expect(page.status).toBe(200);
        const events = page.body.events as Array<{ type: string }>;
        updates += events.filter((e) => e.type === "profile.updated").length;
        created += events.filter((e) => e.type === "user.created").length;
        before = page.body.next as string | null;
      } while (before);
      expect({ user: history.username, created, updates }).toEqual({ user: history.username, created: 1, updates: version - 1 });
    }

    // No 5xx but 503, and those only from when it stopped until every server was ready again; no request unanswered.
    const exchanges = balancer.exchanges;
    expect(exchanges.filter((e) => e.status === "network")).toEqual([]);
    const refused = exchanges.filter((e) => e.status !== "network" && e.status >= 500);
    expect(refused.filter((e) => e.status !== 503)).toEqual([]);
    expect(refused.filter((e) => e.endedAt < downAt || e.startedAt > resumedAt)).toEqual([]);
    // The load met the outage on every server.
    for (const i of [0, 1, 2]) expect(refused.filter((e) => e.server === i).length).toBeGreaterThan(0);
    for (const s of servers) {
      expect(s.logs.some((l) => l.msg === "database unavailable" && l.level === "warn")).toBe(true);
      // Errors but the 503s' request lines: no unhandled error.
      expect(s.logs.filter((l) => (l.level === "error" || l.level === "fatal") && !(l.msg === "request" && l.status === 503))).toEqual([]);
      expect(s.child.exitCode).toBeNull();
    }
    const doubtful = histories.flatMap((h) => h.committedUnacknowledged);
    console.warn(
      `PostgreSQL restart under three servers: ${acked().length} writes acknowledged; down ${upAt - downAt} ms, ` +
        `all ready again ${resumedAt - upAt} ms after the start; ${refused.length} answers 503; ` +
        `${doubtful.length} writes answered 503 that had committed (${doubtful.map((d) => d.outcome).join(", ")}), ` +
        `${histories.reduce((n, h) => n + h.notCommitted, 0)} in doubt that had not`,
    );
    // A clean stop still: SIGTERM ends each with 0.
    for (const s of servers) expect(await s.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
