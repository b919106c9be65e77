import { describe, expect, it } from "vitest";
import {
  NOTICE_LANGUAGES,
  noticeLanguage,
  securityNoticeMessage,
  type SecurityNoticeItem,
  type SecurityNoticeKind,
} from "./security-text";

const AT = "2024-05-03T14:05:00.000Z";
/** The time as the notice writes it: the language's long date and short time, in UTC. */
const utc = (at: string, language = "en") =>
  `${new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(at))} UTC`;
const message = (items: SecurityNoticeItem[], language: string | null = "en", helpUrl?: string | null) =>
  securityNoticeMessage({ language, appName: "Acme", items, helpUrl });

/** One item of each kind, each with the fields its kind carries. */
const ONE_OF_EACH: Record<SecurityNoticeKind, SecurityNoticeItem> = {
  device_activated: { kind: "device_activated", at: AT, device: { type: "sms", nickname: "Work phone" } },
  mfa_disabled: { kind: "mfa_disabled", at: AT },
  recovery_codes_replaced: { kind: "recovery_codes_replaced", at: AT },
  recovery_code_used: { kind: "recovery_code_used", at: AT, remaining: 7 },
  email_changed: { kind: "email_changed", at: AT, newTarget: "j•••@example.com" },
  phone_changed: { kind: "phone_changed", at: AT, newTarget: "+1•••••4567" },
};
const KINDS = Object.keys(ONE_OF_EACH) as SecurityNoticeKind[];

describe("noticeLanguage", () => {
  it("takes the exact tag, then the base language, then a regional variant", () => {
    expect(noticeLanguage("de")).toBe("de");
    expect(noticeLanguage("de-AT")).toBe("de");
    expect(noticeLanguage("pt")).toBe("pt-BR");
    expect(noticeLanguage("pt-PT")).toBe("pt-BR");
    expect(noticeLanguage("ar-EG")).toBe("ar");
  });

  it("ignores case and reads _ as -", () => {
    expect(noticeLanguage("PT_br")).toBe("pt-BR");
    expect(noticeLanguage("EN_us")).toBe("en");
  });

  it("reads an Accept-Language header in q order, skipping what it does not support", () => {
    expect(noticeLanguage("xx-YY,fr-CH;q=0.9,en;q=0.5")).toBe("fr");
    expect(noticeLanguage("en;q=0.3, ja;q=0.8, *;q=0.1")).toBe("ja");
    expect(noticeLanguage("zh-CN, nl;q=0.7, de;q=0.7")).toBe("nl");
    expect(noticeLanguage("de;q=0, es")).toBe("es");
  });

  it("is null when nothing fits", () => {
    expect(noticeLanguage("xx")).toBeNull();
    expect(noticeLanguage("zh-CN,ko;q=0.5,*")).toBeNull();
    expect(noticeLanguage("")).toBeNull();
    expect(noticeLanguage(null)).toBeNull();
    expect(noticeLanguage(undefined)).toBeNull();
  });
});

