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
