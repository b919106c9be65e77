import { POSTAL_CODE, PROFILE_MAX_LENGTH, PROFILE_MESSAGES } from "../../../contract/profile-rules.js";
import { E164, EMAIL, HIDDEN_CHARACTERS_MESSAGE, isDisplaySafe } from "../../../contract/rules.js";
import type { Translation } from "../i18n/en.js";
import { FIELDS, normalize, type FieldErrors, type FormValues } from "./profile-form.js";

/* The profile's checks before a save: a chunk of their own, fetched once the form has shown (they run only on Save). */

/**
 * The server's checks, on changed fields only (a stored value the user did not touch never blocks a save), all at
 * once: one save shows every field's problem. Messages in the widget's language; English says the server's words.
 */
export function validate(baseline: FormValues, values: FormValues, t: Translation): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of FIELDS) {
    const value = normalize(path, values[path]);
    if (!value || value === normalize(path, baseline[path]) || path === "address.countryCode") continue;
    const max = PROFILE_MAX_LENGTH[path as keyof typeof PROFILE_MAX_LENGTH];
    const wrong = !isDisplaySafe(value)
      ? HIDDEN_CHARACTERS_MESSAGE
      : max && value.length > max
        ? PROFILE_MESSAGES.max(max)
        : path === "email" && !EMAIL.test(value)
          ? t.invalidEmail
          : path === "phone" && !E164.test(value)
            ? t.invalidPhone
            : path === "address.postalCode" && !POSTAL_CODE.test(value)
              ? PROFILE_MESSAGES.postalCode
              : "";
    if (wrong) errors[path] = path === "email" || path === "phone" ? wrong : (t.invalidField?.[path] ?? wrong);
  }
  return errors;
}