describe("securityNoticeMessage in English", () => {
  it.each([
    ["device_activated", "A new sign-in device was added to your Acme account"],
    ["mfa_disabled", "Two-step verification was turned off for your Acme account"],
    ["recovery_codes_replaced", "Your Acme recovery codes were replaced"],
    ["recovery_code_used", "A recovery code was used for your Acme account"],
    ["email_changed", "The email address of your Acme account was changed"],
    ["phone_changed", "The phone number of your Acme account was changed"],
  ] as const)("gives %s its subject", (kind, subject) => {
    const notice = message([ONE_OF_EACH[kind]]);
    expect(notice).toMatchObject({ subject, language: "en" });
    expect(notice.text.split("\n")[0]).toBe("This change was made to your Acme account:");
  });

  it("names the device by its nickname and type", () => {
    const { text } = message([ONE_OF_EACH.device_activated]);
    expect(text).toContain('- Added the sign-in device "Work phone" (Text message (SMS)) — May 3, 2024 at 2:05');
    for (const [type, words] of [
      ["totp", "Authenticator app"],
      ["passkey", "Passkey"],
      ["email", "Email codes"],
    ] as const) {
      expect(message([{ kind: "device_activated", at: AT, device: { type, nickname: "Mine" } }]).text).toContain(`"Mine" (${words})`);
    }
  });

  it("names the masked new address, or says it was removed", () => {
    expect(message([ONE_OF_EACH.email_changed]).text).toContain("- Changed the email address to j•••@example.com — ");
    expect(message([ONE_OF_EACH.phone_changed]).text).toContain("- Changed the phone number to +1•••••4567 — ");
    expect(message([{ kind: "email_changed", at: AT }]).text).toContain("- Removed the email address — ");
    expect(message([{ kind: "phone_changed", at: AT }]).text).toContain("- Removed the phone number — ");
  });

  it("says how many recovery codes are left", () => {
    const left = (remaining?: number) => message([{ kind: "recovery_code_used", at: AT, remaining }]).text.split("\n")[1];
    expect(left(7)).toContain("Used a recovery code (7 codes left)");
    expect(left(1)).toContain("(1 code left)");
    expect(left(0)).toContain("(no codes left)");
    expect(left(undefined)).toMatch(/^- Used a recovery code — /);
  });

  it("lists a burst oldest first under one subject", () => {
    const items: SecurityNoticeItem[] = [
      { kind: "device_activated", at: "2024-05-03T14:05:00Z", device: { type: "totp", nickname: "Phone app" } },
      { kind: "recovery_codes_replaced", at: "2024-05-03T14:06:00Z" },
      { kind: "mfa_disabled", at: "2024-05-03T14:20:00Z" },
    ];
    const { subject, text } = message(items);
    expect(subject).toBe("Security changes to your Acme account");
    const lines = text.split("\n");
    expect(lines[0]).toBe("These changes were made to your Acme account:");
    expect(lines.slice(1, 4)).toEqual([
      `- Added the sign-in device "Phone app" (Authenticator app) — ${utc("2024-05-03T14:05:00Z")}`,
      `- Replaced the recovery codes (the old ones no longer work) — ${utc("2024-05-03T14:06:00Z")}`,
      `- Turned off two-step verification — ${utc("2024-05-03T14:20:00Z")}`,
    ]);
    expect(lines[3]).toMatch(/May 3, 2024 at 2:20\sPM UTC$/);
    expect(lines[4]).toBe("");
  });

  it("tells the person what to do, and why the message came", () => {
    const { text } = message([ONE_OF_EACH.mfa_disabled]);
    expect(text).toContain("If this was you, there is nothing to do.");
    expect(text).toContain("If it wasn't you, someone may know your password: change it now, and remove any devices you don't recognize.");
    expect(text.split("\n").at(-1)).toBe("You receive this message because it concerns the security of your Acme account.");
  });

  it("points to help only when there is a help address", () => {
    const url = "https://acme.example/help";
    expect(message([ONE_OF_EACH.mfa_disabled], "en", url).text).toContain(`don't recognize.\nHelp: ${url}\n`);
    expect(message([ONE_OF_EACH.mfa_disabled], "en").text).not.toContain("Help");
    expect(message([ONE_OF_EACH.mfa_disabled], "en", null).text).not.toContain("Help");
    expect(message([ONE_OF_EACH.mfa_disabled], "en", "").text).not.toContain("Help");
    expect(message([ONE_OF_EACH.mfa_disabled], "de", url).text).toContain(`Hilfe: ${url}`);
  });

  it("falls back to English for a language it does not have", () => {
    expect(message([ONE_OF_EACH.mfa_disabled], "xx").language).toBe("en");
    expect(message([ONE_OF_EACH.mfa_disabled], null).language).toBe("en");
    expect(message([ONE_OF_EACH.mfa_disabled], "de-CH,de;q=0.9").language).toBe("de");
  });
});

