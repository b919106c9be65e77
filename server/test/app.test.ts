import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";
import { buildTestApp, type TestApp } from "./helpers";

type ErrorBody = { error: { code: string; message: string } };

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

describe("HTTP behaviour", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("answers unknown paths with 404 in the error shape", async () => {
    await expectError(await t.app.request("/api/nothing"), 404, "not_found");
    await expectError(await t.app.request("/nowhere"), 404, "not_found");
  });

  it("answers a wrong method with 405 and Allow", async () => {
    const res = await t.call("DELETE", "/api/profile");
    expect(res.headers.get("Allow")).toContain("PATCH");
    await expectError(res, 405, "method_not_allowed");
    await expectError(await t.call("POST", "/api/config", { body: {} }), 405, "method_not_allowed");
  });

  it("requires JSON on writes (415), which also stops simple cross-site posts", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await t.call("PATCH", "/api/profile", {
        body: '{"givenName":"X"}',
        headers: { "Content-Type": type, "If-Match": "*" },
      });
      await expectError(res, 415, "unsupported_media_type");
    }
  });

  it("refuses bodies over the size limit with 413", async () => {
    const res = await t.call("PATCH", "/api/profile", {
      body: { givenName: "x".repeat(70_000) },
      headers: { "If-Match": "*" },
    });
    await expectError(res, 413, "payload_too_large");
  });

  it("reads bodies straight from Node's socket: a declared or streamed body over the limit is 413, changing nothing", async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as AddressInfo;
    const token = await t.tokenFor("body-reader");
    const send = (body: string, chunked: boolean, ifMatch = "*") =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            path: "/api/profile",
            method: "PATCH",
            headers: {
              Authorization: `Bearer ${token}`,
              "Content-Type": "application/json",
              "If-Match": ifMatch,
              ...(chunked ? {} : { "Content-Length": Buffer.byteLength(body) }),
            },
          },
          (res) => {
            let text = "";
            res.on("data", (d: Buffer) => (text += d.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on("error", reject);
        if (chunked) for (let i = 0; i < body.length; i += 8192) req.write(body.slice(i, i + 8192));
        else req.write(body);
        req.end();
      });
    try {
      const big = JSON.stringify({ givenName: "x".repeat(70_000) });
      for (const chunked of [false, true]) {
        const res = await send(big, chunked);
        expect(res.status).toBe(413);
        expect(JSON.parse(res.body)).toMatchObject({ error: { code: "payload_too_large" } });
      }
      const small = await send(JSON.stringify({ givenName: "Grace", address: { locality: "Zürich" } }), true);
      expect(small.status).toBe(200);
      expect(JSON.parse(small.body)).toMatchObject({ givenName: "Grace", address: { locality: "Zürich" } });
      const profile = (await (await t.call("GET", "/api/profile", { token })).json()) as { givenName: string };
      expect(profile.givenName).toBe("Grace");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("allows CORS only for the configured origins, never echoing a foreign one", async () => {
    const preflight = (origin: string) =>
      t.app.request("/api/profile", {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "PATCH",
          "Access-Control-Request-Headers": "authorization,content-type,if-match",
        },
      });
    const ok = await preflight("https://host.example.test");
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe("https://host.example.test");
    expect(ok.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("if-match");
    const evil = await preflight("https://evil.example");
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const get = await t.call("GET", "/api/profile", { headers: { Origin: "https://host.example.test" } });
    expect(get.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    // The data export's file name, read by the widget from another origin.
    expect(get.headers.get("Access-Control-Expose-Headers")).toContain("Content-Disposition");
  });

  it("sends security headers and no-store on API answers", async () => {
    const res = await t.call("GET", "/api/profile");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("publishes the public configuration", async () => {
    const res = await t.app.request("/api/config");
    expect(await res.json()).toEqual({
      methods: { sms: true, email: true, passkey: true, totp: true },
      maxDevices: 5,
      reauthMaxAgeMinutes: 10,
      sessionMaxAgeMinutes: 60,
    });
  });

  it("reports health and readiness", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    expect(await (await t.app.request("/readyz")).json()).toEqual({ status: "ready", database: "sqlite" });
  });

  it("answers 503 in the error shape and fails /readyz when the database is gone", async () => {
    const broken = await buildTestApp();
    await broken.store.close();
    await expectError(await broken.app.request("/readyz"), 503, "service_unavailable");
    const res = await broken.call("GET", "/api/profile");
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/at .*\.(ts|js)|node_modules/);
  });
});

describe("configuration", () => {
  const base = { AUTH_PUBLIC_KEY: "k", AUTH_ISSUER: "https://id", AUTH_AUDIENCE: "a", SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") };
  const fails = (env: Record<string, string>, demo = false) => {
    try {
      loadConfig(env, { demo });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).not.toContain("\n");
      return message;
    }
    throw new Error("expected the configuration to be refused");
  };

  it("names the bad variable in one line", () => {
    expect(fails({ ...base, PORT: "eighty" })).toMatch(/^PORT: must be a whole number/);
    expect(fails({ ...base, DATABASE_URL: "mysql://x" })).toMatch(/^DATABASE_URL:/);
    expect(fails({ ...base, CORS_ORIGINS: "https://a.example/path" })).toMatch(/^CORS_ORIGINS:/);
    expect(fails({ ...base, AUTH_ALGORITHMS: "RS256,HS256" })).toMatch(/^AUTH_ALGORITHMS: only asymmetric/);
    expect(fails({ ...base, AUTH_ALGORITHMS: "none" })).toMatch(/^AUTH_ALGORITHMS:/);
    expect(fails({ ...base, SMS_OTP_ENABLED: "maybe" })).toMatch(/^SMS_OTP_ENABLED: must be true or false/);
    expect(fails({ ...base, SECRETS_KEY: "c2hvcnQ=" })).toMatch(/^SECRETS_KEY: must be 32 bytes/);
    expect(fails({ ...base, SESSION_MAX_AGE_MINUTES: "0" })).toMatch(/^SESSION_MAX_AGE_MINUTES: must be at least 1/);
    expect(fails({ ...base, SECURITY_NOTIFICATIONS: "sometimes" })).toMatch(/^SECURITY_NOTIFICATIONS: must be true or false/);
    expect(fails({ ...base, ACTIVITY_RETENTION_DAYS: "0" })).toMatch(/^ACTIVITY_RETENTION_DAYS: must be at least 1/);
    expect(fails({ ...base, TRUST_PROXY: "all" })).toMatch(/^TRUST_PROXY: must be false, true \(one proxy\) or the number of proxies/);
  });

  it("reads the activity's and the notices' settings", () => {
    expect(loadConfig({ ...base, TRUST_PROXY: "true" }).trustProxyHops).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: "2" }).trustProxyHops).toBe(2);
    expect(loadConfig({ ...base, SECURITY_NOTIFICATIONS: "false", ACTIVITY_RETENTION_DAYS: "30" })).toMatchObject({
      securityNotifications: false,
      activityRetentionDays: 30,
    });
  });

  it("refuses to run outside demo mode without auth settings", () => {
    expect(fails({})).toMatch(/^AUTH_JWKS_URL or AUTH_PUBLIC_KEY/);
    expect(fails({ AUTH_PUBLIC_KEY: "k" })).toMatch(/^AUTH_ISSUER/);
    expect(fails({ AUTH_PUBLIC_KEY: "k", AUTH_ISSUER: "i" })).toMatch(/^AUTH_AUDIENCE/);
    expect(loadConfig({}, { demo: true }).auth.issuer).toBe("http://localhost:8787/demo");
  });

  it("fills in the documented defaults", () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      publicUrl: "http://localhost:8787",
      databaseUrl: "sqlite:./data/profile.db",
      corsOrigins: ["http://localhost:8787"],
      auth: { algorithms: ["RS256", "PS256", "ES256", "EdDSA"], usernameClaim: "preferred_username" },
      mfa: { maxDevices: 5, smsEnabled: true },
      webauthn: { rpId: "localhost", rpName: "Profile" },
      securityNotifications: true,
      activityRetentionDays: 400,
      trustProxyHops: 0,
    });
  });
});
