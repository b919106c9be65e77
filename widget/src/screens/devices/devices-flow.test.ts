import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.js";
import en from "../../i18n/en.js";
import { PendingChange } from "../shared.js";
import { DevicesFlow, type DevicesContext } from "./devices-flow.js";

const flow = () =>
  new DevicesFlow({
    host: { addController() {}, requestUpdate() {}, renderRoot: {} },
    api: () => Promise.reject(new Error("no network in this test")),
    t: () => en,
    locale: () => "en",
    pending: new PendingChange(),
  } as unknown as DevicesContext);

describe("DevicesFlow.message", () => {
  it("says how many wrong codes are left, in the widget's words", () => {
    const error = new ApiError(400, "otp_invalid", "server words", undefined, { attemptsRemaining: 1 });
    expect(flow().message(error)).toEqual({ code: "otp_invalid", message: "That code isn't right. 1 attempt left." });
  });

  it("says when another code can be sent, from Retry-After", () => {
    const soon = new ApiError(429, "rate_limited", "", undefined, { retryAfterSeconds: 27 });
    expect(flow().message(soon).message).toMatch(/in 27 seconds/);
    const later = new ApiError(429, "rate_limited", "", undefined, { retryAfterSeconds: 600 });
    expect(flow().message(later).message).toMatch(/in 10 minutes/);
  });

  it("uses the flow's own message first, then the widget's shared one, then the generic one", () => {
    expect(flow().message(new ApiError(409, "last_device", "")).message).toMatch(/at least one device/);
    expect(flow().message(new ApiError(0, "network_error", "")).message).toBe(en.errors.network_error);
    expect(flow().message(new ApiError(500, "brand_new_code", "")).message).toBe(en.errors.unknown);
    expect(flow().message(new TypeError("boom"))).toEqual({ code: "unknown", message: en.errors.unknown });
  });
});

describe("DevicesFlow.fail", () => {
  const device = { id: "d1", type: "totp", nickname: "Authenticator app", status: "ACTIVE", isDefault: true, target: null, createdAt: "", lastUsedAt: null };
  const withEvents = () => {
    const events: { type: string; detail: unknown }[] = [];
    const signedOut: { code: string; kept?: boolean }[] = [];
    const f = new DevicesFlow({
      host: {
        addController() {},
        requestUpdate() {},
        renderRoot: {},
        dispatchEvent: (e: CustomEvent) => events.push({ type: e.type, detail: e.detail }),
      },
      api: () => Promise.reject(new Error("no network in this test")),
      t: () => en,
      locale: () => "en",
      pending: new PendingChange(),
      confirm() {},
      signedOut: (error: ApiError, kept?: boolean) => signedOut.push({ code: error.code, kept }),
    } as unknown as DevicesContext);
    return { f, events, signedOut };
  };
  const retry = () => Promise.resolve();

  it("offers Confirm it's you, in words that match, when an active device can confirm; Sign in again otherwise", () => {
    const { f } = withEvents();
    f.mfa = { ...f.mfa, enabled: true, devices: [device as never] };
    f.fail(new ApiError(403, "reauthentication_required", ""), { retry, at: "footer" });
    expect(f.notice).toMatchObject({ text: f.t.confirmToContinue, at: "footer", blocking: true, action: { label: en.confirmIdentity } });
    expect(f.notice!.text).not.toMatch(/sign in again/i);
    expect(f.blocked).toBe(true);

    const other = withEvents().f;
    other.fail(new ApiError(403, "reauthentication_required", ""), { retry });
    expect(other.notice).toMatchObject({ text: other.t.errors.reauthentication_required, action: { label: "Sign in again" } });
  });

  it("a session that ended hands the widget to its signed-out state, saying whether a change waits for the next sign-in", () => {
    const { f, signedOut } = withEvents();
    f.fail(new ApiError(401, "session_expired", ""), {});
    f.fail(new ApiError(401, "session_invalid", ""), { retry });
    expect(signedOut).toEqual([
      { code: "session_expired", kept: false },
      { code: "session_invalid", kept: true },
    ]);
  });

  it("offers Try again after a network failure, which runs the change again", () => {
    const { f } = withEvents();
    let again = 0;
    f.fail(new ApiError(0, "network_error", ""), { retry: async () => void again++, at: "rename" });
    expect(f.notice).toMatchObject({ at: "rename", action: { label: en.tryAgain } });
    expect(f.blocked).toBe(false);
    f.notice!.action!.run();
    expect(again).toBe(1);
  });
});