describe("what the notice carries", () => {
  it("carries only the fields it was given", () => {
    const { subject, text } = message([ONE_OF_EACH.device_activated, ONE_OF_EACH.mfa_disabled, ONE_OF_EACH.recovery_codes_replaced]);
    expect(text).toContain("Work phone");
    expect(`${subject}\n${text}`).not.toMatch(/@|\+1|•|left/);
  });

  it("takes no line breaks or bidi controls from a nickname, an address or the product name", () => {
    const { subject, text } = securityNoticeMessage({
      language: "en",
      appName: "Acme\r\nBcc: someone@example.com",
      items: [
        { kind: "device_activated", at: AT, device: { type: "passkey", nickname: "Key\n\nClick here\u202e" } },
        { kind: "email_changed", at: AT, newTarget: "j•••@example.com\nmore" },
      ],
    });
    expect(subject).toBe("Security changes to your Acme Bcc: someone@example.com account");
    expect(text).toContain('"Key Click here" (Passkey)');
    expect(text).toContain("to j•••@example.com more — ");
    expect(text.split("\n")).toHaveLength(9);
  });

  it("leaves out a time it cannot read", () => {
    expect(message([{ kind: "mfa_disabled", at: "not a time" }]).text.split("\n")[1]).toBe("- Turned off two-step verification");
  });

  it("needs at least one item", () => {
    expect(() => message([])).toThrow(RangeError);
  });
});

describe("every language", () => {
  const english = Object.fromEntries(KINDS.map((kind) => [kind, message([ONE_OF_EACH[kind]]).subject]));
  const englishSeveral = message([ONE_OF_EACH.mfa_disabled, ONE_OF_EACH.recovery_codes_replaced]).subject;
  const others = NOTICE_LANGUAGES.filter((language) => language !== "en");

  it.each(others)("%s has its own subject for each kind and for a burst", (language) => {
    const subjects = KINDS.map((kind) => {
      const notice = message([ONE_OF_EACH[kind]], language);
      expect(notice.language).toBe(language);
      expect(notice.subject).not.toBe(english[kind]);
      expect(notice.subject).toContain("Acme");
      return notice.subject;
    });
    expect(new Set(subjects).size).toBe(KINDS.length);
    const several = message([ONE_OF_EACH.mfa_disabled, ONE_OF_EACH.recovery_codes_replaced], language).subject;
    expect(several).not.toBe(englishSeveral);
    expect(subjects).not.toContain(several);
  });

  it.each(NOTICE_LANGUAGES)("%s writes the time its own way, in UTC, and keeps every value", (language) => {
    const { text } = message(Object.values(ONE_OF_EACH), language, "https://acme.example/help");
    const lines = text.split("\n");
    expect(lines.slice(1, 7).every((line) => line.startsWith("- ") && line.endsWith(` — ${utc(AT, language)}`))).toBe(true);
    for (const value of ["Work phone", "j•••@example.com", "+1•••••4567", "7", "https://acme.example/help", "Acme"]) {
      expect(text).toContain(value);
    }
    if (language !== "en") expect(text).not.toContain("If this was you");
  });

  it("writes dates the language's way", () => {
    expect(message([ONE_OF_EACH.mfa_disabled], "de").text).toContain("3. Mai 2024 um 14:05 UTC");
    expect(message([ONE_OF_EACH.mfa_disabled], "fr").text).toContain("3 mai 2024 à 14:05 UTC");
    expect(message([ONE_OF_EACH.mfa_disabled], "ja").text).toContain("2024年5月3日 14:05 UTC");
  });

  it("counts the codes left with each language's plural forms", () => {
    const left = (language: string, remaining: number) =>
      message([{ kind: "recovery_code_used", at: AT, remaining }], language).text.split("\n")[1] ?? "";
    expect(left("de", 1)).toContain("noch 1 Code übrig");
    expect(left("de", 2)).toContain("noch 2 Codes übrig");
    expect(left("fr", 1)).toContain("1 code restant");
    expect(left("fr", 2)).toContain("2 codes restants");
    expect(left("es", 1)).toContain("queda 1");
    expect(left("es", 2)).toContain("quedan 2");
    expect(left("pt-BR", 1)).toContain("resta 1");
    expect(left("pt-BR", 2)).toContain("restam 2");
    expect(left("ar", 1)).toContain("رمز واحد");
    expect(left("ar", 2)).toContain("رمزان");
    expect(left("ar", 3)).toContain("3 رموز");
    expect(left("ar", 11)).toContain("11 رمزًا");
    expect(left("ar", 100)).toContain("100 رمز)");
    expect(left("ar", 0)).toContain("لم يتبقَّ أي رمز");
    expect(left("ja", 3)).toContain("残り 3 個");
  });
});
