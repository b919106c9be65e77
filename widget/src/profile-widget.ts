import { ProfileWidget } from "./profile-widget.component.js";

export { ProfileWidget };
export { ApiError } from "./api/client.js";
export type { Address, Profile, ProfilePatch } from "./api/client.js";
export type * from "./events.js";
export type { ProfileWidgetAttributes } from "./attributes.js";
export type { Translation } from "./i18n/en.js";

// Guarded so the module can be imported where custom elements do not exist (Node, server-side rendering) or twice on
// one page. Lit itself is made safe to load without a DOM by the build (vite.config.ts, domlessImport).
if (typeof customElements !== "undefined" && !customElements.get("profile-widget")) {
  customElements.define("profile-widget", ProfileWidget);
}

declare global {
  interface HTMLElementTagNameMap {
    "profile-widget": ProfileWidget;
  }
}
