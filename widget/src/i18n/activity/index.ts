import { loadTable } from "../index.js";
import en, { type ActivityTranslation } from "./en.js";

export type { ActivityTranslation };

/**
 * The activity screen's strings in other languages, each its own chunk, loaded with the screen for the language the
 * widget chose (its `Translation`'s `lang`). English is part of the screen's chunk as the fallback.
 */
const loaders: Record<string, () => Promise<{ default: ActivityTranslation }>> = {
  ar: () => import("./ar.js"),
  de: () => import("./de.js"),
  es: () => import("./es.js"),
  fr: () => import("./fr.js"),
  it: () => import("./it.js"),
  ja: () => import("./ja.js"),
  nl: () => import("./nl.js"),
  "pt-br": () => import("./pt-BR.js"),
};

/** The activity table for a language tag such as `de` or `pt-BR`; English when there is none or it can't be loaded. */
export const loadActivityTranslation = (lang: string): Promise<ActivityTranslation> => loadTable(loaders, lang, en);
