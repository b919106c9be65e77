import en, { type Translation } from "./en.js";

export type { Translation };
export { en };

/**
 * Every language but English is its own lazy chunk, fetched only when chosen. To add one: write `xx.ts`
 * (default-exporting a `Translation`) and `devices/xx.ts`, and list it here and in `devices/index.ts`.
 * Keys are lower-case BCP 47 tags.
 */
const loaders: Record<string, () => Promise<{ default: Translation }>> = {
  ar: () => import("./ar.js"),
  de: () => import("./de.js"),
  es: () => import("./es.js"),
  fr: () => import("./fr.js"),
  it: () => import("./it.js"),
  ja: () => import("./ja.js"),
  nl: () => import("./nl.js"),
  "pt-br": () => import("./pt-BR.js"),
};

/**
 * The supported language for a BCP 47 tag: the exact tag, then its base language (`de-AT` → `de`), then a regional
 * variant of it (`pt` → `pt-br`); "en" when none fits.
 */
export function languageFor(locale: string, supported: readonly string[] = Object.keys(loaders)): string {
  const tag = locale.trim().toLowerCase().replaceAll("_", "-");
  const base = tag.split("-")[0];
  return [tag, base].find((key) => supported.includes(key!)) ?? supported.find((key) => key.startsWith(`${base}-`)) ?? "en";
}

/**
 * A language's table from `loaders` (keyed by lower-case tag, each a lazy chunk); `fallback` (English) when there is
 * none for `lang` or its chunk can't be loaded. Every flow's strings load through this.
 */
export async function loadTable<T>(loaders: Record<string, () => Promise<{ default: T }>>, lang: string, fallback: T): Promise<T> {
  try {
    return (await loaders[lang.toLowerCase()]?.())?.default ?? fallback;
  } catch {
    return fallback;
  }
}

/** The table for a language chosen by `languageFor`; English when the chunk can't be loaded. */
export const loadTranslation = (language: string): Promise<Translation> => loadTable(loaders, language, en);

/**
 * The locale for Intl (country names, dates) once `lang`'s table is shown for a `requested` tag: the requested tag
 * when it is valid and of the same language (`de-CH` keeps Swiss formats), otherwise the table's own tag.
 */
export function intlLocaleFor(requested: string, lang: string): string {
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  try {
    return base(requested) === base(lang) ? Intl.getCanonicalLocales(requested)[0]! : lang;
  } catch {
    return lang;
  }
}
