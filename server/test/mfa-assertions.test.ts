import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createLocalJWKSet, decodeProtectedHeader, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { ConfigError } from "../src/config";
import { AMR_BY_METHOD, createAssertionSigner, MfaAssertionError, verifyMfaAssertion } from "../src/mfa/assertions";
import type { Session } from "../src/services/session";
import { openStore } from "../src/store/db";
import { signingKeyRing, type SigningKeyRing } from "../src/store/signing-keys";
import { AUDIENCE, buildTestApp, ENGINES, freshDatabaseUrl, makeKeys, signToken, testConfig, type TestApp } from "./helpers";

const PUBLIC_URL = "https://profile.example.test";
const MFA_AUDIENCE = "host-backend";
const session: Session = { subject: "sub-ada", username: "ada", issuedAt: 0, expiresAt: 0, sid: "idp-session-1" };

function ringOf(t: TestApp, configuredKey?: string): SigningKeyRing {
  return signingKeyRing(t.store, { secretsKey: Buffer.from(t.config.secretsKey!, "base64"), configuredKey });
}

async function servedJwks(t: TestApp): Promise<{ res: Response; jwks: JSONWebKeySet }> {
  const res = await t.app.request("/.well-known/jwks.json");
  expect(res.status).toBe(200);
  return { res, jwks: (await res.clone().json()) as JSONWebKeySet };
}

const options = (jwks: JSONWebKeySet, extra: Record<string, unknown> = {}) => ({
  issuer: PUBLIC_URL,
  audience: MFA_AUDIENCE,
  jwks: createLocalJWKSet(jwks),
  ...extra,
});

function p256Pem(): { privatePem: string; jwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    jwk: publicKey.export({ format: "jwk" }) as JWK,
  };
}

