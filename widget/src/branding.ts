/**
 * The host's branding attributes are untrusted strings (they may come from a tenant's settings):
 * the logo may only load over https or from the page's own origin, and its style may only size and space it.
 * The help page of the activity screen (`data-help-url`) is held to the same rule as the logo.
 */

/** A host-given URL's absolute form (the logo, the help page), or null when it must not be used at all. */
export function safeUrl(raw: string | null | undefined, baseURI: string, pageOrigin: string): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value, baseURI);
  } catch {
    return null;
  }
  // blob: and data: URLs report an origin too, so the scheme is checked first.
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && pageOrigin !== "null" && url.origin === pageOrigin) return url.href;
  return null;
}

const LOGO_STYLE_PROPERTIES = new Set(
  ["width", "height", "max-width", "max-height", "min-width", "min-height"].concat(
    ...["margin", "padding"].map((box) => [box, ...["top", "right", "bottom", "left"].map((side) => `${box}-${side}`)]),
  ),
);
const LENGTH = /^(?:0|auto|(?:\d+|\d*\.\d+)(?:px|rem|em|%|vh|vw))$/;
// Characters that only matter for escaping a declaration, a rule or a string: the whole input is refused.
const SMUGGLING = /[\\{}"'<>]|\/\*/;

/** The allowed `property: value` pairs of a logo style, to apply with `style.setProperty`. */
export function safeLogoStyle(raw: string | null | undefined): Array<[string, string]> {
  if (!raw || raw.length > 1000 || SMUGGLING.test(raw)) return [];
  const kept: Array<[string, string]> = [];
  for (const declaration of raw.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim().toLowerCase().replace(/\s+/g, " ");
    const tokens = value.split(" ");
    if (LOGO_STYLE_PROPERTIES.has(property) && tokens.length <= 4 && tokens.every((token) => LENGTH.test(token))) {
      kept.push([property, value]);
    }
  }
  return kept;
}
