import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActivityEvent, ActivityPage, AddedDevice, Device, MfaVerified, Profile, ProfileExport, RecoveryCodes } from "../../contract/api";
import { startBackgroundJobs } from "../src/background";
import { smtpNotifier } from "../src/notify/email";
import type { Notifier } from "../src/notify/types";
import { NoticeDispatcher } from "../src/services/security-notices";
import { buildTestApp, ENGINES, freePort, type TestApp } from "./helpers";
import { appCode, expectError, mfaClient } from "./mfa-helpers";
import { startSmtpReceiver, type ReceivedMail } from "../../testkit/receivers";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const CLIENT = { "User-Agent": FIREFOX, "X-Forwarded-For": "198.51.100.23, 203.0.113.9" };

/** A mail as its reader sees it: the subject's encoded words and the body's transfer encoding undone. */
function readMail(mail: ReceivedMail): { subject: string; body: string } {
  const [head = "", ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, "");
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
  const subject = words(unfolded.match(/^Subject: (.*)$/im)?.[1] ?? "").trim();
  const encoding = unfolded.match(/^Content-Transfer-Encoding: (.*)$/im)?.[1]?.trim().toLowerCase();
  const raw = rest.join("\n\n");
  const body =
    encoding === "base64"
      ? Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
        : raw;
  return { subject, body: body.replace(/\r\n/g, "\n").trim() };
}


