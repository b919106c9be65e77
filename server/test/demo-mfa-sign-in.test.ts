import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createDemoIssuer } from "../src/demo/issuer";
import type { Device } from "../src/mfa/types";
import { outboxNotifier } from "../src/notify/outbox";
import { openStore } from "../src/store/db";
import { ENGINES, freshDatabaseUrl, testConfig } from "./helpers";
import { appCode, expectError } from "./mfa-helpers";

const MFA_AUDIENCE = "demo-host-backend";

/** A demo-mode app (the demo issuer signs and verifies the sessions) whose MFA clock the test moves. */
async function demoApp(engine: "sqlite" | "postgres", clock: () => number, demo = true) {
  const db = await freshDatabaseUrl(engine);
  const config = testConfig({
    DATABASE_URL: db.url,
    SECRETS_KEY: randomBytes(32).toString("base64"),
    PUBLIC_URL: "https://profile.example.test",
    MFA_ASSERTION_AUDIENCE: MFA_AUDIENCE,
  });
  const store = await openStore(config.databaseUrl);
  const issuer = await createDemoIssuer({ keyPath: null, issuer: config.auth.issuer, audience: config.auth.audience });
  const app = createApp({
    config: { ...config, auth: { ...config.auth, publicKey: undefined, jwksUrl: undefined } },
    store,
    verifySession: await createSessionVerifier({ ...config.auth, publicKey: JSON.stringify(issuer.jwks.keys[0]) }),
    demo: demo ? issuer : undefined,
    notifiers: { sms: outboxNotifier(store.db, "sms"), email: outboxNotifier(store.db, "email") },
    now: () => new Date(clock()),
  });
  const send = (method: string, path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    app,
    config,
    send,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
}

describe.each(ENGINES)("demo: POST /demo/mfa-sign-in (%s)", (engine) => {
  let clock: number;
  let t: Awaited<ReturnType<typeof demoApp>>;
  let token: string;
  let secret: string;

  beforeEach(async () => {
    clock = Date.now();
    t = await demoApp(engine, () => clock);
    // The page's way in: a session from the demo identity provider…
    const session = await t.send("POST", "/demo/session", { username: "ana" });
    expect(session.status).toBe(200);
    token = ((await session.json()) as { token: string }).token;
    // …and an authenticator app enrolled through the API, as the widget's devices flow does it.
    expect((await t.send("POST", "/api/mfa/enable", {}, token)).status).toBe(200);
    const added = await t.send("POST", "/api/mfa/devices", { type: "totp" }, token);
    expect(added.status).toBe(201);
    const { device, totp } = (await added.json()) as { device: Device; totp: { secret: string } };
    secret = totp.secret;
    clock -= 60_000; // activated a minute ago, so the current step is still free for the verification
    expect((await t.send("POST", `/api/mfa/devices/${device.id}/activate`, { otp: appCode(secret, clock) }, token)).status).toBe(200);
    clock += 60_000;
  });
  afterEach(() => t.close());

  /** The widget's verify flow: a challenge for the default device bound to `nonce`, answered with the app's code. */
  async function assertionFor(nonce: string): Promise<string> {
    const started = await t.send("POST", "/api/mfa/challenges", { purpose: "sign_in", nonce }, token);
    expect(started.status).toBe(201);
    const { challenge } = (await started.json()) as { challenge: { id: string; type: string } };
    expect(challenge.type).toBe("totp");
    const verified = await t.send("POST", `/api/mfa/challenges/${challenge.id}/verify`, { otp: appCode(secret, clock) }, token);
    expect(verified.status).toBe(200);
    return ((await verified.json()) as { assertion: string }).assertion;
  }
  const signIn = (body: unknown) => t.send("POST", "/demo/mfa-sign-in", body);

  it("accepts the widget's assertion with its nonce and answers the username and method", async () => {
    const nonce = crypto.randomUUID();
    const res = await signIn({ assertion: await assertionFor(nonce), nonce });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toEqual({ username: "ana", method: "totp" });
  });

  it("refuses an assertion made for another nonce with 401, saying why", async () => {
    const assertion = await assertionFor(crypto.randomUUID());
    const body = await expectError(await signIn({ assertion, nonce: crypto.randomUUID() }), 401, "mfa_assertion_invalid");
    expect(body.error.message).toBe("MFA assertion refused: its nonce is not the one expected");
  });

  it("refuses a tampered assertion with 401", async () => {
    const nonce = crypto.randomUUID();
    const [header, payload, signature] = (await assertionFor(nonce)).split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, preferred_username: "root" })).toString("base64url");
    const body = await expectError(await signIn({ assertion: `${header}.${forged}.${signature}`, nonce }), 401, "mfa_assertion_invalid");
    expect(body.error.message).toBe("MFA assertion refused: its signature does not verify");
  });

  it("refuses an expired assertion and one another server signed with 401", async () => {
    const nonce = crypto.randomUUID();
    const old = await assertionFor(nonce);
    // Ten minutes later its five minutes are over.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000);
      const expired = await expectError(await signIn({ assertion: old, nonce }), 401, "mfa_assertion_invalid");
      expect(expired.error.message).toBe("MFA assertion refused: it has expired (exp)");
    } finally {
      vi.useRealTimers();
    }

    // Same issuer, audience and nonce, but signed with another app's key: no key of this app matches.
    const other = await demoApp(engine, () => clock);
    try {
      const session = await other.send("POST", "/demo/session", { username: "ana" });
      const otherToken = ((await session.json()) as { token: string }).token;
      expect((await other.send("POST", "/api/mfa/enable", {}, otherToken)).status).toBe(200);
      const added = (await (await other.send("POST", "/api/mfa/devices", { type: "totp" }, otherToken)).json()) as {
        device: Device;
        totp: { secret: string };
      };
      clock -= 60_000;
      await other.send("POST", `/api/mfa/devices/${added.device.id}/activate`, { otp: appCode(added.totp.secret, clock) }, otherToken);
      clock += 60_000;
      const started = (await (await other.send("POST", "/api/mfa/challenges", { nonce }, otherToken)).json()) as { challenge: { id: string } };
      const verified = await other.send(
        "POST",
        `/api/mfa/challenges/${started.challenge.id}/verify`,
        { otp: appCode(added.totp.secret, clock) },
        otherToken,
      );
      expect(verified.status).toBe(200);
      const foreign = ((await verified.json()) as { assertion: string }).assertion;
      const body = await expectError(await signIn({ assertion: foreign, nonce }), 401, "mfa_assertion_invalid");
      expect(body.error.message).toBe("MFA assertion refused: no key in the JWKS matches its kid");
    } finally {
      await other.close();
    }
  });

  it("refuses garbage with 401", async () => {
    for (const assertion of ["not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbmEifQ."]) {
      const body = await expectError(await signIn({ assertion, nonce: "n-1" }), 401, "mfa_assertion_invalid");
      expect(body.error.message).toMatch(/^MFA assertion refused: /);
    }
  });

  it("refuses bad bodies with 400 or 422 in the API's error shape, and other methods with 405", async () => {
    const assertion = await assertionFor("n-1");
    await expectError(await signIn({ assertion }), 422, "validation_failed");
    await expectError(await signIn({ nonce: "n-1" }), 422, "validation_failed");
    await expectError(await signIn({ assertion: "", nonce: "n-1" }), 422, "validation_failed");
    await expectError(await signIn({ assertion, nonce: "" }), 422, "validation_failed");
    await expectError(await signIn({ assertion, nonce: "has spaces" }), 422, "validation_failed");
    await expectError(await signIn({ assertion: 42, nonce: "n-1" }), 422, "validation_failed");
    await expectError(await signIn({ assertion, nonce: "n-1", username: "root" }), 400, "unknown_field");
    await expectError(await signIn([assertion, "n-1"]), 400, "invalid_request");
    await expectError(await signIn("{not json"), 400, "invalid_json");
    const fields = (await expectError(await signIn({}), 422, "validation_failed")).error.fields;
    expect(Object.keys(fields ?? {}).sort()).toEqual(["assertion", "nonce"]);
    const get = await expectError(await t.send("GET", "/demo/mfa-sign-in"), 405, "method_not_allowed");
    expect(get.error.message).toContain("POST");
    // Nothing refused above used the assertion up: it still signs in.
    expect(await (await signIn({ assertion, nonce: "n-1" })).json()).toEqual({ username: "ana", method: "totp" });
  });
});

describe("demo: /demo/mfa-sign-in outside demo mode", () => {
  it("does not exist", async () => {
    const t = await demoApp("sqlite", Date.now, false);
    try {
      expect((await t.send("POST", "/demo/mfa-sign-in", { assertion: "a.b.c", nonce: "n-1" })).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
