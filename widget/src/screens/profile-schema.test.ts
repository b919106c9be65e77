import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUILTIN_PROFILE_SCHEMA } from "../../../server/src/profile-schema/builtin.js";
import { ApiError, type Profile, type ApiRequest } from "../api/client.js";
import de from "../i18n/de.js";
import en from "../i18n/en.js";
import fr from "../i18n/fr.js";
import { loadTranslation } from "../i18n/index.js";
import { PendingChange as PendingSignIn } from "./shared.js";
import { buildPatch, formFields, hintOf, labelOf, leaves, valuesOf, type FormField, type JsonSchema } from "./profile-fields.js";
import type { ProfileState } from "./profile-form.js";
import { cancel, entryOf, opened, resend, verify } from "./profile-pending.js";
import { fail, validate } from "./profile-save.js";

const example = JSON.parse(readFileSync(new URL("../../../docs/examples/profile-schema.json", import.meta.url), "utf8")) as JsonSchema;
const builtin = formFields(JSON.parse(JSON.stringify(BUILTIN_PROFILE_SCHEMA)) as JsonSchema);
const fields = formFields(example);
const field = (list: FormField[], path: string) => leaves(list).find((f) => f.path === path)!;

describe("the form's fields, from the schema", () => {
  it("in x-profile.order, with the built-in fields under the widget's own words in every language", () => {
    expect(leaves(builtin).map((f) => f.path)).toEqual([
      "givenName",
      "familyName",
      "email",
      "phone",
      "address.streetAddress",
      "address.locality",
      "address.region",
      "address.postalCode",
      "address.countryCode",
    ]);
    expect(leaves(builtin).map((f) => labelOf(f, de))).toEqual([
      "Vorname",
      "Nachname",
      "E-Mail",
      "Telefon",
      "Straße und Hausnummer",
      "Ort",
      "Bundesland / Region",
      "Postleitzahl",
      "Land",
    ]);
    expect(labelOf(builtin.find((f) => f.path === "address")!, fr)).toBe(fr.addressSection);
    expect(hintOf(field(builtin, "phone"), de)).toBe(de.phoneHint);
  });

  it("an operator's titles and descriptions in the language (x-profile), else their title; a renamed built-in field keeps its new name", () => {
    expect(leaves(fields).map((f) => labelOf(f, de))).toEqual([
      "Vorname",
      "Nachname",
      "Geschäftliche E-Mail",
      "Firma",
      "Abteilung",
      "Personalnummer",
      "Geburtsdatum",
      "Monatlichen Firmen-Newsletter erhalten",
    ]);
    // No French titles: the schema's own.
    expect(labelOf(field(fields, "company"), fr)).toBe("Company");
    expect(labelOf(field(fields, "email"), fr)).toBe("Work email");
    expect(hintOf(field(fields, "employeeId"), de)).toBe("Von der Personalabteilung vergeben; hier nicht änderbar.");
    expect(hintOf(field(fields, "employeeId"), { ...en, lang: "de-CH" })).toBe("Von der Personalabteilung vergeben; hier nicht änderbar.");
    expect(field(fields, "givenName")).toMatchObject({ required: true, readOnly: false });
    expect(field(fields, "employeeId")).toMatchObject({ required: false, readOnly: true });
  });

  it("values by type, and a patch of what changed in the API's types (read-only fields never)", () => {
    const profile = { username: "ada", givenName: "Ada", newsletter: null, employeeId: "E-1", updatedAt: "", pendingChanges: [] } as Profile;
    const base = valuesOf(profile, fields);
    expect(base).toMatchObject({ givenName: "Ada", newsletter: false, employeeId: "E-1", department: "" });
    expect(buildPatch(base, { ...base }, fields)).toBeNull();
    expect(buildPatch(base, { ...base, newsletter: true, department: "Sales", employeeId: "E-2", birthdate: "1990-01-31" }, fields)).toEqual({
      newsletter: true,
      department: "Sales",
      birthdate: "1990-01-31",
    });
    const numbers = formFields({ properties: { floor: { type: "integer" }, tags: { type: "array", items: { type: "string", enum: ["a", "b"] } } } });
    const empty = valuesOf({ username: "x", updatedAt: "", pendingChanges: [] }, numbers);
    expect(buildPatch(empty, { floor: " 12 ", tags: ["b"] }, numbers)).toEqual({ floor: 12, tags: ["b"] });
    expect(buildPatch({ floor: "3", tags: ["a"] }, { floor: "", tags: [] }, numbers)).toEqual({ floor: null, tags: null });
  });
});