describe.each(ENGINES)("security activity, notices and export on %s", (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp.close());
  afterEach(() => t?.close());

  const smtpTo = (url: string): Notifier => smtpNotifier({ url, from: "Acme Travel <no-reply@example.test>", timeoutMs: 2000 });
  const build = async (options: { env?: Record<string, string>; email?: Notifier } = {}) => {
    clock = Date.now();
    smtp.mails.length = 0;
    t = await buildTestApp({
      engine,
      env: { WEBAUTHN_RP_NAME: "Acme Travel", TRUST_PROXY: "1", ...options.env },
      now: () => new Date(clock),
      notifiers: { email: options.email ?? smtpTo(smtp.url) },
    });
    return t;
  };
  const call = (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    t.call(method, path, { ...options, headers: { ...CLIENT, ...options.headers } });
  const page = async (query = "", token?: string): Promise<ActivityPage> => {
    const res = await call("GET", `/api/activity${query}`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as ActivityPage;
  };
  const patch = async (body: unknown, token?: string, headers: Record<string, string> = {}) => {
    const etag = (await call("GET", "/api/profile", { token })).headers.get("ETag")!;
    const res = await call("PATCH", "/api/profile", { body, token, headers: { "If-Match": etag, ...headers } });
    expect(res.status).toBe(200);
    return (await res.json()) as Profile;
  };
  /** The account's email, set directly: a verified change of its own would queue notices these tests don't count. */
  const settleEmail = async (email: string, username = "ada") => {
    await call("GET", "/api/profile", { token: await t.tokenFor(username) });
    const row = await t.store.db.selectFrom("users").select(["id", "profile"]).where("username", "=", username).executeTakeFirstOrThrow();
    const doc = typeof row.profile === "string" ? (JSON.parse(row.profile) as Record<string, unknown>) : { ...row.profile };
    await t.store.db.updateTable("users").set({ profile: JSON.stringify({ ...doc, email }) }).where("id", "=", row.id).execute();
  };
  const addTotp = async (nickname: string, token?: string) => {
    const res = await call("POST", "/api/mfa/devices", { body: { type: "totp", nickname }, token });
    expect(res.status).toBe(201);
    const added = (await res.json()) as AddedDevice;
    const code = appCode(added.totp!.secret, clock);
    const activated = await call("POST", `/api/mfa/devices/${added.device.id}/activate`, { body: { otp: code }, token });
    expect(activated.status).toBe(200);
    return { device: ((await activated.json()) as { device: Device }).device, secret: added.totp!.secret, code };
  };
  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
  /** Adds and activates an email device with the code the SMTP server received. */
  const addEmailDevice = async (address: string, token?: string) => {
    const res = await call("POST", "/api/mfa/devices", { body: { type: "email", email: address }, token });
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: Device };
    const code = smtp.codeFor(address);
    expect((await call("POST", `/api/mfa/devices/${device.id}/activate`, { body: { otp: code }, token })).status).toBe(200);
    return { device, code };
  };

  describe("GET /api/activity", () => {
    it("shows each kind of change, newest first, with where it came from, and nothing secret", async () => {
      await build();
      await patch({ givenName: "Zenobia", address: { locality: "Quimperlé" } });
      expect((await call("POST", "/api/mfa/enable", { body: {} })).status).toBe(200);
      const totp = await addTotp("Work phone");
      expect((await call("PATCH", `/api/mfa/devices/${totp.device.id}`, { body: { nickname: "Pixel" } })).status).toBe(200);
      const first = (await (await call("POST", "/api/mfa/recovery-codes", { body: {} })).json()) as RecoveryCodes;
      const second = (await (await call("POST", "/api/mfa/recovery-codes", { body: {} })).json()) as RecoveryCodes;
      // A wrong authenticator code, then a sign-in with a recovery code.
      const challenge = (await (await call("POST", "/api/mfa/challenges", { body: { deviceId: totp.device.id } })).json()) as { challenge: { id: string } };
      expect((await call("POST", `/api/mfa/challenges/${challenge.challenge.id}/verify`, { body: { otp: "000000" } })).status).toBe(400);
      const recovery = (await (await call("POST", "/api/mfa/challenges", { body: { method: "recovery_code" } })).json()) as { challenge: { id: string } };
      const used = await call("POST", `/api/mfa/challenges/${recovery.challenge.id}/verify`, { body: { recoveryCode: second.codes[0] } });
      expect(((await used.json()) as MfaVerified).recoveryCodesRemaining).toBe(9);
      // An email device, removed again: the activity still names it.
      const { device: email, code: emailCode } = await addEmailDevice("ada.codes@example.com");
      expect((await call("DELETE", `/api/mfa/devices/${email.id}`)).status).toBe(204);
      expect((await call("POST", "/api/mfa/disable", { body: {} })).status).toBe(200);

      const { events, next } = await page("?limit=100");
      expect(next).toBeNull();
      expect(events.map((e) => e.type)).toEqual([
        "mfa.disabled",
        "mfa.device.removed",
        "mfa.device.activated",
        "mfa.device.added",
        "mfa.verification.succeeded",
        "mfa.verification.failed",
        "mfa.recovery_codes.replaced",
        "mfa.recovery_codes.created",
        "mfa.device.renamed",
        "mfa.device.activated",
        "mfa.device.added",
        "mfa.enabled",
        "profile.updated",
        "user.created",
      ]);
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const byType = (type: string) => events.filter((e) => e.type === type);
      expect(byType("profile.updated")[0]!.detail).toEqual({ fields: ["givenName", "address.locality"] });
      // A device by its nickname now; a removed one by the nickname it had.
      expect(byType("mfa.device.added").map((e) => e.detail.device)).toEqual([
        { id: email.id, type: "email", nickname: email.nickname },
        { id: totp.device.id, type: "totp", nickname: "Pixel" },
      ]);
      expect(byType("mfa.device.removed")[0]!.detail).toEqual({ device: { id: email.id, type: "email", nickname: email.nickname } });
      expect(byType("mfa.verification.failed")[0]!.detail).toMatchObject({
        method: "totp",
        purpose: "sign_in",
        reason: "wrong_proof",
        attempts: 1,
        device: { id: totp.device.id, type: "totp", nickname: "Pixel" },
      });
      expect(byType("mfa.verification.succeeded")[0]!.detail).toEqual({ method: "recovery_code", purpose: "sign_in" });
      for (const event of events) {
        // The last hop appended by the one trusted proxy, not what the client wrote before it.
        expect([event.type, event.ip]).toEqual([event.type, "203.0.113.9"]);
        expect(event.userAgent).toEqual({ browser: "Firefox 133", os: "Windows" });
        expect(Date.parse(event.at)).toBeGreaterThan(0);
      }
      const text = JSON.stringify(events);
      for (const secret of [totp.secret, totp.code, emailCode, ...first.codes, ...second.codes, "Zenobia", "Quimperlé", "ada.codes@example.com"]) {
        expect(text).not.toContain(secret);
      }
      // Bookkeeping of the flows stays out.
      expect(text).not.toMatch(/challenge\.created|code_sent|challengeId|changeId/);
    });

    it("pages with a stable cursor: no gaps or repeats, even when new events arrive between pages", async () => {
      await build();
      for (let i = 0; i < 23; i += 1) await patch({ givenName: `N${i}` });
      const all = (await page("?limit=100")).events.map((e) => e.id);
      expect(all).toHaveLength(24);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const result: ActivityPage = await page(`?limit=5${cursor ? `&before=${cursor}` : ""}`);
        expect(result.events.length).toBeLessThanOrEqual(5);
        seen.push(...result.events.map((e) => e.id));
        cursor = result.next;
        pages += 1;
        // Something new meanwhile comes before the first page, never into the next.
        if (pages === 2) await patch({ givenName: "Later" });
      } while (cursor);
      expect(pages).toBe(5);
      expect(seen).toEqual(all);
      expect((await page()).events).toHaveLength(20);
      expect((await page("?limit=100")).events[0]!.detail).toEqual({ fields: ["givenName"] });
    });

    it("records the connection's address over real HTTP, and ignores X-Forwarded-For without TRUST_PROXY", async () => {
      await build({ env: { TRUST_PROXY: "false" } });
      const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const headers = { Authorization: `Bearer ${await t.tokenFor("ada")}`, "X-Forwarded-For": "198.51.100.99", "User-Agent": FIREFOX };
        expect((await fetch(`${url}/api/profile`, { headers })).status).toBe(200);
        const body = (await (await fetch(`${url}/api/activity`, { headers })).json()) as ActivityPage;
        expect(body.events).toMatchObject([{ type: "user.created", ip: "127.0.0.1", userAgent: { browser: "Firefox 133", os: "Windows" } }]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it("refuses a bad limit or cursor with 422 in the error shape", async () => {
      await build();
      for (const query of ["?limit=0", "?limit=101", "?limit=ten", "?limit=-1"]) {
        const body = await expectError(await call("GET", `/api/activity${query}`), 422, "validation_failed");
        expect(Object.keys(body.error.fields!)).toEqual(["limit"]);
      }
      for (const query of ["?before=abc", "?before=0", "?before=1e5", "?before=-3"]) {
        const body = await expectError(await call("GET", `/api/activity${query}`), 422, "validation_failed");
        expect(Object.keys(body.error.fields!)).toEqual(["before"]);
      }
      await expectError(await t.call("GET", "/api/activity", { token: null }), 401, "session_missing");
    });

    it("shows each person only their own events, whatever the cursor", async () => {
      await build();
      await patch({ givenName: "Ada" });
      const bob = await t.tokenFor("bob");
      await patch({ givenName: "Bob" }, bob, { "User-Agent": SAFARI_IPHONE });
      const ada = await page();
      const bobs = await page("", bob);
      expect(bobs.events.map((e) => e.type)).toEqual(["profile.updated", "user.created"]);
      expect(bobs.events[0]!.userAgent).toEqual({ browser: "Safari 17", os: "iOS 17.5" });
      expect(bobs.events.filter((e) => ada.events.some((a) => a.id === e.id))).toEqual([]);
      // Ada's newest id as Bob's cursor shows Bob's older events only.
      const mixed = await page(`?before=${Number(ada.events[0]!.id) + 1}`, bob);
      expect(mixed.events.every((e) => bobs.events.some((b) => b.id === e.id))).toBe(true);
      // An unknown client is null, not a guess.
      const row = await t.store.db.selectFrom("audit_events").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
      await t.store.db.updateTable("audit_events").set({ ip: null, user_agent: null }).where("id", "=", row.id).execute();
      expect((await page("", bob)).events[0]).toMatchObject({ ip: null, userAgent: { browser: null, os: null } });
    });

    it("keeps events ACTIVITY_RETENTION_DAYS, and prunes older ones in the background", async () => {
      await build({ env: { ACTIVITY_RETENTION_DAYS: "30" } });
      await patch({ givenName: "Ada" });
      const user = await t.store.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
      const day = 86_400_000;
      const old = (days: number) => ({ user_id: user.id, action: "profile.updated", detail: JSON.stringify({ fields: [`f${days}`] }), created_at: new Date(clock - days * day).toISOString(), ip: null, user_agent: null });
      await t.store.db.insertInto("audit_events").values([old(31), old(400), old(29)]).execute();
      // Past the retention it is no longer shown, pruned or not.
      expect((await page()).events.map((e) => e.detail.fields?.[0])).toEqual(["f29", "givenName", undefined]);
      const jobs = startBackgroundJobs({ store: t.store, config: t.config, log: () => {}, now: () => new Date(clock) });
      try {
        expect(await jobs.pruneNow()).toEqual({ events: 2, notices: 0 });
        expect(await jobs.pruneNow()).toEqual({ events: 0, notices: 0 });
      } finally {
        await jobs.stop();
      }
      expect(await t.store.db.selectFrom("audit_events").select("created_at").execute()).toHaveLength(3);
    });
  });

  describe("security notices", () => {
    it("emails the account when a device is activated, once the minute's burst is over, without a code", async () => {
      await build();
      await settleEmail("ada@example.com");
      const totp = await addTotp("Work phone");
      clock += 59_000;
      expect(await t.dispatchNotices()).toBe(0);
      expect(mailsTo("ada@example.com")).toHaveLength(0);
      clock += 1_000;
      expect(await t.dispatchNotices()).toBe(1);
      const [mail] = mailsTo("ada@example.com");
      const { subject, body } = readMail(mail!);
      expect(subject).toBe("A new sign-in device was added to your Acme Travel account");
      expect(body).toContain('Added the sign-in device "Work phone" (Authenticator app)');
      expect(body).toContain("If it wasn't you, someone may know your password");
      expect(body).not.toContain(totp.code);
      expect(body).not.toContain(totp.secret);
      expect(await t.dispatchNotices()).toBe(0);
      expect(mailsTo("ada@example.com")).toHaveLength(1);
    });

    it("sends several changes within a minute as one message, in the language the widget last spoke", async () => {
      await build();
      await settleEmail("ada@example.com");
      // The widget sends its language with every request; GET /api/mfa remembers it.
      expect((await call("GET", "/api/mfa", { headers: { "Accept-Language": "de" } })).status).toBe(200);
      const m = mfaClient(t);
      expect((await m.enable()).status).toBe(200);
      await addTotp("Telefon");
      clock += 20_000;
      expect((await call("POST", "/api/mfa/recovery-codes", { body: {} })).status).toBe(201);
      expect((await call("POST", "/api/mfa/recovery-codes", { body: {} })).status).toBe(201);
      clock += 20_000;
      expect((await call("POST", "/api/mfa/disable", { body: {} })).status).toBe(200);
      clock += 20_000;
      expect(await t.dispatchNotices()).toBe(1);
      const mails = mailsTo("ada@example.com");
      expect(mails).toHaveLength(1);
      const { subject, body } = readMail(mails[0]!);
      expect(subject).toBe("Sicherheitsänderungen an Ihrem Konto bei Acme Travel");
      const lines = body.split("\n").filter((l) => l.startsWith("- "));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain("„Telefon“");
      // A change after the message opens the next burst.
      clock += 1_000;
      expect((await m.enable()).status).toBe(200);
      await addTotp("Tablet");
      expect(await t.dispatchNotices()).toBe(0);
      clock += 60_000;
      expect(await t.dispatchNotices()).toBe(1);
      expect(readMail(mailsTo("ada@example.com")[1]!).subject).toBe("Ihrem Konto bei Acme Travel wurde ein neues Anmeldegerät hinzugefügt");
    });

    it("tells of a recovery code used, with the codes left, and never the codes", async () => {
      await build();
      await settleEmail("ada@example.com");
      expect((await mfaClient(t).enable()).status).toBe(200);
      await addTotp("Phone");
      const { codes } = (await (await call("POST", "/api/mfa/recovery-codes", { body: {} })).json()) as RecoveryCodes;
      clock += 60_000;
      expect(await t.dispatchNotices()).toBe(1);
      const started = (await (await call("POST", "/api/mfa/challenges", { body: { method: "recovery_code" } })).json()) as { challenge: { id: string } };
      expect((await call("POST", `/api/mfa/challenges/${started.challenge.id}/verify`, { body: { recoveryCode: codes[3] } })).status).toBe(200);
      clock += 60_000;
      expect(await t.dispatchNotices()).toBe(1);
      const { subject, body } = readMail(mailsTo("ada@example.com").at(-1)!);
      expect(subject).toBe("A recovery code was used for your Acme Travel account");
      expect(body).toContain("9 codes left");
      for (const code of codes) expect(body).not.toContain(code);
    });

    it("tells the old address of an email change, and the account of a phone change, each masked", async () => {
      // A schema whose phone applies without a code (and whose email is the account's).
      const dir = mkdtempSync(join(tmpdir(), "pw-schema-"));
      const schemaPath = join(dir, "schema.json");
      writeFileSync(
        schemaPath,
        JSON.stringify({
          $schema: "https://json-schema.org/draft/2020-12/schema",
          type: "object",
          properties: {
            email: { type: "string", format: "email", "x-profile": { verify: "email" } },
            phone: { type: "string", format: "tel", maxLength: 20 },
          },
        }),
      );
      await build({ env: { PROFILE_SCHEMA: schemaPath } });
      await settleEmail("ada@example.com");
      await patch({ phone: "+14155550123" });
      clock += 60_000;
      expect(await t.dispatchNotices()).toBe(1);
      const phone = readMail(mailsTo("ada@example.com").at(-1)!);
      expect(phone.subject).toBe("The phone number of your Acme Travel account was changed");
      expect(phone.body).toContain("+1•••••0123");
      expect(phone.body).not.toContain("4155550123");

      const changed = await patch({ email: "ada.new@example.com" });
      const pending = changed.pendingChanges[0]!;
      expect((await call("POST", `/api/profile/changes/${pending.id}/verify`, { body: { otp: smtp.codeFor("ada.new@example.com") } })).status).toBe(200);
      clock += 60_000;
      expect(await t.dispatchNotices()).toBe(1);
      expect(mailsTo("ada.new@example.com").map((m) => readMail(m).subject)).not.toContain("The email address of your Acme Travel account was changed");
      const email = readMail(mailsTo("ada@example.com").at(-1)!);
      expect(email.subject).toBe("The email address of your Acme Travel account was changed");
      expect(email.body).toContain("a•••@example.com");
      expect(email.body).not.toContain("ada.new@example.com");
    });

    it("sends nothing with SECURITY_NOTIFICATIONS=false", async () => {
      await build({ env: { SECURITY_NOTIFICATIONS: "false" } });
      await settleEmail("ada@example.com");
      expect((await mfaClient(t).enable()).status).toBe(200);
      await addTotp("Phone");
      expect((await call("POST", "/api/mfa/disable", { body: {} })).status).toBe(200);
      clock += 120_000;
      expect(await t.dispatchNotices()).toBe(0);
      expect(await t.store.db.selectFrom("security_notices").selectAll().execute()).toEqual([]);
      expect(mailsTo("ada@example.com")).toHaveLength(0);
    });

    it("keeps a notice through a mail outage and sends it once the server is back; the change never waits", async () => {
      await build({ email: smtpTo(`smtp://127.0.0.1:${await freePort()}`) });
      await settleEmail("ada@example.com");
      const entries: Array<Record<string, unknown>> = [];
      let server = smtpTo(`smtp://127.0.0.1:${await freePort()}`);
      const dispatcher = new NoticeDispatcher(t.store, { email: { send: (m) => server.send(m) }, appName: "Acme Travel", now: () => new Date(clock), log: (e) => entries.push(e) });
      // The activation answers 200 whatever the mail server does: the notice waits in the database.
      await addTotp("Phone");
      clock += 60_000;
      expect(await dispatcher.runOnce()).toBe(0);
      expect(await dispatcher.runOnce()).toBe(0);
      clock += 30_000;
      expect(await dispatcher.runOnce()).toBe(0);
      const rows = await t.store.db.selectFrom("security_notices").selectAll().execute();
      expect(rows).toMatchObject([{ state: "pending", attempts: 2, recipient: "ada@example.com" }]);
      expect(entries.filter((e) => e.msg === "security notice not sent: will retry").map((e) => e.attempt)).toEqual([1, 2]);
      // Back after a restart: another dispatcher (another server) takes it from the database.
      server = smtpTo(smtp.url);
      clock += 60_000;
      const other = new NoticeDispatcher(t.store, { email: server, appName: "Acme Travel", now: () => new Date(clock) });
      const [a, b] = await Promise.all([other.runOnce(), dispatcher.runOnce()]);
      expect(a + b).toBe(1);
      expect(mailsTo("ada@example.com").map((mail) => readMail(mail).subject)).toEqual(["A new sign-in device was added to your Acme Travel account"]);
      expect(await t.store.db.selectFrom("security_notices").select(["state", "attempts"]).execute()).toEqual([{ state: "sent", attempts: 2 }]);
    });
  });

  describe("GET /api/profile/export", () => {
    it("downloads everything stored about the person as one JSON attachment, and nothing secret", async () => {
      await build();
      await settleEmail("ada@example.com");
      await patch({ givenName: "Zenobia", address: { locality: "Quimperlé", countryCode: "FR" } });
      expect((await mfaClient(t).enable()).status).toBe(200);
      const totp = await addTotp("Work phone");
      const { device: email, code: emailCode } = await addEmailDevice("ada.codes@example.com");
      const { codes } = (await (await call("POST", "/api/mfa/recovery-codes", { body: {} })).json()) as RecoveryCodes;
      // A value of a field the schema no longer has is stored, so it is exported too.
      const row = await t.store.db.selectFrom("users").select(["id", "profile"]).executeTakeFirstOrThrow();
      const doc = typeof row.profile === "string" ? (JSON.parse(row.profile) as Record<string, unknown>) : { ...row.profile };
      await t.store.db.updateTable("users").set({ profile: JSON.stringify({ ...doc, legacyNote: "kept" }) }).where("id", "=", row.id).execute();
      expect((await call("GET", "/api/mfa", { headers: { "Accept-Language": "fr-CA,fr;q=0.9" } })).status).toBe(200);

      const res = await call("GET", "/api/profile/export");
      expect(res.status).toBe(200);
      const day = new Date(clock).toISOString().slice(0, 10);
      expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="profile-export-ada-${day}.json"`);
      expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const text = await res.text();
      const data = JSON.parse(text) as ProfileExport;
      expect(data.account).toEqual({ id: row.id, username: "ada", language: "fr", createdAt: expect.any(String), updatedAt: expect.any(String) });
      expect(data.profile).toEqual({
        email: "ada@example.com",
        givenName: "Zenobia",
        address: { locality: "Quimperlé", countryCode: "FR" },
        legacyNote: "kept",
      });
      expect(data.pendingChanges).toEqual([]);
      expect(data.mfa.enabled).toBe(true);
      expect(data.mfa.recoveryCodes).toEqual({ remaining: 10, createdAt: expect.any(String) });
      expect(data.mfa.devices.map((d) => [d.type, d.nickname, d.target]).sort()).toEqual([
        ["email", email.nickname, "a•••@example.com"],
        ["totp", "Work phone", null],
      ]);
      expect(data.activity.map((e: ActivityEvent) => e.type)).toContain("mfa.recovery_codes.created");
      expect(data.activity[0]!.type).toBe("mfa.recovery_codes.created");
      for (const secret of [totp.secret, totp.code, ...codes, "ada.codes@example.com", emailCode]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/totp_secret|credential_public_key|code_hash/);
      // Another person's export has none of it.
      const bob = await (await call("GET", "/api/profile/export", { token: await t.tokenFor("bob") })).text();
      expect(bob).not.toContain("Zenobia");
      expect(JSON.parse(bob)).toMatchObject({ account: { username: "bob" }, profile: {}, mfa: { enabled: false, devices: [] } });
    });
  });
});
