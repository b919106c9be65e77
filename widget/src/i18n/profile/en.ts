import { HIDDEN_CHARACTERS_MESSAGE } from "../../../../contract/text.js";

/**
 * What the profile's Save says, beyond the widget's table: a field's problem by JSON Schema keyword (the server's
 * words, in English), and a changed email or phone that waits for its code. English is part of Save's chunk
 * (screens/profile-save.ts); every other language carries its own in its table's `profile` (`de.ts` imports
 * `profile/de.ts`), so no language fetches one more file for it.
 */
const profileEn = {
  /** Beside a field whose value the schema refuses; the numbers are the schema's limits. */
  problems: {
    required: "This field is required.",
    minLength: (limit: number) => (limit === 1 ? "This field is required." : `Must be at least ${limit} characters.`),
    maxLength: (limit: number) => `Must be ${limit} characters or fewer.`,
    pattern: "Enter a value in the expected format.",
    email: "Enter a valid email address, like name@example.com.",
    tel: "Enter the number in international format: + then country code and number, like +14155550123.",
    date: "Enter a date as YYYY-MM-DD.",
    uri: "Enter a full web address, like https://example.com.",
    enum: "Choose one of the listed values.",
    integer: "Must be a whole number.",
    number: "Must be a number.",
    minimum: (limit: number) => `Must be ${limit} or more.`,
    maximum: (limit: number) => `Must be ${limit} or less.`,
    minItems: (limit: number) => `Choose at least ${limit}.`,
    maxItems: (limit: number) => `Choose at most ${limit}.`,
    displaySafe: HIDDEN_CHARACTERS_MESSAGE,
    country: "Choose a country from the list.",
    readOnly: "This field cannot be changed.",
    other: "This value is not accepted.",
  },

  /** A new email or phone waits beside its field for the code sent to it (`target`: the new address, masked). */
  codeSent: (target: string) => `Enter the code we sent to ${target}.`,
  /** Until then the field keeps the address it had. */
  waitingNote: "Your current address stays until the new one is confirmed.",
  code: "Code",
  verify: "Verify",
  verifying: "Verifying…",
  noCode: "Didn't get it?",
  resend: "Resend code",
  resendIn: (seconds: number) => `Resend code in ${seconds}s`,
  sending: "Sending…",
  cancel: "Cancel",
  invalidCode: "Enter the 6 digits of the code.",
  resent: (target: string) => `We sent a new code to ${target}.`,
  /** After a save that only opened a change (nothing else changed): it applies once the code is entered. */
  codeNeeded: "Almost done: enter the code we sent to confirm your new address.",
  applied: (field: string) => `${field} confirmed and saved.`,
  cancelled: (field: string) => `The change of ${field} was cancelled.`,
  errors: {
    otp_invalid: (attemptsLeft: number | undefined) =>
      attemptsLeft === undefined
        ? "That code isn't right. Check it and try again."
        : `That code isn't right. ${attemptsLeft} ${attemptsLeft === 1 ? "attempt" : "attempts"} left.`,
    otp_expired: "This code has expired. Ask for a new one.",
    too_many_attempts: "Too many wrong codes. Cancel the change and start again.",
    rate_limited: "Wait a moment before asking for another code.",
    not_found: "This change is no longer waiting. Reload the page to see your profile.",
  },
};

export type ProfileTranslation = typeof profileEn;
export default profileEn;
