import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

/** Loaded on the first passkey ceremony: most servers start and serve far more often than they register passkeys. */
const webauthn = () => import("@simplewebauthn/server");

export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;
/** ES256, EdDSA, RS256: what platform authenticators and security keys use; listed so no runtime changes the set. */
const ALGORITHMS = [-7, -8, -257];

export interface RelyingParty {
  rpId: string;
  rpName: string;
  /** The host pages' origins the ceremony may run on. */
  origins: string[];
}

export type CreationOptions = PublicKeyCredentialCreationOptionsJSON;

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
}

/**
 * Checks an attestation against the stored challenge, the configured RP ID and origins (never the
 * client's word for them). A failure carries the library's reason, for the log only.
 */
export async function verifyPasskeyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<{ passkey: RegisteredPasskey } | { reason: string }> {
  const { verifyRegistrationResponse } = await webauthn();
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
    return {
      passkey: {
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
      },
    };
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  }
}
