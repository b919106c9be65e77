import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { createSessionVerifier } from "../src/auth/verify-session";
import { createLogger } from "../src/log";
import { outboxNotifier } from "../src/notify/outbox";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";
import { expectNoChange } from "./security-helpers";

const HOST = "https://host.example.test";

describe.each(ENGINES)("hostile requests on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let etag: string;
  let active: Device;
  let pending: Device;
  beforeAll(async () => {
    t = await buildTestApp({ engine });
    m = mfaClient(t);
    const first = await t.call("GET", "/api/profile");
    const saved = await t.call("PATCH", "/api/profile", {
      body: { givenName: "Ada", familyName: "Lovelace", address: { locality: "London", countryCode: "GB" } },
      headers: { "If-Match": first.headers.get("ETag")! },
    });
    etag = saved.headers.get("ETag")!;
    active = await m.activeEmail("ada@example.com");
    pending = (await m.addEmail("pending@example.com")).device;
  });
  afterAll(() => t.close());

  describe("CORS", () => {
    const foreign = [
      "https://evil.example",
      "null",
      `${HOST}.evil.example`,
      "https://evil.host.example.test",
      `${HOST}:8443`,
      HOST.replace("https:", "http:"),
    ];
    it.each(foreign)("never echoes the foreign Origin %s, in a preflight or an answer", async (origin) => {
      await expectNoChange(t.store, async () => {
        const preflight = await t.app.request("/api/profile", {
          method: "OPTIONS",
          headers: { Origin: origin, "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization,content-type,if-match" },
        });
        expect(preflight.status).toBeLessThan(300);
        expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
        expect(preflight.headers.get("Access-Control-Allow-Credentials")).toBeNull();
        const answer = await t.call("PATCH", "/api/profile", { body: { givenName: "X" }, headers: { Origin: origin } });
        await expectError(answer, 428, "precondition_required");
        expect(answer.headers.get("Access-Control-Allow-Origin")).toBeNull();
      });
    });

    // What a cross-site page can send without a preflight: GET/POST with these types and no Authorization.
    const simpleTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", ""];
    const stateChanges = [
      ["/api/mfa/enable", "{}"],
      ["/api/mfa/disable", "{}"],
      ["/api/mfa/devices", '{"type":"email","email":"evil@example.com"}'],
      ["/api/mfa/devices/:active/default", "{}"],
      ["/api/mfa/devices/:pending/activate", '{"otp":"123456"}'],
      ["/api/mfa/devices/:pending/resend", "{}"],
    ] as const;
    it.each(stateChanges)("refuses a preflight-free POST %s (form, text/plain, no type), with or without a token", async (path, body) => {
      const url = path.replace(":active", active.id).replace(":pending", pending.id);
      await expectNoChange(t.store, async () => {
        for (const type of simpleTypes) {
          for (const token of [null, await t.tokenFor("ada")]) {
            const res = await t.app.request(url, {
              method: "POST",
              headers: { ...(type ? { "Content-Type": type } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
              body: type.startsWith("multipart") ? `------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${body}\r\n------x--` : body,
            });
            await expectError(res, 415, "unsupported_media_type");
          }
        }
      });
    });

    it("refuses a form-encoded profile change even with If-Match and a token", async () => {
      await expectNoChange(t.store, async () => {
        const res = await t.call("PATCH", "/api/profile", {
          body: "givenName=Mallory",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "If-Match": etag },
        });
        await expectError(res, 415, "unsupported_media_type");
      });
    });
  });

  describe("mass assignment and pollution", () => {
    const profileBodies: Array<[string, string, string]> = [
      ["username", '{"username":"root"}', "username"],
      ["id", '{"id":"00000000-0000-0000-0000-000000000000"}', "id"],
      ["subject", '{"subject":"sub-bob","givenName":"Bob"}', "subject"],
      ["mfaEnabled", '{"mfaEnabled":true}', "mfaEnabled"],
      ["version", '{"version":1}', "version"],
      ["updatedAt", '{"updatedAt":"2000-01-01T00:00:00.000Z"}', "updatedAt"],
      ["__proto__", '{"__proto__":{"isAdmin":true},"givenName":"Eve"}', "__proto__"],
      ["constructor", '{"constructor":{"prototype":{"isAdmin":true}}}', "constructor"],
      ["prototype", '{"prototype":{"isAdmin":true}}', "prototype"],
      ["address.__proto__", '{"address":{"__proto__":{"countryCode":"XX"},"locality":"Paris"}}', "address.__proto__"],
      ["address.constructor", '{"address":{"constructor":{"name":"x"}}}', "address.constructor"],
      ["a 10,000-character key", `{"${"k".repeat(10_000)}":1}`, "k".repeat(10_000)],
    ];
    it.each(profileBodies)("refuses %s in a profile patch with 400 unknown_field, storing nothing", async (_name, body, field) => {
      await expectNoChange(t.store, async () => {
        const res = await t.call("PATCH", "/api/profile", { body, headers: { "If-Match": etag } });
        const err = await expectError(res, 400, "unknown_field");
        expect(Object.keys(err.error.fields ?? {})).toContain(field);
      });
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("isAdmin");
    });

    const deviceBodies: Array<[string, () => [string, string, unknown]]> = [
      ["an id when adding", () => ["POST", "/api/mfa/devices", { type: "email", email: "x@example.com", id: active.id }]],
      ["a userId when adding", () => ["POST", "/api/mfa/devices", { type: "email", email: "x@example.com", userId: "someone" }]],
      ["status ACTIVE when adding", () => ["POST", "/api/mfa/devices", { type: "sms", phone: "+14155550123", status: "ACTIVE" }]],
      ["isDefault when adding", () => ["POST", "/api/mfa/devices", { type: "totp", isDefault: true }]],
      ["a chosen TOTP secret", () => ["POST", "/api/mfa/devices", { type: "totp", secret: "JBSWY3DPEHPK3PXP" }]],
      ["a chosen passkey credential id", () => ["POST", "/api/mfa/devices", { type: "passkey", credentialId: "AAAA" }]],
      ["a status next to the code", () => ["POST", `/api/mfa/devices/${pending.id}/activate`, { otp: "123456", status: "ACTIVE" }]],
      ["isDefault next to a nickname", () => ["PATCH", `/api/mfa/devices/${pending.id}`, { nickname: "x", isDefault: true }]],
      ["a type change next to a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "x", type: "passkey" }]],
      ["a userId in enable", () => ["POST", "/api/mfa/enable", { userId: "someone" }]],
      ["__proto__ in a device body", () => ["POST", "/api/mfa/devices", JSON.parse('{"type":"totp","__proto__":{"status":"ACTIVE"}}')]],
    ];
    it.each(deviceBodies)("refuses %s with 400 unknown_field, storing nothing", async (_name, make) => {
      const [method, path, body] = make();
      await expectNoChange(t.store, async () => {
        await expectError(await t.call(method, path, { body }), 400, "unknown_field");
      });
    });

    const invalid: Array<[string, () => [string, string, unknown, Record<string, string>?]]> = [
      ["a 10,000-character given name", () => ["PATCH", "/api/profile", { givenName: "a".repeat(10_000) }, { "If-Match": etag }]],
      ["a 50,000-character street", () => ["PATCH", "/api/profile", { address: { streetAddress: "s".repeat(50_000) } }, { "If-Match": etag }]],
      ["a 1,000-digit phone", () => ["PATCH", "/api/profile", { phone: `+1${"5".repeat(1000)}` }, { "If-Match": etag }]],
      ["CR/LF in a name (header or log injection)", () => ["PATCH", "/api/profile", { givenName: "Ada\r\nSet-Cookie: admin=1" }, { "If-Match": etag }]],
      ["a NUL in a name", () => ["PATCH", "/api/profile", { familyName: "Love\u0000lace" }, { "If-Match": etag }]],
      ["a right-to-left override in a city", () => ["PATCH", "/api/profile", { address: { locality: "Lon\u202Enod" } }, { "If-Match": etag }]],
      ["CR/LF in a profile email", () => ["PATCH", "/api/profile", { email: "ada@example.com\r\nBcc: eve@example.com" }, { "If-Match": etag }]],
      ["CR/LF in a device email (SMTP header injection)", () => ["POST", "/api/mfa/devices", { type: "email", email: "ada@example.com\r\nBcc: eve@example.com" }]],
      ["a 300-character device email", () => ["POST", "/api/mfa/devices", { type: "email", email: `${"a".repeat(290)}@example.com` }]],
      ["CR/LF in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Phone\r\nadmin" }]],
      ["a 10,000-character nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "n".repeat(10_000) }]],
      ["a nickname that is an object", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: { toString: "x" } }]],
      // Characters that break lines, hide text or disguise it: a device named to look like another.
      ["a line separator (U+2028) in a name", () => ["PATCH", "/api/profile", { givenName: "Ada\u2028Admin" }, { "If-Match": etag }]],
      ["a paragraph separator (U+2029) in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Phone\u2029x" }]],
      ["a zero-width space in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Ph\u200bone" }]],
      ["a word joiner in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Ph\u2060one" }]],
      ["a byte order mark inside a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Ph\ufeffone" }]],
      ["a left-to-right mark in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Phone\u200e 2" }]],
      ["a right-to-left mark in a name", () => ["PATCH", "/api/profile", { familyName: "Love\u200flace" }, { "If-Match": etag }]],
      ["an Arabic letter mark in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "هاتف\u061c 2" }]],
      ["a soft hyphen in a name", () => ["PATCH", "/api/profile", { familyName: "Love\u00adlace" }, { "If-Match": etag }]],
      ["a zero-width joiner outside a word in a nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Phone \u200d" }]],
      ["a Hangul filler as a whole nickname", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "\u3164" }]],
      ["a nickname hidden in tag characters", () => ["PATCH", `/api/mfa/devices/${active.id}`, { nickname: "Phone\u{e0041}\u{e0042}" }]],
      ["a zero-width space in a new device's nickname", () => ["POST", "/api/mfa/devices", { type: "totp", nickname: "Auth\u200bapp" }]],
    ];
    it.each(invalid)("refuses %s with 422 validation_failed, storing nothing", async (_name, make) => {
      const [method, path, body, headers] = make();
      await expectNoChange(t.store, async () => {
        await expectError(await t.call(method, path, { body, headers }), 422, "validation_failed");
      });
    });

    it("keeps the joiners real names need: ZWNJ and ZWJ inside words, ZWJ inside an emoji", async () => {
      const persian = "می\u200cخواهم";
      const malayalam = "ന\u200dന";
      const res = await t.call("PATCH", "/api/profile", { body: { givenName: persian, familyName: malayalam }, headers: { "If-Match": "*" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ givenName: persian, familyName: malayalam });
      const renamed = await m.rename(active.id, "👩\u200d💻 Work");
      expect(renamed.status).toBe(200);
      expect(((await renamed.json()) as { device: Device }).device.nickname).toBe("👩\u200d💻 Work");
      etag = (await t.call("GET", "/api/profile")).headers.get("ETag")!;
    });

    it("uses the strong comparison for If-Match: a weak tag of the current version answers 412", async () => {
      await expectNoChange(t.store, async () => {
        const weak = await t.call("PATCH", "/api/profile", { body: { givenName: "Mallory" }, headers: { "If-Match": `W/${etag}` } });
        await expectError(weak, 412, "version_conflict");
        const weakInList = await t.call("PATCH", "/api/profile", { body: { givenName: "Mallory" }, headers: { "If-Match": `"stale", W/${etag}` } });
        await expectError(weakInList, 412, "version_conflict");
      });
      const strong = await t.call("PATCH", "/api/profile", { body: { givenName: "Ada" }, headers: { "If-Match": etag } });
      expect(strong.status).toBe(200);
      etag = strong.headers.get("ETag")!;
    });

    it("refuses a body nested 20,000 levels deep without failing", async () => {
      const deep = `{"address":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
      await expectNoChange(t.store, async () => {
        const res = await t.call("PATCH", "/api/profile", { body: deep, headers: { "If-Match": etag } });
        expect(res.status).toBe(422);
        await expectError(res, 422, "validation_failed");
      });
    });

    it("strips CR/LF typed into a phone number rather than storing it", async () => {
      const res = await m.add({ type: "sms", phone: "+1 415\r\n555 0123" });
      expect(res.status).toBe(201);
      const { device } = (await res.json()) as { device: Device };
      const row = await t.store.db.selectFrom("mfa_devices").select("target").where("id", "=", device.id).executeTakeFirstOrThrow();
      expect(row.target).toBe("+14155550123");
      expect((await m.remove(device.id)).status).toBe(204);
    });
  });
});

describe("log lines can't be forged", () => {
  it("writes one JSON line per entry whatever a request's path, headers or claims contain", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    const { log } = createLogger({ destination: sink });
    const base = await buildTestApp();
    const app = createApp({
      config: base.config,
      store: base.store,
      verifySession: await createSessionVerifier(base.config.auth),
      notifiers: { email: outboxNotifier(base.store.db, "email") },
      log,
    });
    const forged = '{"level":"error","msg":"forged","requestId":"x"}';
    const token = await base.tokenFor("ada\r\n" + forged);
    const paths = [
      `/api/profile%0d%0a${encodeURIComponent(forged)}`,
      `/api/mfa/devices/x%0Aforged/activate`,
      `/nowhere%0d%0a%7B%22msg%22%3A%22forged%22%7D`,
    ];
    for (const path of paths) {
      await app.request(path, { headers: { Authorization: `Bearer ${token}`, "X-Request-Id": "forged-id", "User-Agent": forged } });
    }
    await app.request("/api/profile", { headers: { Authorization: `Bearer ${token}`, "X-Request-Id": "forged-id" } });
    expect(lines.length).toBeGreaterThanOrEqual(paths.length + 1);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry.msg).not.toBe("forged");
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry.level).toMatch(/^(info|warn|error)$/);
    }
    expect(lines.join("\n")).not.toContain("forged-id");
    await base.close();
  });
});
