import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { outboxNotifier } from "../src/notify/outbox";
import type { Device } from "../src/mfa/types";
import { openStore } from "../src/store/db";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { appCode, expectError, mfaClient, otherCode } from "./mfa-helpers";
import { expectNoChange } from "./security-helpers";
import { softwareAttestation } from "./webauthn-helpers";

const MINUTE = 60_000;

describe.each(ENGINES)("MFA security on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let clock: number;
  const advance = (ms: number) => {
    clock += ms;
  };
  beforeEach(async () => {
    clock = Date.now();
    t = await buildTestApp({ engine, now: () => new Date(clock), env: { MFA_MAX_DEVICES: "20" } });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  const devices = () => t.store.db.selectFrom("mfa_devices").selectAll().execute();
  const outboxCount = async () => (await t.store.db.selectFrom("outbox").select("id").execute()).length;

  it("locks a code after 5 wrong tries: 429 even for the right code, and a resend doesn't unlock it", async () => {
    const { device, code } = await m.addEmail();
    const wrong = otherCode(code);
    for (const left of [4, 3, 2, 1]) {
      const err = await expectError(await m.activate(device.id, { otp: wrong }), 400, "otp_invalid");
      expect(err.error.attemptsRemaining).toBe(left);
      expect(err.error.message).toContain(`${left} attempt`);
    }
    await expectError(await m.activate(device.id, { otp: wrong }), 429, "too_many_attempts");
    await expectError(await m.activate(device.id, { otp: code }), 429, "too_many_attempts");

    advance(MINUTE);
    const sent = await outboxCount();
    await expectError(await m.resend(device.id), 429, "too_many_attempts");
    expect(await outboxCount()).toBe(sent);
    await expectError(await m.activate(device.id, { otp: await t.outboxCode("ada@example.com") }), 429, "too_many_attempts");
    expect((await devices())[0]).toMatchObject({ status: "ACTIVATION_REQUIRED" });
    const challenge = await t.store.db.selectFrom("otp_challenges").selectAll().executeTakeFirstOrThrow();
    expect(challenge).toMatchObject({ attempts: 5, consumed: 0 });
  });

  it("counts parallel wrong codes exactly: four 400s, then 429s, never more than 5 attempts", async () => {
    const { device, code } = await m.addEmail();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => m.activate(device.id, { otp: otherCode(code) }).then((r) => r.status)),
    );
    expect(results.filter((s) => s === 400)).toHaveLength(4);
    expect(results.filter((s) => s === 429)).toHaveLength(6);
    expect((await t.store.db.selectFrom("otp_challenges").select("attempts").executeTakeFirstOrThrow()).attempts).toBe(5);
  });

  it("refuses an expired code with 410; a new code works", async () => {
    const { device, code } = await m.addEmail();
    advance(10 * MINUTE + 1000);
    await expectError(await m.activate(device.id, { otp: code }), 410, "otp_expired");
    expect((await m.resend(device.id)).status).toBe(202);
    const fresh = await t.outboxCode("ada@example.com");
    expect((await m.activate(device.id, { otp: fresh })).status).toBe(200);
  });

  it("accepts a code just before it expires", async () => {
    const { device, code } = await m.addEmail();
    advance(10 * MINUTE - 1000);
    expect((await m.activate(device.id, { otp: code })).status).toBe(200);
  });

  it("refuses a replayed code", async () => {
    const { device, code } = await m.addEmail();
    expect((await m.activate(device.id, { otp: code })).status).toBe(200);
    await expectError(await m.activate(device.id, { otp: code }), 409, "device_already_active");
  });

  it("refuses the previous code after a resend", async () => {
    const { device, code: first } = await m.addEmail();
    advance(31_000);
    expect((await m.resend(device.id)).status).toBe(202);
    const second = await t.outboxCode("ada@example.com");
    if (second !== first) await expectError(await m.activate(device.id, { otp: first }), 400, "otp_invalid");
    expect((await m.activate(device.id, { otp: second })).status).toBe(200);
  });

  it("refuses a code sent for another device", async () => {
    const a = await m.addEmail("a@example.com");
    const b = await m.addEmail("b@example.com");
    if (a.code !== b.code) await expectError(await m.activate(b.device.id, { otp: a.code }), 400, "otp_invalid");
    expect((await m.activate(b.device.id, { otp: b.code })).status).toBe(200);
    expect((await m.activate(a.device.id, { otp: a.code })).status).toBe(200);
  });

  it("lets exactly one of ten parallel correct submissions activate the device", async () => {
    const { device, code } = await m.addEmail();
    const results = await Promise.all(Array.from({ length: 10 }, () => m.activate(device.id, { otp: code })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const rows = await devices();
    expect(rows).toMatchObject([{ status: "ACTIVE", is_default: 1 }]);
    const activated = await t.store.db.selectFrom("audit_events").select("id").where("action", "=", "mfa.device.activated").execute();
    expect(activated).toHaveLength(1);
  });

  it("activates an authenticator app once under ten parallel correct codes", async () => {
    const res = await m.add({ type: "totp" });
    const { device, totp } = (await res.json()) as { device: Device; totp: { secret: string } };
    const code = appCode(totp.secret, clock);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => m.activate(device.id, { otp: code }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it("locks an authenticator app setup after 5 wrong codes", async () => {
    const res = await m.add({ type: "totp" });
    const { device, totp } = (await res.json()) as { device: Device; totp: { secret: string } };
    const right = appCode(totp.secret, clock);
    // Wrong for every step in the drift window.
    const candidates = [-1, 0, 1].map((d) => appCode(totp.secret, clock + d * 30_000));
    let wrong = otherCode(right);
    while (candidates.includes(wrong)) wrong = otherCode(wrong);
    for (const left of [4, 3, 2, 1]) {
      const err = await expectError(await m.activate(device.id, { otp: wrong }), 400, "otp_invalid");
      expect(err.error.attemptsRemaining).toBe(left);
    }
    await expectError(await m.activate(device.id, { otp: wrong }), 429, "too_many_attempts");
    await expectError(await m.activate(device.id, { otp: right }), 429, "too_many_attempts");
  });

  it("accepts an authenticator code one step early or late, not two", async () => {
    const body = async () => (await (await m.add({ type: "totp" })).json()) as { device: Device; totp: { secret: string } };
    const late = await body();
    expect((await m.activate(late.device.id, { otp: appCode(late.totp.secret, clock - 30_000) })).status).toBe(200);
    const early = await body();
    expect((await m.activate(early.device.id, { otp: appCode(early.totp.secret, clock + 30_000) })).status).toBe(200);
    const stale = await body();
    const tooOld = appCode(stale.totp.secret, clock - 90_000);
    const window = [-1, 0, 1].map((d) => appCode(stale.totp.secret, clock + d * 30_000));
    if (!window.includes(tooOld)) {
      await expectError(await m.activate(stale.device.id, { otp: tooOld }), 400, "otp_invalid");
    }
  });

  it("leaves exactly one default after parallel set-default requests", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await m.activeEmail(`d${i}@example.com`)).id);
    const statuses = await Promise.all([...ids, ...ids].map((id) => m.makeDefault(id).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const defaults = (await devices()).filter((d) => d.is_default === 1);
    expect(defaults).toHaveLength(1);
    expect((await m.state()).devices.filter((d) => d.isDefault)).toHaveLength(1);
  });

  it("refuses a second default row at the database level", async () => {
    const a = await m.activeEmail("a@example.com");
    const b = await m.activeEmail("b@example.com");
    expect((await devices()).find((d) => d.id === a.id)?.is_default).toBe(1);
    await expect(
      t.store.db.updateTable("mfa_devices").set({ is_default: 1 }).where("id", "=", b.id).execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
  });

  it("keeps one active device under parallel removals while MFA is on", async () => {
    const a = await m.activeEmail("a@example.com");
    const b = await m.activeEmail("b@example.com");
    const c = await m.activeEmail("c@example.com");
    expect((await m.enable()).status).toBe(200);
    const statuses = await Promise.all([a, b, c].map((d) => m.remove(d.id).then((r) => r.status)));
    expect(statuses.sort()).toEqual([204, 204, 409]);
    expect((await devices()).filter((d) => d.status === "ACTIVE")).toHaveLength(1);
    expect((await devices()).filter((d) => d.is_default === 1)).toHaveLength(1);
  });

  it("rate limits sends per device: one per 30 seconds, five per hour, with Retry-After", async () => {
    const { device } = await m.addEmail();
    const tooSoon = await m.resend(device.id);
    expect(Number(tooSoon.headers.get("Retry-After"))).toBeGreaterThanOrEqual(29);
    expect(Number(tooSoon.headers.get("Retry-After"))).toBeLessThanOrEqual(30);
    await expectError(tooSoon, 429, "rate_limited");
    for (let i = 0; i < 4; i++) {
      advance(31_000);
      expect((await m.resend(device.id)).status).toBe(202);
    }
    advance(31_000);
    const hourly = await m.resend(device.id);
    await expectError(hourly, 429, "rate_limited");
    expect(Number(hourly.headers.get("Retry-After"))).toBeGreaterThan(30 * 60);
    expect(await outboxCount()).toBe(5);
    advance(60 * MINUTE);
    expect((await m.resend(device.id)).status).toBe(202);
  });

  it("rate limits sends per user: ten per hour across devices, creating no device past the limit", async () => {
    for (let i = 0; i < 10; i++) await m.addEmail(`u${i}@example.com`);
    const res = await m.add({ type: "email", email: "eleven@example.com" });
    await expectError(res, 429, "rate_limited");
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await devices()).toHaveLength(10);
    // Another user is not affected.
    expect((await m.add({ type: "email", email: "bob@example.com" }, await t.tokenFor("bob"))).status).toBe(201);
  });

  it("holds the device limit under parallel adds", async () => {
    const limited = await buildTestApp({ engine, env: { MFA_MAX_DEVICES: "3" } });
    const lm = mfaClient(limited);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        lm.add(i % 2 ? { type: "totp" } : { type: "passkey" }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(await limited.store.db.selectFrom("mfa_devices").select("id").execute()).toHaveLength(3);
    const state = await lm.state();
    expect(state).toMatchObject({ canAddDevice: false, maxDevices: 3 });
    await expectError(await lm.add({ type: "totp" }), 409, "device_limit_reached");
    await limited.close();
  });

  it("writes an audit event with every change, in the same transaction", async () => {
    const device = await m.activeEmail();
    await m.rename(device.id, "Mail");
    await m.enable();
    const actions = (await t.store.db.selectFrom("audit_events").select("action").orderBy("id").execute()).map((r) => r.action);
    expect(actions).toEqual(["user.created", "mfa.device.added", "mfa.device.activated", "mfa.device.renamed", "mfa.enabled"]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("MFA counters shared by server instances on PostgreSQL", () => {
  it("sees another instance's sends and consumed codes", async () => {
    const t = await buildTestApp({ engine: "postgres" });
    const m = mfaClient(t);
    const secondStore = await openStore(t.config.databaseUrl);
    const second = createApp({
      config: t.config,
      store: secondStore,
      verifySession: await createSessionVerifier(t.config.auth),
      notifiers: { email: outboxNotifier(secondStore.db, "email") },
    });
    const { device, code } = await m.addEmail();
    const token = await t.tokenFor("ada");
    const call = (path: string, body: unknown) =>
      second.request(path, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    await expectError(await call(`/api/mfa/devices/${device.id}/resend`, {}), 429, "rate_limited");
    const [one, two] = await Promise.all([
      call(`/api/mfa/devices/${device.id}/activate`, { otp: code }),
      m.activate(device.id, { otp: code }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    await secondStore.close();
    await t.close();
  });
});

describe.each(ENGINES)("the security review's MFA findings on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  beforeEach(async () => {
    t = await buildTestApp({ engine });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  describe("a stale session can't bind a second factor of its own", () => {
    const fiftyMinutesAgo = () => Math.floor(Date.now() / 1000) - 50 * 60;

    it.each([
      ["an authenticator app", { type: "totp" }],
      ["a passkey", { type: "passkey" }],
      ["an SMS number", { type: "sms", phone: "+14155550123" }],
      ["an email address", { type: "email", email: "attacker@example.com" }],
    ])("refuses to start adding %s with a sign-in 50 minutes old (403), changing nothing and sending nothing", async (_name, body) => {
      const stale = await t.tokenFor("ada", { auth_time: fiftyMinutesAgo() });
      expect((await m.enable(stale)).status).toBe(200);
      const res = await expectNoChange(t.store, () => m.add(body, stale));
      const err = await expectError(res, 403, "reauthentication_required");
      expect(err.error).not.toHaveProperty("totp");
      expect(res.headers.get("WWW-Authenticate")).toContain("insufficient_user_authentication");
      expect(await t.store.db.selectFrom("outbox").select("id").execute()).toEqual([]);
      expect((await m.state(stale)).devices).toEqual([]);
    });

    it("refuses a token without auth_time too, and lets the same user add the device after signing in again", async () => {
      const noAuthTime = await t.tokenFor("ada", { auth_time: undefined });
      await expectError(await m.add({ type: "totp" }, noAuthTime), 403, "reauthentication_required");
      const fresh = await t.tokenFor("ada");
      expect((await m.add({ type: "totp" }, fresh)).status).toBe(201);
    });
  });

  describe("passkey credential ids from a hostile client", () => {
    async function pendingPasskey() {
      const res = await m.add({ type: "passkey" });
      expect(res.status).toBe(201);
      return (await res.json()) as { device: Device; webauthn: { challenge: string } };
    }
    const credentialIds = () => t.store.db.selectFrom("mfa_devices").select("credential_id").where("credential_id", "is not", null).execute();

    it("refuses a 1,040-byte credential id (WebAuthn allows at most 1,023 bytes)", async () => {
      const { device, webauthn } = await pendingPasskey();
      const credential = softwareAttestation({ challenge: webauthn.challenge, credentialId: randomBytes(1040) });
      const res = await m.activate(device.id, { credential });
      expect([400, 422]).toContain(res.status);
      expect(await credentialIds()).toEqual([]);
    });

    it("accepts a credential id of exactly 1,023 bytes", async () => {
      const { device, webauthn } = await pendingPasskey();
      const credential = softwareAttestation({ challenge: webauthn.challenge, credentialId: randomBytes(1023) });
      expect((await m.activate(device.id, { credential })).status).toBe(200);
      expect(await credentialIds()).toEqual([{ credential_id: credential.id }]);
    });

    it("refuses an attestation whose credential id is not the one the client reported (a 20,000-byte id hidden inside)", async () => {
      const { device, webauthn } = await pendingPasskey();
      const hidden = softwareAttestation({ challenge: webauthn.challenge, credentialId: randomBytes(20_000) });
      const shortId = randomBytes(16).toString("base64url");
      const res = await m.activate(device.id, { credential: { ...hidden, id: shortId, rawId: shortId } });
      await expectError(res, 400, "passkey_invalid");
      expect(await credentialIds()).toEqual([]);
      expect((await m.state()).devices).toMatchObject([{ status: "ACTIVATION_REQUIRED" }]);
    });

    it("refuses an attestation for another id of normal size, and an id that differs from rawId", async () => {
      for (const tamper of [
        (c: ReturnType<typeof softwareAttestation>) => ({ ...c, id: randomBytes(16).toString("base64url"), rawId: randomBytes(16).toString("base64url") }),
        (c: ReturnType<typeof softwareAttestation>) => ({ ...c, rawId: randomBytes(16).toString("base64url") }),
      ]) {
        const { device, webauthn } = await pendingPasskey();
        const res = await m.activate(device.id, { credential: tamper(softwareAttestation({ challenge: webauthn.challenge })) });
        await expectError(res, 400, "passkey_invalid");
        await m.remove(device.id);
      }
      expect(await credentialIds()).toEqual([]);
    });
  });
});
