import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const now = () => Math.floor(Date.now() / 1000);

describe.each(ENGINES)("profile API on %s", (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ engine });
  });
  afterEach(() => t.close());

  async function load(token?: string) {
    const res = await t.call("GET", "/api/profile", { token });
    expect(res.status).toBe(200);
    return { etag: res.headers.get("ETag")!, body: (await res.json()) as Record<string, unknown> };
  }
  const patch = (body: unknown, etag: string | null, token?: string) =>
    t.call("PATCH", "/api/profile", { body, token, headers: etag ? { "If-Match": etag } : {} });
  const auditCount = async () =>
    Number((await t.store.db.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("creates the profile on first visit and answers it with an ETag", async () => {
    const { etag, body } = await load();
    expect(etag).toMatch(/^"[0-9a-f]{8}\.\d+"$/);
    expect(body).toEqual({
      username: "ada",
      givenName: null,
      familyName: null,
      email: null,
      phone: null,
      address: null,
      updatedAt: expect.any(String),
      pendingChanges: [],
    });
    const again = await load();
    expect(again.etag).toBe(etag);
    expect(await t.store.db.selectFrom("users").selectAll().execute()).toHaveLength(1);
  });

  it("saves name and address, answers the new profile and a new ETag, and writes an audit event", async () => {
    const { etag } = await load();
    const before = await auditCount();
    const res = await patch(
      {
        givenName: "  Ada ",
        familyName: "Lovelace",
        address: { streetAddress: "12 St James's Square", locality: "London", postalCode: "SW1Y 4JH", countryCode: "gb" },
      },
      etag,
    );
    expect(res.status).toBe(200);
    const newEtag = res.headers.get("ETag");
    expect(newEtag).not.toBe(etag);
    expect(await res.json()).toMatchObject({
      givenName: "Ada",
      familyName: "Lovelace",
      address: { streetAddress: "12 St James's Square", locality: "London", region: null, postalCode: "SW1Y 4JH", countryCode: "GB" },
    });
    const reread = await load();
    expect(reread.etag).toBe(newEtag);
    expect(reread.body.givenName).toBe("Ada");
    expect(await auditCount()).toBe(before + 1);
    const event = await t.store.db.selectFrom("audit_events").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(event.action).toBe("profile.updated");
    expect(JSON.parse(event.detail).fields).toEqual(
      expect.arrayContaining(["givenName", "familyName", "address.streetAddress", "address.countryCode"]),
    );
  });

  it("updates without the address when the patch carries none, and merges a partial address", async () => {
    let { etag } = await load();
    let res = await patch({ address: { locality: "Paris", countryCode: "FR" } }, etag);
    etag = res.headers.get("ETag")!;
    res = await patch({ givenName: "Marie" }, etag);
    expect(await res.json()).toMatchObject({ givenName: "Marie", address: { locality: "Paris", countryCode: "FR" } });
    etag = res.headers.get("ETag")!;
    res = await patch({ address: { postalCode: "75005" } }, etag);
    expect(await res.json()).toMatchObject({ address: { locality: "Paris", countryCode: "FR", postalCode: "75005" } });
    etag = res.headers.get("ETag")!;
    res = await patch({ address: null, familyName: "" }, etag);
    expect(await res.json()).toMatchObject({ address: null, familyName: null, givenName: "Marie" });
  });

  it("answers 428 without If-Match and 412 with a stale one, changing nothing", async () => {
    const { etag } = await load();
    const missing = await patch({ givenName: "A" }, null);
    expect(missing.status).toBe(428);
    expect(((await missing.json()) as ErrorBody).error.code).toBe("precondition_required");
    expect((await patch({ givenName: "B" }, etag)).status).toBe(200);
    const stale = await patch({ givenName: "C" }, etag);
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as ErrorBody).error.code).toBe("version_conflict");
    expect((await load()).body.givenName).toBe("B");
  });

  it("lets exactly one of several PATCHes with the same If-Match win", async () => {
    const { etag } = await load();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patch({ givenName: `Name ${i}` }, etag).then((r) => r.status)),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 412)).toHaveLength(7);
  });

  const invalid: Array<[string, unknown, string]> = [
    ["givenName", { givenName: 42 }, "givenName"],
    ["givenName", { givenName: "x".repeat(101) }, "givenName"],
    ["familyName", { familyName: "Love\nlace" }, "familyName"],
    ["email", { email: "not-an-email" }, "email"],
    ["phone", { phone: "0123 456" }, "phone"],
    ["phone", { phone: "+1234" }, "phone"],
    ["address.streetAddress", { address: { streetAddress: "y".repeat(201) } }, "address.streetAddress"],
    ["address.locality", { address: { locality: ["London"] } }, "address.locality"],
    ["address.region", { address: { region: "z".repeat(101) } }, "address.region"],
    ["address.postalCode", { address: { postalCode: "<script>" } }, "address.postalCode"],
    ["address.countryCode", { address: { countryCode: "XX" } }, "address.countryCode"],
    ["address", { address: "London" }, "address"],
  ];
  it.each(invalid)("answers 422 with a message for %s", async (_name, body, path) => {
    const { etag, body: before } = await load();
    const res = await patch(body, etag);
    expect(res.status).toBe(422);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe("validation_failed");
    expect(Object.keys(err.error.fields ?? {})).toEqual([path]);
    expect(err.error.fields?.[path]).toMatch(/\w/);
    expect((await load()).body).toEqual(before);
  });

  it("reports every bad field at once", async () => {
    const { etag } = await load();
    const res = await patch({ email: "nope", phone: "12", address: { countryCode: "ZZ" } }, etag);
    const err = (await res.json()) as ErrorBody;
    expect(Object.keys(err.error.fields ?? {}).sort()).toEqual(["address.countryCode", "email", "phone"]);
  });

  it("normalises a phone number typed with spaces and dashes to E.164: the code goes there, and that number applies", async () => {
    const { etag } = await load();
    const res = await patch({ phone: "+1 (415) 555-0123" }, etag);
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { phone: string | null; pendingChanges: Array<{ id: string; field: string; target: string }> };
    expect(saved.phone).toBeNull();
    expect(saved.pendingChanges).toEqual([{ id: expect.any(String), field: "phone", target: "+1•••••0123", expiresAt: expect.any(String) }]);
    const verified = await t.call("POST", `/api/profile/changes/${saved.pendingChanges[0]!.id}/verify`, {
      body: { otp: await t.outboxCode("+14155550123") },
    });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { phone: string }).phone).toBe("+14155550123");
  });

  it("rejects unknown and read-only fields with 400 and stores nothing", async () => {
    const { etag, body: before } = await load();
    for (const body of [
      { nickname: "x" },
      { username: "mallory" },
      { givenName: "A", mfaEnabled: true },
      { version: 99 },
      { id: "other" },
      { address: { city: "London" } },
      JSON.parse('{"__proto__": {"admin": true}, "givenName": "A"}'),
    ]) {
      const res = await patch(body, etag);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe("unknown_field");
    }
    expect((await load()).body).toEqual(before);
  });

  it("rejects bodies that are not a JSON object", async () => {
    const { etag } = await load();
    for (const [body, code] of [["[1,2]", "invalid_request"], ["null", "invalid_request"], ["{oops", "invalid_json"], ["", "invalid_json"]]) {
      const res = await patch(body, etag);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe(code);
    }
  });

  it("requires a recent sign-in to change email or phone, and accepts one", async () => {
    const oldSignIn = await t.tokenFor("ada", { auth_time: now() - 30 * 60 });
    const { etag } = await load(oldSignIn);
    for (const body of [{ email: "ada@example.com" }, { phone: "+442071234567" }]) {
      const res = await patch(body, etag, oldSignIn);
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe("reauthentication_required");
    }
    const noAuthTime = await t.tokenFor("ada", { auth_time: undefined });
    expect((await patch({ email: "ada@example.com" }, etag, noAuthTime)).status).toBe(403);
    expect((await load()).body.email).toBeNull();
    // Names are not protected: an old sign-in may change them.
    const nameChange = await patch({ givenName: "Ada" }, etag, oldSignIn);
    expect(nameChange.status).toBe(200);

    const fresh = await t.tokenFor("ada", { auth_time: now() - 60 });
    const res = await patch({ email: "ada@example.com", phone: "+442071234567" }, nameChange.headers.get("ETag"), fresh);
    expect(res.status).toBe(200);
    // Accepted, and waiting for the codes sent to the new addresses.
    expect(await res.json()).toMatchObject({
      email: null,
      phone: null,
      pendingChanges: [
        { field: "email", target: "a•••@example.com" },
        { field: "phone", target: "+44•••••4567" },
      ],
    });
    expect(await t.outboxCode("ada@example.com")).toMatch(/^\d{6}$/);
    expect(await t.outboxCode("+442071234567")).toMatch(/^\d{6}$/);
  });

  it("keeps each user's profile to themselves", async () => {
    const ada = await t.tokenFor("ada");
    const bob = await t.tokenFor("bob");
    const adaProfile = await load(ada);
    await patch({ givenName: "Ada" }, adaProfile.etag, ada);
    const bobProfile = await load(bob);
    expect(bobProfile.body).toMatchObject({ username: "bob", givenName: null });
    // Ada's ETag is no good for Bob's profile, even at the same version.
    expect((await patch({ givenName: "Mallory" }, adaProfile.etag, bob)).status).toBe(412);
    const res = await patch({ givenName: "Bob" }, bobProfile.etag, bob);
    expect(res.status).toBe(200);
    expect((await load(ada)).body.givenName).toBe("Ada");
    expect((await load(bob)).body.givenName).toBe("Bob");
  });

  it("answers an unchanged patch without a new version", async () => {
    const { etag } = await load();
    const first = await patch({ givenName: "Ada" }, etag);
    const second = await patch({ givenName: "Ada" }, first.headers.get("ETag"));
    expect(second.status).toBe(200);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
  });
});
