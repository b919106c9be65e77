import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MfaChallenge, MfaVerified, RecoveryCodes } from "../../contract/api";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { verifyMfaAssertion } from "../src/mfa/assertions";
import type { Device } from "../src/mfa/types";
import { outboxNotifier } from "../src/notify/outbox";
import { openStore } from "../src/store/db";
import { buildTestApp, ENGINES, freshDatabaseUrl, makeKeys, testConfig, type TestApp } from "./helpers";
import { appCode, expectError, mfaClient, otherCode } from "./mfa-helpers";
import { ORIGIN, softwareAuthenticator } from "./webauthn-helpers";

type Started = MfaChallenge & { challenge: MfaChallenge["challenge"] };

/** A 6-digit code the app shows at none of the steps around `at`. */
function wrongTotp(secret: string, at: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => appCode(secret, at + d * 30_000)));
  let code = "000000";
  while (near.has(code)) code = otherCode(code);
  return code;
}

describe.each(ENGINES)("MFA verification on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    t = await buildTestApp({ engine, now: () => new Date(clock) });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  const start = (body: unknown = {}, token?: string) => t.call("POST", "/api/mfa/challenges", { body, token });
  const verify = (id: string, body: unknown, token?: string) =>
    t.call("POST", `/api/mfa/challenges/${id}/verify`, { body, token });
  const started = async (body: unknown = {}, token?: string) => {
    const res = await start(body, token);
    expect(res.status).toBe(201);
    return (await res.json()) as Started;
  };
  const jwks = async () => createLocalJWKSet((await (await t.call("GET", "/.well-known/jwks.json", { token: null })).json()) as JSONWebKeySet);
  const checkAssertion = async (assertion: string, nonce?: string) =>
    verifyMfaAssertion(assertion, { issuer: t.config.publicUrl, audience: t.config.mfa.assertionAudience, nonce, jwks: await jwks() });
  const stale = () => t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 50 * 60, sid: "idp-session-1" });
  const audit = async (action: string) =>
    (await t.store.db.selectFrom("audit_events").select(["action", "detail"]).where("action", "=", action).execute()).map((e) =>
      JSON.parse(e.detail),
    );

  async function withEmail() {
    await m.enable();
    return m.activeEmail("ada@example.com");
  }

  async function withTotp() {
    await m.enable();
    const res = await m.add({ type: "totp" });
    const added = (await res.json()) as { device: Device; totp: { secret: string } };
    clock -= 60_000; // activated a while ago, so the current step is free for the verification
    expect((await m.activate(added.device.id, { otp: appCode(added.totp.secret, clock) })).status).toBe(200);
    clock += 60_000;
    return { device: added.device, secret: added.totp.secret };
  }

  async function withPasskey(authenticator = softwareAuthenticator()) {
    await m.enable();
    const res = await m.add({ type: "passkey" });
    const added = (await res.json()) as { device: Device; webauthn: { challenge: string } };
    expect((await m.activate(added.device.id, { credential: authenticator.attest(added.webauthn.challenge) })).status).toBe(200);
    return { device: added.device, authenticator };
  }

  describe("starting", () => {
    it("answers 409 mfa_not_enabled while MFA is off, and while no device is verified", async () => {
      await expectError(await start(), 409, "mfa_not_enabled");
      await m.enable();
      await expectError(await start(), 409, "mfa_not_enabled");
      await m.addEmail(); // pending only
      await expectError(await start(), 409, "mfa_not_enabled");
      expect(await t.store.db.selectFrom("mfa_challenges").selectAll().execute()).toEqual([]);
    });

    it("sends a code to the default device, masked, with a 5-minute life and when it may be resent", async () => {
      const device = await withEmail();
      const before = await t.outboxCode("ada@example.com");
      // Right after the activation code: verification codes count apart from setup codes.
      const { challenge } = await started({ nonce: "host-nonce-1" });
      expect(challenge).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        deviceId: device.id,
        type: "email",
        target: "a•••@example.com",
        purpose: "sign_in",
        expiresAt: new Date(clock + 5 * 60_000).toISOString(),
        resendAvailableAt: new Date(clock + 30_000).toISOString(),
      });
      const code = await t.outboxCode("ada@example.com");
      expect(code).not.toBe(before);
      const mail = await t.store.db.selectFrom("outbox").select("text").orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(mail.text).toContain("expires in 5 minutes");
      expect(mail.text).not.toContain("add this email address");
    });

    it("adding an SMS or email device also says when another code may be sent", async () => {
      await m.enable();
      const res = await m.add({ type: "email", email: "ada@example.com" });
      expect(((await res.json()) as { resendAvailableAt?: string }).resendAvailableAt).toBe(new Date(clock + 30_000).toISOString());
      const app = (await (await m.add({ type: "totp" })).json()) as { resendAvailableAt?: string };
      expect(app.resendAvailableAt).toBeUndefined();
    });

    it("a resent code says when the next may be asked for, 30 seconds after it", async () => {
      await m.enable();
      const { device } = (await (await m.add({ type: "email", email: "ada@example.com" })).json()) as { device: Device };
      await expectError(await m.resend(device.id), 429, "rate_limited");
      clock += 31_000;
      const res = await m.resend(device.id);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ device: expect.objectContaining({ id: device.id }), resendAvailableAt: new Date(clock + 30_000).toISOString() });
    });

    it("refuses another user's device and a pending one with 404", async () => {
      await withEmail();
      const pending = (await m.addEmail("second@example.com")).device;
      await expectError(await start({ deviceId: pending.id }), 404, "not_found");
      const bob = await t.tokenFor("bob");
      await m.enable(bob);
      const bobs = await m.activeEmail("bob@example.com", bob);
      await expectError(await start({ deviceId: bobs.id }), 404, "not_found");
    });

    it("refuses bad bodies with the error shape and stores nothing", async () => {
      await withEmail();
      await expectError(await start({ purpose: "login" }), 422, "validation_failed");
      await expectError(await start({ deviceId: "not-a-uuid" }), 422, "validation_failed");
      await expectError(await start({ method: "sms" }), 422, "validation_failed");
      await expectError(await start({ nonce: "x".repeat(257) }), 422, "validation_failed");
      await expectError(await start({ nonce: "line\nbreak" }), 422, "validation_failed");
      await expectError(await start({ colour: "red" }), 400, "unknown_field");
      await expectError(await start([1]), 400, "invalid_request");
      expect(await t.store.db.selectFrom("mfa_challenges").selectAll().execute()).toEqual([]);
    });

    it("limits codes like resending: a second challenge for the device within 30 s is 429 rate_limited", async () => {
      await withEmail();
      clock += 31_000;
      await started();
      const res = await start();
      await expectError(res, 429, "rate_limited");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      clock += 31_000;
      await started();
    });
  });

  describe("email and SMS codes", () => {
    it("verifies the code and answers a signed assertion with the claims DESIGN.md lists", async () => {
      const device = await withEmail();
      clock += 31_000;
      const { challenge } = await started({ nonce: "n-123" });
      const token = await t.tokenFor("ada", { sid: "idp-session-9" });
      const res = await verify(challenge.id, { otp: await t.outboxCode("ada@example.com") }, token);
      expect(res.status).toBe(200);
      const body = (await res.json()) as MfaVerified;
      expect(body).toMatchObject({ method: "email", device: { id: device.id, lastUsedAt: new Date(clock).toISOString() } });
      expect(decodeProtectedHeader(body.assertion)).toMatchObject({ alg: "ES256", typ: "mfa+jwt" });
      const claims = await checkAssertion(body.assertion, "n-123");
      expect(claims).toMatchObject({
        iss: t.config.publicUrl,
        aud: t.config.mfa.assertionAudience,
        sub: "sub-ada",
        preferred_username: "ada",
        amr: ["mfa", "otp"],
        mfa_method: "email",
        nonce: "n-123",
        sid: "idp-session-9",
      });
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
      expect(body.expiresAt).toBe(new Date(claims.exp * 1000).toISOString());
      // The list shows when it was last used.
      expect((await m.state()).devices[0]!.lastUsedAt).toBe(new Date(clock).toISOString());
    });

    it("verifies an SMS code with amr sms", async () => {
      await m.enable();
      const res = await m.add({ type: "sms", phone: "+14155550123" });
      const { device } = (await res.json()) as { device: Device };
      expect((await m.activate(device.id, { otp: await t.outboxCode("+14155550123") })).status).toBe(200);
      clock += 31_000;
      const { challenge } = await started();
      expect(challenge).toMatchObject({ type: "sms", target: "+1•••••0123" });
      const ok = (await (await verify(challenge.id, { otp: await t.outboxCode("+14155550123") })).json()) as MfaVerified;
      expect(decodeJwt(ok.assertion)).toMatchObject({ amr: ["mfa", "sms"], mfa_method: "sms" });
    });

    it("is single use: the same code again is 410 challenge_expired", async () => {
      await withEmail();
      clock += 31_000;
      const { challenge } = await started();
      const code = await t.outboxCode("ada@example.com");
      expect((await verify(challenge.id, { otp: code })).status).toBe(200);
      await expectError(await verify(challenge.id, { otp: code }), 410, "challenge_expired");
    });

    it("expires after 5 minutes", async () => {
      await withEmail();
      clock += 31_000;
      const { challenge } = await started();
      clock += 5 * 60_000;
      await expectError(await verify(challenge.id, { otp: await t.outboxCode("ada@example.com") }), 410, "challenge_expired");
    });

    it("locks the challenge after 5 wrong codes; the right one is then refused too", async () => {
      await withEmail();
      clock += 31_000;
      const { challenge } = await started();
      const code = await t.outboxCode("ada@example.com");
      for (const left of [4, 3, 2, 1]) {
        const body = await expectError(await verify(challenge.id, { otp: otherCode(code) }), 400, "otp_invalid");
        expect(body.error.attemptsRemaining).toBe(left);
      }
      await expectError(await verify(challenge.id, { otp: otherCode(code) }), 429, "too_many_attempts");
      await expectError(await verify(challenge.id, { otp: code }), 429, "too_many_attempts");
      const failed = await audit("mfa.verification.failed");
      expect(failed).toHaveLength(6);
      expect(JSON.stringify(failed)).not.toContain(code);
    });

    it("audits every attempt, failed or not, without the code", async () => {
      const device = await withEmail();
      clock += 31_000;
      const { challenge } = await started({ purpose: "step_up" });
      const code = await t.outboxCode("ada@example.com");
      await verify(challenge.id, { otp: otherCode(code) });
      await verify(challenge.id, { otp: code });
      expect(await audit("mfa.challenge.created")).toEqual([
        { challengeId: challenge.id, method: "email", purpose: "step_up", deviceId: device.id },
      ]);
      expect(await audit("mfa.verification.failed")).toEqual([
        { challengeId: challenge.id, method: "email", purpose: "step_up", deviceId: device.id, reason: "wrong_proof", attempts: 1 },
      ]);
      expect(await audit("mfa.verification.succeeded")).toEqual([
        { challengeId: challenge.id, method: "email", purpose: "step_up", deviceId: device.id },
      ]);
    });
  });

  describe("the per-user lock", () => {
    it("locks new challenges for 15 minutes after 10 failures within 15 minutes", async () => {
      const { secret } = await withTotp();
      for (let i = 0; i < 2; i++) {
        const { challenge } = await started();
        for (let j = 0; j < 5; j++) await verify(challenge.id, { otp: wrongTotp(secret, clock) });
      }
      const res = await start();
      await expectError(res, 429, "too_many_attempts");
      expect(Number(res.headers.get("Retry-After"))).toBe(15 * 60);
      clock += 15 * 60_000 + 1000;
      await started();
    });

    it("says the tries left before the lock when they are fewer than the challenge's", async () => {
      const { secret } = await withTotp();
      for (let i = 0; i < 2; i++) {
        const { challenge } = await started();
        for (let j = 0; j < 3; j++) await verify(challenge.id, { otp: wrongTotp(secret, clock) });
      }
      // Six failures: this challenge allows 5 wrong codes, the user 4 more before the lock.
      const { challenge } = await started();
      const lefts: Array<number | undefined> = [];
      for (let j = 0; j < 3; j++) {
        const body = await expectError(await verify(challenge.id, { otp: wrongTotp(secret, clock) }), 400, "otp_invalid");
        lefts.push(body.error.attemptsRemaining);
      }
      expect(lefts).toEqual([3, 2, 1]);
      const res = await verify(challenge.id, { otp: wrongTotp(secret, clock) });
      await expectError(res, 429, "too_many_attempts");
      expect(Number(res.headers.get("Retry-After"))).toBe(15 * 60);
    });
  });

  describe("authenticator apps", () => {
    it("verifies the app's code, sends nothing, and never accepts one time step twice", async () => {
      const { secret } = await withTotp();
      const outbox = await t.store.db.selectFrom("outbox").selectAll().execute();
      const first = await started();
      expect(first.challenge).toMatchObject({ type: "totp", target: null });
      expect(first.challenge.resendAvailableAt).toBeUndefined();
      expect(await t.store.db.selectFrom("outbox").selectAll().execute()).toEqual(outbox);
      const code = appCode(secret, clock);
      const ok = (await (await verify(first.challenge.id, { otp: code })).json()) as MfaVerified;
      expect(decodeJwt(ok.assertion)).toMatchObject({ amr: ["mfa", "otp"], mfa_method: "totp" });
      const second = await started();
      await expectError(await verify(second.challenge.id, { otp: code }), 400, "otp_invalid");
    });

    it("gives one success to two parallel uses of one code", async () => {
      const { secret } = await withTotp();
      const [a, b] = [await started(), await started()];
      const code = appCode(secret, clock);
      const answers = await Promise.all([verify(a.challenge.id, { otp: code }), verify(b.challenge.id, { otp: code })]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    });

    it("refuses the code that activated the device", async () => {
      await m.enable();
      const added = (await (await m.add({ type: "totp" })).json()) as { device: Device; totp: { secret: string } };
      const code = appCode(added.totp.secret, clock);
      expect((await m.activate(added.device.id, { otp: code })).status).toBe(200);
      await expectError(await verify((await started()).challenge.id, { otp: code }), 400, "otp_invalid");
    });
  });

  describe("passkeys", () => {
    it("answers request options for the device's own credential and verifies the assertion", async () => {
      const { device, authenticator } = await withPasskey();
      const { challenge, webauthn } = (await started()) as Started & { webauthn: { challenge: string; allowCredentials: { id: string }[]; rpId: string } };
      expect(challenge).toMatchObject({ type: "passkey", deviceId: device.id, target: null });
      expect(webauthn).toMatchObject({ rpId: "host.example.test", allowCredentials: [{ id: authenticator.id, type: "public-key" }] });
      const res = await verify(challenge.id, { credential: authenticator.assert(webauthn.challenge) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as MfaVerified;
      expect(decodeJwt(body.assertion)).toMatchObject({ amr: ["mfa", "pop"], mfa_method: "passkey" });
    });

    it("refuses an assertion for another challenge, another origin, or from another user's passkey", async () => {
      const { authenticator } = await withPasskey();
      const one = (await started()) as Started & { webauthn: { challenge: string } };
      const two = (await started()) as Started & { webauthn: { challenge: string } };
      await expectError(await verify(two.challenge.id, { credential: authenticator.assert(one.webauthn.challenge) }), 400, "passkey_invalid");
      await expectError(
        await verify(two.challenge.id, { credential: authenticator.assert(two.webauthn.challenge, { origin: "https://evil.example" }) }),
        400,
        "passkey_invalid",
      );
      // Bob's passkey cannot answer Ada's challenge, even when he has one of his own.
      const bobToken = await t.tokenFor("bob");
      await m.enable(bobToken);
      const bob = softwareAuthenticator();
      const added = (await (await m.add({ type: "passkey" }, bobToken)).json()) as { device: Device; webauthn: { challenge: string } };
      await m.activate(added.device.id, { credential: bob.attest(added.webauthn.challenge) }, bobToken);
      await expectError(await verify(two.challenge.id, { credential: bob.assert(two.webauthn.challenge) }), 400, "passkey_invalid");
      expect(ORIGIN).toBe("https://host.example.test");
    });

    it("checks and stores the signature counter: a counter that did not grow is refused", async () => {
      const { device, authenticator } = await withPasskey(softwareAuthenticator({ signCount: 7 }));
      const first = (await started()) as Started & { webauthn: { challenge: string } };
      expect((await verify(first.challenge.id, { credential: authenticator.assert(first.webauthn.challenge) })).status).toBe(200);
      const row = await t.store.db.selectFrom("mfa_devices").select("credential_counter").where("id", "=", device.id).executeTakeFirstOrThrow();
      expect(Number(row.credential_counter)).toBe(8);
      const second = (await started()) as Started & { webauthn: { challenge: string } };
      await expectError(
        await verify(second.challenge.id, { credential: authenticator.assert(second.webauthn.challenge, { bump: false }) }),
        400,
        "passkey_invalid",
      );
    });
  });

  describe("recovery codes", () => {
    const create = (token?: string) => t.call("POST", "/api/mfa/recovery-codes", { body: {}, token });

    it("makes ten distinct codes of at least 50 bits, stores only hashes, and counts them in GET /api/mfa", async () => {
      await expectError(await create(), 409, "mfa_not_enabled");
      await withEmail();
      const res = await create();
      expect(res.status).toBe(201);
      const { codes, createdAt } = (await res.json()) as RecoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/); // 12 × 5 bits
      const stored = await t.store.db.selectFrom("recovery_codes").selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace(/-/g, ""));
      expect((await m.state()).recoveryCodes).toEqual({ remaining: 10, createdAt });
    });

    it("verifies a code once, ignoring case, spaces and dashes, and counts what is left", async () => {
      await withEmail();
      const { codes } = (await (await create()).json()) as RecoveryCodes;
      const { challenge } = await started({ method: "recovery_code" });
      expect(challenge).toMatchObject({ type: "recovery_code", deviceId: null, target: null });
      const typed = ` ${codes[3]!.toUpperCase().replace(/-/g, " ")} `;
      const body = (await (await verify(challenge.id, { recoveryCode: typed })).json()) as MfaVerified;
      expect(body.recoveryCodesRemaining).toBe(9);
      expect(decodeJwt(body.assertion)).toMatchObject({ amr: ["mfa", "otp"], mfa_method: "recovery_code" });
      const again = await started({ method: "recovery_code" });
      await expectError(await verify(again.challenge.id, { recoveryCode: codes[3] }), 400, "otp_invalid");
      expect((await m.state()).recoveryCodes?.remaining).toBe(9);
    });

    it("gives one success to ten parallel uses of one code", async () => {
      await withEmail();
      const { codes } = (await (await create()).json()) as RecoveryCodes;
      const challenges = await Promise.all(Array.from({ length: 10 }, () => started({ method: "recovery_code" })));
      const answers = await Promise.all(challenges.map((c) => verify(c.challenge.id, { recoveryCode: codes[0] })));
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(400)]);
      expect((await m.state()).recoveryCodes?.remaining).toBe(9);
    });

    it("needs a recent sign-in to replace them, and MFA off deletes them", async () => {
      await withEmail();
      const first = (await (await create()).json()) as RecoveryCodes;
      await expectError(await create(await stale()), 403, "reauthentication_required");
      const second = (await (await create()).json()) as RecoveryCodes;
      expect(second.codes).not.toEqual(first.codes);
      const { challenge } = await started({ method: "recovery_code" });
      await expectError(await verify(challenge.id, { recoveryCode: first.codes[0] }), 400, "otp_invalid");
      expect((await m.disable()).status).toBe(200);
      expect((await m.state()).recoveryCodes).toBeNull();
      expect(await t.store.db.selectFrom("recovery_codes").selectAll().execute()).toEqual([]);
    });

    it("answers 409 no_recovery_codes when none are left", async () => {
      await withEmail();
      await expectError(await start({ method: "recovery_code" }), 409, "no_recovery_codes");
    });
  });

  describe("step-up", () => {
    async function stepUp(token: string) {
      clock += 31_000;
      const { challenge } = await started({ purpose: "step_up" }, token);
      const res = await verify(challenge.id, { otp: await t.outboxCode("ada@example.com") }, token);
      expect(res.status).toBe(200);
    }

    it("counts as a recent sign-in for this session's sid only", async () => {
      await withEmail();
      const spare = await m.activeEmail("spare@example.com");
      const old = await stale();
      await expectError(await m.remove(spare.id, old), 403, "reauthentication_required");
      await stepUp(old);
      // Another token of the same identity-provider session passes; another session of the same user does not.
      const sameSession = await t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 50 * 60, sid: "idp-session-1" });
      const otherSession = await t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 50 * 60, sid: "idp-session-2" });
      await expectError(await m.remove(spare.id, otherSession), 403, "reauthentication_required");
      expect((await m.remove(spare.id, sameSession)).status).toBe(204);
    });

    it("lets a stepped-up session change the email, and lasts REAUTH_MAX_AGE_MINUTES", async () => {
      await withEmail();
      const old = await stale();
      const profile = await t.call("GET", "/api/profile", { token: old });
      const patch = (etag: string) =>
        t.call("PATCH", "/api/profile", { token: old, body: { email: "new@example.com" }, headers: { "If-Match": etag } });
      await expectError(await patch(profile.headers.get("ETag")!), 403, "reauthentication_required");
      await stepUp(old);
      expect((await patch(profile.headers.get("ETag")!)).status).toBe(200);
      clock += t.config.auth.reauthMaxAgeSeconds * 1000 + 1000;
      await expectError(await m.disable(old), 403, "reauthentication_required");
    });

    it("a sign-in verification is no step-up", async () => {
      await withEmail();
      const spare = await m.activeEmail("spare@example.com");
      const old = await stale();
      clock += 31_000;
      const { challenge } = await started({}, old);
      expect((await verify(challenge.id, { otp: await t.outboxCode("ada@example.com") }, old)).status).toBe(200);
      await expectError(await m.remove(spare.id, old), 403, "reauthentication_required");
    });
  });

  describe("bad proofs consume nothing", () => {
    it("answers the error shape for a missing, mistyped, oversized or wrong-kind proof, counting no attempt", async () => {
      await withEmail();
      clock += 31_000;
      const { challenge } = await started();
      const code = await t.outboxCode("ada@example.com");
      await expectError(await verify(challenge.id, {}), 422, "validation_failed");
      await expectError(await verify(challenge.id, { otp: 123456 }), 422, "validation_failed");
      await expectError(await verify(challenge.id, { otp: code, extra: 1 }), 400, "unknown_field");
      await expectError(await verify(challenge.id, { recoveryCode: "x".repeat(65) }), 422, "validation_failed");
      await expectError(await verify(challenge.id, { recoveryCode: "abcd-efgh-jkmn" }), 422, "validation_failed");
      await expectError(
        await verify(challenge.id, { credential: { id: "a".repeat(2000), rawId: "a", type: "public-key", response: {} } }),
        422,
        "validation_failed",
      );
      await expectError(await verify(challenge.id, "null"), 400, "invalid_request");
      await expectError(await verify("not-a-challenge", { otp: code }), 404, "not_found");
      const row = await t.store.db.selectFrom("mfa_challenges").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 0, consumed: 0 });
      expect((await verify(challenge.id, { otp: code })).status).toBe(200);
    });

    it("answers 404 for another user's challenge and leaves it untouched", async () => {
      await withEmail();
      clock += 31_000;
      const { challenge } = await started();
      const code = await t.outboxCode("ada@example.com");
      await expectError(await verify(challenge.id, { otp: code }, await t.tokenFor("bob")), 404, "not_found");
      expect((await verify(challenge.id, { otp: code })).status).toBe(200);
    });
  });
});

