import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { smtpNotifier } from "../src/notify/email";
import { smsWebhookNotifier } from "../src/notify/sms";
import type { Device } from "../src/mfa/types";
import { buildTestApp, freePort, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";
import { startSmsReceiver, startSmtpReceiver } from "../../testkit/receivers";

const WEBHOOK_SECRET = "a-webhook-secret-of-some-length";


describe("delivery over real SMTP and a signed webhook", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startSmsReceiver>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    // Checks the signature the way the docs tell integrators to.
    hook = await startSmsReceiver({ secret: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await smtp.close();
    await hook.close();
  });
  afterEach(() => t?.close());

  const build = async (overrides: { smtpUrl?: string; webhookTimeoutMs?: number } = {}) => {
    t = await buildTestApp({
      notifiers: {
        email: smtpNotifier({ url: overrides.smtpUrl ?? smtp.url, from: "Profile <no-reply@example.test>", timeoutMs: 2000 }),
        sms: smsWebhookNotifier({ url: hook.url, secret: WEBHOOK_SECRET, timeoutMs: overrides.webhookTimeoutMs }),
      },
    });
    return mfaClient(t);
  };

  it("emails the code through SMTP, and that code activates the device", async () => {
    const m = await build();
    const res = await m.add({ type: "email", email: "grace@example.com" });
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: Device };
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(["grace@example.com"]);
    expect(mail.from).toBe("no-reply@example.test");
    expect(mail.raw).toMatch(/^Subject: Your code to add this email address to your Profile account\r?$/m);
    const code = mail.raw.match(/Profile account is (\d{6})\./)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const activated = await m.activate(device.id, { otp: code });
    expect(activated.status).toBe(200);
    expect(((await activated.json()) as { device: Device }).device.status).toBe("ACTIVE");
  });

  it("posts the SMS as signed JSON {to, text, code, purpose}, and that code activates the device", async () => {
    const m = await build();
    hook.answerWith(202);
    const res = await m.add({ type: "sms", phone: "+44 20 7946 0958" });
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: Device };
    const sms = hook.messages.at(-1)!;
    expect(sms.signatureValid).toBe(true);
    expect(sms.headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(sms.body) as Record<string, string>;
    expect(Object.keys(payload)).toEqual(["to", "text", "code", "purpose"]);
    expect(payload).toMatchObject({ to: "+442079460958", purpose: "mfa_device_activation", code: expect.stringMatching(/^\d{6}$/) });
    expect(payload.text).toContain(payload.code);
    expect((await m.activate(device.id, { otp: payload.code })).status).toBe(200);
    hook.answerWith(200);
  });

  it("answers 502 delivery_failed and leaves no device when SMTP is down", async () => {
    const m = await build({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` });
    await expectError(await m.add({ type: "email", email: "grace@example.com" }), 502, "delivery_failed");
    expect(await t.store.db.selectFrom("mfa_devices").selectAll().execute()).toEqual([]);
    expect(await t.store.db.selectFrom("otp_challenges").selectAll().execute()).toEqual([]);
    expect((await m.state()).devices).toEqual([]);
    const actions = (await t.store.db.selectFrom("audit_events").select("action").execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["mfa.device.added", "mfa.device.discarded"]));
  });

  it("answers 502 and leaves no device when the SMS gateway refuses", async () => {
    const m = await build();
    hook.answerWith(500);
    await expectError(await m.add({ type: "sms", phone: "+14155550123" }), 502, "delivery_failed");
    hook.answerWith(200);
    expect((await m.state()).devices).toEqual([]);
  });

  it("gives up on a gateway that does not answer in time", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const notifier = smsWebhookNotifier({
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      secret: WEBHOOK_SECRET,
      timeoutMs: 200,
    });
    t = await buildTestApp({ notifiers: { sms: notifier } });
    const started = Date.now();
    await expectError(await mfaClient(t).add({ type: "sms", phone: "+14155550123" }), 502, "delivery_failed");
    expect(Date.now() - started).toBeLessThan(5000);
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
