// The software authenticator of passkey.test.ts, shared here so the security suites can use it too.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

export const RP_ID = "host.example.test";
export const ORIGIN = "https://host.example.test";
const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");

/**
 * A software authenticator with "none" attestation: an ES256 key pair, authenticator data with the
 * RP ID hash and the attested credential, and client data as the browser would write it.
 */
export function softwareAttestation(options: {
  challenge: string;
  origin?: string;
  rpId?: string;
  credentialId?: Buffer;
  type?: string;
}) {
  const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  const credentialId = options.credentialId ?? randomBytes(16);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    createHash("sha256").update(options.rpId ?? RP_ID).digest(),
    Buffer.from([0x45]), // user present, user verified, attested credential data
    Buffer.alloc(4), // sign count 0
    Buffer.alloc(16), // AAGUID: none
    idLength,
    credentialId,
    Buffer.from(isoCBOR.encode(cose)),
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", new Uint8Array(authData)],
    ]) as never,
  );
  const clientDataJSON = JSON.stringify({
    type: options.type ?? "webauthn.create",
    challenge: options.challenge,
    origin: options.origin ?? ORIGIN,
    crossOrigin: false,
  });
  return {
    id: b64u(credentialId),
    rawId: b64u(credentialId),
    type: "public-key",
    response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ["internal"] },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}
