import { createHash } from "node:crypto";

/** The verified session a request acts for. Times are Unix seconds. */
export interface Session {
  subject: string;
  username: string;
  issuedAt: number;
  expiresAt: number;
  /** When the user last actually signed in (`auth_time`); absent when the token doesn't say. */
  authTime?: number;
  /** The token's `sid` (its identity provider's session), when it has one. */
  sid?: string;
  /** The token's `jti`, when it has one. */
  jti?: string;
  /** SHA-256 of the token itself (base64url), set where the token is read. */
  tokenHash?: string;
}

/**
 * What a step-up is bound to: the identity provider's session (`sid`), else the token's `jti`, else the
 * token itself — hashed with the user, so it is never the same for two users.
 */
export function sessionKey(userId: string, session: Session): string {
  const which = session.sid !== undefined ? `sid:${session.sid}` : session.jti !== undefined ? `jti:${session.jti}`
    : session.tokenHash !== undefined ? `token:${session.tokenHash}` : `token:${session.subject}:${session.issuedAt}:${session.expiresAt}`;
  return createHash("sha256").update(`${userId}\n${which}`).digest("base64url");
}

/** Whether the user signed in recently enough for a protected change. A token without `auth_time` never is. */
export function isRecentSignIn(session: Session, maxAgeSeconds: number, now = Date.now() / 1000): boolean {
  return session.authTime !== undefined && now - session.authTime <= maxAgeSeconds;
}
