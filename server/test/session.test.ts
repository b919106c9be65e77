import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { base64url, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { openStore } from "../src/store/db";
import { AUDIENCE, buildTestApp, ISSUER, makeKeys, signToken, testConfig, type TestApp } from "./helpers";

const now = () => Math.floor(Date.now() / 1000);

async function expectUnauthorized(res: Response, code: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
}

describe("session tokens (public key)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const get = (token: string | null, headers: Record<string, string> = {}) =>
    t.call("GET", "/api/profile", { token, headers });

  it("accepts a valid token", async () => {
    const res = await get(await signToken(t.keys));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { username: string }).username).toBe("ada");
  });

  it("answers session_missing without an Authorization header", async () => {
    await expectUnauthorized(await get(null), "session_missing");
  });

  it("refuses a header that is not a Bearer token", async () => {
    const token = await signToken(t.keys);
    await expectUnauthorized(await get(null, { Authorization: `Basic ${token}` }), "session_invalid");
  });

  it("refuses malformed tokens", async () => {
    for (const bad of ["abc", "a.b", "a.b.c", "....", "eyJhbGciOiJFUzI1NiJ9.e30.!!"]) {
      await expectUnauthorized(await get(bad), "session_invalid");
    }
  });

  it("refuses an expired token", async () => {
    const token = await signToken(t.keys, { iat: now() - 3600, exp: now() - 600, auth_time: now() - 3600 });
    await expectUnauthorized(await get(token), "session_expired");
  });

  it("refuses a token that is not yet valid", async () => {
    await expectUnauthorized(await get(await signToken(t.keys, { nbf: now() + 600 })), "session_invalid");
  });

  it("refuses a token issued in the future", async () => {
    await expectUnauthorized(await get(await signToken(t.keys, { iat: now() + 600, exp: now() + 1200 })), "session_invalid");
  });

  it("refuses a wrong issuer", async () => {
    await expectUnauthorized(await get(await signToken(t.keys, { iss: "https://evil.example" })), "session_invalid");
  });

  it("refuses a wrong or missing audience", async () => {
    await expectUnauthorized(await get(await signToken(t.keys, { aud: "someone-else" })), "session_invalid");
    await expectUnauthorized(await get(await signToken(t.keys, { aud: undefined })), "session_invalid");
  });

  it("requires exp, iat and sub", async () => {
    for (const missing of ["exp", "iat", "sub"] as const) {
      await expectUnauthorized(await get(await signToken(t.keys, { [missing]: undefined })), "session_invalid");
    }
  });

  it("refuses alg: none", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
    const payload = base64url.encode(
      JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: "user-1", iat: now(), exp: now() + 600 }),
    );
    await expectUnauthorized(await get(`${header}.${payload}.`), "session_invalid");
    await expectUnauthorized(await get(`${header}.${payload}.AAAA`), "session_invalid");
  });

  it("refuses HS256 signed with the public key as the secret", async () => {
    const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: "user-1" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(t.keys.publicPem));
    await expectUnauthorized(await get(token), "session_invalid");
  });

  it("refuses a token signed by another key", async () => {
    await expectUnauthorized(await get(await signToken(await makeKeys())), "session_invalid");
  });

  it("refuses a session older than SESSION_MAX_AGE_MINUTES, by auth_time or else iat", async () => {
    const old = now() - 61 * 60;
    await expectUnauthorized(await get(await signToken(t.keys, { auth_time: old })), "session_expired");
    await expectUnauthorized(
      await get(await signToken(t.keys, { auth_time: undefined, iat: old, exp: now() + 600 })),
      "session_expired",
    );
  });

  it("refuses an oversized Authorization header", async () => {
    await expectUnauthorized(await get(`${"a".repeat(20_000)}.b.c`), "session_invalid");
  });

  it("never reads the token from the query string or the body", async () => {
    const token = await signToken(t.keys);
    const res = await t.app.request(`/api/profile?access_token=${token}&token=${token}`);
    await expectUnauthorized(res, "session_missing");
    const patch = await t.app.request("/api/profile", {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": "*" },
      body: JSON.stringify({ access_token: token, givenName: "X" }),
    });
    await expectUnauthorized(patch, "session_missing");
  });
});

describe("session tokens (JWKS)", () => {
  let server: Server;
  let jwksUrl: string;
  let fetches = 0;
  const keys: Awaited<ReturnType<typeof makeKeys>>[] = [];

  beforeAll(async () => {
    keys.push(await makeKeys());
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function jwksApp() {
    const config = testConfig({ AUTH_PUBLIC_KEY: "", AUTH_JWKS_URL: jwksUrl });
    const store = await openStore("sqlite::memory:");
    const app = createApp({
      config,
      store,
      verifySession: await createSessionVerifier(config.auth, { jwksCooldownMs: 200 }),
    });
    return { app, close: () => store.close() };
  }
  const get = (app: ReturnType<typeof createApp>, token: string) =>
    app.request("/api/profile", { headers: { Authorization: `Bearer ${token}` } });

  it("verifies a token against the JWKS and refuses an unknown kid", async () => {
    const { app, close } = await jwksApp();
    expect((await get(app, await signToken(keys[0]!))).status).toBe(200);
    const stranger = await makeKeys();
    await expectUnauthorized(await get(app, await signToken(stranger)), "session_invalid");
    await close();
  });

  it("fetches the JWKS at most once for a burst of unknown kids", async () => {
    const { app, close } = await jwksApp();
    expect((await get(app, await signToken(keys[0]!))).status).toBe(200);
    const before = fetches;
    const strangers = await Promise.all(Array.from({ length: 20 }, () => makeKeys()));
    const results = await Promise.all(strangers.map(async (k) => (await get(app, await signToken(k))).status));
    expect(results.every((s) => s === 401)).toBe(true);
    expect(fetches - before).toBeLessThanOrEqual(1);
    await close();
  });

  it("picks up a rotated key without a restart", async () => {
    const { app, close } = await jwksApp();
    expect((await get(app, await signToken(keys[0]!))).status).toBe(200);
    const rotated = await makeKeys();
    keys.push(rotated);
    await new Promise((r) => setTimeout(r, 250));
    const before = fetches;
    expect((await get(app, await signToken(rotated))).status).toBe(200);
    expect(fetches).toBe(before + 1);
    await close();
  });
});
