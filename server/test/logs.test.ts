import { Writable } from "node:stream";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createLogger } from "../src/log";
import { smtpNotifier } from "../src/notify/email";
import { smsWebhookNotifier, webhookSignature } from "../src/notify/sms";
import type { Device } from "../src/mfa/types";
import { buildTestApp, type TestApp } from "./helpers";
import { appCode, otherCode } from "./mfa-helpers";
import { startSmsReceiver, startSmtpReceiver } from "../../testkit/receivers";
import { softwareAttestation } from "./webauthn-helpers";

const WEBHOOK_SECRET = "whsec-logs-test-0123456789abcdef";

/** Occurrences of `secret` in `text` as a whole token (a code inside a longer number doesn't count). */
const occurrences = (text: string, secret: string) =>
  text.match(new RegExp(`(?<![A-Za-z0-9_-])${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_-])`, "g"))?.length ?? 0;

describe("structured logs", () => {
  let base: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let sms: Awaited<ReturnType<typeof startSmsReceiver>>;
  const lines: string[] = [];
  const secrets = new Map<string, string>();
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    sms = await startSmsReceiver();
    base = await buildTestApp({ env: { MFA_MAX_DEVICES: "10" } });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    app = createApp({
      config: base.config,
      store: base.store,
      verifySession: await createSessionVerifier(base.config.auth),
      notifiers: {
        email: smtpNotifier({ url: smtp.url, from: "Profile <no-reply@example.test>", timeoutMs: 2000 }),
        sms: smsWebhookNotifier({ url: sms.url, secret: WEBHOOK_SECRET, timeoutMs: 2000 }),
      },
      log: createLogger({ destination: sink }).log,
    });
    secrets.set("webhook secret", WEBHOOK_SECRET);
    secrets.set("SECRETS_KEY", base.config.secretsKey!);
  });
  afterAll(async () => {
    await base.close();
    await smtp.close();
    await sms.close();
  });

  /** A whole session of a person using the widget: profile, every device type, mistakes and failures. */
  async function driveFullFlow() {
    const token = await base.tokenFor("ada");
    secrets.set("session token", token);
    secrets.set("token signature", token.split(".")[2]!);
    const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.request(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, headers: res.headers, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
    };

    const profile = await send("GET", "/api/profile");
    const saved = await send("PATCH", "/api/profile", { givenName: "Ada", email: "ada@example.com", phone: "+14155550123" }, {
      "If-Match": profile.headers.get("ETag")!,
    });
    expect(saved.status).toBe(200);

    const email = await send("POST", "/api/mfa/devices", { type: "email", email: "ada@example.com" });
    const emailId = (email.body!.device as Device).id;
    const mailed = smtp.codeFor("ada@example.com");
    secrets.set("emailed code", mailed);
    expect((await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: otherCode(mailed) })).status).toBe(400);
    expect((await send("POST", `/api/mfa/devices/${emailId}/activate`, { otp: mailed })).status).toBe(200);

    const phone = await send("POST", "/api/mfa/devices", { type: "sms", phone: "+1 415 555 0199" });
    const phoneId = (phone.body!.device as Device).id;
    const texted = sms.codeFor("+14155550199");
    secrets.set("texted code", texted);
    secrets.set("webhook signature", sms.messages.at(-1)!.signature.replace("sha256=", ""));
    expect(sms.messages.at(-1)!.signature).toBe(webhookSignature(WEBHOOK_SECRET, JSON.stringify({
      to: "+14155550199", text: sms.messages.at(-1)!.text, code: texted, purpose: "mfa_device_activation",
    })));
    expect((await send("POST", `/api/mfa/devices/${phoneId}/activate`, { otp: texted })).status).toBe(200);

    const app1 = await send("POST", "/api/mfa/devices", { type: "totp", nickname: "Phone app" });
    const totp = app1.body!.totp as { secret: string; otpauthUri: string };
    secrets.set("TOTP secret", totp.secret);
    secrets.set("otpauth URI", totp.otpauthUri);
    const totpCode = appCode(totp.secret);
    secrets.set("authenticator code", totpCode);
    expect((await send("POST", `/api/mfa/devices/${(app1.body!.device as Device).id}/activate`, { otp: totpCode })).status).toBe(200);

    const key = await send("POST", "/api/mfa/devices", { type: "passkey" });
    const keyId = (key.body!.device as Device).id;
    const { challenge } = key.body!.webauthn as PublicKeyCredentialCreationOptionsJSON;
    const forged = softwareAttestation({ challenge, origin: "https://evil.example" });
    expect((await send("POST", `/api/mfa/devices/${keyId}/activate`, { credential: forged })).status).toBe(400);
    const again = await send("POST", "/api/mfa/devices", { type: "passkey" });
    const credential = softwareAttestation({ challenge: (again.body!.webauthn as PublicKeyCredentialCreationOptionsJSON).challenge });
    secrets.set("WebAuthn challenge", challenge);
    secrets.set("attestation object", credential.response.attestationObject);
    secrets.set("client data", credential.response.clientDataJSON);
    expect((await send("POST", `/api/mfa/devices/${(again.body!.device as Device).id}/activate`, { credential })).status).toBe(200);

    sms.answerWith(500);
    expect((await send("POST", "/api/mfa/devices", { type: "sms", phone: "+14155550100" })).status).toBe(502);
    sms.answerWith(200);
    const failed = sms.messages.length;
    expect(failed).toBeGreaterThan(0);

    // A token where it doesn't belong is refused, and must not be logged from there either.
    await app.request(`/api/profile?access_token=${token}`);
    await app.request(`/api/mfa/devices/${token}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
  }

  it("logs each request as one JSON line with a request id, level, time and status", async () => {
    await driveFullFlow();
    expect(lines.length).toBeGreaterThan(15);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === "request");
    expect(requests.length).toBeGreaterThan(15);
    for (const e of requests) {
      expect(e).toMatchObject({ level: expect.stringMatching(/^(info|error)$/), time: expect.any(String), pid: process.pid });
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e).toHaveProperty("status");
      expect(e).toHaveProperty("ms");
    }
    expect(new Set(requests.map((e) => e.requestId)).size).toBe(requests.length);
    // A service's own entry carries the id of the request it happened in.
    const delivery = entries.find((e) => e.msg === "delivery failed");
    expect(delivery).toMatchObject({ level: "warn", channel: "sms", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(requests.some((e) => e.requestId === delivery!.requestId && e.status === 502)).toBe(true);
    expect(entries.find((e) => e.msg === "passkey registration refused")).toMatchObject({ requestId: expect.any(String) });
  });

  it("never contains a token, a code, a secret or a credential", () => {
    const text = lines.join("\n");
    expect(secrets.size).toBeGreaterThanOrEqual(13);
    const found = [...secrets].filter(([, value]) => occurrences(text, value) > 0 || text.includes(value.length > 12 ? value : "\u0000"));
    expect(found.map(([name]) => name)).toEqual([]);
    expect(text).not.toMatch(/Bearer /);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it("redacts secret-named keys should a caller ever log them", () => {
    const captured: string[] = [];
    const { log } = createLogger({
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          captured.push(chunk.toString("utf8"));
          done();
        },
      }),
    });
    log({ msg: "oops", token: "t0ken", otp: "123456", headers: { authorization: "Bearer x", cookie: "c" }, device: { secret: "S3CRET", code: "654321" } });
    const entry = JSON.parse(captured.join("")) as Record<string, unknown>;
    expect(entry).toMatchObject({
      msg: "oops",
      token: "[redacted]",
      otp: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      device: { secret: "[redacted]", code: "[redacted]" },
    });
  });
});
