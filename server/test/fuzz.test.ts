import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeHashKey, generateOtp, hashOtp } from "../src/mfa/one-time-codes";
import { builtinProfile } from "../src/profile-schema/definition";
import { readPatch, validateDocument } from "../src/profile-schema/validate";
import { profileDocumentOf } from "../src/store/users";
import { isDisplaySafe } from "../../contract/text";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { mfaClient } from "./mfa-helpers";

/**
 * Property-based fuzzing of every write endpoint: generated bodies, headers, tokens and paths must
 * never cause a 5xx, every failure must come in the one error shape, and nothing the schema would
 * refuse may end up stored. FUZZ_RUNS sets the runs per endpoint (npm run soak raises it); FUZZ_SEED the
 * seed, fixed by default so that `npm test` gives the same inputs on every run ("random" draws a new one).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261202);
const MAX_DEVICES = 6;
const DEVICE_ACTIONS = ["mfa.device.added", "mfa.device.activated", "mfa.device.renamed", "mfa.device.removed", "mfa.device.default_set",
  "mfa.device.code_sent", "mfa.device.code_rejected", "mfa.device.discarded", "mfa.enabled", "mfa.disabled", "profile.updated", "user.created",
  "profile.change.opened", "profile.change.verified", "profile.change.code_rejected", "profile.change.code_sent", "profile.change.cancelled",
  "profile.change.discarded"];

// ——— generators ———

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "Ada", "  Lovelace ", "a\r\nb", "x\u0000y", "\u202Eevil", "Ph\u200bone", "Ada\u2028x", "\u200fRLM", "می\u200cخواهم", "<script>alert(1)</script>", "' or 1=1 --",
    "%00", "../../etc/passwd", "ada@example.com", "+14155550123", "+1 (415) 555-0123", "GB", "gb", "ZZ", "SW1A 1AA", "日本語",
    "😀".repeat(30), "a".repeat(101), "b".repeat(255), "__proto__", "constructor"),
  fc.string({ minLength: 90, maxLength: 300 }),
);
const anyValue = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean()) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "username", "id", "userId", "subject", "version", "mfaEnabled",
    "status", "isDefault", "type", "secret", "credentialId", "createdAt", "updatedAt", "toString", "hasOwnProperty"),
  fc.string({ maxLength: 12 }),
);
const address = fc.oneof(
  fc.record(
    { streetAddress: anyValue, locality: anyValue, region: anyValue, postalCode: anyValue, countryCode: anyValue },
    { requiredKeys: [] },
  ),
  fc.dictionary(hostileKey, anyValue, { maxKeys: 3 }),
  anyValue,
);
const profileBody = fc.oneof(
  fc.record({ givenName: anyValue, familyName: anyValue, email: anyValue, phone: anyValue, address }, { requiredKeys: [] }),
  fc.dictionary(hostileKey, anyValue, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const nickname = fc.oneof(fc.constantFrom("Work phone", " Key ", "YubiKey 5", "Ada's 📱"), anyValue);
const deviceBody = fc.oneof(
  fc.record({ type: fc.constantFrom("totp", "passkey"), nickname }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("email"), email: fc.oneof(fc.emailAddress(), anyValue), nickname }, { requiredKeys: ["type", "email"] }),
  fc.record({ type: fc.constant("sms"), phone: fc.oneof(fc.stringMatching(/^\+[1-9]\d{7,13}$/), anyValue), nickname }, { requiredKeys: ["type", "phone"] }),
  fc.record({ type: fc.oneof(fc.constantFrom("sms", "email", "totp", "passkey", "SMS", "fido2", ""), anyValue), phone: anyValue, email: anyValue, nickname: anyValue }, { requiredKeys: [] }),
  fc.dictionary(hostileKey, anyValue, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const activationBody = fc.oneof(
  fc.record({ otp: fc.oneof(fc.stringMatching(/^\d{6}$/), anyValue) }),
  fc.constant("from-outbox" as const),
  fc.record({ credential: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ id: anyValue, rawId: anyValue, type: fc.constantFrom("public-key", "x"), response: fc.jsonValue({ maxDepth: 2 }) })) }),
  fc.dictionary(hostileKey, anyValue, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const emptyishBody = fc.oneof(fc.constant({}), fc.constant(undefined), fc.dictionary(hostileKey, anyValue, { maxKeys: 2 }), fc.jsonValue({ maxDepth: 2 }));
const renameBody = fc.oneof(fc.record({ nickname }), fc.dictionary(hostileKey, anyValue, { maxKeys: 3 }), fc.jsonValue({ maxDepth: 2 }));

/** How the body goes on the wire: as JSON mostly, sometimes broken or as another type. */
const encoding = fc.oneof(
  { weight: 6, arbitrary: fc.constant("json" as const) },
  { weight: 1, arbitrary: fc.constantFrom("truncated" as const, "raw-text" as const, "empty" as const) },
);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 2, arbitrary: fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x", "application/json-patch+json", "application/merge-patch+json", "") },
  { weight: 1, arbitrary: printable },
);
const tokenChoice = fc.oneof(
  { weight: 6, arbitrary: fc.constant("ada" as const) },
  { weight: 1, arbitrary: fc.constantFrom("ada-old-sign-in" as const, "bob" as const, "none" as const, "junk" as const) },
);
const ifMatchChoice = fc.oneof(
  { weight: 5, arbitrary: fc.constant("current" as const) },
  { weight: 1, arbitrary: fc.constantFrom("*" as const, "stale" as const, "weak" as const, "absent" as const) },
  { weight: 1, arbitrary: printable },
);
const extraHeaders = fc.dictionary(
  fc.constantFrom("X-Forwarded-For", "X-Request-Id", "Origin", "Cookie", "X-HTTP-Method-Override", "Accept", "If-None-Match", "Idempotency-Key"),
  printable,
  { maxKeys: 3 },
);
const idChoice = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("own" as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bobs" as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.uuid().map((id) => ({ kind: "literal" as const, id })) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("..", "%2e%2e", "x%00", "%2F..%2Fprofile", "null", "undefined", "1 or 1=1"))
    .map((s) => ({ kind: "literal" as const, id: s.includes("%") ? s : encodeURIComponent(s) })) },
);

