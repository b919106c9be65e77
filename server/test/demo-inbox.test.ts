import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createDemoIssuer } from "../src/demo/issuer";
import { totpStep } from "../src/mfa/totp-codes";
import { outboxNotifier } from "../src/notify/outbox";
import type { Notifier, OtpMessage } from "../src/notify/types";
import { openStore } from "../src/store/db";
import { ENGINES, freshDatabaseUrl, testConfig } from "./helpers";
import { expectError } from "./mfa-helpers";

type Message = { id: number; channel: string; to: string; text: string; createdAt: string };
type Outbox = { messages: Message[] };

/** A demo-mode app whose codes land in the demo inbox; `sent` is what a configured SMTP server would have been given. */
async function demoApp(engine: "sqlite" | "postgres", demo = true) {
  const db = await freshDatabaseUrl(engine);
  const config = testConfig({ DATABASE_URL: db.url, SECRETS_KEY: randomBytes(32).toString("base64") });
  const store = await openStore(config.databaseUrl);
  const issuer = await createDemoIssuer({ keyPath: null, issuer: config.auth.issuer, audience: config.auth.audience });
  const sent: OtpMessage[] = [];
  const smtp: Notifier = { send: async (message) => void sent.push(message) };
  const app = createApp({
    config: { ...config, auth: { ...config.auth, publicKey: undefined, jwksUrl: undefined } },
    store,
    // The demo issuer's own key verifies its tokens.
    verifySession: await createSessionVerifier({ ...config.auth, publicKey: JSON.stringify(issuer.jwks.keys[0]) }),
    demo: demo ? issuer : undefined,
    notifiers: { sms: outboxNotifier(store.db, "sms"), email: outboxNotifier(store.db, "email", undefined, smtp) },
  });
  const tokenOf = async (username: string) => (await issuer.issueToken({ username, authAgeSeconds: 0 })).token;
  const send = (method: string, path: string, body?: unknown, token?: string) =>
    app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const inbox = async (token: string) => {
    const res = await send("GET", "/demo/outbox", undefined, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    return ((await res.json()) as Outbox).messages;
  };
  return {
    app,
    send,
    sent,
    tokenOf,
    inbox,
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

describe.each(ENGINES)("demo inbox (%s)", (engine) => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  beforeEach(async () => {
    t = await demoApp(engine);
  });
  afterEach(() => t.close());

  it("shows each user only the messages sent for them, newest first, even to an address both of them use", async () => {
    const ada = await t.tokenOf("ada");
    const bob = await t.tokenOf("bob");
    expect(await t.inbox(ada)).toEqual([]);
    expect((await t.send("POST", "/api/mfa/devices", { type: "sms", phone: "+14155550123" }, ada)).status).toBe(201);
    expect((await t.send("POST", "/api/mfa/devices", { type: "email", email: "shared@example.com" }, ada)).status).toBe(201);
    expect((await t.send("POST", "/api/mfa/devices", { type: "email", email: "shared@example.com" }, bob)).status).toBe(201);

    const adas = await t.inbox(ada);
    expect(adas).toEqual([
      {
        id: expect.any(Number),
        channel: "email",
        to: "shared@example.com",
        text: expect.stringMatching(/\d{6}/),
        createdAt: expect.any(String),
      },
      { id: expect.any(Number), channel: "sms", to: "+14155550123", text: expect.stringMatching(/\d{6}/), createdAt: expect.any(String) },
    ]);
    expect(adas[0]!.id).toBeGreaterThan(adas[1]!.id);
    const bobs = await t.inbox(bob);
    expect(bobs).toHaveLength(1);
    expect(bobs[0]!.to).toBe("shared@example.com");
    // Same address, different people: neither sees the other's code.
    expect(codeIn(bobs[0]!.text)).not.toBe(codeIn(adas[0]!.text));
    expect(adas.map((m) => m.id)).not.toContain(bobs[0]!.id);
    // A third user has nothing at all.
    expect(await t.inbox(await t.tokenOf("carol"))).toEqual([]);
    // The configured mail server got the emails too; the SMS channel has no gateway here.
    expect(t.sent.map((m) => m.to)).toEqual(["shared@example.com", "shared@example.com"]);
  });

  it("answers every message without a session (a test harness's view), 401 to a session that fails, 405 to other methods", async () => {
    expect((await t.send("POST", "/api/mfa/devices", { type: "email", email: "ada@example.com" }, await t.tokenOf("ada"))).status).toBe(201);
    expect((await t.send("POST", "/api/mfa/devices", { type: "sms", phone: "+14155550199" }, await t.tokenOf("bob"))).status).toBe(201);
    const all = await t.send("GET", "/demo/outbox");
    expect(all.status).toBe(200);
    const everyone = ((await all.json()) as { messages: Array<{ to: string }> }).messages.map((m) => m.to);
    expect(everyone).toEqual(["+14155550199", "ada@example.com"]);
    const forged = `${(await t.tokenOf("ada")).slice(0, -4)}AAAA`;
    const res = await t.send("GET", "/demo/outbox", undefined, forged);
    expect(res.status).toBe(401);
    expect((await t.send("DELETE", "/demo/outbox", undefined, await t.tokenOf("ada"))).status).toBe(405);
  });
});

describe.each(ENGINES)("demo sample user (%s)", (engine) => {
  let t: Awaited<ReturnType<typeof demoApp>>;
  beforeEach(async () => {
    t = await demoApp(engine);
  });
  afterEach(() => t.close());

  type Sample = { username: string; token: string; expiresAt: number; recoveryCodes: string[]; created: boolean };
  const sample = async (body?: unknown) => {
    const res = await t.send("POST", "/demo/sample", body ?? {});
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    return { status: res.status, body: (await res.json()) as Sample };
  };

  it("makes a sample user with a filled profile, MFA on, an authenticator app, an email device and recovery codes", async () => {
    const { status, body } = await sample();
    expect(status).toBe(201);
    expect(body.created).toBe(true);
    expect(body.username).toMatch(/^ana\.souza-[a-z0-9]{8,}$/);
    expect(body.recoveryCodes).toHaveLength(10);

    const profile = (await (await t.send("GET", "/api/profile", undefined, body.token)).json()) as Record<string, unknown>;
    expect(profile).toMatchObject({
      username: body.username,
      givenName: "Ana",
      familyName: "Souza",
      email: `${body.username.replace("-", "+")}@example.com`,
      phone: "+5511987654321",
      address: { streetAddress: "Rua Augusta, 1508, apto 42", locality: "São Paulo", region: "SP", postalCode: "01304-001", countryCode: "BR" },
    });
    const mfa = (await (await t.send("GET", "/api/mfa", undefined, body.token)).json()) as {
      enabled: boolean;
      devices: Array<{ type: string; nickname: string; status: string; isDefault: boolean }>;
      recoveryCodes: { remaining: number } | null;
    };
    expect(mfa.enabled).toBe(true);
    expect(mfa.devices.map((d) => [d.type, d.nickname, d.status, d.isDefault])).toEqual([
      ["totp", "Ana's iPhone", "ACTIVE", true],
      ["email", "Personal email", "ACTIVE", false],
    ]);
    expect(mfa.recoveryCodes).toMatchObject({ remaining: 10 });
    // The setup's own email code was never sent, nor kept: the visitor's inbox starts empty.
    expect(t.sent).toEqual([]);
    expect(await t.inbox(body.token)).toEqual([]);

    // Another visitor gets another sample, and sees nothing of the first.
    const other = (await sample()).body;
    expect(other.username).not.toBe(body.username);
    expect(((await (await t.send("GET", "/api/mfa", undefined, other.token)).json()) as typeof mfa).devices).toHaveLength(2);
  });

  it("shows the code the sample's authenticator app accepts now, and the next one once that was used", async () => {
    const { body } = await sample();
    const codes = async () => {
      const res = await t.send("GET", "/demo/authenticator-codes", undefined, body.token);
      expect(res.status).toBe(200);
      return ((await res.json()) as { codes: Array<{ deviceId: string; nickname: string; code: string; changesAt: string }> }).codes;
    };
    const [first] = await codes();
    expect(first).toMatchObject({ nickname: "Ana's iPhone", code: expect.stringMatching(/^\d{6}$/) });
    expect(Date.parse(first!.changesAt)).toBeGreaterThan(Date.now());

    // A sign-in with MFA, as the widget's verify flow does it, with the code shown.
    const verify = async (code: string) => {
      const started = await t.send("POST", "/api/mfa/challenges", { purpose: "sign_in", nonce: "n-1" }, body.token);
      expect(started.status).toBe(201);
      const { challenge } = (await started.json()) as { challenge: { id: string; type: string } };
      expect(challenge.type).toBe("totp");
      return t.send("POST", `/api/mfa/challenges/${challenge.id}/verify`, { otp: code }, body.token);
    };
    const step = totpStep(Date.now());
    expect((await verify(first!.code)).status).toBe(200);
    // Used up: the page now shows the next code, which is accepted too (unless the step turned meanwhile).
    const [next] = await codes();
    if (totpStep(Date.now()) === step) expect(next!.code).not.toBe(first!.code);
    expect((await verify(next!.code)).status).toBe(200);

    await expectError(await t.send("GET", "/demo/authenticator-codes"), 401, "session_missing");
    expect(await (await t.send("GET", "/demo/authenticator-codes", undefined, await t.tokenOf("nobody"))).json()).toEqual({ codes: [] });
  });

  it("signs a remembered sample in again as it is, and refuses a username that is not a sample's", async () => {
    const made = (await sample()).body;
    const again = await sample({ username: made.username });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ username: made.username, created: false, token: expect.any(String) });
    expect(again.body.recoveryCodes).toBeUndefined();
    const mfa = (await (await t.send("GET", "/api/mfa", undefined, again.body.token)).json()) as { devices: unknown[] };
    expect(mfa.devices).toHaveLength(2);

    // Remembered by a browser but gone from the database (a fresh demo): made again, under the same name.
    const remade = await sample({ username: "ana.souza-0123456789" });
    expect(remade.status).toBe(201);
    expect(remade.body.username).toBe("ana.souza-0123456789");

    for (const username of ["ada", "ana.souza-x", 42]) {
      const res = await t.send("POST", "/demo/sample", { username });
      await expectError(res, 422, "validation_failed");
    }
    await expectError(await t.send("POST", "/demo/sample", { username: made.username, admin: true }), 400, "unknown_field");
    expect((await t.send("GET", "/demo/sample")).status).toBe(405);
  });
});

describe("demo routes outside demo mode", () => {
  it("do not exist", async () => {
    const t = await demoApp("sqlite", false);
    try {
      for (const path of ["/demo/outbox", "/demo/authenticator-codes"]) expect((await t.send("GET", path)).status).toBe(404);
      expect((await t.send("POST", "/demo/sample", {})).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
