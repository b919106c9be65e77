import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PendingChange, Profile, ResentChange } from "../../contract/api";
import { smtpNotifier } from "../src/notify/email";
import { smsWebhookNotifier } from "../src/notify/sms";
import { NoticeDispatcher } from "../src/services/security-notices";
import type { Notifier, Notifiers } from "../src/notify/types";
import { buildTestApp, ENGINES, freePort, type TestApp } from "./helpers";
import { expectError, otherCode } from "./mfa-helpers";
import { startSmsReceiver, startSmtpReceiver } from "../../testkit/receivers";

const WEBHOOK_SECRET = "a-webhook-secret-of-some-length";


/** Verified address changes, with codes delivered through a real SMTP server and the signed SMS webhook. */
describe.each(ENGINES)("verified email and phone changes on %s", (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hook: Awaited<ReturnType<typeof startSmsReceiver>>;
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hook = await startSmsReceiver({ secret: WEBHOOK_SECRET, refuseBadSignatures: true });
  });
  afterAll(async () => {
    await smtp.close();
    await hook.close();
  });
  afterEach(async () => {
    hook.answerWith(200);
    await t?.close();
  });

  const smtpTo = (url: string): Notifier => smtpNotifier({ url, from: "Acme Travel <no-reply@example.test>", timeoutMs: 2000 });
  const build = async (notifiers?: Notifiers) => {
    clock = Date.now();
    t = await buildTestApp({
      engine,
      env: { WEBAUTHN_RP_NAME: "Acme Travel" },
      now: () => new Date(clock),
      notifiers: notifiers ?? { email: smtpTo(smtp.url), sms: smsWebhookNotifier({ url: hook.url, secret: WEBHOOK_SECRET }) },
    });
    return t;
  };

  const load = async (token?: string) => {
    const res = await t.call("GET", "/api/profile", { token });
    expect(res.status).toBe(200);
    return { etag: res.headers.get("ETag")!, profile: (await res.json()) as Profile };
  };
  const patch = async (body: unknown, token?: string) => {
    const { etag } = await load(token);
    return t.call("PATCH", "/api/profile", { body, token, headers: { "If-Match": etag } });
  };
  /** PATCHes and answers the saved profile and the change opened for `field`. */
  const change = async (body: Record<string, unknown>, field: string, token?: string) => {
    const res = await patch(body, token);
    expect(res.status).toBe(200);
    const profile = (await res.json()) as Profile;
    const pending = profile.pendingChanges.find((c) => c.field === field);
    expect(pending, `a pending change of ${field}`).toBeDefined();
    return { profile, pending: pending!, etag: res.headers.get("ETag")! };
  };
  const verify = (id: string, otp: unknown, token?: string) => t.call("POST", `/api/profile/changes/${id}/verify`, { body: { otp }, token });
  const resend = (id: string, token?: string) => t.call("POST", `/api/profile/changes/${id}/resend`, { body: {}, token });
  const cancel = (id: string, token?: string) => t.call("DELETE", `/api/profile/changes/${id}`, { token });
  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
  const lastMail = (to: string) => mailsTo(to).at(-1)!;
  const subjectOf = (raw: string) => raw.replace(/\r?\n(?=[ \t])/g, "").match(/^Subject: (.*?)\r?$/m)?.[1];
  /** The body as a reader sees it: quoted-printable decoded (the masked address's dots are not ASCII). */
  const bodyOf = (text: string) =>
    Buffer.from(text.split(/\r?\n\r?\n/).slice(1).join("\n\n").trim().replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1")
      .toString("utf8");
  const smsTo = (to: string) => hook.messages.filter((m) => m.to === to);
  const openRows = async () => t.store.db.selectFrom("profile_changes").selectAll().execute();
  /** Moves the clock past the 30-second wait between codes to one address. */
  const waitForResend = () => (clock += 31_000);
  /** Sets the account's email or phone through a verified change (there was none before, so nobody is told). */
  const settle = async (body: Record<string, string>) => {
    const [field, value] = Object.entries(body)[0]!;
    const { pending } = await change(body, field);
    const res = await verify(pending.id, field === "email" ? smtp.codeFor(value) : hook.codeFor(value));
    expect(res.status).toBe(200);
    waitForResend();
  };

  it("emails a code to the new address; the code applies it, with a new ETag, and the old address is told without a code", async () => {
    await build();
    await settle({ email: "ada.old@example.com" });
    const oldMails = mailsTo("ada.old@example.com").length;

    const { profile, pending, etag: patchEtag } = await change({ email: "ada.new@example.com" }, "email");
    expect(profile.email).toBe("ada.old@example.com");
    expect(pending).toEqual({ id: expect.any(String), field: "email", target: "a•••@example.com", expiresAt: new Date(clock + 10 * 60_000).toISOString() });

    const mail = lastMail("ada.new@example.com");
    expect(subjectOf(mail.raw)).toBe("Your code to confirm this email address for your Acme Travel account");
    expect(bodyOf(mail.text)).toContain(`Your code to confirm this email address for your Acme Travel account is ${mail.code}.`);
    expect(bodyOf(mail.text)).toContain("It expires in 10 minutes.");
    // Nothing went to the old address yet.
    expect(mailsTo("ada.old@example.com")).toHaveLength(oldMails);

    const res = await verify(pending.id, mail.code);
    expect(res.status).toBe(200);
    const etag = res.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]{8}\.\d+"$/);
    expect(etag).not.toBe(patchEtag);
    expect(await res.json()).toMatchObject({ email: "ada.new@example.com", pendingChanges: [] });
    expect(await load()).toMatchObject({ etag, profile: { email: "ada.new@example.com" } });
    // The old ETag no longer fits; the new one does.
    const stale = await t.call("PATCH", "/api/profile", { body: { givenName: "Ada" }, headers: { "If-Match": patchEtag } });
    await expectError(stale, 412, "version_conflict");
    expect((await t.call("PATCH", "/api/profile", { body: { givenName: "Ada" }, headers: { "If-Match": etag! } })).status).toBe(200);

    // The old address is told once the burst is over (a minute), by the security notice queued with the change.
    const changedAt = clock;
    expect(await t.dispatchNotices()).toBe(0);
    clock += 60_000;
    expect(await t.dispatchNotices()).toBe(1);
    const notices = mailsTo("ada.old@example.com").slice(oldMails);
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(subjectOf(notice.raw)).toBe("The email address of your Acme Travel account was changed");
    const when = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(changedAt);
    expect(bodyOf(notice.text)).toContain(`- Changed the email address to a•••@example.com — ${when} UTC`);
    expect(notice.text).not.toMatch(/\b\d{6}\b/);
    expect(notice.text).not.toContain("ada.new@example.com");
    expect(notice.text).not.toContain(mail.code!);

    const actions = (await t.store.db.selectFrom("audit_events").select(["action", "detail"]).orderBy("id").execute()).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(["profile.change.verified", "profile.updated", "profile.updated"]);
    expect(await openRows()).toEqual([]);
  });

  it("texts a code to a new phone number through the signed webhook; the old number is told without a code", async () => {
    await build();
    await settle({ phone: "+14155550100" });
    const { pending } = await change({ phone: "+44 20 7946 0958" }, "phone");
    expect(pending.target).toBe("+44•••••0958");

    const sms = smsTo("+442079460958").at(-1)!;
    expect(sms.signatureValid).toBe(true);
    const payload = JSON.parse(sms.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(["to", "text", "code", "purpose"]);
    expect(payload).toMatchObject({ to: "+442079460958", purpose: "verify_address", code: expect.stringMatching(/^\d{6}$/) });
    expect(payload.text).toBe(
      `${sms.code} is your code to confirm this phone number for your Acme Travel account. It expires in 10 minutes. If you didn't ask for it, ignore this message.`,
    );

    const res = await verify(pending.id, sms.code);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ phone: "+442079460958", pendingChanges: [] });

    const notice = smsTo("+14155550100").at(-1)!;
    expect(notice.signatureValid).toBe(true);
    expect(JSON.parse(notice.body)).toEqual({
      to: "+14155550100",
      text: expect.stringContaining("The phone number of your Acme Travel account was changed to +44•••••0958 on "),
      code: null,
      purpose: "address_changed",
    });
    expect(notice.text).not.toMatch(/\b\d{6}\b/);
    expect(notice.text).not.toContain("7946");
  });

  it("saves the other fields of the same PATCH at once, and lists the change in GET /api/profile until it expires", async () => {
    await build();
    const { profile, pending } = await change({ givenName: "Ada", email: "ada@example.com", phone: "+14155550123" }, "email");
    expect(profile).toMatchObject({ givenName: "Ada", email: null, phone: null });
    expect(profile.pendingChanges.map((c) => c.field)).toEqual(["email", "phone"]);

    const { profile: read } = await load();
    expect(read.givenName).toBe("Ada");
    expect(read.pendingChanges).toEqual(profile.pendingChanges);
    expect(read.pendingChanges.find((c) => c.field === "phone")).toMatchObject({ target: "+1•••••0123" });
    // Codes and values never leave the server.
    expect(JSON.stringify(read)).not.toContain("ada@example.com");
    expect(JSON.stringify(read)).not.toContain(smtp.codeFor("ada@example.com"));

    clock += 10 * 60_000 + 1000;
    expect((await load()).profile.pendingChanges).toEqual([]);
    await expectError(await verify(pending.id, smtp.codeFor("ada@example.com")), 410, "otp_expired");
    expect((await load()).profile.email).toBeNull();
  });

  it("refuses a wrong code with 400 and the attempts left, locks after five (429), and a locked change takes no code", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    const code = smtp.codeFor("ada@example.com");
    const wrong = await expectError(await verify(pending.id, otherCode(code)), 400, "otp_invalid");
    expect(wrong.error.attemptsRemaining).toBe(4);
    for (let i = 0; i < 3; i++) await verify(pending.id, otherCode(code));
    const last = await verify(pending.id, otherCode(code));
    await expectError(last, 429, "too_many_attempts");

    await expectError(await verify(pending.id, code), 429, "too_many_attempts");
    waitForResend();
    await expectError(await resend(pending.id), 429, "too_many_attempts");
    // A locked change can take no code, so it is no longer listed as waiting for one.
    expect((await load()).profile).toMatchObject({ email: null, pendingChanges: [] });
    expect((await openRows())[0]).toMatchObject({ attempts: 5, consumed: 0 });

    // Saving the field again opens a new change with a new code.
    const again = await change({ email: "ada@example.com" }, "email");
    expect(again.pending.id).not.toBe(pending.id);
    expect((await verify(again.pending.id, smtp.codeFor("ada@example.com"))).status).toBe(200);
  });

  it("refuses bad bodies in the error shape and counts nothing", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    await expectError(await verify(pending.id, "12345"), 422, "validation_failed");
    await expectError(await t.call("POST", `/api/profile/changes/${pending.id}/verify`, { body: { otp: "123456", extra: 1 } }), 400, "unknown_field");
    await expectError(await t.call("POST", `/api/profile/changes/${pending.id}/verify`, { body: "{oops" }), 400, "invalid_json");
    await expectError(await verify("not-a-uuid", "123456"), 404, "not_found");
    expect((await openRows())[0]).toMatchObject({ attempts: 0 });
    expect((await verify(pending.id, smtp.codeFor("ada@example.com"))).status).toBe(200);
  });

  it("answers 410 for an expired code; a resend sends a new one that applies, and the old code no longer fits", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    const first = smtp.codeFor("ada@example.com");
    clock += 10 * 60_000;
    await expectError(await verify(pending.id, first), 410, "otp_expired");

    const res = await resend(pending.id);
    expect(res.status).toBe(202);
    const resent = (await res.json()) as ResentChange;
    expect(resent).toEqual({
      change: { ...pending, expiresAt: new Date(clock + 10 * 60_000).toISOString() },
      resendAvailableAt: new Date(clock + 30_000).toISOString(),
    });
    const second = smtp.codeFor("ada@example.com");
    if (second !== first) await expectError(await verify(pending.id, first), 400, "otp_invalid");
    expect((await verify(pending.id, second)).status).toBe(200);
    expect((await load()).profile.email).toBe("ada@example.com");
  });

  it("limits resends: 429 rate_limited within 30 seconds, and after five codes to one address in an hour", async () => {
    await build();
    const before = smsTo("+14155550123").length;
    const { pending } = await change({ phone: "+14155550123" }, "phone");
    const soon = await resend(pending.id);
    await expectError(soon, 429, "rate_limited");
    expect(Number(soon.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(smsTo("+14155550123")).toHaveLength(before + 1);
    for (let i = 0; i < 4; i++) {
      waitForResend();
      expect((await resend(pending.id)).status).toBe(202);
    }
    waitForResend();
    await expectError(await resend(pending.id), 429, "rate_limited");
    // Saving the same number again is the same address: no more codes to it this hour.
    await expectError(await patch({ phone: "+14155550123" }), 429, "rate_limited");
    expect(smsTo("+14155550123")).toHaveLength(before + 5);
    // The last code sent still applies it.
    expect((await verify(pending.id, hook.codeFor("+14155550123"))).status).toBe(200);
  });

  it("a new PATCH of the field replaces its change: the earlier change and its code are gone", async () => {
    await build();
    const first = await change({ email: "ada@exmaple.com" }, "email");
    const typoCode = smtp.codeFor("ada@exmaple.com");
    // A corrected typo goes to another address, so it needn't wait for the resend window.
    const second = await change({ email: "ada@example.com" }, "email");
    expect(second.profile.pendingChanges).toEqual([second.pending]);
    expect(second.pending.id).not.toBe(first.pending.id);
    await expectError(await verify(first.pending.id, typoCode), 404, "not_found");
    await expectError(await verify(second.pending.id, typoCode === smtp.codeFor("ada@example.com") ? otherCode(typoCode) : typoCode), 400, "otp_invalid");
    expect((await verify(second.pending.id, smtp.codeFor("ada@example.com"))).status).toBe(200);
    expect((await load()).profile.email).toBe("ada@example.com");
  });

  it("a code for one change never fits another, even the same user's", async () => {
    await build();
    const { profile } = await change({ email: "ada@example.com", phone: "+14155550123" }, "email");
    const [email, phone] = profile.pendingChanges as [PendingChange, PendingChange];
    const emailCode = smtp.codeFor("ada@example.com");
    const phoneCode = hook.codeFor("+14155550123");
    if (emailCode !== phoneCode) {
      await expectError(await verify(phone.id, emailCode), 400, "otp_invalid");
      await expectError(await verify(email.id, phoneCode), 400, "otp_invalid");
    }
    // The stored hash is bound to the change: the same code gives another hash for another change.
    const rows = await openRows();
    expect(new Set(rows.map((r) => r.code_hash)).size).toBe(2);
    await t.store.db.updateTable("profile_changes").set({ code_hash: rows.find((r) => r.id === email.id)!.code_hash }).where("id", "=", phone.id).execute();
    await expectError(await verify(phone.id, emailCode), 400, "otp_invalid");
    expect((await verify(email.id, emailCode)).status).toBe(200);
    expect(await load()).toMatchObject({ profile: { email: "ada@example.com", phone: null } });
  });

  it("cancels with 204: the value stays, the code stops working, and the change is gone (404)", async () => {
    await build();
    await settle({ email: "ada@example.com" });
    const { pending } = await change({ email: "ada@elsewhere.example" }, "email");
    const code = smtp.codeFor("ada@elsewhere.example");
    const res = await cancel(pending.id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    await expectError(await verify(pending.id, code), 404, "not_found");
    await expectError(await resend(pending.id), 404, "not_found");
    await expectError(await cancel(pending.id), 404, "not_found");
    expect((await load()).profile).toMatchObject({ email: "ada@example.com", pendingChanges: [] });
    expect(await openRows()).toEqual([]);
  });

  it("answers 404 for another user's change, and leaves it working", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    const code = smtp.codeFor("ada@example.com");
    const mails = smtp.mails.length;
    const bob = await t.tokenFor("bob");
    await load(bob);
    await expectError(await verify(pending.id, code, bob), 404, "not_found");
    waitForResend();
    await expectError(await resend(pending.id, bob), 404, "not_found");
    await expectError(await cancel(pending.id, bob), 404, "not_found");
    expect((await load(bob)).profile).toMatchObject({ email: null, pendingChanges: [] });
    expect(smtp.mails).toHaveLength(mails);
    expect((await openRows())[0]).toMatchObject({ attempts: 0 });
    expect((await verify(pending.id, code)).status).toBe(200);
    expect((await load()).profile.email).toBe("ada@example.com");
  });

  it("clearing the email applies at once and closes its pending change", async () => {
    await build();
    await settle({ email: "ada@example.com" });
    const { pending } = await change({ email: "ada@elsewhere.example" }, "email");
    const res = await patch({ email: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: null, pendingChanges: [] });
    await expectError(await verify(pending.id, smtp.codeFor("ada@elsewhere.example")), 404, "not_found");
    expect((await load()).profile.email).toBeNull();
  });

  it("answers 502 delivery_failed when the code can't be sent: nothing waits, the other fields are saved", async () => {
    await build({ email: smtpTo(`smtp://127.0.0.1:${await freePort()}`), sms: smsWebhookNotifier({ url: hook.url, secret: WEBHOOK_SECRET }) });
    await expectError(await patch({ givenName: "Ada", email: "ada@example.com" }), 502, "delivery_failed");
    expect((await load()).profile).toMatchObject({ givenName: "Ada", email: null, pendingChanges: [] });

    hook.answerWith(500);
    await expectError(await patch({ familyName: "Lovelace", phone: "+14155550123" }), 502, "delivery_failed");
    expect((await load()).profile).toMatchObject({ familyName: "Lovelace", phone: null, pendingChanges: [] });
    expect(await openRows()).toEqual([]);
    const actions = (await t.store.db.selectFrom("audit_events").select("action").execute()).map((e) => e.action);
    expect(actions.filter((a) => a === "profile.change.discarded")).toHaveLength(2);
  });

  it("answers 503 verification_unavailable and saves nothing when the channel isn't configured", async () => {
    await build({ email: smtpTo(smtp.url) });
    const res = await patch({ givenName: "Ada", phone: "+14155550123" });
    await expectError(res, 503, "verification_unavailable");
    expect(res.headers.get("Retry-After")).toBeNull();
    expect((await load()).profile).toMatchObject({ givenName: null, phone: null, pendingChanges: [] });
  });

  it("checks the value against the schema again at verify time: an invalid one answers 422 and the change is gone", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    // As if the schema had changed since: the stored value is no longer one it accepts.
    await t.store.db.updateTable("profile_changes").set({ value: "not an email" }).where("id", "=", pending.id).execute();
    const res = await verify(pending.id, smtp.codeFor("ada@example.com"));
    const body = await expectError(res, 422, "validation_failed");
    expect(Object.keys(body.error.fields ?? {})).toEqual(["email"]);
    expect((await load()).profile).toMatchObject({ email: null, pendingChanges: [] });
    expect(await openRows()).toEqual([]);
  });

  it("applies a code once when it is sent many times at once", async () => {
    await build();
    const { pending } = await change({ email: "ada@example.com" }, "email");
    const code = smtp.codeFor("ada@example.com");
    const before = (await load()).etag;
    const answers = await Promise.all(Array.from({ length: 8 }, () => verify(pending.id, code)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    const { etag, profile } = await load();
    expect(profile.email).toBe("ada@example.com");
    // One version step.
    expect(Number(etag.slice(10, -1))).toBe(Number(before.slice(10, -1)) + 1);
  });

  it("keeps the change when only the old address's notice fails, and tries the notice again later", async () => {
    await build();
    await settle({ email: "ada.old@example.com" });
    // The same store, sent by a mail server that refuses the old address only.
    const entries: Array<Record<string, unknown>> = [];
    const real = smtpTo(smtp.url);
    let refuse = true;
    const picky: Notifier = {
      send: (m) => (refuse && m.to === "ada.old@example.com" ? smtpTo(`smtp://127.0.0.1:${1}`).send(m) : real.send(m)),
    };
    const dispatcher = new NoticeDispatcher(t.store, { email: picky, appName: "Acme Travel", now: () => new Date(clock), log: (e) => entries.push(e) });
    const { pending } = await change({ email: "ada.new@example.com" }, "email");
    const res = await verify(pending.id, smtp.codeFor("ada.new@example.com"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: "ada.new@example.com" });
    const before = mailsTo("ada.old@example.com").length;
    clock += 60_000;
    expect(await dispatcher.runOnce()).toBe(0);
    expect(entries.find((e) => e.msg === "security notice not sent: will retry")).toMatchObject({ level: "warn", attempt: 1 });
    expect(JSON.stringify(entries)).not.toContain("ada.new@example.com");
    // Not before its retry time; then, the mail server back, once.
    refuse = false;
    expect(await dispatcher.runOnce()).toBe(0);
    clock += 30_000;
    expect(await dispatcher.runOnce()).toBe(1);
    expect(mailsTo("ada.old@example.com").slice(before).map((m) => subjectOf(m.raw))).toEqual(["The email address of your Acme Travel account was changed"]);
    expect(await dispatcher.runOnce()).toBe(0);
  });
});
