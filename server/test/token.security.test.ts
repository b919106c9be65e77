import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { base64url, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { openStore, type Store } from "../src/store/db";
import { AUDIENCE, buildTestApp, ISSUER, makeKeys, signToken, testConfig, type TestApp, type TestKeys } from "./helpers";
import { expectError } from "./mfa-helpers";
import { countingServer, expectNoChange, signRaw } from "./security-helpers";

const now = () => Math.floor(Date.now() / 1000);
const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const claims = (overrides: Record<string, unknown> = {}) => {
  const c: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "sub-ada",
    preferred_username: "ada",
    iat: now(),
    exp: now() + 600,
    auth_time: now(),
    ...overrides,
  };
  for (const [k, v] of Object.entries(c)) if (v === undefined) delete c[k];
  return c;
};

/**
 * Every bad token is sent as a state change (a PATCH that would rename Ada) and must be refused
 * with its status and code, leaving the database exactly as it was.
 */
describe("hostile session tokens (public key)", () => {
  let t: TestApp;
  let stranger: TestKeys;
  let keyServer: Awaited<ReturnType<typeof countingServer>>;
  beforeAll(async () => {
    t = await buildTestApp();
    stranger = await makeKeys();
    keyServer = await countingServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: [stranger.publicJwk] }));
    });
    const first = await t.call("GET", "/api/profile", { token: await signToken(t.keys, { sub: "sub-ada" }) });
    const patched = await t.call("PATCH", "/api/profile", {
      token: await signToken(t.keys, { sub: "sub-ada" }),
      body: { givenName: "Ada" },
      headers: { "If-Match": first.headers.get("ETag")! },
    });
    expect(patched.status).toBe(200);
  });
  afterAll(async () => {
    await keyServer.close();
    await t.close();
  });

  const attack = (authorization: string | null, extra: { url?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    t.app.request(extra.url ?? "/api/profile", {
      method: "PATCH",
      headers: {
        "Content-Type": "application/json",
        "If-Match": "*",
        ...(authorization === null ? {} : { Authorization: authorization }),
        ...extra.headers,
      },
      body: JSON.stringify(extra.body ?? { givenName: "Mallory" }),
    });
  const refused = async (token: string, code = "session_invalid", status = 401) => {
    await expectNoChange(t.store, async () => {
      const res = await attack(`Bearer ${token}`);
      await expectError(res, status, code);
      if (status === 401) expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    });
  };
  const header = () => ({ alg: "ES256", typ: "JWT", kid: t.keys.kid });
  const unsigned = (h: Record<string, unknown>, payload: unknown) =>
    `${base64url.encode(JSON.stringify(h))}.${base64url.encode(JSON.stringify(payload))}.`;

  it("accepts the well-formed token these cases are variations of", async () => {
    const token = signRaw(t.keys, header(), claims());
    const res = await t.app.request("/api/profile", { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ givenName: "Ada" });
  });

  const cases: Array<[string, () => Promise<string> | string, string?]> = [
    ["alg: none, no signature", () => unsigned({ alg: "none", typ: "JWT" }, claims())],
    ["alg: NoNe with a junk signature", () => `${unsigned({ alg: "NoNe" }, claims())}c2ln`],
    ["HS256 signed with the PEM public key as the secret", () =>
      new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(t.keys.publicPem))],
    ["HS256 signed with the public JWK as the secret", () =>
      new SignJWT(claims())
        .setProtectedHeader({ alg: "HS256", kid: t.keys.kid })
        .sign(new TextEncoder().encode(JSON.stringify(t.keys.publicJwk)))],
    ["an embedded jwk header carrying the attacker's key", () =>
      signRaw(stranger, { alg: "ES256", jwk: stranger.publicJwk }, claims())],
    ["a jku header pointing at the attacker's key set", () =>
      signRaw(stranger, { alg: "ES256", kid: stranger.kid, jku: `${keyServer.url}/jwks.json` }, claims())],
    ["an x5u header pointing at the attacker's certificate", () =>
      signRaw(stranger, { alg: "ES256", x5u: `${keyServer.url}/cert.pem` }, claims())],
    ["an unknown critical header", () => signRaw(t.keys, { ...header(), crit: ["urn:example:must-understand"], "urn:example:must-understand": 1 }, claims())],
    ["crit naming b64: false (an unencoded payload)", () => signRaw(t.keys, { ...header(), crit: ["b64"], b64: false }, claims())],
    ["no exp", () => signRaw(t.keys, header(), claims({ exp: undefined }))],
    ["exp in the past (beyond the 30 s tolerance)", () => signRaw(t.keys, header(), claims({ exp: now() - 60 })), "session_expired"],
    ["nbf in the future", () => signRaw(t.keys, header(), claims({ nbf: now() + 300 }))],
    ["no iat", () => signRaw(t.keys, header(), claims({ iat: undefined }))],
    ["iat in the future", () => signRaw(t.keys, header(), claims({ iat: now() + 300, exp: now() + 900 }))],
    ["iat older than the session may last", () =>
      signRaw(t.keys, header(), claims({ iat: now() - 2 * 3600, auth_time: now() - 2 * 3600 })), "session_expired"],
    ["an old iat claiming a later sign-in (auth_time after iat)", () =>
      signRaw(t.keys, header(), claims({ iat: now() - 2 * 3600, auth_time: now() }))],
    ["auth_time in the future", () => signRaw(t.keys, header(), claims({ auth_time: now() + 300 }))],
    ["a wrong issuer", () => signRaw(t.keys, header(), claims({ iss: "https://evil.example" }))],
    ["no issuer", () => signRaw(t.keys, header(), claims({ iss: undefined }))],
    ["no audience", () => signRaw(t.keys, header(), claims({ aud: undefined }))],
    ["a foreign audience", () => signRaw(t.keys, header(), claims({ aud: "another-app" }))],
    ["an audience list without ours", () => signRaw(t.keys, header(), claims({ aud: ["another-app", `${AUDIENCE}-x`] }))],
    ["sub as a number", () => signRaw(t.keys, header(), claims({ sub: 42 }))],
    ["sub empty", () => signRaw(t.keys, header(), claims({ sub: "" }))],
    ["sub longer than 255 characters", () => signRaw(t.keys, header(), claims({ sub: "s".repeat(256) }))],
    ["exp as a string", () => signRaw(t.keys, header(), claims({ exp: String(now() + 600) }))],
    ["iat as a string", () => signRaw(t.keys, header(), claims({ iat: String(now()) }))],
    ["nbf as a string", () => signRaw(t.keys, header(), claims({ nbf: "yesterday" }))],
    ["aud as a number", () => signRaw(t.keys, header(), claims({ aud: 7 }))],
    ["iss as a list", () => signRaw(t.keys, header(), claims({ iss: [ISSUER] }))],
    ["auth_time as a string", () => signRaw(t.keys, header(), claims({ auth_time: "just now" }))],
    ["a payload that is a JSON array", () => signRaw(t.keys, header(), [claims()])],
    ["a payload that is not JSON", () => signRaw(t.keys, header(), "not json at all")],
    ["a header that is not JSON", () => `${base64url.encode("{alg:ES256")}.${base64url.encode(JSON.stringify(claims()))}.c2ln`],
    ["a signature by another key under our kid", () => signRaw(stranger, header(), claims())],
    ["an OIDC back-channel logout token (typ logout+jwt, an events claim)", () =>
      signRaw(t.keys, { ...header(), typ: "logout+jwt" }, claims({ events: { [LOGOUT_EVENT]: {} }, sid: "sid-1", jti: "jti-1" }))],
    ["a logout token without typ (its events claim alone)", () =>
      signRaw(t.keys, { alg: "ES256", kid: t.keys.kid }, claims({ events: { [LOGOUT_EVENT]: {} }, jti: "jti-2" }))],
    ["a logout token typed JWT (its events claim alone)", () =>
      signRaw(t.keys, header(), claims({ events: { [LOGOUT_EVENT]: {} }, jti: "jti-3" }))],
    ["a security event token (typ secevent+jwt)", () =>
      signRaw(t.keys, { ...header(), typ: "secevent+jwt" }, claims({ events: { "https://schemas.openid.net/secevent/risc/event-type/account-disabled": {} }, jti: "jti-4" }))],
    ["a security event token typed application/secevent+jwt", () =>
      signRaw(t.keys, { ...header(), typ: "application/secevent+jwt" }, claims({ jti: "jti-5" }))],
    ["a token of another kind (typ dpop+jwt)", () => signRaw(t.keys, { ...header(), typ: "dpop+jwt" }, claims())],
    ["a typ that is not a string", () => signRaw(t.keys, { ...header(), typ: ["JWT"] }, claims())],
    ["a valid token with its signature cut off", () => signRaw(t.keys, header(), claims()).replace(/\.[^.]+$/, ".")],
    ["a valid token with a flipped signature byte", () => {
      const token = signRaw(t.keys, header(), claims());
      const last = token.at(-2) === "A" ? "B" : "A";
      return `${token.slice(0, -2)}${last}${token.at(-1)}`;
    }],
  ];
  it.each([
    ["no typ", { alg: "ES256" }],
    ["typ JWT", { alg: "ES256", typ: "JWT" }],
    ["typ jwt (case does not matter)", { alg: "ES256", typ: "jwt" }],
    ["typ at+jwt (an RFC 9068 access token)", { alg: "ES256", typ: "at+jwt" }],
    ["typ application/at+jwt", { alg: "ES256", typ: "application/at+jwt" }],
  ])("accepts a session token with %s", async (_name, h) => {
    const token = signRaw(t.keys, { ...h, kid: t.keys.kid }, claims());
    expect((await t.app.request("/api/profile", { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("takes the accepted typ values from AUTH_TOKEN_TYPES", async () => {
    const strict = await buildTestApp({ keys: t.keys, env: { AUTH_TOKEN_TYPES: "at+jwt" } });
    const get = async (h: Record<string, unknown>) =>
      (await strict.app.request("/api/profile", { headers: { Authorization: `Bearer ${signRaw(t.keys, { ...h, kid: t.keys.kid }, claims())}` } })).status;
    expect(await get({ alg: "ES256", typ: "at+jwt" })).toBe(200);
    expect(await get({ alg: "ES256", typ: "JWT" })).toBe(401);
    await strict.close();
  });

  it.each(cases)("refuses %s", async (_name, make, code = "session_invalid") => {
    await refused(await make(), code);
    expect(keyServer.hits()).toBe(0);
  });

  const malformed: Array<[string, string]> = [
    ["two segments", "eyJhbGciOiJFUzI1NiJ9.e30"],
    ["four segments", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln.c2ln"],
    ["empty segments", ".."],
    ["base64 padding", "eyJhbGciOiJFUzI1NiJ9.e30=.c2ln"],
    ["characters outside base64url", "eyJhbGciOiJFUzI1NiJ9.e30.c2l+/n"],
    ["a JWE (five segments)", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"],
  ];
  it.each(malformed)("refuses a token with %s", async (_name, token) => {
    await refused(token);
  });

  it("refuses a 64 KB Authorization header without looking at it", async () => {
    const huge = `${signRaw(t.keys, header(), claims())}${"A".repeat(64 * 1024)}`;
    await expectNoChange(t.store, async () => {
      await expectError(await attack(`Bearer ${huge}`), 401, "session_invalid");
    });
  });

  it("refuses two tokens in one header", async () => {
    const token = signRaw(t.keys, header(), claims());
    await expectNoChange(t.store, async () => {
      await expectError(await attack(`Bearer ${token} ${token}`), 401, "session_invalid");
    });
  });

  it("never takes the token from the query string, the body or a cookie", async () => {
    const token = signRaw(t.keys, header(), claims());
    await expectNoChange(t.store, async () => {
      await expectError(await attack(null, { url: `/api/profile?access_token=${token}&token=${token}` }), 401, "session_missing");
      await expectError(await attack(null, { body: { access_token: token, givenName: "Mallory" } }), 401, "session_missing");
      await expectError(await attack(null, { headers: { Cookie: `token=${token}; session=${token}` } }), 401, "session_missing");
      const enable = await t.app.request(`/api/mfa/enable?access_token=${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ access_token: token }),
      });
      await expectError(enable, 401, "session_missing");
    });
  });
});

describe("the algorithm allowlist", () => {
  let rsa: { privateKey: KeyObject; publicPem: string };
  let store: Store;
  beforeAll(async () => {
    // A KeyObject signs with any RSA algorithm (a CryptoKey is bound to one).
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    rsa = { privateKey: pair.privateKey, publicPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString() };
    store = await openStore("sqlite::memory:");
  });
  afterAll(() => store.close());

  async function appAllowing(algorithms?: string) {
    const config = testConfig({
      AUTH_PUBLIC_KEY: rsa.publicPem,
      ...(algorithms ? { AUTH_ALGORITHMS: algorithms } : {}),
    });
    return createApp({ config, store, verifySession: await createSessionVerifier(config.auth) });
  }
  const signedWith = (alg: string) => new SignJWT(claims()).setProtectedHeader({ alg }).sign(rsa.privateKey);
  const patch = (app: ReturnType<typeof createApp>, token: string) =>
    app.request("/api/profile", {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "If-Match": "*" },
      body: JSON.stringify({ givenName: "Mallory" }),
    });

  it("refuses RS256 from the right key when only PS256 is allowed", async () => {
    const app = await appAllowing("PS256");
    expect((await app.request("/api/profile", { headers: { Authorization: `Bearer ${await signedWith("PS256")}` } })).status).toBe(200);
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signedWith("RS256")), 401, "session_invalid");
    });
  });

  it("refuses RS512 from the right key under the default allowlist", async () => {
    const app = await appAllowing();
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signedWith("RS512")), 401, "session_invalid");
    });
  });
});

/** A key set server whose behaviour each test chooses. */
async function jwksServer() {
  let fetches = 0;
  let behave: (res: import("node:http").ServerResponse) => void = () => {};
  const server: Server = createServer((_req, res) => {
    fetches++;
    behave(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    fetches: () => fetches,
    serve(keys: JWK[]) {
      behave = (res) => {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ keys }));
      };
    },
    behave(fn: (res: import("node:http").ServerResponse) => void) {
      behave = fn;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("hostile key sets (JWKS)", () => {
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let keys: TestKeys;
  let store: Store;
  const TIMEOUT_MS = 300;
  beforeAll(async () => {
    jwks = await jwksServer();
    keys = await makeKeys();
    store = await openStore("sqlite::memory:");
  });
  afterAll(async () => {
    await jwks.close();
    await store.close();
  });

  /** A fresh app (and so a cold key cache) verifying against the test key set, as production does. */
  async function jwksApp(url = jwks.url) {
    const config = testConfig({ AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: url });
    return createApp({ config, store, verifySession: await createSessionVerifier(config.auth, { jwksTimeoutMs: TIMEOUT_MS }) });
  }
  const patch = (app: ReturnType<typeof createApp>, token: string) =>
    app.request("/api/profile", {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "If-Match": "*" },
      body: JSON.stringify({ givenName: "Mallory" }),
    });

  it("makes at most one JWKS fetch for a burst of a thousand unknown kids, refusing them all", async () => {
    jwks.serve([keys.publicJwk]);
    const app = await jwksApp();
    expect((await app.request("/api/profile", { headers: { Authorization: `Bearer ${await signToken(keys)}` } })).status).toBe(200);
    const before = jwks.fetches();
    const stranger = await makeKeys();
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => signToken(stranger, {}, { kid: `unknown-${i}-${Math.random().toString(36).slice(2)}` })),
    );
    await expectNoChange(store, async () => {
      const results = await Promise.all(tokens.map(async (token) => {
        const res = await patch(app, token);
        return `${res.status} ${((await res.json()) as { error: { code: string } }).error.code}`;
      }));
      expect(new Set(results)).toEqual(new Set(["401 session_invalid"]));
    });
    expect(jwks.fetches() - before).toBeLessThanOrEqual(1);
  });

  it("accepts a token from a rotated-in key without a restart", async () => {
    jwks.serve([keys.publicJwk]);
    const config = testConfig({ AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: jwks.url });
    const app = createApp({ config, store, verifySession: await createSessionVerifier(config.auth, { jwksCooldownMs: 100 }) });
    expect((await app.request("/api/profile", { headers: { Authorization: `Bearer ${await signToken(keys)}` } })).status).toBe(200);
    const rotated = await makeKeys();
    jwks.serve([rotated.publicJwk]);
    await new Promise((r) => setTimeout(r, 150));
    const res = await app.request("/api/profile", { headers: { Authorization: `Bearer ${await signToken(rotated)}` } });
    expect(res.status).toBe(200);
  });

  it("refuses a key the set marks use: enc", async () => {
    jwks.serve([{ ...keys.publicJwk, use: "enc" }]);
    const app = await jwksApp();
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signToken(keys)), 401, "session_invalid");
    });
  });

  it("refuses a key whose key_ops don't include verify", async () => {
    jwks.serve([{ ...keys.publicJwk, use: undefined, key_ops: ["encrypt"] }]);
    const app = await jwksApp();
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signToken(keys)), 401, "session_invalid");
    });
  });

  it("refuses HS256 even when the key set (wrongly) publishes a symmetric key", async () => {
    const secret = new TextEncoder().encode("a-shared-secret-that-should-not-be-here");
    jwks.serve([{ kty: "oct", kid: "oct-1", k: base64url.encode(secret), alg: "HS256" }]);
    const app = await jwksApp();
    const token = await new SignJWT(claims({ sub: "user-1" })).setProtectedHeader({ alg: "HS256", kid: "oct-1" }).sign(secret);
    await expectNoChange(store, async () => {
      await expectError(await patch(app, token), 401, "session_invalid");
    });
  });

  it("ignores a jku header in favour of the configured key set, fetching nothing from it", async () => {
    jwks.serve([keys.publicJwk]);
    const stranger = await makeKeys();
    const evil = await countingServer((_req, res) => res.end(JSON.stringify({ keys: [stranger.publicJwk] })));
    const app = await jwksApp();
    const token = signRaw(stranger, { alg: "ES256", kid: stranger.kid, jku: `${evil.url}/jwks.json`, x5u: `${evil.url}/x.pem` }, claims());
    await expectNoChange(store, async () => {
      await expectError(await patch(app, token), 401, "session_invalid");
    });
    expect(evil.hits()).toBe(0);
    await evil.close();
  });

  const failures: Array<[string, (res: import("node:http").ServerResponse) => void]> = [
    ["answers 500", (res) => {
      res.statusCode = 500;
      res.end("oops");
    }],
    ["answers HTML", (res) => {
      res.setHeader("Content-Type", "text/html");
      res.end("<html>maintenance</html>");
    }],
    ["answers JSON that is not a key set", (res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: "none" }));
    }],
    ["is slow (never answers)", () => {}],
  ];
  it.each(failures)("fails closed with 503 within its timeout when the JWKS endpoint %s", async (_name, behaviour) => {
    jwks.behave(behaviour);
    const app = await jwksApp();
    const started = Date.now();
    await expectNoChange(store, async () => {
      const res = await patch(app, await signToken(keys));
      await expectError(res, 503, "service_unavailable");
      expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it("asks a failing JWKS endpoint once for a burst of 40 requests, answering each 503 (a negative cache)", async () => {
    jwks.behave((res) => {
      res.statusCode = 500;
      res.end();
    });
    const app = await jwksApp();
    const before = jwks.fetches();
    const statuses: number[] = [];
    // One after another, so no request can share the fetch of the one before.
    for (let i = 0; i < 40; i++) statuses.push((await patch(app, await signToken(keys))).status);
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect(jwks.fetches() - before).toBe(1);
    // And 40 at once share that same answer.
    const burst = await Promise.all(Array.from({ length: 40 }, async () => (await patch(app, await signToken(keys))).status));
    expect(new Set(burst)).toEqual(new Set([503]));
    expect(jwks.fetches() - before).toBe(1);
  });

  it("asks again after the backoff, and serves as soon as the JWKS endpoint is back", async () => {
    jwks.behave((res) => {
      res.statusCode = 503;
      res.end();
    });
    const config = testConfig({ AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: jwks.url });
    const app = createApp({ config, store, verifySession: await createSessionVerifier(config.auth, { jwksCooldownMs: 200 }) });
    const get = async () => (await app.request("/api/profile", { headers: { Authorization: `Bearer ${await signToken(keys)}` } })).status;
    expect(await get()).toBe(503);
    jwks.serve([keys.publicJwk]);
    expect(await get()).toBe(503);
    await new Promise((r) => setTimeout(r, 250));
    expect(await get()).toBe(200);
  });

  it("fails closed with 503 when the JWKS endpoint is down", async () => {
    const down = await countingServer();
    const url = `${down.url}/jwks.json`;
    await down.close();
    const app = await jwksApp(url);
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signToken(keys)), 503, "service_unavailable");
    });
  });

  it("fails closed with 503 when the JWKS endpoint redirects, and never follows the redirect", async () => {
    const target = await countingServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: [keys.publicJwk] }));
    });
    jwks.behave((res) => {
      res.statusCode = 302;
      res.setHeader("Location", `${target.url}/jwks.json`);
      res.end();
    });
    const app = await jwksApp();
    await expectNoChange(store, async () => {
      await expectError(await patch(app, await signToken(keys)), 503, "service_unavailable");
    });
    expect(target.hits()).toBe(0);
    await target.close();
  });
});
