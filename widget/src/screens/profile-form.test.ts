import { describe, expect, it } from "vitest";
import type { Profile } from "../api/client.js";
import en from "../i18n/en.js";
import de from "../i18n/de.js";
import { COUNTRY_CODES } from "../country-codes.js";
import { buildPatch, countryOptions, rebase, valuesOf } from "./profile-form.js";
import { validate } from "./profile-save.js";

const profile: Profile = {
  username: "ada",
  givenName: "Ada",
  familyName: "Lovelace",
  email: "ada@example.com",
  phone: "+14155550123",
  address: { streetAddress: "1 Main St", locality: "London", region: null, postalCode: "N1", countryCode: "GB" },
  pendingChanges: [],
  updatedAt: "2025-01-01T00:00:00Z",
};
const base = valuesOf(profile);

describe("buildPatch", () => {
  it("sends nothing when nothing changed, whitespace included", () => {
    expect(buildPatch(base, { ...base })).toBeNull();
    expect(buildPatch(base, { ...base, givenName: " Ada ", phone: "+1 (415) 555-0123" })).toBeNull();
  });

  it("sends only the changed fields, the address only when an address field changed", () => {
    expect(buildPatch(base, { ...base, givenName: "Augusta" })).toEqual({ givenName: "Augusta" });
    expect(buildPatch(base, { ...base, givenName: "Augusta", "address.locality": "Paris" })).toEqual({
      givenName: "Augusta",
      address: { locality: "Paris" },
    });
  });

  it("clears an emptied field with null, and the whole address when every part is empty", () => {
    expect(buildPatch(base, { ...base, phone: "  " })).toEqual({ phone: null });
    const cleared = { ...base };
    for (const key of ["streetAddress", "locality", "postalCode", "countryCode"] as const) cleared[`address.${key}`] = "";
    expect(buildPatch(base, cleared)).toEqual({ address: null });
  });

  it("fills in an address that did not exist", () => {
    const empty = valuesOf({ ...profile, address: null });
    expect(buildPatch(empty, { ...empty, "address.countryCode": "FR" })).toEqual({ address: { countryCode: "FR" } });
  });

  it("sends a phone number without separators", () => {
    expect(buildPatch(base, { ...base, phone: "+44 20 7946-0958" })).toEqual({ phone: "+442079460958" });
  });
});

describe("rebase", () => {
  it("keeps the user's edits on top of the latest profile", () => {
    const latest = valuesOf({ ...profile, familyName: "King", givenName: "A." });
    const edited = { ...base, givenName: "Augusta" };
    expect(rebase(latest, base, edited)).toEqual({ ...latest, givenName: "Augusta" });
  });
});

describe("validate", () => {
  it("checks changed email and phone only", () => {
    expect(validate(base, { ...base, email: "nope", phone: "0207" }, en)).toEqual({
      email: en.invalidEmail,
      phone: en.invalidPhone,
    });
    expect(validate({ ...base, phone: "legacy" }, { ...base, phone: "legacy" }, en)).toEqual({});
    expect(validate(base, { ...base, email: "", phone: "" }, en)).toEqual({});
  });

  it("finds every field's problem at once, as the server words it (other languages in their own words)", () => {
    const values = { ...base, phone: "12", "address.postalCode": "#1", givenName: "A".repeat(101), familyName: "Love\u202elace" };
    expect(validate(base, values, en)).toEqual({
      phone: en.invalidPhone,
      "address.postalCode": "Enter a valid postal code: letters, digits, spaces and hyphens.",
      givenName: "Must be 100 characters or fewer.",
      familyName: "Must not contain line breaks, control characters or invisible characters.",
    });
    expect(validate(base, values, de)).toMatchObject({ "address.postalCode": de.invalidField!["address.postalCode"], givenName: de.invalidField!.givenName });
    expect(validate(base, { ...base, "address.postalCode": "SW1A 1AA", givenName: "A".repeat(100) }, en)).toEqual({});
  });
});

describe("countryOptions", () => {
  it("names every country in the locale, sorted by name", () => {
    const options = countryOptions("en");
    expect(options.find(([code]) => code === "DE")).toEqual(["DE", "Germany"]);
    const names = options.map(([, name]) => name);
    expect(names).toEqual([...names].sort(new Intl.Collator("en").compare));
    expect(countryOptions("not a locale!").length).toBe(options.length);
  });

  it("builds English in (the runtime's own names and order), other languages from Intl", () => {
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    const collator = new Intl.Collator("en");
    const expected = COUNTRY_CODES.map((code): [string, string] => [code, names.of(code) ?? code]).sort((a, b) =>
      collator.compare(a[1], b[1]),
    );
    expect(countryOptions("en")).toEqual(expected);
    expect(countryOptions("en-GB")).toBe(countryOptions("en"));
    expect(countryOptions("de").find(([code]) => code === "DE")).toEqual(["DE", "Deutschland"]);
    expect(countryOptions("fr").find(([code]) => code === "DE")).toEqual(["DE", "Allemagne"]);
  });
});
