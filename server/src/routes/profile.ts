import type { Context } from "hono";
import { errors } from "../errors";
import { EmptyBody, OtpActivation } from "../mfa/fields";
import { readPatch } from "../profile-schema/validate";
import type { VersionedProfile } from "../services/profile";
import { EMPTY_BODY_ERRORS, OBJECT_BODY_ERRORS, parseBody } from "./body";
import { idParam, readJson, readOptionalJson } from "./http";
import type { ApiRoute } from "./route";

/** A profile as GET, PATCH and a verified change answer it: its version in the ETag, never cached. */
function answerProfile(c: Context, { profile, etag }: VersionedProfile) {
  c.header("ETag", etag);
  c.header("Cache-Control", "no-store");
  return c.json(profile);
}

/** GET /api/profile/schema, GET and PATCH /api/profile, and the pending changes of verified fields. */
export const PROFILE_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/profile/schema",
    operationId: "getProfileSchema",
    tag: "Profile",
    summary: "The profile's fields, as a JSON Schema",
    description:
      "Public: the active profile schema (PROFILE_SCHEMA, else the built-in one) with its `x-profile` annotations, which " +
      "the widget builds its form from. The profile's own schemas in this document are generated from it. Cacheable; " +
      "send `If-None-Match` to get 304 when it has not changed.",
    session: false,
    ok: { status: 200, description: "The profile schema.", schema: "ProfileSchemaDocument", headers: ["ETag", "Cache-Control"] },
    handle(c, { profiles }) {
      const { document, etag } = profiles.definition;
      c.header("ETag", etag);
      c.header("Cache-Control", "public, max-age=300");
      if (c.req.header("If-None-Match")?.split(",").some((tag) => tag.trim() === etag)) return c.body(null, 304);
      return c.json(document);
    },
  },
  {
    method: "get",
    path: "/api/profile",
    operationId: "getProfile",
    tag: "Profile",
    summary: "Read the signed-in user's profile",
    description: "The user is found by the token's `sub`, and created on the first visit.",
    ok: { status: 200, description: "The profile.", schema: "Profile", headers: ["ETag"] },
    async handle(c, { profiles }) {
      return answerProfile(c, await profiles.getProfile(c.var.session));
    },
  },
  {
    method: "patch",
    path: "/api/profile",
    operationId: "updateProfile",
    tag: "Profile",
    summary: "Change the profile",
    description:
      "A JSON merge patch (RFC 7396) of the editable fields: send only what changes; null or a blank string clears " +
      "a field; an object (like `address`) is merged field by field, and null clears it all. The merged profile must be " +
      "valid against the profile schema (GET /api/profile/schema): a 422 names each field's problem in `fields` and, as " +
      "a JSON Schema keyword with its parameters, in `details`. `username`, unknown and read-only fields answer 400. A " +
      "change of a protected field (email or phone in the built-in schema) needs a recent sign-in (`auth_time`) or a " +
      "step-up. A new value of a verified field (`x-profile.verify`: email and phone in the built-in schema) is not " +
      "applied: a 6-digit code goes to it (email, or SMS), the other fields save, and the change waits in " +
      "`pendingChanges` for POST /api/profile/changes/{id}/verify. Saving the field again replaces its change; clearing " +
      "it applies at once and closes the change. Codes are rate limited (429 `rate_limited`); when the code cannot be " +
      "sent, the answer is 502 `delivery_failed` and nothing waits, though the other fields of the patch were saved.",
    ifMatch: true,
    body: {
      schemas: ["ProfilePatch"],
      required: true,
      examples: {
        name: { givenName: "Ada", familyName: "Lovelace" },
        address: { address: { streetAddress: "12 St James's Square", locality: "London", postalCode: "SW1Y 4JH", countryCode: "GB" } },
        contact: { email: "ada@example.com", phone: "+442071234567" },
      },
    },
    ok: { status: 200, description: "The saved profile.", schema: "Profile", headers: ["ETag"] },
    errors: [
      ...OBJECT_BODY_ERRORS,
      errors.reauthenticationRequired(),
      errors.versionConflict(),
      errors.preconditionRequired(),
      errors.rateLimited(30),
      errors.deliveryFailed("email"),
      errors.verificationUnavailable("email"),
    ],
    async handle(c, { profiles }) {
      const ifMatch = c.req.header("If-Match");
      if (!ifMatch) throw errors.preconditionRequired();
      const parsed = readPatch(profiles.definition, await readJson(c));
      if (!parsed.ok) {
        if (parsed.kind === "not_object") throw errors.invalidBody("The body must be a JSON object of profile fields.");
        throw errors.unknownFields(parsed.fields);
      }
      return answerProfile(c, await profiles.updateProfile(c.var.session, ifMatch, parsed));
    },
  },
  {
    method: "post",
    path: "/api/profile/changes/{id}/verify",
    operationId: "verifyProfileChange",
    tag: "Profile",
    summary: "Apply a pending change with its code",
    description:
      "The 6-digit code sent to the new address applies the change: the new value is saved (the profile's version " +
      "moves on, so its ETag changes) and the old address, if there was one, is told, with the new one masked. The " +
      "value must still be valid against the profile schema. Five wrong codes lock the change; a code works once, " +
      "for its own change only. Another user's change answers 404.",
    body: { schemas: ["VerifyOtp"], required: true, examples: { otp: { otp: "123456" } } },
    ok: { status: 200, description: "The profile, with the value applied.", schema: "Profile", headers: ["ETag"] },
    errors: [...OBJECT_BODY_ERRORS, errors.otpInvalid(4), errors.notFound(), errors.otpExpired(), errors.changeLocked()],
    async handle(c, { profiles }) {
      const id = idParam(c);
      const { otp } = parseBody(OtpActivation, await readJson(c));
      return answerProfile(c, await profiles.verifyChange(c.var.session, id, otp));
    },
  },
  {
    method: "post",
    path: "/api/profile/changes/{id}/resend",
    operationId: "resendProfileChangeCode",
    tag: "Profile",
    summary: "Send a pending change a new code",
    description:
      "A new code, valid for 10 minutes, replaces the one sent before; wrong codes already entered still count. Rate " +
      "limited per field and per user, across every server process.",
    body: { schemas: ["EmptyBody"], required: false },
    ok: { status: 202, description: "A new code is on its way; `resendAvailableAt` is when another may be asked for.", schema: "ResentChange" },
    errors: [
      ...EMPTY_BODY_ERRORS,
      errors.notFound(),
      errors.rateLimited(30),
      errors.changeLocked(),
      errors.deliveryFailed("sms"),
      errors.verificationUnavailable("sms"),
    ],
    async handle(c, { profiles }) {
      const id = idParam(c);
      parseBody(EmptyBody, await readOptionalJson(c));
      return c.json(await profiles.resendChange(c.var.session, id), 202);
    },
  },
  {
    method: "delete",
    path: "/api/profile/changes/{id}",
    operationId: "cancelProfileChange",
    tag: "Profile",
    summary: "Cancel a pending change",
    description: "The field keeps its value and the code sent stops working.",
    ok: { status: 204, description: "Cancelled." },
    errors: [errors.notFound()],
    async handle(c, { profiles }) {
      await profiles.cancelChange(c.var.session, idParam(c));
      return c.body(null, 204);
    },
  },
];
