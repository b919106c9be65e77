import { describe, expect, it } from "vitest";
import de from "../../i18n/devices/de.js";
import en from "../../i18n/devices/en.js";
import { formatAgo } from "../screen.js";
import { deviceName, unnamed } from "./device-list.js";

const now = Date.parse("2026-12-02T12:00:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe("formatAgo", () => {
  it("says how long ago in the person's language, then the date after about a month", () => {
    expect(formatAgo(ago(20_000), "en", now)).toBe("");
    expect(formatAgo(ago(5 * MINUTE), "en", now)).toBe("5 minutes ago");
    expect(formatAgo(ago(3 * 60 * MINUTE), "en", now)).toBe("3 hours ago");
    expect(formatAgo(ago(DAY), "en", now)).toBe("yesterday");
    expect(formatAgo(ago(2 * DAY), "de", now)).toBe("vorgestern");
    expect(formatAgo(ago(3 * DAY), "de", now)).toBe("vor 3 Tagen");
    expect(formatAgo(ago(2 * DAY), "ja", now)).toBe("一昨日");
    expect(formatAgo(ago(14 * DAY), "fr", now)).toBe("il y a 2 semaines");
    expect(formatAgo("2026-03-03T10:00:00Z", "en", now)).toBe("Mar 3, 2026");
    expect(formatAgo("2026-03-03T10:00:00Z", "de", now)).toBe("03.03.2026");
  });
});

describe("deviceName", () => {
  it("shows a device nobody named under its type's name in the widget's language, and a chosen name as it is", () => {
    expect(unnamed({ type: "totp", nickname: "Authenticator app" })).toBe(true);
    expect(deviceName({ t: de }, { type: "totp", nickname: "Authenticator app" })).toBe("Authenticator-App");
    expect(deviceName({ t: de }, { type: "sms", nickname: "Phone" })).toBe("Telefon");
    expect(deviceName({ t: en }, { type: "sms", nickname: "Phone" })).toBe("Phone");
    expect(deviceName({ t: de }, { type: "sms", nickname: "Work phone" })).toBe("Work phone");
    // The default of another type is a name someone chose.
    expect(deviceName({ t: de }, { type: "passkey", nickname: "Phone" })).toBe("Phone");
  });
});
