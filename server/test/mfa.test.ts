import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { appCode, expectError, mfaClient, otherCode } from "./mfa-helpers";

const now = () => Math.floor(Date.now() / 1000);

describe.each(ENGINES)("MFA devices API on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  beforeEach(async () => {
    t = await buildTestApp({ engine });
    m = mfaClient(t);
  });
  afterEach(() => t.close());

  const audit = async () =>
    (await t.store.db.selectFrom("audit_events").select("action").orderBy("id").execute()).map((r) => r.action);

  it("starts with MFA off and no devices", async () => {
    expect(await m.state()).toEqual({ enabled: false, devices: [], canAddDevice: true, maxDevices: 5, recoveryCodes: null });
  });

  it("enables MFA without a device yet, and disabling keeps the devices", async () => {
    const enabled = await m.enable();
    expect(enabled.status).toBe(200);
    expect(await enabled.json()).toMatchObject({ enabled: true, devices: [] });
    const device = await m.activeEmail();
    const disabled = await m.disable();
    expect(disabled.status).toBe(200);
    const state = (await disabled.json()) as { enabled: boolean; devices: Device[] };
    expect(state.enabled).toBe(false);
    expect(state.devices.map((d) => d.id)).toEqual([device.id]);
    expect(await audit()).toEqual(expect.arrayContaining(["mfa.enabled", "mfa.disabled"]));
  });

  it("needs a recent sign-in to disable MFA, not to enable it", async () => {
    const old = await t.tokenFor("ada", { auth_time: now() - 30 * 60 });
    expect((await m.enable(old)).status).toBe(200);
    await expectError(await m.disable(old), 403, "reauthentication_required");
    expect((await m.state()).enabled).toBe(true);
    expect((await m.disable()).status).toBe(200);
  });

  it("accepts an empty JSON body for actions without parameters, but not other fields", async () => {
    const res = await t.call("POST", "/api/mfa/enable", { body: "", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    await expectError(await t.call("POST", "/api/mfa/enable", { body: { enabled: true } }), 400, "unknown_field");
    await expectError(
      await t.call("POST", "/api/mfa/enable", { body: "{}", headers: { "Content-Type": "text/plain" } }),
      415,
      "unsupported_media_type",
    );
  });

  it("adds an email device: pending, masked, a code in the outbox, an audit event", async () => {
    const res = await m.add({ type: "email", email: "jane@example.com" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { device: Device };
    expect(Object.keys(body)).toEqual(["device", "resendAvailableAt"]);
    expect(body.device).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: "email",
      nickname: "Email",
      status: "ACTIVATION_REQUIRED",
      isDefault: false,
      target: "j•••@example.com",
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    expect(res.headers.get("Location")).toBe(`/api/mfa/devices/${body.device.id}`);
    const code = await t.outboxCode("jane@example.com");
    expect(JSON.stringify(body)).not.toContain(code);
    const stored = await t.store.db.selectFrom("otp_challenges").selectAll().executeTakeFirstOrThrow();
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.code_hash).not.toContain(code);
    expect(await audit()).toContain("mfa.device.added");
  });

  it("adds an SMS device with a normalised, masked number and activates it with the code", async () => {
    const res = await m.add({ type: "sms", phone: "+1 (415) 555-0123", nickname: "Work phone" });
    expect(res.status).toBe(201);
    const { device } = (await res.json()) as { device: Device };
    expect(device).toMatchObject({ type: "sms", nickname: "Work phone", target: "+1•••••0123" });
    const activated = await m.activate(device.id, { otp: await t.outboxCode("+14155550123") });
    expect(activated.status).toBe(200);
    const active = ((await activated.json()) as { device: Device }).device;
    expect(active).toMatchObject({ id: device.id, status: "ACTIVE", isDefault: true, lastUsedAt: expect.any(String) });
    expect(await audit()).toContain("mfa.device.activated");
  });

  it("masks numbers by their country code", async () => {
    for (const [phone, masked] of [
      ["+442071234567", "+44•••••4567"],
      ["+35312345678", "+353•••••5678"],
    ]) {
      const res = await m.add({ type: "sms", phone });
      expect(((await res.json()) as { device: Device }).device.target).toBe(masked);
    }
  });

  it("adds an authenticator app: secret, otpauth URI and QR code once, then a code from the app activates it", async () => {
    const res = await m.add({ type: "totp" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { device: Device; totp: { secret: string; otpauthUri: string; qrSvg: string } };
    expect(body.device).toMatchObject({ type: "totp", status: "ACTIVATION_REQUIRED", target: null, nickname: "Authenticator app" });
    expect(body.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.totp.otpauthUri).toBe(
      `otpauth://totp/Profile:ada?secret=${body.totp.secret}&issuer=Profile&algorithm=SHA1&digits=6&period=30`,
    );
    expect(body.totp.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(body.totp.qrSvg).not.toMatch(/style=|<script/i);

    const stored = await t.store.db.selectFrom("mfa_devices").select("totp_secret").executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1\./);
    expect(stored.totp_secret).not.toContain(body.totp.secret);
    // The secret is never shown again.
    expect(JSON.stringify(await m.state())).not.toContain(body.totp.secret);

    await expectError(await m.activate(body.device.id, { otp: otherCode(appCode(body.totp.secret)) }), 400, "otp_invalid");
    const ok = await m.activate(body.device.id, { otp: appCode(body.totp.secret) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { device: Device }).device).toMatchObject({ status: "ACTIVE", isDefault: true });
    expect(JSON.stringify(await m.state())).not.toContain(body.totp.secret);
  });

  it("lists devices with the first active one as default, and a second stays non-default", async () => {
    const first = await m.activeEmail("one@example.com");
    const second = await m.activeEmail("two@example.com");
    const state = await m.state();
    expect(state.devices.map((d) => [d.id, d.isDefault])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    expect(state.canAddDevice).toBe(true);
  });

  it("renames a device, refusing empty, long or control-character names", async () => {
    const device = await m.activeEmail();
    const res = await m.rename(device.id, "  Personal mail ");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { device: Device }).device.nickname).toBe("Personal mail");
    for (const bad of ["", "   ", "x".repeat(41), "Line\nbreak", "\u202eevil", 42]) {
      const err = await expectError(await m.rename(device.id, bad), 422, "validation_failed");
      expect(Object.keys(err.error.fields ?? {})).toEqual(["nickname"]);
    }
    await expectError(
      await t.call("PATCH", `/api/mfa/devices/${device.id}`, { body: { nickname: "A", isDefault: true } }),
      400,
      "unknown_field",
    );
    expect((await m.state()).devices[0]?.nickname).toBe("Personal mail");
    expect(await audit()).toContain("mfa.device.renamed");
  });

  it("makes another device the default, leaving exactly one", async () => {
    const first = await m.activeEmail("one@example.com");
    const second = await m.activeEmail("two@example.com");
    const res = await m.makeDefault(second.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { device: Device }).device).toMatchObject({ id: second.id, isDefault: true });
    const state = await m.state();
    expect(state.devices.filter((d) => d.isDefault).map((d) => d.id)).toEqual([second.id]);
    expect(state.devices.find((d) => d.id === first.id)?.isDefault).toBe(false);
  });

  it("won't make a pending device the default", async () => {
    const { device } = await m.addEmail();
    await expectError(await m.makeDefault(device.id), 409, "device_not_active");
  });

  it("removes a device (204); removing the default promotes the next active one", async () => {
    const first = await m.activeEmail("one@example.com");
    const second = await m.activeEmail("two@example.com");
    const res = await m.remove(first.id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const state = await m.state();
    expect(state.devices.map((d) => [d.id, d.isDefault])).toEqual([[second.id, true]]);
    expect(await audit()).toContain("mfa.device.removed");
  });

  it("keeps the last active device while MFA is on (409), and lets it go once MFA is off", async () => {
    const only = await m.activeEmail();
    const { device: pending } = await m.addEmail("pending@example.com");
    expect((await m.enable()).status).toBe(200);
    await expectError(await m.remove(only.id), 409, "last_device");
    // A pending device does not count as a way to sign in.
    expect((await m.state()).devices).toHaveLength(2);
    expect((await m.disable()).status).toBe(200);
    expect((await m.remove(only.id)).status).toBe(204);
    expect((await m.state()).devices.map((d) => d.id)).toEqual([pending.id]);
  });

  it("needs a recent sign-in to remove an active device, but not an unfinished one", async () => {
    const active = await m.activeEmail("one@example.com");
    const { device: pending } = await m.addEmail("two@example.com");
    const old = await t.tokenFor("ada", { auth_time: now() - 30 * 60 });
    const noAuthTime = await t.tokenFor("ada", { auth_time: undefined });
    await expectError(await m.remove(active.id, old), 403, "reauthentication_required");
    await expectError(await m.remove(active.id, noAuthTime), 403, "reauthentication_required");
    expect((await m.remove(pending.id, old)).status).toBe(204);
    expect((await m.state()).devices.map((d) => d.id)).toEqual([active.id]);
    expect((await m.remove(active.id)).status).toBe(204);
  });

  it("answers 404 for another user's device, on every device endpoint, and changes nothing", async () => {
    const adasDevice = await m.activeEmail();
    const { device: adasPending } = await m.addEmail("pending@example.com");
    const bob = await t.tokenFor("bob");
    for (const res of [
      await m.activate(adasPending.id, { otp: "123456" }, bob),
      await m.resend(adasPending.id, bob),
      await m.rename(adasDevice.id, "mine now", bob),
      await m.makeDefault(adasDevice.id, bob),
      await m.remove(adasDevice.id, bob),
    ]) {
      await expectError(res, 404, "not_found");
    }
    expect((await m.state(bob)).devices).toEqual([]);
    expect((await m.state()).devices.map((d) => d.nickname)).toEqual(["Email", "Email"]);
  });

  it("answers 404 for ids that are not device ids", async () => {
    for (const id of ["nope", "00000000-0000-0000-0000-000000000000", "%27%20or%201=1"]) {
      await expectError(await m.rename(id, "x"), 404, "not_found");
    }
  });

  it("validates the add body: type, phone, email, unknown fields", async () => {
    const cases: Array<[unknown, number, string, string?]> = [
      [{ type: "fax" }, 422, "validation_failed", "type"],
      [{}, 422, "validation_failed", "type"],
      [{ type: "sms", phone: "0123 456" }, 422, "validation_failed", "phone"],
      [{ type: "sms" }, 422, "validation_failed", "phone"],
      [{ type: "email", email: "not-an-email" }, 422, "validation_failed", "email"],
      [{ type: "email", email: "ann@example.com", nickname: "" }, 422, "validation_failed", "nickname"],
      [{ type: "totp", secret: "AAAA" }, 400, "unknown_field", "secret"],
      [{ type: "sms", phone: "+14155550123", email: "x@example.com" }, 400, "unknown_field", "email"],
      [[1, 2], 400, "invalid_request"],
    ];
    for (const [body, status, code, field] of cases) {
      const err = await expectError(await m.add(body), status, code);
      if (field) expect(Object.keys(err.error.fields ?? {})).toEqual([field]);
    }
    await expectError(await m.add("{oops"), 400, "invalid_json");
    expect((await m.state()).devices).toEqual([]);
  });

  it("validates activation: a 6-digit code, or a credential for passkeys", async () => {
    const { device } = await m.addEmail();
    for (const otp of ["12345", "1234567", "abcdef", 123456]) {
      const err = await expectError(await m.activate(device.id, { otp }), 422, "validation_failed");
      expect(Object.keys(err.error.fields ?? {})).toEqual(["otp"]);
    }
    await expectError(await m.activate(device.id, { otp: "123456", remember: true }), 400, "unknown_field");
    await expectError(
      await m.activate(device.id, { credential: { id: "x", rawId: "x", type: "public-key", response: { clientDataJSON: "", attestationObject: "" } } }),
      422,
      "validation_failed",
    );
  });

  it("refuses to activate or resend for an active device", async () => {
    const device = await m.activeEmail();
    await expectError(await m.activate(device.id, { otp: "123456" }), 409, "device_already_active");
    await expectError(await m.resend(device.id), 409, "device_already_active");
  });

  it("resends only for SMS and email devices", async () => {
    const res = await m.add({ type: "totp" });
    const { device } = (await res.json()) as { device: Device };
    await expectError(await m.resend(device.id), 409, "resend_not_supported");
  });

  it("answers wrong methods with 405 and Allow", async () => {
    const device = await m.activeEmail();
    const cases: Array<[string, string, string]> = [
      ["DELETE", "/api/mfa", "GET"],
      ["GET", "/api/mfa/enable", "POST"],
      ["GET", "/api/mfa/disable", "POST"],
      ["GET", "/api/mfa/devices", "POST"],
      ["GET", `/api/mfa/devices/${device.id}`, "PATCH, DELETE"],
      ["GET", `/api/mfa/devices/${device.id}/activate`, "POST"],
      ["GET", `/api/mfa/devices/${device.id}/resend`, "POST"],
      ["DELETE", `/api/mfa/devices/${device.id}/default`, "POST"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await t.call(method, path);
      expect(res.headers.get("Allow")).toContain(allow);
      await expectError(res, 405, "method_not_allowed");
    }
  });

  it("needs a session on every MFA endpoint", async () => {
    for (const [method, path] of [
      ["GET", "/api/mfa"],
      ["POST", "/api/mfa/enable"],
      ["POST", "/api/mfa/devices"],
      ["DELETE", "/api/mfa/devices/00000000-0000-4000-8000-000000000000"],
    ] as const) {
      await expectError(await t.call(method, path, { token: null, body: method === "POST" ? {} : undefined }), 401, "session_missing");
    }
  });

  it("never returns codes, secrets or keys in the device list", async () => {
    await m.activeEmail();
    const totp = (await (await m.add({ type: "totp" })).json()) as { totp: { secret: string } };
    const text = JSON.stringify(await m.state());
    expect(text).not.toMatch(/code_hash|totp_secret|credential|secret|ada@example\.com/);
    expect(text).not.toContain(totp.totp.secret);
  });
});

describe("MFA configuration", () => {
  it("offers a type only if it is enabled and can be delivered", async () => {
    const t = await buildTestApp({ notifiers: {}, env: { TOTP_ENABLED: "false", FIDO_PASSKEY_ENABLED: "false" } });
    const m = mfaClient(t);
    expect(((await (await t.app.request("/api/config")).json()) as { methods: unknown }).methods).toEqual({
      sms: false,
      email: false,
      passkey: false,
      totp: false,
    });
    for (const body of [
      { type: "sms", phone: "+14155550123" },
      { type: "email", email: "a@example.com" },
      { type: "totp" },
      { type: "passkey" },
    ]) {
      await expectError(await m.add(body), 403, "method_disabled");
    }
    expect(await m.state()).toMatchObject({ devices: [], canAddDevice: false });
    await t.close();
  });

  it("answers 403 method_disabled for a type switched off in configuration", async () => {
    const t = await buildTestApp({ env: { SMS_OTP_ENABLED: "false" } });
    const m = mfaClient(t);
    await expectError(await m.add({ type: "sms", phone: "+14155550123" }), 403, "method_disabled");
    expect((await m.add({ type: "email", email: "a@example.com" })).status).toBe(201);
    await t.close();
  });
});
