import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Device } from "../src/mfa/types";
import { buildTestApp, ENGINES, type TestApp } from "./helpers";
import { expectError, mfaClient } from "./mfa-helpers";
import { serveOverHttp } from "./security-helpers";
import { profileDocumentOf } from "../src/store/users";

/**
 * Races over real sockets: many requests in flight at once against one server, and the invariants
 * that must hold whatever order they land in.
 */
describe.each(ENGINES)("concurrency over HTTP on %s", (engine) => {
  let t: TestApp;
  let m: ReturnType<typeof mfaClient>;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;
  let token: string;
  beforeEach(async () => {
    t = await buildTestApp({ engine, env: { MFA_MAX_DEVICES: "10" } });
    m = mfaClient(t);
    http = await serveOverHttp(t.app);
    token = await t.tokenFor("ada");
  });
  afterEach(async () => {
    await http.close();
    await t.close();
  });

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${http.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const statuses = async (requests: Array<Promise<Response>>) =>
    Promise.all(requests.map(async (r) => {
      const res = await r;
      await res.arrayBuffer();
      return res.status;
    }));
  const rows = () => t.store.db.selectFrom("mfa_devices").selectAll().execute();
  const mfaOn = async () => (await t.store.db.selectFrom("users").select("mfa_enabled").executeTakeFirst())?.mfa_enabled === 1;

  /** One default when any device is active, none otherwise, and it is an active one; MFA on ⇒ an active device. */
  async function expectInvariants(options: { mfaWasOnWithDevice?: boolean } = {}) {
    const devices = await rows();
    const active = devices.filter((d) => d.status === "ACTIVE");
    const defaults = devices.filter((d) => d.is_default === 1);
    expect(defaults).toHaveLength(active.length > 0 ? 1 : 0);
    for (const d of defaults) expect(d.status).toBe("ACTIVE");
    if (options.mfaWasOnWithDevice && (await mfaOn())) expect(active.length).toBeGreaterThan(0);
  }

  it("lets exactly one of 50 PATCHes with the same If-Match win: one 200, 49 412, one new version", async () => {
    const first = await send("GET", "/api/profile");
    const etag = first.headers.get("ETag")!;
    const results = await statuses(
      Array.from({ length: 50 }, (_, i) => send("PATCH", "/api/profile", { givenName: `Racer ${i}` }, { "If-Match": etag })),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 412)).toHaveLength(49);
    const user = await t.store.db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(user.version).toBe(2);
    expect(profileDocumentOf(user).givenName).toMatch(/^Racer \d+$/);
    const audits = await t.store.db.selectFrom("audit_events").select("id").where("action", "=", "profile.updated").execute();
    expect(audits).toHaveLength(1);
  });

  it("activates five devices at once: all active, exactly one default", async () => {
    const pending = [];
    for (let i = 0; i < 5; i++) pending.push(await m.addEmail(`p${i}@example.com`));
    const results = await statuses(pending.map(({ device, code }) => send("POST", `/api/mfa/devices/${device.id}/activate`, { otp: code })));
    expect(results).toEqual([200, 200, 200, 200, 200]);
    expect((await rows()).every((d) => d.status === "ACTIVE")).toBe(true);
    await expectInvariants();
  });

  it("keeps one default under parallel set-default and removal of the default", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await m.activeEmail(`d${i}@example.com`)).id);
    const [first, ...others] = ids;
    const results = await statuses([
      send("DELETE", `/api/mfa/devices/${first}`),
      ...others.flatMap((id) => [send("POST", `/api/mfa/devices/${id}/default`, {}), send("POST", `/api/mfa/devices/${id}/default`, {})]),
      send("DELETE", `/api/mfa/devices/${others[0]}`),
    ]);
    // A set-default may lose to the removal of its own device (404); nothing else fails.
    expect(results.every((s) => [200, 204, 404].includes(s))).toBe(true);
    expect(await rows()).toHaveLength(2);
    await expectInvariants();
  });

  it("keeps one of the last two devices when both are removed at once with MFA on", async () => {
    const a = await m.activeEmail("a@example.com");
    const b = await m.activeEmail("b@example.com");
    expect((await m.enable()).status).toBe(200);
    const responses = await Promise.all([send("DELETE", `/api/mfa/devices/${a.id}`), send("DELETE", `/api/mfa/devices/${b.id}`)]);
    const codes = responses.map((r) => r.status).sort();
    expect(codes).toEqual([204, 409]);
    await expectError(responses.find((r) => r.status === 409)!, 409, "last_device");
    const left = await rows();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ status: "ACTIVE", is_default: 1 });
    expect(await mfaOn()).toBe(true);
  });

  /**
   * Replays the audit log (ids follow commit order: each change holds the user's lock until it
   * commits) and answers the removals that left MFA on with no active device.
   */
  async function removalsLeavingMfaOnWithoutDevice(activeAtStart: string[], mfaAtStart: boolean): Promise<string[]> {
    const events = await t.store.db.selectFrom("audit_events").select(["id", "action", "detail"]).orderBy("id").execute();
    const active = new Set(activeAtStart);
    let on = mfaAtStart;
    const bad: string[] = [];
    for (const e of events) {
      const detail = JSON.parse(e.detail) as { deviceId?: string };
      if (e.action === "mfa.enabled") on = true;
      if (e.action === "mfa.disabled") on = false;
      if (e.action === "mfa.device.activated" && detail.deviceId) active.add(detail.deviceId);
      if (e.action === "mfa.device.removed" && detail.deviceId && active.delete(detail.deviceId) && on && active.size === 0) {
        bad.push(`event ${e.id} removed ${detail.deviceId}`);
      }
    }
    return bad;
  }

  it("never lets a removal leave MFA on without an active device when enabling races removing both", async () => {
    for (let round = 0; round < 8; round++) {
      // Fresh send allowances each round: this test is about removals, not the hourly limit.
      await t.store.db.deleteFrom("rate_limits").execute();
      if (await mfaOn()) expect((await m.disable()).status).toBe(200);
      for (const d of await rows()) await m.remove(d.id);
      const a = await m.activeEmail(`a${round}@example.com`);
      const b = await m.activeEmail(`b${round}@example.com`);
      await t.store.db.deleteFrom("audit_events").execute();
      const results = await statuses([
        send("DELETE", `/api/mfa/devices/${a.id}`),
        send("POST", "/api/mfa/enable", {}),
        send("DELETE", `/api/mfa/devices/${b.id}`),
      ]);
      expect(results.every((s) => [200, 204, 409].includes(s))).toBe(true);
      expect({ round, bad: await removalsLeavingMfaOnWithoutDevice([a.id, b.id], false) }).toEqual({ round, bad: [] });
      await expectInvariants();
    }
  });

  it("never leaves MFA on without an active device when removals race activations and set-default", async () => {
    const a = await m.activeEmail("a@example.com");
    const b = await m.activeEmail("b@example.com");
    const { device: c, code } = await m.addEmail("c@example.com");
    expect((await m.enable()).status).toBe(200);
    const results = await statuses([
      send("DELETE", `/api/mfa/devices/${a.id}`),
      send("POST", `/api/mfa/devices/${b.id}/default`, {}),
      send("DELETE", `/api/mfa/devices/${b.id}`),
      send("POST", `/api/mfa/devices/${c.id}/activate`, { otp: code }),
      send("DELETE", `/api/mfa/devices/${c.id}`),
    ]);
    expect(results.every((s) => [200, 204, 404, 409].includes(s))).toBe(true);
    await expectInvariants({ mfaWasOnWithDevice: true });
    expect(await removalsLeavingMfaOnWithoutDevice([a.id, b.id], true)).toEqual([]);
    const state = (await (await send("GET", "/api/mfa")).json()) as { enabled: boolean; devices: Device[] };
    expect(state.enabled).toBe(true);
    expect(state.devices.filter((d) => d.status === "ACTIVE").length).toBeGreaterThan(0);
  });
});
