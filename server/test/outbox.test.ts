import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createDemoIssuer } from "../src/demo/issuer";
import { outboxNotifier } from "../src/notify/outbox";
import { openStore } from "../src/store/db";
import { testConfig } from "./helpers";

type Outbox = { messages: Array<{ id: number; channel: string; to: string; text: string; createdAt: string }> };

async function demoApp(demo: boolean) {
  const config = testConfig({ SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") });
  const store = await openStore("sqlite::memory:");
  const issuer = await createDemoIssuer({ keyPath: null, issuer: config.auth.issuer, audience: config.auth.audience });
  const app = createApp({
    config: { ...config, auth: { ...config.auth, publicKey: undefined, jwksUrl: undefined } },
    store,
    // The demo issuer's own key verifies its tokens.
    verifySession: await createSessionVerifier({ ...config.auth, publicKey: JSON.stringify(issuer.jwks.keys[0]) }),
    demo: demo ? issuer : undefined,
    notifiers: { sms: outboxNotifier(store.db, "sms"), email: outboxNotifier(store.db, "email") },
  });
  const token = (await issuer.issueToken({ username: "ada", authAgeSeconds: 0 })).token;
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  return { app, post, close: () => store.close() };
}

describe("demo outbox", () => {
  it("shows the codes sent in demo mode, newest first", async () => {
    const { app, post, close } = await demoApp(true);
    expect(((await (await app.request("/demo/outbox")).json()) as Outbox).messages).toEqual([]);
    expect((await post("/api/mfa/devices", { type: "sms", phone: "+14155550123" })).status).toBe(201);
    expect((await post("/api/mfa/devices", { type: "email", email: "ada@example.com" })).status).toBe(201);
    const res = await app.request("/demo/outbox");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { messages } = (await res.json()) as Outbox;
    expect(messages).toEqual([
      {
        id: expect.any(Number),
        channel: "email",
        to: "ada@example.com",
        text: expect.stringMatching(/^Your code to add this email address to your Profile account\n\nYour code to add this email address to your Profile account is \d{6}\./),
        createdAt: expect.any(String),
      },
      {
        id: expect.any(Number),
        channel: "sms",
        to: "+14155550123",
        text: expect.stringMatching(/^\d{6} is your code to add this phone to your Profile account\. It expires in 10 minutes\. If you didn't ask for it, ignore this message\.$/),
        createdAt: expect.any(String),
      },
    ]);
    expect(messages[0]!.id).toBeGreaterThan(messages[1]!.id);
    expect((await app.request("/demo/outbox", { method: "DELETE" })).status).toBe(405);
    await close();
  });

  it("does not exist outside demo mode", async () => {
    const { app, close } = await demoApp(false);
    expect((await app.request("/demo/outbox")).status).toBe(404);
    await close();
  });
});