describe("the checks before a save, from the same keywords", () => {
  const schema = formFields({
    required: ["code"],
    properties: {
      code: { type: "string", minLength: 3, maxLength: 5, pattern: "^[A-Z]+$", "x-profile": { messages: { pattern: { de: "Nur Großbuchstaben." } } } },
      site: { type: "string", format: "uri" },
      born: { type: "string", format: "date" },
      team: { type: "string", enum: ["red", "blue"] },
      floor: { type: "integer", minimum: 1, maximum: 40 },
      ratio: { type: "number", maximum: 1 },
      tags: { type: "array", items: { type: "string", enum: ["a", "b", "c"] }, maxItems: 2 },
    },
  });
  const empty = valuesOf({ username: "x", updatedAt: "", pendingChanges: [] }, schema);

  it("finds each field's first problem, in the server's English words", () => {
    const values = { ...empty, site: "example.com", born: "2023-02-30", team: "green", floor: "4.5", ratio: "2", tags: ["a", "b", "c"] };
    expect(validate(empty, values, en, schema)).toEqual({
      code: "This field is required.",
      site: "Enter a full web address, like https://example.com.",
      born: "Enter a date as YYYY-MM-DD.",
      team: "Choose one of the listed values.",
      floor: "Must be a whole number.",
      ratio: "Must be 1 or less.",
      tags: "Choose at most 2.",
    });
    expect(validate(empty, { ...empty, code: "AB" }, en, schema)).toEqual({ code: "Must be at least 3 characters." });
    expect(validate(empty, { ...empty, code: "ABCDEF" }, en, schema)).toEqual({ code: "Must be 5 characters or fewer." });
    expect(validate(empty, { ...empty, code: "abc", floor: "0" }, en, schema)).toEqual({ code: "Enter a value in the expected format.", floor: "Must be 1 or more." });
    expect(validate(empty, { ...empty, code: "ABC", site: "https://example.com", born: "2024-02-29", team: "red", floor: "40", ratio: "0.5", tags: ["c"] }, en, schema)).toEqual({});
  });

  it("in the widget's language, and the schema's own words for it first", () => {
    expect(validate(empty, { ...empty, code: "abc", floor: "99" }, de, schema)).toEqual({ code: "Nur Großbuchstaben.", floor: "Höchstens 40." });
    expect(validate(empty, empty, fr, schema)).toEqual({ code: "Ce champ est obligatoire." });
  });

  it("the example schema: required names and department, the company's limit; the read-only ID is never checked", () => {
    const base = valuesOf({ username: "x", employeeId: "#not-valid#", updatedAt: "", pendingChanges: [] }, fields);
    expect(validate(base, { ...base, company: "A".repeat(101) }, en, fields)).toEqual({
      givenName: "This field is required.",
      familyName: "This field is required.",
      department: "This field is required.",
      company: "Must be 100 characters or fewer.",
    });
  });
});

/** A profile flow as Save and the code entry see it, with the API answering from `answers` and every request kept. */
function fakeFlow(answers: Record<string, (init: ApiRequest) => unknown>, profile: Partial<Profile> = {}) {
  const requests: Array<{ path: string; init: ApiRequest }> = [];
  const events: Array<{ type: string; detail: unknown }> = [];
  const state = {
    fields: builtin,
    values: {},
    baseline: {},
    errors: {},
    saving: false,
    notice: null,
    etag: '"v1"',
    profile: { username: "ada", updatedAt: "", pendingChanges: [], ...profile } as Profile,
    update() {},
    show(p: Profile, etag: string | null, values: Record<string, unknown>) {
      Object.assign(state, { profile: p, etag, baseline: valuesOf(p, builtin), values });
    },
    ctx: {
      host: {
        requestUpdate() {},
        updateComplete: Promise.resolve(true),
        renderRoot: { querySelector: () => null },
        dispatchEvent: (e: CustomEvent) => events.push({ type: e.type, detail: e.detail }),
      },
      t: () => en,
      locale: () => "en",
      signal: () => new AbortController().signal,
      pending: new PendingSignIn(),
      api: async (path: string, init: ApiRequest = {}) => {
        requests.push({ path, init });
        const answer = answers[`${init.method ?? "GET"} ${path}`];
        if (!answer) throw new Error(`unexpected ${init.method} ${path}`);
        return { data: answer(init), etag: '"v2"' };
      },
      signedOut: vi.fn(),
      failCard: vi.fn(),
    },
  };
  state.values = valuesOf(state.profile, builtin);
  state.baseline = valuesOf(state.profile, builtin);
  return { flow: state as unknown as ProfileState, requests, events };
}

