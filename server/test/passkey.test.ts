import { randomBytes } from "node:crypto";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";
import { RP_ID, softwareAttestation, softwareAuthenticator } from "./webauthn-helpers";

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

  describe("a passkey nobody named is named after its provider, else the browser and system it was made on", () => {
    const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const SAFARI_IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    const EDGE_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
    const FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0";

    async function register(options: { aaguid?: string; headers?: Record<string, string>; nickname?: string } = {}) {
      const res = await m.add({ type: "passkey", ...(options.nickname ? { nickname: options.nickname } : {}) });
      const { device, webauthn } = (await res.json()) as { device: Device; webauthn: PublicKeyCredentialCreationOptionsJSON };
      const credential = softwareAuthenticator({ aaguid: options.aaguid }).attest(webauthn.challenge);
      const activated = await t.call("POST", `/api/mfa/devices/${device.id}/activate`, { body: { credential }, headers: options.headers });
      expect(activated.status).toBe(200);
      const named = ((await activated.json()) as { device: Device }).device.nickname;
      // The name is kept: the device list says the same.
      expect((await m.state()).devices.find((d) => d.id === device.id)?.nickname).toBe(named);
      return named;
    }

    it("from the AAGUID in the attestation: Google Password Manager, Windows Hello, iCloud's Apple Passwords, 1Password", async () => {
      expect(await register({ aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", headers: { "User-Agent": CHROME_MAC } })).toBe(
        "Google Password Manager",
      );
      expect(await register({ aaguid: "08987058-cadc-4b81-b6e1-30de50dcbe96" })).toBe("Windows Hello");
      expect(await register({ aaguid: "fbfc3007-154e-4ecc-8c0b-6e020557d7bd" })).toBe("Apple Passwords");
      expect(await register({ aaguid: "BADA5566-A7AA-401F-BD96-45619A55120D" })).toBe("1Password");
    });

    it("an all-zero or unknown AAGUID falls back to the browser and system, in the browser's language", async () => {
      expect(await register({ headers: { "User-Agent": CHROME_MAC } })).toBe("Chrome on macOS");
      expect(await register({ headers: { "User-Agent": SAFARI_IPHONE, "Accept-Language": "de-CH,de;q=0.9,en;q=0.8" } })).toBe(
        "Safari auf iOS",
      );
      expect(await register({ aaguid: "00112233-4455-6677-8899-aabbccddeeff", headers: { "User-Agent": EDGE_WINDOWS } })).toBe(
        "Edge on Windows",
      );
      expect(await register({ headers: { "User-Agent": FIREFOX_ANDROID, "Accept-Language": "ja" } })).toBe("Android の Firefox");
    });

    it("with nothing to go on it keeps the default nickname (which the widget says in its language)", async () => {
      expect(await register({ headers: { "User-Agent": "curl/8.5.0" } })).toBe("Passkey");
      expect(await register({ headers: { "Accept-Language": "fr-FR" } })).toBe("Passkey");
    });

    it("a name chosen when adding it is kept", async () => {
      expect(await register({ nickname: "Work laptop", aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4" })).toBe("Work laptop");
    });
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
