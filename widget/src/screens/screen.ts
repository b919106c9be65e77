import { html, type CSSResult, type TemplateResult } from "lit";
import type { FlowContext } from "./shared.js";

/**
 * What the screens of the devices flow and the activity flow share, in a chunk of its own that either loads (the
 * profile flow never does): their sheets joined to the widget's, dates as people say them, a line of parts, a file
 * to save.
 */

/** Joins a flow's sheets to the widget's shadow root, each once, only when the flow loads. */
export function adoptStyles(ctx: FlowContext, ...styles: CSSResult[]): void {
  const root = ctx.host.renderRoot;
  // Where there are no constructable sheets (a test without a DOM) there is nothing to join.
  const sheets = styles.map((style) => style.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet);
  if (!sheets.length || !(root instanceof ShadowRoot)) return;
  const added = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (added.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...added];
}

/** A date as people read it in their language, e.g. "Mar 3, 2025". */
export function formatDate(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When something happened, as people say it in their language: "5 minutes ago", "yesterday", "3 weeks ago"; after
 * about a month, the date. Empty for "just now" (under a minute), which each caller words itself.
 */
export function formatAgo(iso: string, locale: string, now = Date.now()): string {
  const ago = Math.max(0, now - new Date(iso).getTime());
  if (ago < MINUTE) return "";
  try {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), "minute");
    if (ago < DAY) return rtf.format(-Math.floor(ago / HOUR), "hour");
    if (ago < 7 * DAY) return rtf.format(-Math.floor(ago / DAY), "day");
    if (ago < 30 * DAY) return rtf.format(-Math.floor(ago / (7 * DAY)), "week");
  } catch {
    // A locale Intl does not know: the date.
  }
  return formatDate(iso, locale);
}

/** Parts of a line, between middle dots (not read out). */
export const joined = (parts: TemplateResult[]) => parts.map((part, i) => (i ? html`<span aria-hidden="true"> · </span>${part}` : part));

/** Saves `text` as a file the person downloads (`name`), through a temporary link to a blob, revoked soon after. */
export function saveFile(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // Not at once: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