describe.each(ENGINES.filter((e) => e === "postgres"))("the per-user lock across two servers on %s", () => {
  it("counts failures on either server against one limit", async () => {
    const db = await freshDatabaseUrl("postgres");
    const keys = await makeKeys();
    const config = testConfig({ DATABASE_URL: db.url }, keys);
    const stores = [await openStore(config.databaseUrl), await openStore(config.databaseUrl)];
    try {
      const apps = await Promise.all(
        stores.map(async (store) =>
          createApp({
            config,
            store,
            verifySession: await createSessionVerifier(config.auth),
            notifiers: { email: outboxNotifier(store.db, "email") },
          }),
        ),
      );
      const { signToken } = await import("./helpers");
      const token = await signToken(keys, { sub: "sub-ada", preferred_username: "ada" });
      const call = (i: number, method: string, path: string, body?: unknown) =>
        apps[i]!.request(path, {
          method,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expect((await call(0, "POST", "/api/mfa/enable", {})).status).toBe(200);
      const added = (await (await call(0, "POST", "/api/mfa/devices", { type: "totp" })).json()) as { device: Device; totp: { secret: string } };
      expect((await call(1, "POST", `/api/mfa/devices/${added.device.id}/activate`, { otp: appCode(added.totp.secret) })).status).toBe(200);
      const wrong = wrongTotp(added.totp.secret, Date.now());
      // Five failures on each server: ten for the user.
      for (const server of [0, 1]) {
        const { challenge } = (await (await call(server, "POST", "/api/mfa/challenges", {})).json()) as Started;
        for (let i = 0; i < 5; i++) await call(server, "POST", `/api/mfa/challenges/${challenge.id}/verify`, { otp: wrong });
      }
      for (const server of [0, 1]) await expectError(await call(server, "POST", "/api/mfa/challenges", {}), 429, "too_many_attempts");
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    }
  });
});