interface Attempt {
  method: string;
  path: string;
  body: unknown;
  encoding: "json" | "truncated" | "raw-text" | "empty";
  contentType: string;
  token: "ada" | "ada-old-sign-in" | "bob" | "none" | "junk";
  ifMatch?: string;
  headers: Record<string, string>;
  advanceMs: number;
}

describe.each(ENGINES)("fuzzing the write endpoints on %s", (engine) => {
  let t: TestApp;
  let clock = Date.now();
  const tokens: Record<string, string> = {};
  let staleEtag = "";
  let runs = 0;
  const seen = new Map<number, number>();

  beforeAll(async () => {
    t = await buildTestApp({ engine, now: () => new Date(clock), env: { MFA_MAX_DEVICES: String(MAX_DEVICES) } });
    const m = mfaClient(t);
    tokens.bob = await t.tokenFor("bob");
    await m.activeEmail("bob@example.com", tokens.bob);
    const first = await t.call("GET", "/api/profile");
    staleEtag = first.headers.get("ETag")!;
  });
  afterAll(() => t.close());

  const freshTokens = async () => {
    tokens.ada = await t.tokenFor("ada");
    tokens["ada-old-sign-in"] = await t.tokenFor("ada", { auth_time: Math.floor(Date.now() / 1000) - 30 * 60 });
  };
  const deviceIds = async (username: string) => {
    const user = await t.store.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
    if (!user) return [];
    return (await t.store.db.selectFrom("mfa_devices").select("id").where("user_id", "=", user.id).orderBy("id").execute()).map((r) => r.id);
  };
  /** Keeps Ada with a few devices of each kind, so device endpoints have something to act on. */
  const replenish = async () => {
    if ((await deviceIds("ada")).length >= 3) return;
    await t.store.db.deleteFrom("rate_limits").execute();
    const m = mfaClient(t);
    for (const body of [{ type: "email", email: `ada+${runs}@example.com` }, { type: "totp" }, { type: "passkey" }]) {
      const res = await m.add(body, tokens.ada);
      await res.arrayBuffer();
    }
  };
  const resolveId = async (choice: { kind: "own" | "bobs"; n: number } | { kind: "literal"; id: string }, of = deviceIds) => {
    if (choice.kind === "literal") return choice.id;
    const ids = await of(choice.kind === "own" ? "ada" : "bob");
    return ids.length ? ids[choice.n % ids.length]! : "00000000-0000-4000-8000-000000000000";
  };
  const changeIds = async (username: string) => {
    const user = await t.store.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
    if (!user) return [];
    return (await t.store.db.selectFrom("profile_changes").select("id").where("user_id", "=", user.id).orderBy("id").execute()).map((r) => r.id);
  };
  const outboxCode = async (deviceId: string) => {
    const device = await t.store.db.selectFrom("mfa_devices").select("target").where("id", "=", deviceId).executeTakeFirst();
    if (!device?.target) return "000000";
    return t.outboxCode(device.target).catch(() => "000000");
  };
  /**
   * Keeps a pending email change (a phone one now and then) open for Ada and for Bob, for the change endpoints. Stored
   * as a PATCH stores one, code hash and all: the fuzz clock runs hours ahead of the tokens' auth_time, so a PATCH of
   * email or phone (protected) is refused here.
   */
  const changeCodes = new Map<string, string>();
  const openChanges = async () => {
    for (const username of ["ada", "bob"]) {
      const user = await t.store.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow();
      // One that can no longer take a code (expired, locked) is replaced, as a new PATCH would.
      await t.store.db
        .deleteFrom("profile_changes")
        .where("user_id", "=", user.id)
        .where((eb) => eb.or([eb("expires_at", "<=", new Date(clock).toISOString()), eb("attempts", ">=", 5)]))
        .execute();
      if ((await changeIds(username)).length > 0) continue;
      const id = randomUUID();
      const code = generateOtp();
      const phone = runs % 3 === 0;
      await t.store.db
        .insertInto("profile_changes")
        .values({
          id,
          user_id: user.id,
          field: phone ? "phone" : "email",
          kind: phone ? "phone" : "email",
          value: phone ? `+1415555${String(runs % 10_000).padStart(4, "0")}` : `${username}+${runs}@example.com`,
          code_hash: hashOtp(codeHashKey(Buffer.from(t.config.secretsKey!, "base64")), id, code),
          expires_at: new Date(clock + 10 * 60_000).toISOString(),
          attempts: 0,
          consumed: 0,
          sent_at: new Date(clock).toISOString(),
          created_at: new Date(clock).toISOString(),
        })
        .execute();
      changeCodes.set(id, code);
    }
  };

  async function send(a: Attempt): Promise<Response> {
    clock += a.advanceMs;
    const headers: Record<string, string> = { ...a.headers };
    if (a.token === "junk") headers.Authorization = "Bearer eyJhbGciOiJub25lIn0.e30.";
    else if (a.token !== "none") headers.Authorization = `Bearer ${tokens[a.token]}`;
    if (a.contentType) headers["Content-Type"] = a.contentType;
    if (a.ifMatch !== undefined) headers["If-Match"] = a.ifMatch;
    let body: string | undefined;
    if (a.body !== undefined || a.encoding !== "json") {
      const json = JSON.stringify(a.body ?? null);
      body = a.encoding === "json" ? json
        : a.encoding === "truncated" ? json.slice(0, Math.max(0, json.length - 1))
        : a.encoding === "raw-text" ? `not json ${json}`
        : "";
    }
    return t.app.request(a.path, { method: a.method, headers, body });
  }

  /** The response contract: never 5xx, the error shape on every failure, JSON on every success with a body. */
  async function expectWellFormed(res: Response, a: Attempt) {
    runs++;
    seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
    const context = `${a.method} ${a.path} → ${res.status}`;
    expect(res.status, context).toBeLessThan(500);
    if (res.status === 204 || a.method === "HEAD") return;
    expect(res.headers.get("Content-Type"), context).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status < 400) return;
    expect(Object.keys(body), context).toEqual(["error"]);
    const error = body.error as Record<string, unknown>;
    expect(error.code, context).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(typeof error.message === "string" && error.message.length > 5, context).toBe(true);
    for (const key of Object.keys(error)) expect(["code", "message", "fields", "details", "attemptsRemaining"], context).toContain(key);
    if (error.fields !== undefined) {
      for (const value of Object.values(error.fields as Record<string, unknown>)) expect(typeof value, context).toBe("string");
    }
  }

  const common = { encoding, contentType, token: tokenChoice, headers: extraHeaders, advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 * 3600_000 })) };

  async function fuzz<T extends object>(arb: fc.Arbitrary<T>, toAttempt: (input: T) => Promise<Attempt>) {
    await fc.assert(
      fc.asyncProperty(arb, async (input) => {
        await freshTokens();
        await replenish();
        await openChanges();
        const attempt = await toAttempt(input);
        await expectWellFormed(await send(attempt), attempt);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }

  it("PATCH /api/profile", async () => {
    await fuzz(fc.record({ ...common, body: profileBody, ifMatch: ifMatchChoice }), async (i) => {
      const current = (await t.call("GET", "/api/profile", { token: tokens.ada })).headers.get("ETag")!;
      const ifMatch = i.ifMatch === "current" ? current : i.ifMatch === "stale" ? staleEtag : i.ifMatch === "weak" ? `W/${current}`
        : i.ifMatch === "absent" ? undefined : i.ifMatch;
      return { ...i, method: "PATCH", path: "/api/profile", ifMatch };
    });
  });

  it.each(["enable", "disable"])("POST /api/mfa/%s", async (action) => {
    await fuzz(fc.record({ ...common, body: emptyishBody }), async (i) => ({ ...i, method: "POST", path: `/api/mfa/${action}` }));
  });

  it("POST /api/mfa/devices", async () => {
    await fuzz(fc.record({ ...common, body: deviceBody }), async (i) => {
      // Make room now and then, so adds get past the device limit.
      if ((await deviceIds("ada")).length >= MAX_DEVICES) {
        const [first] = await deviceIds("ada");
        await t.call("DELETE", `/api/mfa/devices/${first}`, { token: tokens.ada });
        await t.call("POST", "/api/mfa/disable", { token: tokens.ada, body: {} });
        await t.call("DELETE", `/api/mfa/devices/${first}`, { token: tokens.ada });
      }
      return { ...i, method: "POST", path: "/api/mfa/devices" };
    });
  });

  it("POST /api/mfa/devices/:id/activate", async () => {
    await fuzz(fc.record({ ...common, body: activationBody, id: idChoice }), async (i) => {
      const id = await resolveId(i.id);
      const body = i.body === "from-outbox" ? { otp: await outboxCode(id) } : i.body;
      return { ...i, body, method: "POST", path: `/api/mfa/devices/${id}/activate` };
    });
  });

  it.each(["resend", "default"])("POST /api/mfa/devices/:id/%s", async (action) => {
    await fuzz(fc.record({ ...common, body: emptyishBody, id: idChoice }), async (i) => ({
      ...i,
      method: "POST",
      path: `/api/mfa/devices/${await resolveId(i.id)}/${action}`,
    }));
  });

  it("PATCH /api/mfa/devices/:id", async () => {
    await fuzz(fc.record({ ...common, body: renameBody, id: idChoice }), async (i) => ({
      ...i,
      method: "PATCH",
      path: `/api/mfa/devices/${await resolveId(i.id)}`,
    }));
  });

  it("DELETE /api/mfa/devices/:id", async () => {
    await fuzz(fc.record({ ...common, body: fc.constant(undefined), id: idChoice }), async (i) => ({
      ...i,
      method: "DELETE",
      path: `/api/mfa/devices/${await resolveId(i.id)}`,
    }));
  });

  it("POST /api/profile/changes/:id/verify", async () => {
    // The right code more often than for devices, so that some changes do apply.
    const body = fc.oneof({ weight: 2, arbitrary: fc.constant("from-outbox" as const) }, { weight: 3, arbitrary: activationBody });
    await fuzz(fc.record({ ...common, body, id: idChoice }), async (i) => {
      const id = await resolveId(i.id, changeIds);
      const body = i.body === "from-outbox" ? { otp: changeCodes.get(id) ?? "000000" } : i.body;
      return { ...i, body, method: "POST", path: `/api/profile/changes/${id}/verify` };
    });
  });

  it("POST /api/profile/changes/:id/resend", async () => {
    await fuzz(fc.record({ ...common, body: emptyishBody, id: idChoice }), async (i) => ({
      ...i,
      method: "POST",
      path: `/api/profile/changes/${await resolveId(i.id, changeIds)}/resend`,
    }));
  });

  it("DELETE /api/profile/changes/:id", async () => {
    await fuzz(fc.record({ ...common, body: fc.constant(undefined), id: idChoice }), async (i) => ({
      ...i,
      method: "DELETE",
      path: `/api/profile/changes/${await resolveId(i.id, changeIds)}`,
    }));
  });

  it("any method on any path under /api", async () => {
    const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    const segment = fc.oneof(fc.constantFrom("api", "profile", "mfa", "devices", "enable", "activate", "default", "..", "%2e", "%00", ""),
      fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.uuid());
    await fuzz(fc.record({ ...common, body: fc.oneof(profileBody, fc.constant(undefined)), method, segments: fc.array(segment, { maxLength: 5 }) }), async (i) => ({
      ...i,
      // A HEAD or GET request can't carry a body.
      body: i.method === "GET" || i.method === "HEAD" ? undefined : i.body,
      encoding: i.method === "GET" || i.method === "HEAD" ? "json" : i.encoding,
      path: `/api/${i.segments.join("/")}`,
    }));
  });

  it("leaves only values the schema accepts in the database, and the device invariants intact", async () => {
    expect(runs).toBeGreaterThanOrEqual(RUNS * 13);
    // Successes and failures both happened: the fuzz reached past validation (about 6 % of the attempts succeed).
    expect([...seen.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect((seen.get(200) ?? 0) + (seen.get(201) ?? 0) + (seen.get(204) ?? 0), `successes with FUZZ_SEED=${SEED}`).toBeGreaterThan(RUNS / 4);

    for (const u of await t.store.db.selectFrom("users").selectAll().execute()) {
      const doc = profileDocumentOf(u);
      expect(validateDocument(builtinProfile(), doc), `user ${u.username}`).toEqual({});
      // Stored values are what the schema makes of them: reading them again as a patch changes nothing.
      const parsed = readPatch(builtinProfile(), doc);
      expect(parsed, `user ${u.username}`).toMatchObject({ ok: true, problems: {} });
      if (parsed.ok) expect(parsed.patch).toEqual(doc);
      expect(Number.isInteger(u.version) && u.version >= 1).toBe(true);
      expect([0, 1]).toContain(u.mfa_enabled);

      const devices = await t.store.db.selectFrom("mfa_devices").selectAll().where("user_id", "=", u.id).execute();
      expect(devices.length).toBeLessThanOrEqual(MAX_DEVICES);
      const active = devices.filter((d) => d.status === "ACTIVE");
      expect(devices.filter((d) => d.is_default === 1)).toHaveLength(active.length > 0 ? 1 : 0);
      for (const d of devices) {
        const where = `device ${d.id} (${d.type})`;
        expect(["sms", "email", "totp", "passkey"], where).toContain(d.type);
        expect(["ACTIVATION_REQUIRED", "ACTIVE"], where).toContain(d.status);
        expect(d.nickname, where).toBe(d.nickname.trim());
        expect(d.nickname.length, where).toBeGreaterThanOrEqual(1);
        expect(d.nickname.length, where).toBeLessThanOrEqual(40);
        expect(isDisplaySafe(d.nickname), where).toBe(true);
        if (d.is_default === 1) expect(d.status, where).toBe("ACTIVE");
        if (d.type === "sms") expect(d.target, where).toMatch(/^\+[1-9]\d{6,14}$/);
        else if (d.type === "email") {
          expect(d.target, where).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
          expect(d.target!.length, where).toBeLessThanOrEqual(254);
        } else expect(d.target, where).toBeNull();
        if (d.type === "totp") expect(d.totp_secret, where).toMatch(/^v1\./);
        if (d.status === "ACTIVE") expect(d.activated_at, where).not.toBeNull();
        if (d.status === "ACTIVE" && d.type === "passkey") expect(d.credential_id, where).not.toBeNull();
        expect(d.failed_attempts, where).toBeLessThanOrEqual(5);
      }
    }
    for (const c of await t.store.db.selectFrom("otp_challenges").selectAll().execute()) {
      expect(c.attempts).toBeGreaterThanOrEqual(0);
      expect(c.attempts).toBeLessThanOrEqual(5);
      expect([0, 1]).toContain(c.consumed);
    }
    const changes = await t.store.db.selectFrom("profile_changes").selectAll().execute();
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      const where = `change ${c.id} (${c.field})`;
      expect(c.attempts, where).toBeGreaterThanOrEqual(0);
      expect(c.attempts, where).toBeLessThanOrEqual(5);
      expect(c.consumed, where).toBe(0);
      expect({ field: c.field, kind: c.kind }, where).toEqual(c.field === "email" ? { field: "email", kind: "email" } : { field: "phone", kind: "phone" });
      // Only a value the schema accepts waits for a code.
      expect(validateDocument(builtinProfile(), { [c.field]: c.value }), where).toEqual({});
    }
    const verified = await t.store.db.selectFrom("audit_events").select("action").where("action", "=", "profile.change.verified").execute();
    expect(verified.length, `changes verified with their codes, FUZZ_SEED=${SEED}`).toBeGreaterThan(0);
    for (const e of await t.store.db.selectFrom("audit_events").select("action").execute()) expect(DEVICE_ACTIONS).toContain(e.action);
  });
});
