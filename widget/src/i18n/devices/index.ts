import { loadTable } from "../index.js";
import en, { type DevicesTranslation } from "./en.js";

export type { DevicesTranslation };

/**
 * The devices flow's strings in other languages, each its own chunk, loaded with the flow for the language the
 * widget chose (its `Translation`'s `lang`). English is part of the flow's chunk as the fallback.
 */
const loaders: Record<string, () => Promise<{ default: DevicesTranslation }>> = {
  ar: () => import("./ar.js"),
  de: () => import("./de.js"),
  es: () => import("./es.js"),
  fr: () => import("./fr.js"),
  it: () => import("./it.js"),
  ja: () => import("./ja.js"),
  nl: () => import("./nl.js"),
  "pt-br": () => import("./pt-BR.js"),
};

/** The devices table for a language tag such as `de` or `pt-BR`; English when there is none or it can't be loaded. */
export const loadDevicesTranslation = (lang: string): Promise<DevicesTranslation> => loadTable(loaders, lang, en);
