import en, { type Translation } from "./en.js";

export type { Translation };

/**
 * Other languages load lazily, each in its own chunk: add `fr: () => import("./fr.js")` here,
 * where fr.ts default-exports a `Translation`. English is bundled as the fallback.
 */
const loaders: Record<string, () => Promise<{ default: Translation }>> = {};

/** The table for a BCP 47 locale: exact tag, then its language, then English. */
export async function loadTranslation(locale: string): Promise<Translation> {
  const tag = locale.toLowerCase();
  const load = loaders[tag] ?? loaders[tag.split("-")[0] ?? ""];
  return load ? (await load()).default : en;
}

export { en };