describe.each(ENGINES)("MFA assertions (%s)", (engine) => {
  let t: TestApp;
  let ring: SigningKeyRing;
  let signer: ReturnType<typeof createAssertionSigner>;

  beforeAll(async () => {
    t = await buildTestApp({ engine, env: { PUBLIC_URL, MFA_ASSERTION_AUDIENCE: MFA_AUDIENCE } });
    ring = ringOf(t);
    signer = createAssertionSigner(ring, { issuer: t.config.publicUrl, audience: t.config.mfa.assertionAudience });
  });
  afterAll(() => t.close());

  it("serves the JWKS publicly, cacheable, with kid, alg ES256 and use sig", async () => {
    const { res, jwks } = await servedJwks(t);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", kid: (await ring.current()).kid });
    expect(key).not.toHaveProperty("d");
  });

  it("signs an assertion that verifyMfaAssertion accepts against the served JWKS", async () => {
    const now = new Date();
    const { assertion, expiresAt } = await signer.sign({ session, method: "totp", nonce: "n-123", now });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: "ES256", kid: (await ring.current()).kid, typ: "mfa+jwt" });
    const { jwks } = await servedJwks(t);
    const claims = await verifyMfaAssertion(assertion, options(jwks, { nonce: "n-123", subject: "sub-ada" }));
    const at = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({
      iss: PUBLIC_URL,
      aud: MFA_AUDIENCE,
      sub: "sub-ada",
      preferred_username: "ada",
      amr: ["mfa", "otp"],
      mfa_method: "totp",
      nonce: "n-123",
      sid: "idp-session-1",
      auth_time: at,
      iat: at,
      exp: at + 300,
    });
    expect(claims.jti).toMatch(/^[\w-]{20,}$/);
    expect(expiresAt).toBe(new Date((at + 300) * 1000).toISOString());
  });

  it("verifies through jwksUrl, fetching the JWKS from the server", async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const { assertion } = await signer.sign({ session, method: "passkey" });
      const claims = await verifyMfaAssertion(assertion, { issuer: PUBLIC_URL, audience: MFA_AUDIENCE, jwksUrl: url });
      expect(claims.amr).toEqual(["mfa", "pop"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("leaves out nonce and sid when there are none, and maps every method to its amr", async () => {
    const { jwks } = await servedJwks(t);
    for (const method of ["sms", "email", "totp", "passkey", "recovery_code"] as const) {
      const { assertion } = await signer.sign({ session: { ...session, sid: undefined }, method });
      const claims = await verifyMfaAssertion(assertion, options(jwks));
      expect(claims.amr).toEqual(["mfa", AMR_BY_METHOD[method]]);
      expect(claims.mfa_method).toBe(method);
      expect(claims).not.toHaveProperty("nonce");
      expect(claims).not.toHaveProperty("sid");
    }
  });

  describe("refuses", () => {
    let jwks: JSONWebKeySet;
    let good: string;
    /** Signs `claims` over a valid assertion's with the current key; `header` overrides the header. */
    const forge = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
      const key = await ring.current();
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: PUBLIC_URL, aud: MFA_AUDIENCE, sub: "sub-ada", amr: ["mfa", "otp"], mfa_method: "totp",
        iat: now, exp: now + 300, auth_time: now, jti: randomBytes(16).toString("base64url"), ...claims,
      })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "mfa+jwt", ...header })
        .sign(key.privateKey);
    };
    const refusal = async (token: string, extra: Record<string, unknown> = {}) => {
      const err = await verifyMfaAssertion(token, options(jwks, extra)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(MfaAssertionError);
      return (err as Error).message;
    };

    beforeAll(async () => {
      ({ jwks } = await servedJwks(t));
      good = (await signer.sign({ session, method: "sms", nonce: "expected" })).assertion;
    });

    it("another audience", async () => expect(await refusal(good, { audience: "someone-else" })).toMatch(/aud/));
    it("another issuer", async () => expect(await refusal(good, { issuer: "https://evil.example" })).toMatch(/iss/));
    it("another nonce, or none", async () => {
      expect(await refusal(good, { nonce: "other" })).toMatch(/nonce/);
      const without = (await signer.sign({ session, method: "sms" })).assertion;
      expect(await refusal(without, { nonce: "expected" })).toMatch(/nonce/);
    });
    it("another subject", async () => expect(await refusal(good, { subject: "sub-bob" })).toMatch(/another user/));
    it("an expired assertion", async () => {
      const old = await signer.sign({ session, method: "sms", now: new Date(Date.now() - 10 * 60_000) });
      expect(await refusal(old.assertion)).toMatch(/expired/);
    });
    it("a typ other than mfa+jwt, or none", async () => {
      expect(await refusal(await forge({}, { typ: "JWT" }))).toMatch(/typ/);
      expect(await refusal(await forge({}, { typ: "at+jwt" }))).toMatch(/typ/);
      expect(await refusal(await forge({}, { typ: undefined }))).toMatch(/typ/);
    });
    it("an alg other than ES256", async () => {
      const hs = await new SignJWT({ iss: PUBLIC_URL, aud: MFA_AUDIENCE, sub: "sub-ada", amr: ["mfa"] })
        .setProtectedHeader({ alg: "HS256", kid: (await ring.current()).kid, typ: "mfa+jwt" })
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(randomBytes(32));
      expect(await refusal(hs)).toMatch(/ES256/);
      const rs = await makeKeys("RS256");
      const rsToken = await new SignJWT({ iss: PUBLIC_URL, aud: MFA_AUDIENCE, sub: "sub-ada", amr: ["mfa"] })
        .setProtectedHeader({ alg: "RS256", kid: rs.kid, typ: "mfa+jwt" })
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(rs.privateKey);
      expect(await refusal(rsToken)).toMatch(/ES256/);
    });
    it('an amr without "mfa"', async () => {
      expect(await refusal(await forge({ amr: ["otp"] }))).toMatch(/amr/);
      expect(await refusal(await forge({ amr: undefined }))).toMatch(/amr/);
    });
    it("a key the JWKS does not hold", async () => {
      const other = await makeKeys("ES256");
      const token = await new SignJWT({ sub: "sub-ada" })
        .setProtectedHeader({ alg: "ES256", kid: (await ring.current()).kid, typ: "mfa+jwt" })
        .sign(other.privateKey);
      expect(await refusal(token)).toMatch(/refused/);
    });
  });

  it("stores the private key encrypted, bound to its kid", async () => {
    const key = await ring.current();
    const d = (key.privateKey.export({ format: "jwk" }) as JWK).d!;
    const der = key.privateKey.export({ type: "pkcs8", format: "der" });
    const rows = await t.store.db.selectFrom("mfa_signing_keys").selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.private_key).toMatch(/^v1\./);
    for (const clear of [d, der.toString("base64"), der.toString("base64url"), der.toString("hex")]) {
      expect(row.private_key).not.toContain(clear);
      expect(JSON.stringify(row)).not.toContain(clear);
    }
    expect(JSON.parse(row.public_jwk)).not.toHaveProperty("d");
    // Moved to another kid, or read with another SECRETS_KEY, the ciphertext does not open.
    await t.store.db.updateTable("mfa_signing_keys").set({ kid: "moved" }).execute();
    const fresh = ringOf(t);
    await expect(fresh.current()).rejects.toThrow();
    await t.store.db.updateTable("mfa_signing_keys").set({ kid: key.kid }).execute();
    const otherSecret = signingKeyRing(t.store, { secretsKey: randomBytes(32) });
    await expect(otherSecret.current()).rejects.toThrow();
    expect((await ringOf(t).current()).kid).toBe(key.kid);
  });

  it("rotates: the new key signs, the previous one stays published, older ones leave", async () => {
    const first = await ring.current();
    const before = await signer.sign({ session, method: "email" });
    const second = await ring.rotate();
    expect(second).not.toBe(first.kid);
    const { jwks } = await servedJwks(t);
    expect(jwks.keys.map((k) => k.kid)).toEqual([second, first.kid]);
    // An assertion the old key signed still verifies; new ones carry the new kid.
    await expect(verifyMfaAssertion(before.assertion, options(jwks))).resolves.toMatchObject({ mfa_method: "email" });
    const after = await signer.sign({ session, method: "email" });
    expect(decodeProtectedHeader(after.assertion).kid).toBe(second);
    await verifyMfaAssertion(after.assertion, options(jwks));
    // The previous key no longer signs, so its private part is gone.
    const old = await t.store.db.selectFrom("mfa_signing_keys").selectAll().where("kid", "=", first.kid).executeTakeFirstOrThrow();
    expect(old.private_key).toBeNull();

    const third = await ring.rotate();
    const { jwks: later } = await servedJwks(t);
    expect(later.keys.map((k) => k.kid)).toEqual([third, second]);
    await expect(verifyMfaAssertion(before.assertion, options(later))).rejects.toThrow(/no key/);
    await verifyMfaAssertion(after.assertion, options(later));
  });

  it("takes MFA_SIGNING_KEY instead of a stored key (PEM or JWK)", async () => {
    const { privatePem, jwk } = p256Pem();
    const withPem = await buildTestApp({ engine, env: { PUBLIC_URL, MFA_SIGNING_KEY: privatePem } });
    try {
      const { jwks } = await servedJwks(withPem);
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, alg: "ES256", use: "sig" });
      const mine = createAssertionSigner(ringOf(withPem, withPem.config.mfa.signingKey), {
        issuer: PUBLIC_URL,
        audience: withPem.config.mfa.assertionAudience,
      });
      const { assertion } = await mine.sign({ session, method: "sms" });
      expect(decodeProtectedHeader(assertion).kid).toBe(jwks.keys[0]!.kid);
      await verifyMfaAssertion(assertion, { ...options(jwks), audience: AUDIENCE });
      expect(await withPem.store.db.selectFrom("mfa_signing_keys").selectAll().execute()).toEqual([]);
    } finally {
      await withPem.close();
    }
    const privateJwk = { ...(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }) as JWK), kid: "host-key-7" };
    const withJwk = await buildTestApp({ engine, env: { MFA_SIGNING_KEY: JSON.stringify(privateJwk) } });
    try {
      const { jwks } = await servedJwks(withJwk);
      expect(jwks.keys).toEqual([{ kty: "EC", crv: "P-256", x: privateJwk.x, y: privateJwk.y, kid: "host-key-7", alg: "ES256", use: "sig" }]);
    } finally {
      await withJwk.close();
    }
  });

  it("gives several apps starting at once on one database one key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mfa-keys-"));
    const db = engine === "sqlite" ? { url: `sqlite:${join(dir, "shared.db")}`, drop: async () => {} } : await freshDatabaseUrl("postgres");
    const config = testConfig({ DATABASE_URL: db.url, PUBLIC_URL }, await makeKeys());
    try {
      // PostgreSQL: three processes' start-ups at once. SQLite's driver is synchronous, so in one process
      // the files open one after the other (their first key is still made at once, below).
      const stores =
        engine === "postgres"
          ? await Promise.all([1, 2, 3].map(() => openStore(config.databaseUrl)))
          : [await openStore(config.databaseUrl), await openStore(config.databaseUrl), await openStore(config.databaseUrl)];
      try {
        const apps = await Promise.all(
          stores.map(async (store) =>
            createApp({ config, store, verifySession: await createSessionVerifier(config.auth) }),
          ),
        );
        const answers = await Promise.all(apps.map(async (app) => (await app.request("/.well-known/jwks.json")).json()));
        expect(answers[1]).toEqual(answers[0]);
        expect(answers[2]).toEqual(answers[0]);
        const jwks = answers[0] as JSONWebKeySet;
        expect(jwks.keys).toHaveLength(1);
        const signers = stores.map((store) =>
          createAssertionSigner(signingKeyRing(store, { secretsKey: Buffer.from(config.secretsKey!, "base64") }), {
            issuer: PUBLIC_URL,
            audience: config.mfa.assertionAudience,
          }),
        );
        for (const s of signers) {
          const { assertion } = await s.sign({ session, method: "totp" });
          expect(decodeProtectedHeader(assertion).kid).toBe(jwks.keys[0]!.kid);
          await verifyMfaAssertion(assertion, { ...options(jwks), audience: AUDIENCE });
        }
        expect(await stores[0]!.db.selectFrom("mfa_signing_keys").select("kid").execute()).toHaveLength(1);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("MFA assertion configuration", () => {
  it("defaults MFA_ASSERTION_AUDIENCE to AUTH_AUDIENCE", () => {
    expect(testConfig().mfa.assertionAudience).toBe(AUDIENCE);
    expect(testConfig({ MFA_ASSERTION_AUDIENCE: "host-backend" }).mfa.assertionAudience).toBe("host-backend");
  });

  it("stops on a bad MFA_SIGNING_KEY with one line naming it", async () => {
    const { publicKey: p256Public } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const ed = generateKeyPairSync("ed25519").privateKey;
    const bad: Array<[string, RegExp]> = [
      [p256Public.export({ type: "spki", format: "pem" }).toString(), /public key/],
      [JSON.stringify(p256Public.export({ format: "jwk" })), /public key/],
      [p384.export({ type: "pkcs8", format: "pem" }).toString(), /P-256/],
      [JSON.stringify(p384.export({ format: "jwk" })), /P-256/],
      [rsa.export({ type: "pkcs8", format: "pem" }).toString(), /P-256/],
      [ed.export({ type: "pkcs8", format: "pem" }).toString(), /P-256/],
      ["not a key at all", /private key/],
      ['{"kty":"EC","d":"garbage"}', /private key/],
    ];
    for (const [value, reason] of bad) {
      let err: unknown;
      try {
        testConfig({ MFA_SIGNING_KEY: value });
      } catch (e) {
        err = e;
      }
      expect(err, value).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toMatch(/^MFA_SIGNING_KEY: /);
      expect(message).toMatch(reason);
      expect(message).not.toContain("\n");
      expect(message).not.toContain(value.slice(0, 40));
    }
    // A good one, also with escaped newlines as some environments carry PEM.
    const good = p256Pem().privatePem;
    expect(testConfig({ MFA_SIGNING_KEY: good }).mfa.signingKey).toBe(good.trim());
    expect(() => testConfig({ MFA_SIGNING_KEY: good.replace(/\n/g, "\\n") })).not.toThrow();
    const sec1 = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
    expect(() => testConfig({ MFA_SIGNING_KEY: sec1 })).not.toThrow();
  });

  it("copies sid and jti from the session token", async () => {
    const keys = await makeKeys();
    const verify = await createSessionVerifier(testConfig({}, keys).auth);
    const withIds = await verify(await signToken(keys, { sid: "s-1", jti: "j-1" }));
    expect(withIds).toMatchObject({ sid: "s-1", jti: "j-1" });
    const without = await verify(await signToken(keys));
    expect(without).not.toHaveProperty("sid");
    expect(without).not.toHaveProperty("jti");
  });
});
