import * as v from "valibot";
import { fieldErrors, isPlainObject } from "../validation";
import {
  E164,
  EMAIL,
  HIDDEN_CHARACTERS_MESSAGE,
  isDisplaySafe,
  normalizePhone,
  RULE_MESSAGES,
} from "../../../contract/rules";
import { POSTAL_CODE, PROFILE_MAX_LENGTH as MAX, PROFILE_MESSAGES } from "../../../contract/profile-rules";
import { COUNTRY_CODES } from "../../../contract/countries";


const MESSAGES = {
  text: "Must be text.",
  control: HIDDEN_CHARACTERS_MESSAGE,
  max: PROFILE_MESSAGES.max,
  email: RULE_MESSAGES.email,
  phone: RULE_MESSAGES.phone,
  postalCode: PROFILE_MESSAGES.postalCode,
  country: "Choose a country from the list.",
} as const;

const PROTECTED = "Changing it needs a recent sign-in (else 403 reauthentication_required).";

/** A clearable text field: null or "" clears it (stored as null); otherwise trimmed text. */
const text = (max: number, ...checks: v.PipeItem<string, string, v.BaseIssue<unknown>>[]) =>
  v.nullable(
    v.pipe(
      v.string(MESSAGES.text),
      v.trim(),
      v.check(isDisplaySafe, MESSAGES.control),
      v.maxLength(max, MESSAGES.max(max)),
      v.transform((s): string | null => (s === "" ? null : s)),
      v.nullable(v.pipe(v.string(), ...checks)),
    ),
  );

const email = text(MAX.email, v.email(MESSAGES.email), v.regex(EMAIL, MESSAGES.email));
const phone = v.nullable(
  v.pipe(
    v.string(MESSAGES.text),
    // People type spaces, dashes, dots and brackets; E.164 stores digits only.
    v.transform(normalizePhone),
    v.transform((s): string | null => (s === "" ? null : s)),
    v.nullable(v.pipe(v.string(), v.regex(E164, MESSAGES.phone))),
  ),
);

export const AddressPatchSchema = v.strictObject({
  streetAddress: v.optional(text(MAX["address.streetAddress"])),
  locality: v.optional(text(MAX["address.locality"])),
  region: v.optional(text(MAX["address.region"])),
  postalCode: v.optional(text(MAX["address.postalCode"], v.regex(POSTAL_CODE, MESSAGES.postalCode))),
  countryCode: v.optional(
    v.pipe(
      v.nullable(
        v.pipe(
          v.string(MESSAGES.country),
          v.trim(),
          v.toUpperCase(),
          v.transform((s): string | null => (s === "" ? null : s)),
          v.nullable(v.picklist(COUNTRY_CODES, MESSAGES.country)),
        ),
      ),
      v.description('ISO 3166-1 alpha-2; upper-cased first ("gb" is stored as "GB").'),
    ),
  ),
});

export const ProfilePatchSchema = v.strictObject({
  givenName: v.optional(text(MAX.givenName)),
  familyName: v.optional(text(MAX.familyName)),
  email: v.optional(v.pipe(email, v.description(PROTECTED))),
  phone: v.optional(
    v.pipe(phone, v.description(`E.164; spaces, dashes, dots and brackets are removed first (+1 (415) 555-0123 is +14155550123). ${PROTECTED}`)),
  ),
  // An object schema alone would take an array as an empty address (a silent no-op): only a plain object is one.
  address: v.optional(v.nullable(v.pipe(v.custom<Record<string, unknown>>(isPlainObject), AddressPatchSchema))),
});

export type ProfilePatch = v.InferOutput<typeof ProfilePatchSchema>;
export type AddressPatch = v.InferOutput<typeof AddressPatchSchema>;

const PROFILE_KEYS = new Set(Object.keys(ProfilePatchSchema.entries));
const ADDRESS_KEYS = new Set(Object.keys(AddressPatchSchema.entries));
const READ_ONLY = new Set(["username", "id", "subject", "version", "mfaEnabled", "createdAt", "updatedAt"]);

export type ParsedPatch =
  | { ok: true; patch: ProfilePatch }
  | { ok: false; kind: "not_object" | "unknown_fields" | "invalid"; fields: Record<string, string> };


/**
 * Checks a merge-patch body: unknown or read-only keys first (a 400 naming them), then each
 * field against the schema (a 422 with one message per field path).
 */
export function parseProfilePatch(body: unknown): ParsedPatch {
  if (!isPlainObject(body)) return { ok: false, kind: "not_object", fields: {} };
  // Collected as entries: assigning a "__proto__" key to a plain object would set its prototype.
  const unknown: Array<[string, string]> = [];
  for (const key of Object.keys(body)) {
    if (READ_ONLY.has(key)) unknown.push([key, "This field cannot be changed."]);
    else if (!PROFILE_KEYS.has(key)) unknown.push([key, "Unknown field."]);
  }
  const address = Object.hasOwn(body, "address") ? body.address : undefined;
  if (isPlainObject(address)) {
    for (const key of Object.keys(address)) {
      if (!ADDRESS_KEYS.has(key)) unknown.push([`address.${key}`, "Unknown field."]);
    }
  }
  if (unknown.length > 0) return { ok: false, kind: "unknown_fields", fields: Object.fromEntries(unknown) };

  const result = v.safeParse(ProfilePatchSchema, body, { abortPipeEarly: true });
  if (result.success) return { ok: true, patch: result.output };
  const fields = fieldErrors(result.issues, (path, issue) =>
    path === "address" ? "Must be an object with address fields, or null." : issue.message,
  );
  return { ok: false, kind: "invalid", fields };
}
