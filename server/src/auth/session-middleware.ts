import { createHash } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { errors } from "../errors";
import type { Session } from "../services/session";
import { MAX_TOKEN_LENGTH, type SessionVerifier } from "./verify-session";

declare module "hono" {
  interface ContextVariableMap {
    session: Session;
  }
}

/** Requires `Authorization: Bearer <jwt>`; tokens are never read from the query, body or cookies. */
export function requireSession(verify: SessionVerifier) {
  return createMiddleware(async function sessionMiddleware(c, next) {
    const header = c.req.header("Authorization");
    if (!header) throw errors.sessionMissing();
    if (header.length > MAX_TOKEN_LENGTH + 7) throw errors.sessionInvalid("The Authorization header is too large.");
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match?.[1]) throw errors.sessionInvalid("Send the session token as `Authorization: Bearer <token>`.");
    const session = await verify(match[1]);
    c.set("session", { ...session, tokenHash: createHash("sha256").update(match[1]).digest("base64url") });
    await next();
  });
}
