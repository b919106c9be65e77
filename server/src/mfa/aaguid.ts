import { isDisplaySafe, NICKNAME_MAX_LENGTH } from "../../../contract/rules";
import list from "./aaguid-providers.json";

/**
 * A new passkey's name, as a person recognises it: the passkey provider its authenticator's AAGUID stands for
 * ("Google Password Manager", "Windows Hello", "1Password"…), else the browser and system it was made on ("Chrome on
 * macOS"), else nothing: the default nickname stays. The providers are the passkey-authenticator-aaguids project's
 * list (aaguid-providers.json, names only; its source and commit are in the file). Authenticators that hide who they
 * are answer the all-zero AAGUID, which names nothing (as does Chromium's virtual authenticator).
 */

const PROVIDERS: Readonly<Record<string, string>> = list.providers;

/** The provider an AAGUID stands for, if the list knows it. */
export function providerName(aaguid: string | undefined): string | undefined {
  return aaguid ? PROVIDERS[aaguid.toLowerCase()] : undefined;
}

/** First match wins: Edge, Opera and Samsung Internet say "Chrome" too, and Chrome says "Safari". */
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\b(?:OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\b(?:Firefox|FxiOS)\//, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

/** Android says "Linux" and iOS "like Mac OS X": they come first. */
const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bAndroid\b/, "Android"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** "Chrome on macOS" in the languages the widget speaks; the names themselves are the same in every one. */
const ON: Readonly<Record<string, (browser: string, system: string) => string>> = {
  en: (b, s) => `${b} on ${s}`,
  de: (b, s) => `${b} auf ${s}`,
  fr: (b, s) => `${b} sur ${s}`,
  es: (b, s) => `${b} en ${s}`,
  it: (b, s) => `${b} su ${s}`,
  nl: (b, s) => `${b} op ${s}`,
  pt: (b, s) => `${b} no ${s}`,
  ja: (b, s) => `${s} の ${b}`,
  ar: (b, s) => `${b} على ${s}`,
};

/** The first language of an Accept-Language header that has words here ("de-CH,de;q=0.9" → "de"); else English. */
export function languageOf(acceptLanguage: string | undefined): string {
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => t.q > 0 && t.lang in ON)
    .sort((a, b) => b.q - a.q);
  return tags[0]?.lang ?? "en";
}

/** "Chrome on macOS", from the User-Agent header of the browser that made the passkey; undefined when either is unknown. */
export function browserAndSystem(userAgent: string | undefined, lang = "en"): string | undefined {
  if (!userAgent) return undefined;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return browser && system ? (ON[lang] ?? ON.en!)(browser, system) : undefined;
}

/** Who made a passkey, as its registration showed it. */
export interface PasskeyOrigin {
  /** The authenticator's AAGUID, from the attested credential data. */
  aaguid?: string;
  /** The registering browser's User-Agent and Accept-Language headers. */
  userAgent?: string;
  acceptLanguage?: string;
}

/**
 * The name a new passkey gets when nobody chose one: its provider, else the browser and system; undefined when
 * neither is known (it then keeps the default nickname, which every widget shows as "Passkey" in its language).
 */
export function passkeyName(origin: PasskeyOrigin): string | undefined {
  const fits = (name: string | undefined) => (name && name.length <= NICKNAME_MAX_LENGTH && isDisplaySafe(name) ? name : undefined);
  return fits(providerName(origin.aaguid)) ?? fits(browserAndSystem(origin.userAgent, languageOf(origin.acceptLanguage)));
}
