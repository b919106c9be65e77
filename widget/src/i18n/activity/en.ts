import type { ActivityType } from "../../../../contract/api.js";

/**
 * The English strings of the activity screen (screens/activity/). They load with its chunk, so neither the profile
 * flow nor the devices flow downloads them until the screen opens; this table defines the `ActivityTranslation` type
 * that every other language file satisfies.
 */
const en = {
  /** The card's header in `data-flow="activity"`. */
  heading: "Account security",
  subtitle: "What happened on your account, and a copy of your data",

  title: "Recent activity",
  intro: "Sign-ins, changes to your profile and your sign-in devices, newest first.",
  /** The list's accessible name. */
  listLabel: "Security events",
  loading: "Loading your activity…",
  empty: "No activity yet",
  emptyText: "Sign-ins and changes to your account will show up here.",
  loadFailed: "We couldn't load your activity.",
  showMore: "Show more",
  loadingMore: "Loading…",
  /** An event of the last minute; older ones say how long ago in the language's own words (Intl). */
  justNow: "Just now",
  /** The browser and the system an event came from: "Chrome on Linux". */
  browserOn: (browser: string, os: string) => `${browser} on ${os}`,

  /** Each kind of event, as the list titles it. */
  events: {
    "user.created": "Account created",
    "profile.updated": "Profile updated",
    "profile.change.opened": "New address entered",
    "profile.change.verified": "New address confirmed",
    "profile.change.code_rejected": "Wrong code for a new address",
    "profile.change.cancelled": "Address change cancelled",
    "mfa.enabled": "Two-step verification turned on",
    "mfa.disabled": "Two-step verification turned off",
    "mfa.recovery_codes.created": "Recovery codes created",
    "mfa.recovery_codes.replaced": "Recovery codes replaced",
    "mfa.device.added": "Sign-in device setup started",
    "mfa.device.activated": "Sign-in device added",
    "mfa.device.renamed": "Sign-in device renamed",
    "mfa.device.default_set": "Default sign-in device changed",
    "mfa.device.removed": "Sign-in device removed",
    "mfa.device.code_rejected": "Wrong code for a new sign-in device",
    "mfa.device.discarded": "Unfinished sign-in device removed",
    "mfa.verification.succeeded": "Signed in with two-step verification",
    "mfa.verification.failed": "Verification failed",
  } satisfies Record<ActivityType, string>,
  /** A successful verification before a sensitive change (purpose `step_up`), and the two with a recovery code. */
  stepUp: "Confirmed it's you",
  recoverySignIn: "Signed in with a recovery code",
  recoveryStepUp: "Confirmed it's you with a recovery code",
  recoveryCode: "Recovery code",
  /** Why a verification failed or a device was discarded, when the server says. */
  reasons: {
    wrong_proof: "The code or passkey wasn't right",
    expired: "The request had expired",
    locked: "Too many wrong attempts",
    delivery_failed: "The code couldn't be sent",
    device_gone: "The device was no longer there",
  },
  /** The device types and the names new devices get, as the devices flow words them. */
  types: {
    sms: "Text message (SMS)",
    email: "Email",
    totp: "Authenticator app",
    passkey: "Passkey",
  },
  nicknames: {
    sms: "Phone",
    email: "Email",
    totp: "Authenticator app",
    passkey: "Passkey",
  },

  notYou: "Wasn't you?",
  getHelp: "Get help securing your account",
  newTab: "(opens in a new tab)",
  notYouAdvice: "If you don't recognize something here, change your password and remove any sign-in device you don't know.",

  dataTitle: "Your data",
  dataText: "Download a copy of your profile, your sign-in devices and this activity, as a JSON file.",
  download: "Download my data",
  downloading: "Preparing your download…",
  downloadFailed: "Your data couldn't be downloaded.",
};

export type ActivityTranslation = typeof en;
export default en;
