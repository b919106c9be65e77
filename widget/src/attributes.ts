/** The element's attributes with their values, for framework typings (`profile-widget/react`, `profile-widget/vue`). */
export interface ProfileWidgetAttributes {
  "data-flow"?: "profile" | "devices" | "verify" | "activity";
  "data-nonce"?: string;
  "data-purpose"?: "sign_in" | "step_up";
  "data-api-url"?: string;
  "data-session-token"?: string;
  "data-username"?: string;
  "data-company-name"?: string;
  "data-logo-url"?: string;
  "data-logo-style"?: string;
  "data-help-url"?: string;
  "data-locale"?: string;
  "data-theme"?: "light" | "dark" | "auto";
}
