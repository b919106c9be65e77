import { readFileSync } from "node:fs";
import type { TemplateResult } from "lit";
import { isTemplateResult } from "lit/directive-helpers.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ActivityEvent, ActivityPage, ActivityType } from "../../../../contract/api.js";
import { BUILTIN_PROFILE_SCHEMA } from "../../../../server/src/profile-schema/builtin.js";
import { ApiError, type ApiRequest } from "../../api/client.js";
import activityDe from "../../i18n/activity/de.js";
import activityEn from "../../i18n/activity/en.js";
import de from "../../i18n/de.js";
import en, { type Translation } from "../../i18n/en.js";
import { loadTranslation } from "../../i18n/index.js";
import { formFields, labelOf, leaves, type JsonSchema } from "../profile-fields.js";
import { joined } from "../screen.js";
import { PendingChange, type FlowContext } from "../shared.js";
import { ActivityFlow, downloadName, EXPORT_FILE, PAGE_SIZE } from "./activity-flow.js";
import { fieldTitle } from "./field-titles.js";

afterEach(() => vi.unstubAllGlobals());

/** What a part of the screen says, as a person reads it: the text of a template, its tags and attributes left out. */
const text = (part: unknown): string => raw(part).replace(/\s+/g, " ").trim();

function raw(part: unknown): string {
  if (Array.isArray(part)) return part.map(raw).join("");
  if (!isTemplateResult(part)) return part === undefined || part === null || typeof part === "symbol" ? "" : String(part);
  const { strings, values } = part as TemplateResult;
  let out = "";
  let inTag = false;
  strings.forEach((chunk, i) => {
    for (const char of chunk) {
      if (char === "<") inTag = true;
      else if (char === ">") inTag = false;
      else if (!inTag) out += char;
    }
    // A value inside a tag is an attribute's: not read as text.
    if (i < values.length && !inTag) out += raw(values[i]);
  });
  return out;
}

const event = (type: ActivityType, detail: ActivityEvent["detail"] = {}, more: Partial<ActivityEvent> = {}): ActivityEvent => ({
  id: `e-${Math.random()}`,
  type,
  at: new Date().toISOString(),
  ip: null,
  userAgent: { browser: null, os: null },
  detail,
  ...more,
});

/** A flow whose API answers from `answers` (by path, without the query); each request's path is kept. */
function setup(answers: Record<string, unknown>, t: Translation = en) {
  const requests: string[] = [];
  const events: { type: string; detail: unknown }[] = [];
  const signedOut: string[] = [];
  const ctx = {
    host: {
      addController() {},
      requestUpdate() {},
      renderRoot: {},
      dispatchEvent: (e: CustomEvent) => events.push({ type: e.type, detail: e.detail }),
    },
    api: async (path: string, _init?: ApiRequest) => {
      requests.push(path);
      const answer = answers[path] ?? answers[path.split("?")[0]!];
      if (answer instanceof Error) throw answer;
      if (answer === undefined) throw new ApiError(404, "not_found", path);
      return { data: typeof answer === "function" ? (answer as () => unknown)() : answer, etag: null, headers: new Headers() };
    },
    t: () => t,
    locale: () => t.lang,
    pending: new PendingChange(),
    signedOut: (error: ApiError) => signedOut.push(error.code),
  } as unknown as FlowContext;
  return { flow: new ActivityFlow(ctx), requests, events, signedOut };
}

