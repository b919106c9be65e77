import { randomBytes } from "node:crypto";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Session } from "../services/session";
import type { SigningKeyRing } from "../store/signing-keys";
import type { DeviceType } from "./types";

/** The `typ` header of MFA assertions. */
export const MFA_ASSERTION_TYPE = "mfa+jwt";
/** An assertion's lifetime: `exp` is at most this long after `iat`. */
export const MFA_ASSERTION_TTL_SECONDS = 300;

/** How the user proved the second factor. */
export type MfaMethod = DeviceType | "recovery_code";

/**
 * The RFC 8176 `amr` value of each method, beside the "mfa" every assertion carries. SMS codes are "sms";
 * emailed codes, authenticator-app codes and recovery codes are one-time passwords, "otp" (`mfa_method`
 * tells them apart); a passkey is a proof of possession of a key, "pop" (synced passkeys are not
 * hardware-bound, so neither "hwk" nor "swk" can be claimed for every one).
 */
export const AMR_BY_METHOD: Readonly<Record<MfaMethod, string>> = {
  sms: "sms",
  email: "otp",
  totp: "otp",
  passkey: "pop",
  recovery_code: "otp",
};

export interface MfaAssertionClaims extends JWTPayload {
  iss: string;
  aud: string;
  sub: string;
  preferred_username: string;
  amr: string[];
  mfa_method: MfaMethod;
  nonce?: string;
  sid?: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
}

export interface AssertionSignerOptions {
  /** `iss`: PUBLIC_URL. */
  issuer: string;
  /** `aud`: MFA_ASSERTION_AUDIENCE. */
  audience: string;
  /** Seconds, at most MFA_ASSERTION_TTL_SECONDS (the default). */
  ttlSeconds?: number;
}

export interface SignedAssertion {
  assertion: string;
  /** ISO-8601. */
  expiresAt: string;
}

export interface AssertionSigner {
  sign(input: { session: Session; method: MfaMethod; nonce?: string; now?: Date }): Promise<SignedAssertion>;
}

/** Signs MFA assertions with the key ring's current key (ES256, `typ: mfa+jwt`). */
export function createAssertionSigner(keys: Pick<SigningKeyRing, "current">, options: AssertionSignerOptions): AssertionSigner {
  const ttl = Math.min(options.ttlSeconds ?? MFA_ASSERTION_TTL_SECONDS, MFA_ASSERTION_TTL_SECONDS);
  return {
    async sign({ session, method, nonce, now = new Date() }) {
      const key = await keys.current();
      const at = Math.floor(now.getTime() / 1000);
      const claims: MfaAssertionClaims = {
        iss: options.issuer,
        aud: options.audience,
        sub: session.subject,
        preferred_username: session.username,
        amr: ["mfa", AMR_BY_METHOD[method]],
        mfa_method: method,
        ...(nonce !== undefined ? { nonce } : {}),
        ...(session.sid !== undefined ? { sid: session.sid } : {}),
        auth_time: at,
        iat: at,
        exp: at + ttl,
        jti: randomBytes(16).toString("base64url"),
      };
      const assertion = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: MFA_ASSERTION_TYPE })
        .sign(key.privateKey);
      return { assertion, expiresAt: new Date((at + ttl) * 1000).toISOString() };
    },
  };
}

/** Why an MFA assertion was refused; `message` says which check failed. */
export class MfaAssertionError extends Error {
  override name = "MfaAssertionError";
}

export interface VerifyMfaAssertionOptions {
  /** The `iss` to expect: the profile-widget server's PUBLIC_URL. */
  issuer: string;
  /** The `aud` to expect: its MFA_ASSERTION_AUDIENCE. */
  audience: string;
  /** The nonce the host passed to the widget; when given, the assertion must echo it. */
  nonce?: string;
  /** The user the host expects (its session's `sub`); when given, `sub` must be it. */
  subject?: string;
  /** The keys: a jose key resolver (createRemoteJWKSet / createLocalJWKSet), or… */
  jwks?: JWTVerifyGetKey;
  /** …the JWKS URL (default: `${issuer}/.well-known/jwks.json`). */
  jwksUrl?: string;
  /** Seconds of clock skew allowed on `exp` and `iat` (default 30). */
  clockToleranceSeconds?: number;
}

const remoteSets = new Map<string, JWTVerifyGetKey>();

/**
 * Checks an MFA assertion the way a host backend should: ES256 only, `typ` mfa+jwt, signature against the
 * server's JWKS, `iss`, `aud`, `exp`, the nonce and subject when given, and "mfa" in `amr`. Returns its
 * claims; throws MfaAssertionError otherwise.
 */
export async function verifyMfaAssertion(token: string, options: VerifyMfaAssertionOptions): Promise<MfaAssertionClaims> {
  let getKey = options.jwks;
  if (!getKey) {
    const url = options.jwksUrl ?? `${options.issuer.replace(/\/$/, "")}/.well-known/jwks.json`;
    getKey = remoteSets.get(url);
    if (!getKey) {
      getKey = createRemoteJWKSet(new URL(url));
      remoteSets.set(url, getKey);
    }
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      algorithms: ["ES256"],
      typ: MFA_ASSERTION_TYPE,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ["exp", "iat", "sub", "jti"],
      clockTolerance: options.clockToleranceSeconds ?? 30,
    }));
  } catch (err) {
    throw new MfaAssertionError(`MFA assertion refused: ${describe(err)}`);
  }
  if (options.nonce !== undefined && payload.nonce !== options.nonce) {
    throw new MfaAssertionError("MFA assertion refused: its nonce is not the one expected");
  }
  if (options.subject !== undefined && payload.sub !== options.subject) {
    throw new MfaAssertionError("MFA assertion refused: it is for another user (sub)");
  }
  if (!Array.isArray(payload.amr) || !payload.amr.includes("mfa")) {
    throw new MfaAssertionError('MFA assertion refused: its amr does not contain "mfa"');
  }
  return payload as MfaAssertionClaims;
}

function describe(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return "it has expired (exp)";
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return "its alg is not ES256";
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === "typ") return 'its typ is not "mfa+jwt"';
    return `the ${err.claim} claim is wrong (${err.reason})`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (err instanceof joseErrors.JWKSNoMatchingKey) return "no key in the JWKS matches its kid";
  return err instanceof Error ? err.message : String(err);
}
