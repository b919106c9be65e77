import en, { type DevicesTranslation } from "./en.js";

export type { DevicesTranslation };

/**
 * The devices flow's strings in other languages, each in its own chunk: add `fr: () => import("./fr.js")`
 * here beside the widget's `i18n/fr.ts`. English is part of the flow's chunk as the fallback.
 */
const loaders: Record<string, () => Promise<{ default: DevicesTranslation }>> = {};

/** The table for a BCP 47 locale: exact tag, then its language, then English. */
export async function loadDevicesTranslation(locale: string): Promise<DevicesTranslation> {
  const tag = locale.toLowerCase();
  const load = loaders[tag] ?? loaders[tag.split("-")[0] ?? ""];
  return load ? (await load()).default : en;
}