/** Lets the flow's requests that were started without waiting for them settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("what an event says", () => {
  it("titles every kind of event, and a verification by how and why it was done", () => {
    const { flow } = setup({});
    const types = Object.keys(activityEn.events) as ActivityType[];
    expect(types).toHaveLength(19);
    for (const type of types) expect(flow.title(event(type))).toBe(flow.t.events[type]);
    expect(flow.title(event("mfa.verification.succeeded", { method: "totp", purpose: "sign_in" }))).toBe("Signed in with two-step verification");
    expect(flow.title(event("mfa.verification.succeeded", { method: "recovery_code", purpose: "sign_in" }))).toBe(
      "Signed in with a recovery code",
    );
    expect(flow.title(event("mfa.verification.succeeded", { method: "passkey", purpose: "step_up" }))).toBe("Confirmed it's you");
    expect(flow.title(event("mfa.verification.failed", { method: "sms" }))).toBe("Verification failed");
    // A kind a newer server added: its name rather than nothing.
    expect(flow.title(event("session.revoked" as ActivityType))).toBe("session.revoked");
  });

  it("names the device: its nickname and type, a device nobody named under its type's name in the language", () => {
    const { flow } = setup({});
    const about = (device: ActivityEvent["detail"]["device"]) => text(joined(flow.about(event("mfa.device.activated", { device }))));
    expect(about({ id: "d", type: "sms", nickname: "Work phone" })).toBe("Work phone · Text message (SMS)");
    expect(about({ id: "d", type: "sms", nickname: "Phone" })).toBe("Phone · Text message (SMS)");
    expect(about({ id: "d", type: "totp", nickname: "Authenticator app" })).toBe("Authenticator app");
    expect(about({ id: "d", type: "passkey", nickname: null })).toBe("Passkey");
    flow.t = activityDe;
    expect(about({ id: "d", type: "sms", nickname: "Phone" })).toBe("Telefon · SMS");
    expect(about({ id: "d", type: "totp", nickname: "Authenticator app" })).toBe("Authenticator-App");
  });

  it("names the fields by the profile form's labels in the language, and says why a verification failed", async () => {
    const { flow } = setup({ "/api/activity": { events: [], next: null }, "/api/profile/schema": BUILTIN_PROFILE_SCHEMA }, de);
    await flow.load();
    await settled();
    flow.t = activityDe;
    const fields = event("profile.updated", { fields: ["givenName", "address.postalCode", "nickname"] });
    expect(text(joined(flow.about(fields)))).toBe("Vorname, Postleitzahl und nickname");
    expect(text(joined(flow.about(event("profile.change.verified", { field: "email" }))))).toBe("E-Mail");
    const failed = event("mfa.verification.failed", { method: "recovery_code", reason: "user_locked" });
    expect(text(joined(flow.about(failed)))).toBe("Wiederherstellungscode · Zu viele Fehlversuche");
    expect(text(joined(flow.about(event("mfa.verification.failed", { method: "sms", reason: "something_new" }))))).toBe("");
  });

  it("says when (how long ago, the full date as its tooltip) and where from", () => {
    const { flow } = setup({});
    const now = event("user.created", {}, { ip: "127.0.0.1", userAgent: { browser: "Chrome", os: "Linux" } });
    expect(text(joined(flow.meta(now)))).toBe("Just now · Chrome on Linux · 127.0.0.1");
    const earlier = event("user.created", {}, { at: new Date(Date.now() - 3 * 60_000).toISOString(), userAgent: { browser: "Firefox", os: null } });
    expect(text(joined(flow.meta(earlier)))).toBe("3 minutes ago · Firefox");
    const [time] = flow.meta(earlier);
    expect(time!.values).toEqual([earlier.at, expect.stringMatching(/\d{4}/), "3 minutes ago"]);
    flow.t = activityDe;
    expect(text(joined(flow.meta({ ...now, at: new Date(Date.now() - 86_400_000).toISOString() })))).toMatch(/ · Chrome auf Linux · 127\.0\.0\.1$/);
  });
});

describe("the operator's fields are titled as the profile form labels them", () => {
  const example = JSON.parse(readFileSync(new URL("../../../../docs/examples/profile-schema.json", import.meta.url), "utf8")) as JsonSchema;
  it.each(["en", "de", "fr", "ja", "ar"])("%s", async (language) => {
    const t = await loadTranslation(language);
    for (const schema of [BUILTIN_PROFILE_SCHEMA as unknown as JsonSchema, example]) {
      for (const field of leaves(formFields(schema))) expect(fieldTitle(field.path, schema, t), field.path).toBe(labelOf(field, t));
    }
    // Without the schema (it could not be loaded), the built-in fields still have their words; others their path.
    expect(fieldTitle("address.locality", null, t)).toBe(t.locality);
    expect(fieldTitle("department", null, t)).toBe("department");
  });
});

describe("loading and paging", () => {
  const page = (from: number, count: number, next: string | null): ActivityPage => ({
    events: Array.from({ length: count }, (_, i) => ({ ...event("profile.updated", { fields: ["givenName"] }), id: `e${from + i}` })),
    next,
  });

  it("loads a page, then appends the next with Show more until there is none, asking for each once", async () => {
    const { flow, requests } = setup({
      [`/api/activity?limit=${PAGE_SIZE}`]: page(0, PAGE_SIZE, "e19"),
      [`/api/activity?limit=${PAGE_SIZE}&before=e19`]: page(20, 5, null),
      "/api/profile/schema": {},
    });
    await flow.load();
    expect(flow.status).toBe("loading");
    await settled();
    expect(flow.status).toBe("ready");
    expect(flow.events).toHaveLength(20);
    expect(flow.next).toBe("e19");
    const more = flow.showMore();
    expect(flow.loadingMore).toBe(true);
    void flow.showMore();
    await more;
    expect(flow.loadingMore).toBe(false);
    expect(flow.events.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => `e${i}`));
    expect(flow.next).toBeNull();
    expect(requests.filter((path) => path.startsWith("/api/activity"))).toEqual([
      `/api/activity?limit=${PAGE_SIZE}`,
      `/api/activity?limit=${PAGE_SIZE}&before=e19`,
    ]);
  });

  it("checks the session's user when the host expects one (data-username), and only then looks it up", async () => {
    const answers = { "/api/activity": page(0, 1, null), "/api/profile/schema": {}, "/api/profile": { username: "ada" } };
    const mine = setup(answers);
    await mine.flow.load("ada");
    expect(mine.requests).toContain("/api/profile");
    await expect(setup(answers).flow.load("bob")).rejects.toMatchObject({ code: "username_mismatch" });
    const any = setup(answers);
    await any.flow.load();
    expect(any.requests).not.toContain("/api/profile");
  });

  it("shows a failed page in the person's words with Try again, and tells the host; an ended session goes to the widget", async () => {
    const { flow, events, signedOut } = setup({ "/api/activity": new ApiError(0, "network_error", "offline"), "/api/profile/schema": {} });
    await flow.load();
    await settled();
    expect(flow.status).toBe("failed");
    expect(flow.failure).toBe(en.errors.network_error);
    expect(events).toEqual([
      { type: "profile-widget-error", detail: { flow: "activity", code: "network_error", message: en.errors.network_error } },
    ]);

    const ended = setup({ "/api/activity": new ApiError(401, "session_expired", ""), "/api/profile/schema": {} });
    await ended.flow.load();
    await settled();
    expect(ended.signedOut).toEqual(["session_expired"]);
    expect(ended.events).toEqual([]);
    expect(signedOut).toEqual([]);
  });
});

describe("Download my data", () => {
  it("names the file as the server says, safely, else profile-export.json", () => {
    expect(downloadName('attachment; filename="profile-ada-2026-12-02.json"')).toBe("profile-ada-2026-12-02.json");
    expect(downloadName("attachment; filename=plain.json")).toBe("plain.json");
    expect(downloadName(`attachment; filename="fallback.json"; filename*=UTF-8''profil%20%C3%A4.json`)).toBe("profil ä.json");
    expect(downloadName('attachment; filename="..\\\\..\\\\evil.json"')).toBe("evil.json");
    expect(downloadName('attachment; filename="/etc/passwd"')).toBe("passwd");
    expect(downloadName("attachment; filename*=UTF-8''%E0%A4%A")).toBe(EXPORT_FILE);
    expect(downloadName('attachment; filename=".."')).toBe(EXPORT_FILE);
    expect(downloadName("attachment")).toBe(EXPORT_FILE);
    expect(downloadName(null)).toBe(EXPORT_FILE);
  });

  it("saves the export as JSON under that name, busy meanwhile; a failure is said and told", async () => {
    const blobs: Blob[] = [];
    const links: { href: string; download: string; clicked: boolean }[] = [];
    vi.stubGlobal("URL", { createObjectURL: (blob: Blob) => `blob:${blobs.push(blob)}`, revokeObjectURL() {} });
    vi.stubGlobal("document", {
      createElement: () => {
        const link = { href: "", download: "", clicked: false, click: () => (link.clicked = true) };
        links.push(link);
        return link;
      },
    });
    const exported = { exportedAt: "2026-12-02T12:00:00Z", profile: { givenName: "Ada" } };
    const { flow, events } = setup({ "/api/profile/export": exported });
    const busy = flow.download();
    expect(flow.exporting).toBe(true);
    await busy;
    expect(flow.exporting).toBe(false);
    expect(links).toMatchObject([{ href: "blob:1", download: EXPORT_FILE, clicked: true }]);
    expect(blobs[0]!.type).toBe("application/json");
    expect(JSON.parse(await blobs[0]!.text())).toEqual(exported);
    expect(events).toEqual([]);

    const broken = setup({ "/api/profile/export": new ApiError(503, "service_unavailable", "") });
    await broken.flow.download();
    expect(broken.flow.exportFailure).toBe(en.errors.service_unavailable);
    expect(broken.events).toMatchObject([{ detail: { flow: "activity", code: "service_unavailable" } }]);
  });
});
