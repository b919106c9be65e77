import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** Loaded on the first passkey ceremony: most servers start and serve far more often than they register passkeys. */
const webauthn = () => import("@simplewebauthn/server");

export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;
/** WebAuthn's limit on a credential id (§5.1 of Level 3: "at most 1023 bytes"). */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
/** The same limit for the id's base64url text (4 characters per 3 bytes, no padding). */
export const MAX_CREDENTIAL_ID_LENGTH = Math.ceil((MAX_CREDENTIAL_ID_BYTES * 4) / 3);
/** ES256, EdDSA, RS256: what platform authenticators and security keys use; listed so no runtime changes the set. */
const ALGORITHMS = [-7, -8, -257];

export interface RelyingParty {
  rpId: string;
  rpName: string;
  /** The host pages' origins the ceremony may run on. */
  origins: string[];
}

export type CreationOptions = PublicKeyCredentialCreationOptionsJSON;
export type RequestOptions = PublicKeyCredentialRequestOptionsJSON;

/** Options for navigator.credentials.create(), excluding the user's existing passkeys. */
export async function passkeyCreationOptions(
  rp: RelyingParty,
  user: { id: string; name: string },
  excludeCredentialIds: string[],
): Promise<CreationOptions> {
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    rpID: rp.rpId,
    rpName: rp.rpName,
    userID: new TextEncoder().encode(user.id),
    userName: user.name,
    userDisplayName: user.name,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    attestationType: "none",
    excludeCredentials: excludeCredentialIds.map((id) => ({ id })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

export interface RegisteredPasskey {
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** The authenticator's AAGUID (all zeros when it hides its make). */
  aaguid: string;
}

/**
 * Checks an attestation against the stored challenge, the configured RP ID and origins (never the
 * client's word for them), and the credential id: the one in the authenticator data is the one kept,
 * so it must be the id the browser reported and within WebAuthn's 1,023 bytes. A failure carries
 * the reason, for the log only.
 */
export async function verifyPasskeyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<{ passkey: RegisteredPasskey } | { reason: string }> {
  const { verifyRegistrationResponse } = await webauthn();
  if (response.id !== response.rawId) return { reason: "id and rawId differ" };
  if (!isCredentialId(response.id)) return { reason: "credential id is not base64url of 1 to 1023 bytes" };
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      // The options ask for user verification as "preferred", so it is not demanded here either.
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!result.verified) return { reason: "not verified" };
    const { credential } = result.registrationInfo;
    if (credential.id !== response.id) return { reason: "the attested credential id is not the id the browser reported" };
    if (!isCredentialId(credential.id)) return { reason: "attested credential id longer than 1023 bytes" };
    return {
      passkey: {
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
        aaguid: result.registrationInfo.aaguid,
      },
    };
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Options for navigator.credentials.get() that allow this one credential only. */
export async function passkeyRequestOptions(rp: RelyingParty, credential: { id: string; transports: string[] }): Promise<RequestOptions> {
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    timeout: WEBAUTHN_CHALLENGE_TTL_MS,
    userVerification: "preferred",
    allowCredentials: [{ id: credential.id, transports: credential.transports }],
  });
}

/**
 * Checks an assertion against the stored challenge, the configured RP ID and origins, and the stored public key
 * of the credential it must be; answers the authenticator's new signature counter, or the reason it failed.
 */
export async function verifyPasskeyAuthentication(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  expected: { challenge: string; credentialId: string; publicKey: string; counter: number; transports: string[] },
): Promise<{ counter: number } | { reason: string }> {
  if (response.id !== response.rawId) return { reason: "id and rawId differ" };
  if (response.id !== expected.credentialId) return { reason: "another credential than the challenge's" };
  const { verifyAuthenticationResponse } = await webauthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      credential: {
        id: expected.credentialId,
        publicKey: Buffer.from(expected.publicKey, "base64url"),
        counter: expected.counter,
        transports: expected.transports,
      },
      requireUserVerification: false,
    });
    if (!result.verified) return { reason: "not verified" };
    return { counter: result.authenticationInfo.newCounter };
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}

/** base64url (no padding) of 1 to 1,023 bytes. */
function isCredentialId(id: string): boolean {
  return (
    id.length > 0 &&
    id.length <= MAX_CREDENTIAL_ID_LENGTH &&
    /^[A-Za-z0-9_-]+$/.test(id) &&
    id.length % 4 !== 1 &&
    Buffer.from(id, "base64url").length <= MAX_CREDENTIAL_ID_BYTES
  );
}
