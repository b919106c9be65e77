import UAParser from "ua-parser-js";

/**
 * What a User-Agent header says of the browser and the system it runs on, read by ua-parser-js (a maintained
 * parser that follows new browsers): one reading for every place that shows it — the activity's "Firefox 133 ·
 * Windows", a new passkey's name "Chrome on macOS".
 */
export interface ClientSoftware {
  browser: { name: string; version: string | null } | null;
  os: { name: string; version: string | null } | null;
}

/** The names people know, for the parser's variants of one browser or system. */
const BROWSER_NAMES: Readonly<Record<string, string>> = {
  "Chrome Headless": "Chrome",
  "Chrome WebView": "Chrome",
  Chromium: "Chrome",
  "Mobile Safari": "Safari",
  "Mobile Firefox": "Firefox",
  "Samsung Browser": "Samsung Internet",
};
const SYSTEM_NAMES: Readonly<Record<string, string>> = { "Mac OS": "macOS", "Chromium OS": "ChromeOS", "Chrome OS": "ChromeOS" };
/** Systems whose User-Agent version is frozen (every Mac says 10.15.7, Windows 11 says 10): a version would mislead. */
const FROZEN_VERSIONS = new Set(["macOS", "Windows", "ChromeOS"]);

const cache = new Map<string, ClientSoftware>();

export function clientSoftware(userAgent: string | null | undefined): ClientSoftware {
  if (!userAgent) return { browser: null, os: null };
  const cached = cache.get(userAgent);
  if (cached) return cached;
  const { browser, os } = new UAParser(userAgent).getResult();
  const osName = os.name ? (SYSTEM_NAMES[os.name] ?? os.name) : null;
  const value: ClientSoftware = {
    browser: browser.name ? { name: BROWSER_NAMES[browser.name] ?? browser.name, version: browser.major ?? null } : null,
    os: osName ? { name: osName, version: FROZEN_VERSIONS.has(osName) ? null : (os.version ?? null) } : null,
  };
  // The same few strings come back all day; a forged flood of new ones only empties the cache.
  if (cache.size >= 1000) cache.clear();
  cache.set(userAgent, value);
  return value;
}

/** "Firefox 133" and "iOS 17.5": each with its version when it has one; null when unknown. */
export function softwareLabels(userAgent: string | null | undefined): { browser: string | null; os: string | null } {
  const { browser, os } = clientSoftware(userAgent);
  const label = (part: { name: string; version: string | null } | null) => (part ? [part.name, part.version].filter(Boolean).join(" ") : null);
  return { browser: label(browser), os: label(os) };
}
