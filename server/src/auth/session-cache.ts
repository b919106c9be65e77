import { errors } from "../errors";
import type { Session } from "../services/session";
import type { SessionVerifier } from "./verify-session";

export interface SessionCacheOptions {
  /** Most tokens remembered; the least recently used is dropped first. */
  maxEntries: number;
  /** Longest a verified token is trusted without verifying it again (bounds key revocation lag). */
  maxAgeMs: number;
  sessionMaxAgeSeconds: number;
  clockToleranceSeconds: number;
  now?: () => number;
}

/** The server's bounds: enough tokens for a busy instance, and a key revocation felt within a minute. */
export const SESSION_CACHE_BOUNDS = { maxEntries: 10_000, maxAgeMs: 60_000 } as const;

/**
 * Remembers tokens that verified, so a widget's repeated requests skip the signature check.
 * An entry never outlives the token's `exp` or `maxAgeMs`, and the session's age is checked on every use.
 * Failures are never cached: a bad token costs a full verification every time.
 */
export function cacheVerifiedSessions(verify: SessionVerifier, options: SessionCacheOptions): SessionVerifier {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { session: Session; until: number }>();

  return async function verifyCached(token: string): Promise<Session> {
    const t = now();
    const hit = entries.get(token);
    if (hit && hit.until > t) {
      const signedInAt = hit.session.authTime ?? hit.session.issuedAt;
      if (t / 1000 - signedInAt > options.sessionMaxAgeSeconds + options.clockToleranceSeconds) {
        entries.delete(token);
        throw errors.sessionExpired();
      }
      // Re-inserting keeps the Map in least-recently-used order.
      entries.delete(token);
      entries.set(token, hit);
      return hit.session;
    }
    if (hit) entries.delete(token);
    const session = await verify(token);
    entries.set(token, { session, until: Math.min(session.expiresAt * 1000, t + options.maxAgeMs) });
    if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    return session;
  };
}
