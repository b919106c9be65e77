/**
 * The profile's own field rules, beside the shared ones in rules.ts: the server checks them on every change, the
 * widget before a save (in a chunk of its own, as only Save needs them).
 */
import { EMAIL_MAX_LENGTH } from "./rules";

/** A postal code: letters, digits, spaces and hyphens, starting with a letter or digit. */
export const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

/** The longest value each text field of the profile takes (the API's field paths). */
export const PROFILE_MAX_LENGTH = {
  givenName: 100,
  familyName: 100,
  email: EMAIL_MAX_LENGTH,
  "address.streetAddress": 200,
  "address.locality": 100,
  "address.region": 100,
  "address.postalCode": 20,
} as const;

/** The server's words for these rules (the widget says them in its own language, or these in English). */
export const PROFILE_MESSAGES = {
  postalCode: "Enter a valid postal code: letters, digits, spaces and hyphens.",
  max: (n: number) => `Must be ${n} characters or fewer.`,
} as const;
