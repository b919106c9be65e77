import { errors } from "../errors";
import { readPatch } from "../profile-schema/validate";
import { OBJECT_BODY_ERRORS } from "./body";
import { readJson } from "./http";
import type { ApiRoute } from "./route";

/** GET /api/profile/schema, GET and PATCH /api/profile. */
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
      "a field; an object (like `address`) is merged field by field, and null clears it all. The merged profile must be " +
      "valid against the profile schema (GET /api/profile/schema): a 422 names each field's problem in `fields` and, as " +
      "a JSON Schema keyword with its parameters, in `details`. `username`, unknown and read-only fields answer 400. A " +
      "change of a protected field (email or phone in the built-in schema) needs a recent sign-in (`auth_time`) or a " +
      "step-up. A new value of a verified field is not applied: it waits in `pendingChanges` for the code sent to it.",
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
      const parsed = readPatch(profiles.definition, await readJson(c));
      if (!parsed.ok) {
        if (parsed.kind === "not_object") throw errors.invalidBody("The body must be a JSON object of profile fields.");
        throw errors.unknownFields(parsed.fields);
      }
      const { profile, etag } = await profiles.updateProfile(c.var.session, ifMatch, parsed);
      c.header("ETag", etag);
      c.header("Cache-Control", "no-store");
      return c.json(profile);
    },
  },
];
