import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest } from "./client.js";

afterEach(() => vi.unstubAllGlobals());

function stubFetch(response: Response | Error) {
  const fetch = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("apiRequest", () => {
  it("sends the token as a Bearer header and JSON, and returns the data with its ETag and headers", async () => {
    const fetch = stubFetch(
      new Response(JSON.stringify({ username: "ada" }), {
        status: 200,
        headers: { ETag: '"v1"', "Content-Disposition": 'attachment; filename="ada.json"' },
      }),
    );
    const result = await apiRequest("https://api.example/", "/api/profile", "tok", {
      method: "PATCH",
      body: { givenName: "Ada" },
      headers: { "If-Match": '"v0"' },
    });
    expect(result).toMatchObject({ data: { username: "ada" }, etag: '"v1"' });
    expect(result.headers.get("Content-Disposition")).toBe('attachment; filename="ada.json"');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("https://api.example/api/profile");
    expect(init.method).toBe("PATCH");
    expect(init.body).toBe('{"givenName":"Ada"}');
    expect(init.headers).toMatchObject({
      Authorization: "Bearer tok",
      "Content-Type": "application/json",
      "If-Match": '"v0"',
    });
  });

  it("turns the error shape into an ApiError with its fields", async () => {
    stubFetch(
      new Response(
        JSON.stringify({ error: { code: "validation_failed", message: "Bad", fields: { "address.postalCode": "x" } } }),
        { status: 422 },
      ),
    );
    const error = await apiRequest("https://api.example", "/api/profile", "tok").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed", fields: { "address.postalCode": "x" } });
  });

  it("keeps the wrong codes left and the Retry-After wait", async () => {
    stubFetch(
      new Response(JSON.stringify({ error: { code: "otp_invalid", message: "No", attemptsRemaining: 3 } }), { status: 400 }),
    );
    await expect(apiRequest("https://api.example", "/api/mfa", "tok")).rejects.toMatchObject({
      code: "otp_invalid",
      details: { attemptsRemaining: 3 },
    });
    stubFetch(
      new Response(JSON.stringify({ error: { code: "rate_limited", message: "Wait" } }), {
        status: 429,
        headers: { "Retry-After": "27" },
      }),
    );
    await expect(apiRequest("https://api.example", "/api/mfa", "tok")).rejects.toMatchObject({
      details: { retryAfterSeconds: 27 },
    });
  });

  it("reports a non-JSON failure as unknown and a failed fetch as network_error", async () => {
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(apiRequest("https://api.example", "/api/profile", "tok")).rejects.toMatchObject({
      status: 502,
      code: "unknown",
    });
    stubFetch(new TypeError("Failed to fetch"));
    await expect(apiRequest("https://api.example", "/api/profile", "tok")).rejects.toMatchObject({
      status: 0,
      code: "network_error",
    });
  });

  it("rethrows an abort untouched", async () => {
    const controller = new AbortController();
    controller.abort();
    stubFetch(new DOMException("Aborted", "AbortError"));
    await expect(
      apiRequest("https://api.example", "/api/profile", "tok", { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});
