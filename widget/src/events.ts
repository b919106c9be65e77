export type Flow = "profile" | "devices" | "verify" | "activity";

/** What succeeded: the profile flow's save, or a step of the devices flow, or how the person left it. */
export type ProfileWidgetAction =
  | "profile_updated"
  | "mfa_enabled"
  | "mfa_disabled"
  | "device_added"
  | "device_renamed"
  | "default_changed"
  | "device_removed"
  | "recovery_codes_created"
  | "done"
  | "cancelled"
  | "verified";

export interface ProfileWidgetSuccessDetail {
  flow: Flow;
  action: ProfileWidgetAction;
  /** `verified` only: the signed MFA assertion for the host's backend to check (verifyMfaAssertion), and how it was proven. */
  assertion?: string;
  method?: "sms" | "email" | "totp" | "passkey" | "recovery_code";
}

export interface ProfileWidgetErrorDetail {
  flow: Flow;
  /** e.g. `session_missing`, `session_expired`, `username_mismatch`, `reauthentication_required`, `network_error`. */
  code: string;
  /** The message the widget showed the user, in the widget's language. */
  message: string;
}

export type ProfileWidgetSuccessEvent = CustomEvent<ProfileWidgetSuccessDetail>;
export type ProfileWidgetErrorEvent = CustomEvent<ProfileWidgetErrorDetail>;

export interface ProfileWidgetEventMap {
  "profile-widget-success": ProfileWidgetSuccessEvent;
  "profile-widget-error": ProfileWidgetErrorEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    "profile-widget-success": ProfileWidgetSuccessEvent;
    "profile-widget-error": ProfileWidgetErrorEvent;
  }
}

/** Dispatches one of the widget's events so that it crosses the shadow boundary to the host page. */
export function emit<K extends keyof ProfileWidgetEventMap>(
  target: EventTarget,
  name: K,
  detail: ProfileWidgetEventMap[K]["detail"],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
