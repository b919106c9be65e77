import { describe, expect, it } from "vitest";
import { cacheVerifiedSessions } from "./session-cache";
import { ApiError } from "../errors";
import type { Session } from "../services/session";

const T0 = 1_800_000_000_000;

function setup(overrides: Partial<Session> = {}, maxEntries = 3) {
  let clock = T0;
  let calls = 0;
  const verify = async (token: string): Promise<Session> => {
    calls++;
    if (token.startsWith("bad")) throw new ApiError(401, "session_invalid", "bad");
    return { subject: token, username: token, issuedAt: T0 / 1000, expiresAt: T0 / 1000 + 600, authTime: T0 / 1000, ...overrides };
  };
  const cached = cacheVerifiedSessions(verify, {
    maxEntries,
    maxAgeMs: 30_000,
    sessionMaxAgeSeconds: 3600,
    clockToleranceSeconds: 30,
    now: () => clock,
  });
  return { cached, calls: () => calls, advance: (ms: number) => (clock += ms) };
}

describe("verified-session cache", () => {
  it("verifies a token once and answers repeats from memory", async () => {
    const s = setup();
    expect((await s.cached("a")).subject).toBe("a");
    await s.cached("a");
    await s.cached("a");
    expect(s.calls()).toBe(1);
  });

  it("verifies again after its short maximum, and never past the token's exp", async () => {
    const s = setup();
    await s.cached("a");
    s.advance(31_000);
    await s.cached("a");
    expect(s.calls()).toBe(2);

    const short = setup({ expiresAt: T0 / 1000 + 5 });
    await short.cached("b");
    short.advance(6_000);
    await short.cached("b");
    expect(short.calls()).toBe(2);
  });

  it("never caches a failure", async () => {
    const s = setup();
    await expect(s.cached("bad")).rejects.toMatchObject({ code: "session_invalid" });
    await expect(s.cached("bad")).rejects.toMatchObject({ code: "session_invalid" });
    expect(s.calls()).toBe(2);
  });

  it("expires a cached session once the sign-in is older than the session maximum", async () => {
    const t = setup({ authTime: T0 / 1000 - 3600 - 20, expiresAt: T0 / 1000 + 3600 });
    await t.cached("a");
    t.advance(5_000);
    await expect(t.cached("a")).resolves.toMatchObject({ subject: "a" });
    t.advance(10_000);
    await expect(t.cached("a")).rejects.toMatchObject({ code: "session_expired" });
  });

  it("stays bounded, dropping the least recently used token", async () => {
    const s = setup({}, 2);
    await s.cached("a");
    await s.cached("b");
    await s.cached("a");
    await s.cached("c");
    expect(s.calls()).toBe(3);
    await s.cached("a");
    expect(s.calls()).toBe(3);
    await s.cached("b");
    expect(s.calls()).toBe(4);
  });
});
