import { Hono } from "hono";
import { errors } from "../errors";
import { parseProfilePatch } from "../services/profile-schema";
import type { ProfileService } from "../services/profile";
import { readJson, methodNotAllowed } from "./http";

/** GET and PATCH /api/profile (mounted behind the session middleware). */
export function profileRoutes(profiles: ProfileService) {
  return new Hono()
    .get("/", async (c) => {
      const { profile, etag } = await profiles.getProfile(c.var.session);
      c.header("ETag", etag);
      c.header("Cache-Control", "no-store");
      return c.json(profile);
    })
    .patch("/", async (c) => {
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
    })
    .all("/", methodNotAllowed(["GET", "PATCH"]));
}
