import { errors } from "../errors";
import { parseProfilePatch } from "../services/profile-schema";
import { OBJECT_BODY_ERRORS } from "./body";
import { readJson } from "./http";
import type { ApiRoute } from "./route";

/** GET and PATCH /api/profile. */
export const PROFILE_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/profile",
    operationId: "getProfile",
    tag: "Profile",
    summary: "Read the signed-in user's profile",
    description: "The user is found by the token's `sub`, and created on the first visit.",
    ok: { status: 200, description: "The profile.", schema: "Profile", headers: ["ETag"] },
    async handle(c, { profiles }) {
      const { profile, etag } = await profiles.getProfile(c.var.session);
      c.header("ETag", etag);
      c.header("Cache-Control", "no-store");
      return c.json(profile);
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
      "a field; `address` is merged field by field, and `\"address\": null` clears it all. `username` and other " +
      "read-only fields answer 400. A change of email or phone needs a recent sign-in (`auth_time`).",
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
    errors: [...OBJECT_BODY_ERRORS, errors.reauthenticationRequired(), errors.versionConflict(), errors.preconditionRequired()],
    async handle(c, { profiles }) {
      const ifMatch = c.req.header("If-Match");
      if (!ifMatch) throw errors.preconditionRequired();
      const parsed = parseProfilePatch(await readJson(c));
      if (!parsed.ok) {
        if (parsed.kind === "not_object") throw errors.invalidBody("The body must be a JSON object of profile fields.");
        if (parsed.kind === "unknown_fields") throw errors.unknownFields(parsed.fields);
        throw errors.validationFailed(parsed.fields);
      }
      const { profile, etag } = await profiles.updateProfile(c.var.session, ifMatch, parsed.patch);
      c.header("ETag", etag);
      c.header("Cache-Control", "no-store");
      return c.json(profile);
    },
  },
];
