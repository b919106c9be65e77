import { Hono } from "hono";
import type { Kysely } from "kysely";
import * as v from "valibot";
import type { DemoIssuer } from "../demo/issuer";
import { errors } from "../errors";
import { listOutboxMessages } from "../store/outbox";
import type { Database } from "../store/schema";
import { methodNotAllowed, readJson } from "./http";

const SessionRequest = v.strictObject({
  username: v.pipe(
    v.string("Enter a username."),
    v.trim(),
    v.regex(/^[A-Za-z0-9._@+-]{1,64}$/, "Use 1–64 letters, digits, or . _ @ + -"),
  ),
  authAgeSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30 * 24 * 3600)), 0),
});

/** Demo mode only: a stand-in identity provider for the demo page, and the outbox of codes it "sent". */
export function demoRoutes(issuer: DemoIssuer, db: Kysely<Database>) {
  return new Hono()
    .get("/outbox", async (c) => {
      const rows = await listOutboxMessages(db);
      c.header("Cache-Control", "no-store");
      return c.json({
        messages: rows.map((m) => ({ id: m.id, channel: m.channel, to: m.recipient, text: m.text, createdAt: m.created_at })),
      });
    })
    .all("/outbox", methodNotAllowed(["GET"]))
    .get("/jwks.json", (c) => {
      c.header("Cache-Control", "public, max-age=300");
      return c.json(issuer.jwks);
    })
    .all("/jwks.json", methodNotAllowed(["GET"]))
    .post("/session", async (c) => {
      const result = v.safeParse(SessionRequest, await readJson(c));
      if (!result.success) {
        const fields: Record<string, string> = {};
        for (const issue of result.issues) fields[v.getDotPath(issue) ?? "body"] ??= issue.message;
        throw errors.validationFailed(fields);
      }
      const { token, expiresAt } = await issuer.issueToken(result.output);
      c.header("Cache-Control", "no-store");
      return c.json({ token, expiresAt });
    })
    .all("/session", methodNotAllowed(["POST"]));
}
