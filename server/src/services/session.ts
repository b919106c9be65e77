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
}

/** Whether the user signed in recently enough for a protected change. A token without `auth_time` never is. */
export function isRecentSignIn(session: Session, maxAgeSeconds: number, now = Date.now() / 1000): boolean {
  return session.authTime !== undefined && now - session.authTime <= maxAgeSeconds;
}
