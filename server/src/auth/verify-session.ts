import { createPublicKey, type KeyObject, type webcrypto } from "node:crypto";
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { isPrivateKey, normalizeTokenType, type Config } from "../config";
import { errors } from "../errors";
import type { Session } from "../services/session";

export type SessionVerifier = (token: string) => Promise<Session>;

/** Longest token accepted; real session JWTs are a few KB at most. */
export const MAX_TOKEN_LENGTH = 8192;

type KeySource = KeyObject | Uint8Array | JWTVerifyGetKey | webcrypto.CryptoKey;

/** Loads one PEM (SPKI) or JWK public key, refusing private or symmetric keys. */
async function loadPublicKey(text: string): Promise<KeySource> {
  const trimmed = text.trim();
  // createPublicKey() would quietly derive the public half of a private PEM key: refuse it, as a private JWK is.
  if (isPrivateKey(trimmed)) throw new Error("AUTH_PUBLIC_KEY: this is a private key; give the public key");
  if (trimmed.startsWith("{")) {
    const jwk = JSON.parse(trimmed) as Record<string, unknown>;
    if (jwk.kty === "oct") throw new Error("AUTH_PUBLIC_KEY: symmetric keys are not accepted");
    return importJWK({ ...jwk, ext: true }, typeof jwk.alg === "string" ? jwk.alg : undefined);
  }
  const key = createPublicKey(trimmed.replace(/\\n/g, "\n"));
  if (key.type !== "public") throw new Error("AUTH_PUBLIC_KEY: give a public key");
  return key;
}

/** The key set could not be fetched (down, slow, redirected, not 200, not a key set): no token can be checked. */
class JwksUnavailable extends Error {
  override name = "JwksUnavailable";
}

/**
 * Answers the remote key set's own failures as JwksUnavailable (a 503), keeping "no such key" a token
 * problem (a 401); either way nothing is let through. After a failed fetch the key set is not asked
 * again for a while (1 s, doubling with each further failure up to `maxBackoffMs`): meanwhile every
 * request is answered 503 at once, so a burst of requests during an outage costs one fetch, not one each.
 * Concurrent requests share the one fetch in flight (jose's remote key set does that).
 */
function failClosedJwks(remote: JWTVerifyGetKey, maxBackoffMs: number, now: () => number = Date.now): JWTVerifyGetKey {
  let failures = 0;
  let retryAt = 0;
  return async function keyFromJwks(header, token) {
    if (failures > 0 && now() < retryAt) throw new JwksUnavailable("the JWKS failed recently; not asking again yet");
    try {
      const key = await remote(header, token);
      failures = 0;
      return key;
    } catch (err) {
      if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) {
        failures = 0;
        throw err;
      }
      // Requests that shared the failed fetch fail together, and count as one failure.
      if (!(failures > 0 && now() < retryAt)) {
        failures += 1;
        retryAt = now() + Math.min(maxBackoffMs, 1000 * 2 ** (failures - 1));
      }
      throw new JwksUnavailable("the JWKS could not be fetched", { cause: err });
    }
  };
}

/**
 * Builds the token check: signature with the configured key or JWKS, an explicit algorithm
 * allowlist, required exp/iat/sub, issuer and audience, and the session's age from
 * `auth_time` (else `iat`) against SESSION_MAX_AGE_MINUTES.
 */
export async function createSessionVerifier(
  auth: Config["auth"],
  options: { jwks?: JWTVerifyGetKey; jwksCooldownMs?: number; jwksTimeoutMs?: number } = {},
): Promise<SessionVerifier> {
  const algorithms = auth.algorithms.filter((a) => a !== "none" && !a.startsWith("HS"));
  let key: KeySource;
  if (options.jwks) key = options.jwks;
  else if (auth.jwksUrl) {
    const cooldown = options.jwksCooldownMs ?? 30_000;
    key = failClosedJwks(
      createRemoteJWKSet(new URL(auth.jwksUrl), {
        timeoutDuration: options.jwksTimeoutMs ?? 5000,
        // A burst of unknown `kid`s causes at most one refetch per cooldown.
        cooldownDuration: cooldown,
        cacheMaxAge: 10 * 60_000,
      }),
      cooldown,
    );
  } else if (auth.publicKey) key = await loadPublicKey(auth.publicKey);
  else throw new Error("AUTH_JWKS_URL or AUTH_PUBLIC_KEY: one is required");

  const tolerance = auth.clockToleranceSeconds;
  const tokenTypes = new Set(auth.tokenTypes.map(normalizeTokenType));

  return async function verifySession(token: string): Promise<Session> {
    if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
      throw errors.sessionInvalid();
    }
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    try {
      const verified = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1] as never, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        requiredClaims: ["exp", "iat", "sub"],
        clockTolerance: tolerance,
      });
      payload = verified.payload;
      header = verified.protectedHeader;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw errors.sessionExpired();
      if (err instanceof JwksUnavailable) throw errors.unavailable();
      throw errors.sessionInvalid();
    }

    // Only session-shaped tokens: a logout token or security event token from the same issuer is no session
    // (RFC 8725 §3.11–3.12), whatever its `typ` says.
    if (header.typ !== undefined && (typeof header.typ !== "string" || !tokenTypes.has(normalizeTokenType(header.typ)))) {
      throw errors.sessionInvalid("This kind of token is not a session token.");
    }
    if ("events" in payload) throw errors.sessionInvalid("This kind of token is not a session token.");

    const now = Math.floor(Date.now() / 1000);
    const { sub, iat, exp } = payload;
    if (typeof sub !== "string" || sub.length === 0 || sub.length > 255) throw errors.sessionInvalid();
    if (typeof iat !== "number" || typeof exp !== "number") throw errors.sessionInvalid();
    if (iat > now + tolerance) throw errors.sessionInvalid("The session token was issued in the future.");
    const authTime = payload.auth_time;
    // A sign-in can't postdate the token that reports it; believing it would let an old token claim a fresh sign-in.
    if (authTime !== undefined && (typeof authTime !== "number" || authTime > now + tolerance || authTime > iat + tolerance)) {
      throw errors.sessionInvalid();
    }
    const signedInAt = typeof authTime === "number" ? authTime : iat;
    if (now - signedInAt > auth.sessionMaxAgeSeconds + tolerance) throw errors.sessionExpired();

    const claim = payload[auth.usernameClaim];
    const username = typeof claim === "string" && claim.length > 0 && claim.length <= 255 ? claim : sub;
    return {
      subject: sub,
      username,
      issuedAt: iat,
      expiresAt: exp,
      ...(typeof authTime === "number" ? { authTime } : {}),
      ...(typeof payload.sid === "string" && payload.sid.length > 0 && payload.sid.length <= 255 ? { sid: payload.sid } : {}),
      ...(typeof payload.jti === "string" && payload.jti.length > 0 && payload.jti.length <= 255 ? { jti: payload.jti } : {}),
    };
  };
}
