import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Profile } from "../../contract/api";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { appCode, mfaClient } from "./mfa-helpers";

/**
 * Statements per request, from the store's own counter: on PostgreSQL each one is a network round trip, so the
 * everyday reads are one statement each, whatever the account holds.
 */
describe.each(ENGINES)("statements per request on %s", (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ engine });
  });
  afterEach(async () => {
    await t.close();
  });

  /** The response, and how many statements answering it took. */
  const counted = async (method: string, path: string, options?: Parameters<TestApp["call"]>[2]) => {
    const before = t.store.statements();
    const res = await t.call(method, path, options);
    const body: unknown = await res.json();
    return { res, body, statements: t.store.statements() - before };
  };

  it("answers GET /api/profile in one statement, its open changes included", async () => {
    const first = await t.call("GET", "/api/profile");
    await t.call("PATCH", "/api/profile", { body: { givenName: "Ada", email: "ada@example.com" }, headers: { "If-Match": first.headers.get("ETag")! } });
    const { res, body, statements } = await counted("GET", "/api/profile");
    expect(res.status).toBe(200);
    const profile = body as Profile;
    expect(profile.givenName).toBe("Ada");
    expect(profile.pendingChanges).toEqual([expect.objectContaining({ field: "email", target: expect.stringContaining("@example.com") })]);
    expect(statements).toBe(1);
  });

  it("answers GET /api/mfa in one statement, devices and recovery codes included", async () => {
    const m = mfaClient(t);
    await m.enable();
    const email = await m.activeEmail("ada@example.com");
    await m.add({ type: "totp" });
    const codes = await t.call("POST", "/api/mfa/recovery-codes", { body: {} });
    expect(codes.status).toBe(201);
    const { res, body, statements } = await counted("GET", "/api/mfa");
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      enabled: true,
      devices: [
        { id: email.id, type: "email", status: "ACTIVE", isDefault: true, target: "a•••@example.com" },
        { type: "totp", status: "ACTIVATION_REQUIRED", isDefault: false, target: null },
      ],
      recoveryCodes: { remaining: 10, createdAt: expect.any(String) },
    });
    expect(statements).toBe(1);
  });

  it.runIf(engine === "postgres")("saves a change of plain fields in one statement: the update, its audit row and the open changes", async () => {
    const first = await t.call("GET", "/api/profile");
    const etag = first.headers.get("ETag")!;
    const { res, body, statements } = await counted("PATCH", "/api/profile", { body: { givenName: "Ada", familyName: "Lovelace" }, headers: { "If-Match": etag } });
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ givenName: "Ada", familyName: "Lovelace", pendingChanges: [] });
    expect(statements).toBe(1);
    const audit = await t.store.db.selectFrom("audit_events").select(["action", "detail"]).where("action", "=", "profile.updated").execute();
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([{ fields: ["givenName", "familyName"] }]);

    const stale = await counted("PATCH", "/api/profile", { body: { givenName: "Grace" }, headers: { "If-Match": etag } });
    expect(stale.res.status).toBe(412);
    expect((await t.call("GET", "/api/profile").then((r) => r.json())) as Profile).toMatchObject({ givenName: "Ada" });
    expect(await t.store.db.selectFrom("audit_events").select("id").where("action", "=", "profile.updated").execute()).toHaveLength(1);
  });

  it.runIf(engine === "postgres")("never saves over a change another instance made since: it reads the row again and merges onto that", async () => {
    const other = await buildTestApp({ engine, databaseUrl: t.config.databaseUrl, keys: t.keys });
    try {
      const first = await t.call("GET", "/api/profile");
      expect(first.status).toBe(200);
      const elsewhere = await other.call("PATCH", "/api/profile", { body: { familyName: "Byron" }, headers: { "If-Match": "*" } });
      expect(elsewhere.status).toBe(200);

      // This instance last saw the row before that change: its one statement finds another version, so it reads again.
      const { res, body, statements } = await counted("PATCH", "/api/profile", { body: { givenName: "Ada" }, headers: { "If-Match": "*" } });
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ givenName: "Ada", familyName: "Byron" });
      expect(statements).toBe(3);
      expect(res.headers.get("ETag")).not.toBe(elsewhere.headers.get("ETag"));

      // A client holding the other instance's ETag is refused once this one wrote after it.
      const refused = await counted("PATCH", "/api/profile", { body: { givenName: "Grace" }, headers: { "If-Match": elsewhere.headers.get("ETag")! } });
      expect(refused.res.status).toBe(412);
      expect((await other.call("GET", "/api/profile").then((r) => r.json())) as Profile).toMatchObject({ givenName: "Ada", familyName: "Byron" });
    } finally {
      await other.close();
    }
  });

  it.runIf(engine === "postgres")("keeps answering reads after a newer instance's migration adds a column to a table they select", async () => {
    const reads = () => Promise.all(Array.from({ length: 12 }, () => Promise.all([t.call("GET", "/api/profile"), t.call("GET", "/api/mfa")])));
    // Every connection of the pool has prepared both reads.
    expect((await reads()).flat().map((r) => r.status)).toEqual(Array(24).fill(200));
    await sql`alter table users add column nickname_hint varchar(40)`.execute(t.store.db);
    await sql`alter table mfa_devices add column label_hint varchar(40)`.execute(t.store.db);
    const after = (await reads()).flat();
    expect(after.map((r) => r.status)).toEqual(Array(24).fill(200));
    expect((await after[0]!.json()) as Profile).toMatchObject({ username: "ada" });
  });

  it.runIf(engine === "postgres")("verifies an authenticator app's code in one transaction of seven statements, the user found and locked in one", async () => {
    const m = mfaClient(t);
    await m.enable();
    const added = (await (await m.add({ type: "totp" })).json()) as { device: { id: string }; totp: { secret: string } };
    expect((await m.activate(added.device.id, { otp: appCode(added.totp.secret, Date.now() - 30_000) })).status).toBe(200);
    const started = (await (await t.call("POST", "/api/mfa/challenges", { body: { deviceId: added.device.id } })).json()) as { challenge: { id: string } };
    // The assertions' signing key exists (the first one is made on first use, as the JWKS is read).
    expect((await t.call("GET", "/.well-known/jwks.json", { token: null })).status).toBe(200);
    const { res, body, statements } = await counted("POST", `/api/mfa/challenges/${started.challenge.id}/verify`, { body: { otp: appCode(added.totp.secret) } });
    expect({ status: res.status, body }).toMatchObject({ status: 200 });
    expect(body).toMatchObject({ method: "totp", assertion: expect.any(String) });
    // begin; the user, locked; the challenge with its lockout and device; the time step taken; the challenge consumed;
    // the audit row; commit.
    expect(statements).toBe(7);
  });

  it("takes the writing path once for a first visit, then reads in one statement", async () => {
    const token = await t.tokenFor("grace");
    const first = await counted("GET", "/api/mfa", { token });
    expect(first.body).toMatchObject({ enabled: false, devices: [], recoveryCodes: null });
    expect(first.statements).toBeGreaterThan(1);
    expect((await counted("GET", "/api/mfa", { token })).statements).toBe(1);
  });
});
