import type { ProfileTranslation } from "./profile/en.js";

/**
 * The English table, bundled with the widget as the fallback. It defines the `Translation` type that every other
 * language file (`de.ts`, `ar.ts`, …) must satisfy, so a missing or extra key fails the type check; function-valued
 * terms take the values they interpolate (and handle plurals and word order for their language).
 */
const en = {
  /** BCP 47 tag of this table, set as `lang` on the widget so screen readers pick the right voice. */
  lang: "en",
  /** Text direction: `rtl` lays the whole card out right to left. */
  dir: "ltr" as "ltr" | "rtl",

  profileHeading: "Profile",
  profileSubtitle: "Manage your personal details",
  signedInAs: (username: string) => `Signed in as ${username}`,
  loading: "Loading your profile…",

  nameSection: "Name",
  contactSection: "Contact",
  addressSection: "Address",
  givenName: "First name",
  familyName: "Last name",
  email: "Email",
  phone: "Phone",
  phoneHint: "International format, e.g. +14155550123",
  protectedNote: "Changing your email or phone requires a recent sign-in.",
  /** The same, for a section whose protected fields are not both the email and the phone. */
  protectedNoteAny: "Changing these details requires a recent sign-in.",
  streetAddress: "Street address",
  locality: "City",
  region: "State / Province",
  postalCode: "Postal code",
  countryCode: "Country",
  selectCountry: "Select a country",
  /** The section of a schema's fields that are neither name nor contact. */
  detailsSection: "Details",
  /** The first choice of a list (an enum) with none chosen. */
  selectOption: "Choose…",
  requiredNote: "Required",
  /** A read-only value: a checkbox's, or none. */
  yes: "Yes",
  no: "No",
  notSet: "Not set",

  save: "Save",
  saving: "Saving…",
  discard: "Discard changes",
  tryAgain: "Try again",
  /** Offered beside "sign in again" when the person can confirm with one of their devices instead. */
  confirmIdentity: "Confirm it's you",
  /** Beside a change that needs a recent sign-in, when the person has no device to confirm with. */
  signInAgain: "Sign in again",
  reauthConfirm: "For your security, confirm it's you to change your email or phone. Your changes are kept.",
  saved: "Your profile has been saved.",
  changesKept: "Your changes are kept.",

  invalidEmail: "Enter a valid email address, e.g. name@example.com.",
  invalidPhone: "Start the number with + and the country code.",
  /**
   * What each field accepts, shown beside a field the server refused. The server's own words are English, so the
   * English table is null: it shows them as they are. Other languages list every field.
   */
  invalidField: null as Record<
    | "givenName"
    | "familyName"
    | "email"
    | "phone"
    | "address.streetAddress"
    | "address.locality"
    | "address.region"
    | "address.postalCode"
    | "address.countryCode",
    string
  > | null,

  /**
   * Save's words for a field's problem and for a change that waits for its code (i18n/profile/en.ts): English comes
   * with Save's chunk, so the English table is null; other languages give theirs here.
   */
  profile: null as ProfileTranslation | null,

  notSignedInTitle: "You're not signed in",
  signedOutTitle: "You've been signed out",
  wrongAccountTitle: "Wrong account",
  loadErrorTitle: "We couldn't load your profile",

  devicesHeading: "Multi-factor authentication",
  devicesSubtitle: "A second step that keeps your account yours",
  loadingDevices: "Loading your devices…",
  loadingActivity: "Loading your activity…",
  devicesLoadErrorTitle: "We couldn't load your devices",

  /**
   * One message per error code the server or the widget can produce; the devices flow's own table adds its codes.
   * `unknown` covers the rest, including the codes a correct widget never provokes (`invalid_json`,
   * `invalid_request`, `unknown_field`, `unsupported_media_type`, `payload_too_large`, `method_not_allowed`).
   */
  errors: {
    session_missing: "Sign in to view and edit your profile.",
    session_invalid: "We couldn't verify your sign-in. Sign in again to continue.",
    session_expired: "Your session has expired. Sign in again to continue.",
    username_mismatch: "You're signed in with a different account than this page expects. Sign in again with the right account.",
    reauthentication_required: "For your security, sign in again to change your email or phone. Your changes are kept.",
    version_conflict:
      "Your profile was changed somewhere else. We loaded the latest version and kept your edits — review them and save again.",
    validation_failed: "Some details need your attention.",
    precondition_required: "Your profile couldn't be saved. Reload the page and try again.",
    network_error: "Can't reach the server. Check your connection and try again.",
    rate_limited: "Too many attempts. Wait a moment and try again.",
    service_unavailable: "The service is briefly unavailable. Try again in a moment.",
    internal_error: "Something went wrong on our side. Try again in a moment.",
    unknown: "Something went wrong. Try again in a moment.",
  },
};

export type Translation = typeof en;
export type ErrorCode = keyof Translation["errors"];
export default en;
