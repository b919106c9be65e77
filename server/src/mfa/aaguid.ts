import { isDisplaySafe, NICKNAME_MAX_LENGTH } from "../../../contract/rules";
import { noticeLanguage, type NoticeLanguage } from "../notify/security-text";
import { clientSoftware } from "../user-agent";
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

/** "Chrome on macOS" in the languages the widget speaks; the names themselves are the same in every one. */
const ON: Readonly<Record<NoticeLanguage, (browser: string, system: string) => string>> = {
  en: (b, s) => `${b} on ${s}`,
  de: (b, s) => `${b} auf ${s}`,
  fr: (b, s) => `${b} sur ${s}`,
  es: (b, s) => `${b} en ${s}`,
  it: (b, s) => `${b} su ${s}`,
  nl: (b, s) => `${b} op ${s}`,
  "pt-BR": (b, s) => `${b} no ${s}`,
  ja: (b, s) => `${s} の ${b}`,
  ar: (b, s) => `${b} على ${s}`,
};

/** "Chrome on macOS", from the User-Agent header of the browser that made the passkey; undefined when either is unknown. */
export function browserAndSystem(userAgent: string | undefined, acceptLanguage?: string): string | undefined {
  const { browser, os } = clientSoftware(userAgent);
  return browser && os ? ON[noticeLanguage(acceptLanguage) ?? "en"](browser.name, os.name) : undefined;
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
  return fits(providerName(origin.aaguid)) ?? fits(browserAndSystem(origin.userAgent, origin.acceptLanguage));
}