describe("a 422 said in the widget's language", () => {
  it("each field's keyword and parameters in German; the server's words in English and where there is no detail", () => {
    const error = new ApiError(
      422,
      "validation_failed",
      "",
      { "address.postalCode": "Enter a valid postal code: letters, digits, spaces and hyphens.", givenName: "Must be 100 characters or fewer.", address: "Must be an object." },
      { problems: { "address.postalCode": { keyword: "pattern", params: { pattern: "x" } } } },
    );
    const german = fakeFlow({});
    (german.flow.ctx as { t: () => typeof de }).t = () => de;
    fail(german.flow, error);
    expect(german.flow.errors).toEqual({ "address.postalCode": de.invalidField!["address.postalCode"], givenName: "Must be 100 characters or fewer." });
    expect(german.flow.notice?.text).toBe(`${de.errors.validation_failed} Must be an object.`);

    const english = fakeFlow({});
    fail(english.flow, error);
    expect(english.flow.errors["address.postalCode"]).toBe("Enter a valid postal code: letters, digits, spaces and hyphens.");
  });
});

describe("a change that waits for its code (DESIGN.md: Verified address changes)", () => {
  afterEach(() => vi.useRealTimers());
  const change = { id: "ch_1", field: "email", target: "n•••@example.com", expiresAt: "2030-01-01T00:00:00Z" };

  it("after a save: the change opened counts down to Resend; the rest was saved", () => {
    vi.useFakeTimers({ now: Date.parse("2030-01-01T00:00:00Z") });
    const { flow } = fakeFlow({}, { pendingChanges: [change] });
    expect(opened(flow, { email: "new@example.com", givenName: "Ada" })).toEqual({ saved: true, waiting: true });
    expect(entryOf(flow, change).resendAt).toBe(Date.now() + 30_000);
    expect(opened(flow, { email: "new@example.com" })).toEqual({ saved: false, waiting: true });
    expect(opened(flow, { givenName: "Ada" })).toEqual({ saved: true, waiting: false });
  });

  it("Verify posts the code; the profile it answers is shown with the value applied and the host is told", async () => {
    const applied = { username: "ada", email: "new@example.com", updatedAt: "", pendingChanges: [] };
    const { flow, requests, events } = fakeFlow({ "POST /api/profile/changes/ch_1/verify": () => applied }, { pendingChanges: [change] });
    const entry = entryOf(flow, change);
    entry.code = "12 34 56";
    await verify(flow, change, entry);
    expect(requests).toEqual([{ path: "/api/profile/changes/ch_1/verify", init: { method: "POST", body: { otp: "123456" } } }]);
    expect(flow.profile?.email).toBe("new@example.com");
    expect(flow.values.email).toBe("new@example.com");
    expect(flow.etag).toBe('"v2"');
    expect(flow.notice).toEqual({ tone: "success", text: "Email confirmed and saved." });
    expect(events).toEqual([{ type: "profile-widget-success", detail: { flow: "profile", action: "profile_updated" } }]);
  });

  it("a code that is not 6 digits is not sent", async () => {
    const { flow, requests } = fakeFlow({}, { pendingChanges: [change] });
    const entry = entryOf(flow, change);
    entry.code = "12";
    await verify(flow, change, entry);
    expect(requests).toEqual([]);
    expect(entry.error).toBe("Enter the 6 digits of the code.");
  });

  it.each([
    [new ApiError(400, "otp_invalid", "", undefined, { attemptsRemaining: 3 }), "That code isn't right. 3 attempts left.", false],
    [new ApiError(410, "otp_expired", ""), "This code has expired. Ask for a new one.", false],
    [new ApiError(429, "too_many_attempts", ""), "Too many wrong codes. Cancel the change and start again.", true],
    [new ApiError(0, "network_error", ""), en.errors.network_error, false],
  ])("%s is said in the code entry", async (error, text, locked) => {
    const { flow, events } = fakeFlow(
      {
        "POST /api/profile/changes/ch_1/verify": () => {
          throw error;
        },
      },
      { pendingChanges: [change] },
    );
    const entry = entryOf(flow, change);
    entry.code = "123456";
    await verify(flow, change, entry);
    expect(entry.error).toBe(text);
    expect(!!entry.locked).toBe(locked);
    expect(flow.profile?.pendingChanges).toEqual([change]);
    expect(events).toEqual([{ type: "profile-widget-error", detail: { flow: "profile", code: error.code, message: text } }]);
  });

  it("Resend asks for a new code and waits as the server says; a 429 waits for Retry-After", async () => {
    vi.useFakeTimers({ now: Date.parse("2030-01-01T00:00:00Z") });
    const renewed = { ...change, expiresAt: "2030-01-01T00:10:00Z" };
    let limited = false;
    const { flow, requests } = fakeFlow(
      {
        "POST /api/profile/changes/ch_1/resend": () => {
          if (limited) throw new ApiError(429, "rate_limited", "", undefined, { retryAfterSeconds: 45 });
          return { change: renewed, resendAvailableAt: "2030-01-01T00:01:00Z" };
        },
      },
      { pendingChanges: [change] },
    );
    const entry = entryOf(flow, change);
    await resend(flow, change, entry);
    expect(requests[0]).toEqual({ path: "/api/profile/changes/ch_1/resend", init: { method: "POST", body: {} } });
    expect(entry.resendAt).toBe(Date.parse("2030-01-01T00:01:00Z"));
    expect(entry.info).toBe("We sent a new code to n•••@example.com.");
    expect(flow.profile?.pendingChanges).toEqual([renewed]);
    limited = true;
    await resend(flow, change, entry);
    expect(entry.error).toBe("Wait a moment before asking for another code.");
    expect(entry.resendAt).toBe(Date.now() + 45_000);
  });

  it("Cancel deletes the change; the field keeps its value", async () => {
    const { flow, requests } = fakeFlow({ "DELETE /api/profile/changes/ch_1": () => undefined }, { email: "old@example.com", pendingChanges: [change] });
    await cancel(flow, change, entryOf(flow, change));
    expect(requests).toEqual([{ path: "/api/profile/changes/ch_1", init: { method: "DELETE" } }]);
    expect(flow.profile?.pendingChanges).toEqual([]);
    expect(flow.profile?.email).toBe("old@example.com");
    expect(flow.notice).toEqual({ tone: "success", text: "The change of Email was cancelled." });
  });

  it("a session that ended is the flow's: the signed-out card, not a message in the entry", async () => {
    const { flow } = fakeFlow(
      {
        "POST /api/profile/changes/ch_1/verify": () => {
          throw new ApiError(401, "session_expired", "");
        },
      },
      { pendingChanges: [change] },
    );
    const entry = entryOf(flow, change);
    entry.code = "123456";
    await verify(flow, change, entry);
    expect(flow.ctx.signedOut).toHaveBeenCalled();
    expect(entry.error).toBeUndefined();
  });
});

describe("every language's Save table", () => {
  it("has every term English has, in each language's own words", async () => {
    const english = (await import("../i18n/profile/en.js")).default;
    for (const language of ["ar", "de", "es", "fr", "it", "ja", "nl", "pt-br"]) {
      const t = await loadTranslation(language);
      expect(t.profile, language).not.toBeNull();
      expect(t.profile!.codeSent("x"), language).not.toBe(english.codeSent("x"));
      expect(Object.keys(t.profile!).sort()).toEqual(Object.keys(english).sort());
      expect(Object.keys(t.profile!.problems).sort()).toEqual(Object.keys(english.problems).sort());
    }
  });
});
