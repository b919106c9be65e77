import { randomBytes } from "node:crypto";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";
import { RP_ID, softwareAttestation } from "./webauthn-helpers";

describe.each(ENGINES)("passkeys on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    t = await buildTestApp({ engine, now: () => new Date(clock) });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  async function addPasskey(token?: string) {
    const res = await m.add({ type: "passkey" }, token);
    expect(res.status).toBe(201);
    return (await res.json()) as { device: Device; webauthn: PublicKeyCredentialCreationOptionsJSON };
  }

  it("answers creation options from configuration, and stores the challenge for this user and device", async () => {
    const { device, webauthn } = await addPasskey();
    expect(device).toMatchObject({ type: "passkey", status: "ACTIVATION_REQUIRED", target: null, nickname: "Passkey" });
    expect(webauthn).toMatchObject({
      rp: { id: RP_ID, name: "Profile" },
      user: { name: "ada", displayName: "ada", id: expect.any(String) },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/),
      timeout: 300_000,
      attestation: "none",
      excludeCredentials: [],
      authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    });
    expect(webauthn.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -8, -257]);
    const users = await t.store.db.selectFrom("users").select("id").execute();
    const row = await t.store.db.selectFrom("webauthn_challenges").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ device_id: device.id, user_id: users[0]!.id, challenge: webauthn.challenge, consumed: 0 });
    expect(Date.parse(row.expires_at) - clock).toBe(5 * 60_000);
  });

  it("registers a passkey from a software authenticator, keeping the key on the server", async () => {
    const { device, webauthn } = await addPasskey();
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    const res = await m.activate(device.id, { credential });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { device: Device };
    expect(body.device).toMatchObject({ id: device.id, status: "ACTIVE", isDefault: true, target: null });
    const row = await t.store.db.selectFrom("mfa_devices").selectAll().executeTakeFirstOrThrow();
    expect(row.credential_id).toBe(credential.id);
    expect(row.credential_public_key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(row.credential_transports).toBe("internal");
    expect(JSON.stringify(body) + JSON.stringify(await m.state())).not.toContain(row.credential_public_key!);
  });

  it("excludes the user's registered passkeys from the next registration", async () => {
    const first = await addPasskey();
    const credential = softwareAttestation({ challenge: first.webauthn.challenge });
    expect((await m.activate(first.device.id, { credential })).status).toBe(200);
    const second = await addPasskey();
    expect(second.webauthn.excludeCredentials).toEqual([{ id: credential.id, type: "public-key" }]);
    expect(second.webauthn.challenge).not.toBe(first.webauthn.challenge);
  });

  it("uses a challenge once: a second attempt answers 410 even with a valid attestation", async () => {
    const { device, webauthn } = await addPasskey();
    const bad = softwareAttestation({ challenge: webauthn.challenge, origin: "https://evil.example" });
    await expectError(await m.activate(device.id, { credential: bad }), 400, "passkey_invalid");
    const good = softwareAttestation({ challenge: webauthn.challenge });
    await expectError(await m.activate(device.id, { credential: good }), 410, "challenge_expired");
    expect((await t.store.db.selectFrom("mfa_devices").select("status").executeTakeFirstOrThrow()).status).toBe(
      "ACTIVATION_REQUIRED",
    );
  });

  it("refuses a challenge older than 5 minutes", async () => {
    const { device, webauthn } = await addPasskey();
    clock += 5 * 60_000 + 1000;
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    await expectError(await m.activate(device.id, { credential }), 410, "challenge_expired");
  });

  it("enforces the configured RP ID and origin, and the challenge and ceremony type", async () => {
    const cases = [
      { rpId: "evil.example" },
      { origin: "https://evil.example" },
      { origin: "http://host.example.test" },
      { challenge: randomBytes(32).toString("base64url") },
      { type: "webauthn.get" },
    ];
    for (const override of cases) {
      const { device, webauthn } = await addPasskey();
      const credential = softwareAttestation({ challenge: webauthn.challenge, ...override });
      await expectError(await m.activate(device.id, { credential }), 400, "passkey_invalid");
      await m.remove(device.id);
    }
  });

  it("keeps a credential id to one account: another user registering it gets 409", async () => {
    const ada = await addPasskey();
    const credentialId = randomBytes(16);
    const first = softwareAttestation({ challenge: ada.webauthn.challenge, credentialId });
    expect((await m.activate(ada.device.id, { credential: first })).status).toBe(200);

    const bob = await t.tokenFor("bob");
    const bobs = await addPasskey(bob);
    const copy = softwareAttestation({ challenge: bobs.webauthn.challenge, credentialId });
    await expectError(await m.activate(bobs.device.id, { credential: copy }, bob), 409, "passkey_already_registered");
    expect((await m.state(bob)).devices).toMatchObject([{ status: "ACTIVATION_REQUIRED" }]);
  });

  it("doesn't let another user use the challenge", async () => {
    const { device, webauthn } = await addPasskey();
    const bob = await t.tokenFor("bob");
    const credential = softwareAttestation({ challenge: webauthn.challenge });
    await expectError(await m.activate(device.id, { credential }, bob), 404, "not_found");
    expect((await m.activate(device.id, { credential })).status).toBe(200);
  });
});
