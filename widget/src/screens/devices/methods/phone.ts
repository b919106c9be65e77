import { AsYouType, getCountries, getCountryCallingCode, isSupportedCountry, parsePhoneNumber } from "libphonenumber-js/min";
import type { CountryCode } from "libphonenumber-js/min";

/**
 * The phone step's number handling: a chunk of its own, with libphonenumber-js and its smallest ("min") metadata,
 * loaded only when a person adds a phone (code.ts). Country names come from the browser (Intl.DisplayNames).
 */

export interface Country {
  code: string;
  /** "Germany (+49)", in the widget's language; the calling code isolated, so it reads "+49" in Arabic too. */
  label: string;
  /** "+49". */
  calling: string;
}

const cache = new Map<string, Country[]>();

/** Every country with a calling code, named in `lang` and sorted as `lang` sorts. */
export function countries(lang: string): Country[] {
  const cached = cache.get(lang);
  if (cached) return cached;
  const names = new Intl.DisplayNames([lang, "en"], { type: "region" });
  const collator = new Intl.Collator(lang);
  const list = getCountries()
    .map((code) => {
      const calling = `+${getCountryCallingCode(code)}`;
      const name = names.of(code) ?? code;
      return { code, calling, name, label: `${name} (\u2066${calling}\u2069)` };
    })
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(({ code, calling, label }) => ({ code, calling, label }));
  cache.set(lang, list);
  return list;
}

/** `code` when libphonenumber knows it (an ISO 3166-1 alpha-2 code, any case), else undefined. */
export function supported(code: string | null | undefined): string | undefined {
  const upper = code?.toUpperCase();
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

/** The country a language's region stands for: "pt-BR" → BR, "de" → DE, "en" → US, "ar" → EG. */
export function countryOfLocale(lang: string): string | undefined {
  try {
    return supported(new Intl.Locale(lang).maximize().region);
  } catch {
    return undefined;
  }
}

/**
 * What has been typed, formatted as it is typed: national format for `country`, or international after a "+",
 * with the country that number belongs to (so the picker follows "+44…").
 */
export function formatTyped(typed: string, country: string): { text: string; country?: string } {
  const international = typed.trim().startsWith("+");
  const formatter = international ? new AsYouType() : new AsYouType(country as CountryCode);
  const text = formatter.input(typed);
  return { text, country: international ? formatter.getCountry() : undefined };
}

/** The number in E.164 ("+4915112345678") when it can be a phone number of `country` (or the "+" number's own); else undefined. */
export function toE164(typed: string, country: string): string | undefined {
  try {
    const number = parsePhoneNumber(typed, { defaultCountry: country as CountryCode });
    return number?.isPossible() ? number.number : undefined;
  } catch {
    return undefined;
  }
}
