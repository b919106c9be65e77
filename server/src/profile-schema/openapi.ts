import { COUNTRY_CODES } from "../../../contract/countries";
import type { FieldSpec, JsonSchema, ProfileDefinition } from "./definition";

/**
 * The OpenAPI document's profile schemas, generated from the active profile schema: `Profile` (what GET and PATCH
 * answer), `ProfilePatch` (what PATCH takes) and `ProfileSchemaDocument` (GET /api/profile/schema).
 */

/** A field's schema without the widget's annotations; `nullable` adds null, which clears it. */
function fieldSchema(field: FieldSpec, mode: "read" | "patch"): JsonSchema {
  const { "x-profile": x, ...schema } = field.schema as JsonSchema & { "x-profile"?: JsonSchema };
  const out: JsonSchema = { ...schema };
  if (field.type === "object") {
    out.properties = Object.fromEntries(field.children.map((c) => [c.key, fieldSchema(c, mode)]));
    if (mode === "read") out.required = field.children.map((c) => c.key);
    else delete out.required;
    out.additionalProperties = false;
  }
  const notes: string[] = [];
  if (typeof schema.description === "string") notes.push(schema.description);
  if (x?.protected) notes.push("Changing it needs a recent sign-in (else 403 reauthentication_required).");
  if (x?.verify) notes.push(`A new value applies once the code sent to it (by ${x.verify === "phone" ? "SMS" : "email"}) is entered: until then it is in pendingChanges.`);
  if (field.schema.format === "tel") notes.push("E.164; spaces, dashes, dots and brackets are removed first.");
  if (field.country) notes.push("ISO 3166-1 alpha-2, upper-cased first.");
  if (mode === "patch" && field.type === "string") notes.push("A blank string clears it, like null.");
  if (notes.length > 0) out.description = notes.join(" ");
  if (field.schema.format === "tel") {
    // What the server takes before it removes the separators.
    delete out.format;
    out.pattern = "^[\\s().-]*\\+[\\s().-]*[1-9]([\\s().-]*\\d){6,14}[\\s().-]*$";
  }
  if (field.country) out.enum = [...COUNTRY_CODES];
  out.type = [field.type, "null"];
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  // A blank string clears a text field in a patch, whatever its checks.
  if (mode === "patch" && field.type === "string") {
    const { description, ...checked } = out;
    return { ...(description ? { description } : {}), anyOf: [checked, { type: "string", pattern: "^\\s*$" }] };
  }
  return out;
}

export function profileOpenApiSchemas(def: ProfileDefinition): Record<"Profile" | "ProfilePatch" | "ProfileSchemaDocument", JsonSchema> {
  const editable = def.fields.filter((f) => !f.readOnly);
  return {
    Profile: {
      type: "object",
      description: "The signed-in user's profile: the username, then every field of the profile schema (null where unset).",
      properties: {
        username: { type: "string", readOnly: true, description: "From the session token's username claim (else `sub`); read only." },
        ...Object.fromEntries(def.fields.map((f) => [f.key, fieldSchema(f, "read")])),
        updatedAt: { type: "string", format: "date-time", description: "ISO 8601 UTC timestamp." },
        pendingChanges: { type: "array", items: { $ref: "#/components/schemas/PendingChange" } },
      },
      required: ["username", ...def.fields.map((f) => f.key), "updatedAt", "pendingChanges"],
      additionalProperties: false,
    },
    ProfilePatch: {
      type: "object",
      description: "A JSON merge patch of the profile's editable fields.",
      properties: Object.fromEntries(editable.map((f) => [f.key, fieldSchema(f, "patch")])),
      additionalProperties: false,
    },
    ProfileSchemaDocument: {
      type: "object",
      description: "A JSON Schema (draft 2020-12 or draft-07) of the profile, with `x-profile` annotations for the form.",
    },
  };
}
