import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { appCode, expectError, mfaClient, otherCode } from "./mfa-helpers";
import { expectNoChange, snapshotDb } from "./security-helpers";
import { softwareAttestation } from "./webauthn-helpers";

/**
 * Another user's objects, and one-time proofs used where they don't belong. What mfa.test.ts,
 * mfa.security.test.ts and passkey.test.ts already cover is not repeated here.
 */
describe.each(ENGINES)("isolation and one-time proofs on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let clock: number;
  let bob: string;
  beforeEach(async () => {
    clock = Date.now();
    t = await buildTestApp({ engine, now: () => new Date(clock), env: { MFA_MAX_DEVICES: "10" } });
    m = mfaClient(t);
    bob = await t.tokenFor("bob");
  });
  afterEach(() => t.close());

  const rowsOf = async (table: "otp_challenges" | "mfa_devices" | "webauthn_challenges", deviceColumn: "device_id" | "id", id: string) =>
    t.store.db.selectFrom(table).selectAll().where(deviceColumn, "=", id).execute();
  const addTotp = async (token?: string) =>
    (await (await m.add({ type: "totp" }, token)).json()) as { device: Device; totp: { secret: string } };
  const addPasskey = async (token?: string) =>
    (await (await m.add({ type: "passkey" }, token)).json()) as { device: Device; webauthn: PublicKeyCredentialCreationOptionsJSON };

  it("gives a token whose username claim names another user only its own profile, and Ada's ETag is refused", async () => {
    const ada = await t.call("GET", "/api/profile");
    const saved = await t.call("PATCH", "/api/profile", { body: { givenName: "Ada" }, headers: { "If-Match": ada.headers.get("ETag")! } });
    const adaEtag = saved.headers.get("ETag")!;
    const impostor = await t.tokenFor("mallory", { sub: "sub-mallory", preferred_username: "ada" });
    const own = await t.call("GET", "/api/profile", { token: impostor });
    expect(await own.json()).toMatchObject({ username: "ada", givenName: null });
    await expectNoChange(t.store, async () => {
      const res = await t.call("PATCH", "/api/profile", { token: impostor, body: { givenName: "Mallory" }, headers: { "If-Match": adaEtag } });
      await expectError(res, 412, "version_conflict");
    });
  });

  it("answers 404 when another user submits the right code for a device not theirs, counting no attempt", async () => {
    const { device, code } = await m.addEmail();
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { otp: code }, bob), 404, "not_found");
    });
    expect((await m.activate(device.id, { otp: code })).status).toBe(200);
  });

  it("doesn't let a code sent to one user activate another user's device", async () => {
    const ada = await m.addEmail("ada@example.com");
    const bobs = await m.addEmail("bob@example.com", bob);
    const adaBefore = await rowsOf("otp_challenges", "device_id", ada.device.id);
    if (ada.code !== bobs.code) await expectError(await m.activate(bobs.device.id, { otp: ada.code }, bob), 400, "otp_invalid");
    expect(await rowsOf("otp_challenges", "device_id", ada.device.id)).toEqual(adaBefore);
    expect((await rowsOf("mfa_devices", "id", bobs.device.id))[0]).toMatchObject({ status: "ACTIVATION_REQUIRED" });
  });

  it("answers 404 to another user's resend, sending nothing and counting nothing", async () => {
    const { device } = await m.addEmail();
    clock += 60_000;
    await expectNoChange(t.store, async () => {
      await expectError(await m.resend(device.id, bob), 404, "not_found");
    });
  });

  it("answers 404 when another user submits the right authenticator code, counting no attempt", async () => {
    const { device, totp } = await addTotp();
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { otp: appCode(totp.secret, clock) }, bob), 404, "not_found");
    });
    expect((await m.activate(device.id, { otp: appCode(totp.secret, clock) })).status).toBe(200);
  });

  it("refuses one authenticator app's code for another app being set up", async () => {
    const first = await addTotp();
    const second = await addTotp();
    const code = appCode(first.totp.secret, clock);
    const window = [-1, 0, 1].map((d) => appCode(second.totp.secret, clock + d * 30_000));
    if (!window.includes(code)) await expectError(await m.activate(second.device.id, { otp: code }), 400, "otp_invalid");
    expect((await rowsOf("mfa_devices", "id", second.device.id))[0]).toMatchObject({ status: "ACTIVATION_REQUIRED", failed_attempts: window.includes(code) ? 0 : 1 });
  });

  it("refuses an authenticator code replayed after activation, changing nothing", async () => {
    const { device, totp } = await addTotp();
    const code = appCode(totp.secret, clock);
    expect((await m.activate(device.id, { otp: code })).status).toBe(200);
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { otp: code }), 409, "device_already_active");
    });
  });

  it("refuses a removed device's code on the device added again for the same address", async () => {
    const first = await m.addEmail("ada@example.com");
    expect((await m.remove(first.device.id)).status).toBe(204);
    clock += 31_000;
    const again = await m.addEmail("ada@example.com");
    if (first.code !== again.code) await expectError(await m.activate(again.device.id, { otp: first.code }), 400, "otp_invalid");
    expect((await m.activate(again.device.id, { otp: again.code })).status).toBe(200);
  });

  it("answers 404 to a code for a device that was removed, changing nothing", async () => {
    const { device, code } = await m.addEmail();
    expect((await m.remove(device.id)).status).toBe(204);
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { otp: code }), 404, "not_found");
    });
  });

  it("refuses every one of several parallel submissions of an expired code, counting no attempt", async () => {
    const { device, code } = await m.addEmail();
    clock += 10 * 60_000 + 1;
    await expectNoChange(t.store, async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => m.activate(device.id, { otp: code })));
      for (const res of results) await expectError(res, 410, "otp_expired");
    });
  });

  it("lets the owner win and answers the other user 404 when both race with the right code", async () => {
    const { device, code } = await m.addEmail();
    const [mine, theirs] = await Promise.all([m.activate(device.id, { otp: code }), m.activate(device.id, { otp: code }, bob)]);
    expect(mine.status).toBe(200);
    await expectError(theirs, 404, "not_found");
    expect(await rowsOf("mfa_devices", "id", device.id)).toMatchObject([{ status: "ACTIVE" }]);
  });

  it("wants a passkey, not a code, for a passkey device, changing nothing", async () => {
    const { device } = await addPasskey();
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { otp: "123456" }), 422, "validation_failed");
    });
  });

  it("wants a code, not a passkey, for an email device, changing nothing", async () => {
    const { device } = await m.addEmail();
    const { webauthn } = await addPasskey();
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    await expectNoChange(t.store, async () => {
      await expectError(await m.activate(device.id, { credential }), 422, "validation_failed");
    });
  });

  it("refuses a passkey made for one device's challenge on another device, and the first still works", async () => {
    const a = await addPasskey();
    const b = await addPasskey();
    const forA = softwareAttestation({ challenge: a.webauthn.challenge });
    const before = await rowsOf("webauthn_challenges", "device_id", a.device.id);
    await expectError(await m.activate(b.device.id, { credential: forA }), 400, "passkey_invalid");
    expect((await rowsOf("mfa_devices", "id", b.device.id))[0]).toMatchObject({ status: "ACTIVATION_REQUIRED", credential_id: null });
    expect(await rowsOf("webauthn_challenges", "device_id", a.device.id)).toEqual(before);
    expect((await m.activate(a.device.id, { credential: forA })).status).toBe(200);
  });

  it("registers a passkey once when the same attestation is sent eight times at once", async () => {
    const { device, webauthn } = await addPasskey();
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    const results = await Promise.all(Array.from({ length: 8 }, () => m.activate(device.id, { credential })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // The losers were answered either while the winner ran (challenge used up) or after it committed (device active).
    for (const res of results.filter((r) => r.status !== 200)) {
      const body = (await res.json()) as { error: { code: string } };
      expect([
        [410, "challenge_expired"],
        [409, "device_already_active"],
      ]).toContainEqual([res.status, body.error.code]);
    }
    const rows = await t.store.db.selectFrom("mfa_devices").select(["credential_id", "status"]).where("credential_id", "is not", null).execute();
    expect(rows).toEqual([{ credential_id: credential.id, status: "ACTIVE" }]);
  });

  it("refuses a passkey replayed after registration, changing nothing", async () => {
    const { device, webauthn } = await addPasskey();
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    expect((await m.activate(device.id, { credential })).status).toBe(200);
    const snapshot = await snapshotDb(t.store);
    await expectError(await m.activate(device.id, { credential }), 409, "device_already_active");
    expect(await snapshotDb(t.store)).toEqual(snapshot);
  });

  it("keeps a wrong code from one user away from another user's attempt count", async () => {
    const { device, code } = await m.addEmail();
    await expectNoChange(t.store, async () => {
      for (let i = 0; i < 6; i++) await expectError(await m.activate(device.id, { otp: otherCode(code) }, bob), 404, "not_found");
    });
    expect((await m.activate(device.id, { otp: code })).status).toBe(200);
  });
});
