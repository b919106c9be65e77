import * as v from "valibot";
import {
  E164,
  EMAIL,
  EMAIL_MAX_LENGTH,
  HIDDEN_CHARACTERS_MESSAGE,
  isDisplaySafe,
  NICKNAME_MAX_LENGTH,
  normalizePhone,
  RULE_MESSAGES,
} from "../../../contract/rules";

/** The fields of the device requests, as valibot schemas (the OpenAPI document's JSON Schemas come from these). */

export const Nickname = v.pipe(
  v.string("Must be text."),
  v.trim(),
  v.minLength(1, "Enter a name for the device."),
  v.maxLength(NICKNAME_MAX_LENGTH, `Must be ${NICKNAME_MAX_LENGTH} characters or fewer.`),
  v.check(isDisplaySafe, HIDDEN_CHARACTERS_MESSAGE),
);

export const Phone = v.pipe(
  v.string("Enter a phone number."),
  v.transform(normalizePhone),
  v.regex(E164, RULE_MESSAGES.phone),
  v.description("E.164. Spaces, dashes, dots and brackets are removed first: +1 (415) 555-0123 is +14155550123."),
);

export const Email = v.pipe(
  v.string("Enter an email address."),
  v.trim(),
  v.maxLength(EMAIL_MAX_LENGTH, `Must be ${EMAIL_MAX_LENGTH} characters or fewer.`),
  v.email(RULE_MESSAGES.email),
  v.regex(EMAIL, RULE_MESSAGES.email),
);

export const OtpActivation = v.strictObject({
  otp: v.pipe(v.string("Enter the 6-digit code."), v.trim(), v.regex(/^\d{6}$/, "Enter the 6-digit code.")),
});

/** PATCH /api/mfa/devices/{id}. */
export const RenameBody = v.strictObject({ nickname: Nickname });

/** The body of an action without parameters: `{}` (or nothing). */
export const EmptyBody = v.strictObject({});

/** POST /api/mfa/challenges. */
export const ChallengeBody = v.strictObject({
  deviceId: v.pipe(v.optional(v.pipe(v.string("Must be a device id."), v.uuid("Must be a device id."))), v.description("Omit for the default device.")),
  method: v.pipe(v.optional(v.literal("recovery_code", 'The only method without a device is "recovery_code".')), v.description("Instead of a device.")),
  purpose: v.optional(v.picklist(["sign_in", "step_up"], 'Must be "sign_in" or "step_up".'), "sign_in"),
  nonce: v.pipe(
    v.optional(v.pipe(v.string("Must be text."), v.regex(/^[\x21-\x7e]{1,256}$/, "Must be 1 to 256 visible ASCII characters."))),
    v.description("Echoed in the assertion's `nonce`; the host checks it to bind the assertion to its own sign-in."),
  ),
});
