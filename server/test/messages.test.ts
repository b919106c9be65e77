import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { smtpNotifier } from "../src/notify/email";
import { smsWebhookNotifier } from "../src/notify/sms";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { mfaClient } from "./mfa-helpers";
import { startSmsReceiver, startSmtpReceiver } from "../../testkit/receivers";

const WEBHOOK_SECRET = "a-webhook-secret-of-some-length";

/** What the code messages say, as a person receives them through the real SMTP receiver and SMS webhook. */
describe.each(ENGINES)("code messages name the product and what the code is for, on %s", (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startSmsReceiver>>;
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hook = await startSmsReceiver({ secret: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await smtp.close();
    await hook.close();
  });
  afterEach(() => t?.close());

  const build = async (env: Record<string, string> = { WEBAUTHN_RP_NAME: "Acme Travel" }) => {
    t = await buildTestApp({
      engine,
      env,
      now: () => new Date(clock),
      notifiers: {
        email: smtpNotifier({ url: smtp.url, from: "Acme Travel <no-reply@example.test>", timeoutMs: 2000 }),
        sms: smsWebhookNotifier({ url: hook.url, secret: WEBHOOK_SECRET }),
      },
    });
    return mfaClient(t);
  };
  const subjectOf = (raw: string) => raw.match(/^Subject: (.*?)\r?$/m)?.[1];
  const bodyOf = (text: string) => text.split(/\r?\n\r?\n/).slice(1).join("\n\n").trim();
  const lastMail = (to: string) => [...smtp.mails].reverse().find((m) => m.to.includes(to))!;
  const lastSms = (to: string) => hook.messages.filter((m) => m.to === to).at(-1)!;

  it("adding a phone or an email address: the code is to add it to your Acme Travel account", async () => {
    const m = await build();
    await m.enable();
    expect((await m.add({ type: "sms", phone: "+14155550101" })).status).toBe(201);
    const sms = lastSms("+14155550101");
    expect(sms.text).toBe(`${sms.code} is your code to add this phone to your Acme Travel account. It expires in 10 minutes. If you didn't ask for it, ignore this message.`);
    expect(JSON.parse(sms.body)).toMatchObject({ purpose: "mfa_device_activation" });

    expect((await m.add({ type: "email", email: "grace@example.com" })).status).toBe(201);
    const mail = lastMail("grace@example.com");
    expect(subjectOf(mail.raw)).toBe("Your code to add this email address to your Acme Travel account");
    expect(bodyOf(mail.text)).toContain(`Your code to add this email address to your Acme Travel account is ${mail.code}.`);
    expect(bodyOf(mail.text)).toContain("It expires in 10 minutes. If you did not ask to add this email address as a sign-in device, ignore this message.");
    expect(mail.raw).not.toMatch(/Profile/);
  });

  it("signing in and confirming a change: the code is to sign in to Acme Travel, or to confirm a change", async () => {
    const m = await build();
    await m.enable();
    const res = await m.add({ type: "sms", phone: "+14155550102" });
    const { device } = (await res.json()) as { device: Device };
    expect((await m.activate(device.id, { otp: lastSms("+14155550102").code })).status).toBe(200);
    const email = (await (await m.add({ type: "email", email: "ada@example.com" })).json()) as { device: Device };
    expect((await m.activate(email.device.id, { otp: smtp.codeFor("ada@example.com") })).status).toBe(200);

    const start = (body: Record<string, string>) => t.call("POST", "/api/mfa/challenges", { body });
    expect((await start({ purpose: "sign_in", deviceId: device.id })).status).toBe(201);
    const signIn = lastSms("+14155550102");
    expect(signIn.text).toBe(`${signIn.code} is your code to sign in to Acme Travel. It expires in 5 minutes. Don't share it with anyone.`);
    expect(JSON.parse(signIn.body)).toMatchObject({ purpose: "mfa_verification" });

    expect((await start({ purpose: "step_up", deviceId: email.device.id })).status).toBe(201);
    const mail = lastMail("ada@example.com");
    expect(subjectOf(mail.raw)).toBe("Your code to confirm a change to your Acme Travel account");
    expect(bodyOf(mail.text)).toContain(`Your code to confirm a change to your Acme Travel account is ${mail.code}.`);
    expect(bodyOf(mail.text)).toContain("If you are not changing your account right now, someone may know your password: change it.");

    clock += 31_000; // one code per device per 30 seconds
    expect((await start({ purpose: "sign_in", deviceId: email.device.id })).status).toBe(201);
    const signInMail = lastMail("ada@example.com");
    expect(signInMail).not.toBe(mail);
    expect(subjectOf(signInMail.raw)).toBe("Your code to sign in to Acme Travel");
    expect(bodyOf(signInMail.text)).toContain(`Your code to sign in to Acme Travel is ${signInMail.code}.`);
  });

  it("without WEBAUTHN_RP_NAME the messages name the default product name", async () => {
    const m = await build({});
    await m.enable();
    expect((await m.add({ type: "sms", phone: "+14155550103" })).status).toBe(201);
    expect(lastSms("+14155550103").text).toContain("to add this phone to your Profile account.");
  });
});
