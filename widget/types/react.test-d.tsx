// Compiled by `tsc -p widget/types`, never run: the React 19 typings accept what the element takes and refuse the rest.
import type {} from "./react.js";
import type { ProfileWidget, ProfileWidgetSuccessEvent } from "profile-widget";

const onSuccess = (event: ProfileWidgetSuccessEvent) => event.detail.action;
const ref = { current: null as ProfileWidget | null };

export const profile = (
  <profile-widget
    ref={ref}
    className="branded"
    data-flow="devices"
    data-session-token="eyJ…"
    data-company-name="Acme Travel"
    data-locale="pt-BR"
    data-theme="dark"
    getSessionToken={async () => "eyJ…"}
    onprofile-widget-success={onSuccess}
    onprofile-widget-error={(event) => console.error(event.detail.code, event.detail.message)}
  />
);

// @ts-expect-error — not a flow
export const wrongFlow = <profile-widget data-flow="settings" />;
// @ts-expect-error — not a theme
export const wrongTheme = <profile-widget data-theme="sepia" />;
// @ts-expect-error — the error event's detail has no such field
export const wrongDetail = <profile-widget onprofile-widget-error={(event) => event.detail.status} />;

// The DOM typings: the tag's element type, and typed listeners.
const element: ProfileWidget = document.createElement("profile-widget");
element.addEventListener("profile-widget-success", (event) => event.detail.flow satisfies "profile" | "devices" | "verify" | "activity");
// The verify flow's success carries the assertion for the host's backend.
element.addEventListener("profile-widget-success", (event) => event.detail.assertion satisfies string | undefined);
export const verifyFlow = <profile-widget data-flow="verify" data-nonce="n-1" data-purpose="step_up" />;
export const activityFlow = <profile-widget data-flow="activity" data-help-url="https://help.example/security" />;
// @ts-expect-error — not a purpose
export const wrongPurpose = <profile-widget data-flow="verify" data-purpose="login" />;
