import { describe, expect, it } from "vitest";
import activityEn, { type ActivityTranslation } from "./activity/en.js";
import { loadActivityTranslation } from "./activity/index.js";
import devicesEn, { type DevicesTranslation } from "./devices/en.js";
import { loadDevicesTranslation } from "./devices/index.js";
import en, { type Translation } from "./en.js";
import { intlLocaleFor, languageFor, loadTranslation } from "./index.js";

const LANGUAGES = ["ar", "de", "es", "fr", "it", "ja", "nl", "pt-br"];

/** Every string a table can produce: plain terms, and function-valued terms called with sample values. */
function phrases(table: unknown, path = ""): Array<[string, string]> {
  if (typeof table === "string") return [[path, table]];
  if (typeof table === "function") {
    return [1, 2, 5, 27, 600, undefined].map((n, i) => [`${path}(${i})`, String((table as (x: unknown) => unknown)(n ?? "ada"))]);
  }
  if (table && typeof table === "object") {
    return Object.entries(table).flatMap(([key, value]) => phrases(value, path ? `${path}.${key}` : key));
  }
  return [];
}

describe("choosing a language", () => {
  it("takes the exact tag, then the base language, then a regional variant, then English", () => {
    expect(languageFor("de")).toBe("de");
    expect(languageFor("de-AT")).toBe("de");
    expect(languageFor("pt-BR")).toBe("pt-br");
    expect(languageFor("pt")).toBe("pt-br");
    expect(languageFor("pt-PT")).toBe("pt-br");
    expect(languageFor("ar-EG")).toBe("ar");
    expect(languageFor("JA_jp")).toBe("ja");
    expect(languageFor("en-GB")).toBe("en");
    expect(languageFor("sv-SE")).toBe("en");
    expect(languageFor("")).toBe("en");
    expect(languageFor("not a locale!")).toBe("en");
  });

  it("formats with the requested region when its language is shown, else with the table's language", () => {
    expect(intlLocaleFor("de-CH", "de")).toBe("de-CH");
    expect(intlLocaleFor("pt", "pt-BR")).toBe("pt");
    expect(intlLocaleFor("sv-SE", "en")).toBe("en");
    expect(intlLocaleFor("en-not a tag", "en")).toBe("en");
  });
});

describe("the translation tables", () => {
  it("en: the activity names device types and default nicknames with the devices flow's words", () => {
    expect({ types: activityEn.types, nicknames: activityEn.nicknames }).toEqual({ types: devicesEn.types, nicknames: devicesEn.nicknames });
  });

  it.each(LANGUAGES)("%s: every table loads, complete, and translated", async (language) => {
    const t: Translation = await loadTranslation(language);
    const d: DevicesTranslation = await loadDevicesTranslation(t.lang);
    const a: ActivityTranslation = await loadActivityTranslation(t.lang);
    expect(t).not.toBe(en);
    expect(d).not.toBe(devicesEn);
    expect(a).not.toBe(activityEn);
    expect(languageFor(t.lang)).toBe(language);
    expect(t.dir).toBe(language === "ar" ? "rtl" : "ltr");

    for (const [table, english] of [
      [t, en],
      [d, devicesEn],
      [a, activityEn],
    ] as const) {
      const own = new Map(phrases(table));
      const reference = phrases(english).filter(([path]) => !path.startsWith("invalidField"));
      // Same keys as English (the type check says so too), and no term left empty.
      for (const [path] of reference) expect(own.get(path), `${language} ${path}`).toBeTruthy();
      // Translated: only brand-like words (Email, Code, Passkey, SMS, Name…) may stay as in English.
      const same = reference.filter(([path, text]) => own.get(path) === text && text.length > 12);
      expect(same, `${language}: left in English`).toEqual([]);
    }
    // The activity names device types and default nicknames with the devices flow's words (its own copy, so the
    // activity screen needs none of the devices flow's chunks).
    expect({ types: a.types, nicknames: a.nicknames }).toEqual({ types: d.types, nicknames: d.nicknames });
    // The server's English field messages are replaced by the language's own.
    expect(Object.values(t.invalidField ?? {})).toHaveLength(9);
  });

  it("English shows the server's own field messages", () => {
    expect(en.invalidField).toBeNull();
  });

  it("says plurals the way each language does", async () => {
    const de = await loadDevicesTranslation("de");
    expect(de.errors.otp_invalid(1)).toMatch(/Noch 1 Versuch\./);
    expect(de.errors.otp_invalid(4)).toMatch(/Noch 4 Versuche\./);
    const fr = await loadDevicesTranslation("fr");
    expect(fr.limitReached(1)).toMatch(/1 appareil\./);
    expect(fr.limitReached(5)).toMatch(/5 appareils\./);
    const ar = await loadDevicesTranslation("ar");
    expect(ar.errors.rate_limited(2)).toContain("ثانيتين");
    expect(ar.errors.rate_limited(5)).toContain("5 ثوانٍ");
    expect(ar.errors.rate_limited(30)).toContain("30 ثانية");
  });

  it("keeps interpolated values whole inside right-to-left text", async () => {
    const ar = await loadDevicesTranslation("ar");
    expect(ar.codeSent("+1•••••4567")).toContain("\u2068+1•••••4567\u2069");
    expect((await loadActivityTranslation("ar")).browserOn("Chrome", "Linux")).toBe("\u2068Chrome\u2069 على \u2068Linux\u2069");
  });

  it("falls back to English for a language it does not have", async () => {
    expect(await loadTranslation("sv")).toBe(en);
    expect(await loadDevicesTranslation("sv")).toBe(devicesEn);
    expect(await loadActivityTranslation("sv")).toBe(activityEn);
  });
});
