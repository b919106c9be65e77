// The software authenticator of passkey.test.ts, shared here so the security suites can use it too.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
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
  /** The authenticator's AAGUID (as a UUID); all zeros, as an anonymous authenticator answers, by default. */
  aaguid?: string;
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
    options.aaguid ? Buffer.from(options.aaguid.replace(/-/g, ""), "hex") : Buffer.alloc(16), // AAGUID: none unless given
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

/**
 * A software authenticator that keeps its key: `attest` registers it (as softwareAttestation does), `assert`
 * answers navigator.credentials.get() for a challenge, signing authenticator data and the client data's hash
 * with its counter.
 */
export function softwareAuthenticator(options: { signCount?: number; aaguid?: string } = {}) {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const credentialId = randomBytes(16);
  let counter = options.signCount ?? 0;
  const jwk = publicKey.export({ format: "jwk" });
  const rpHash = (rpId: string) => createHash("sha256").update(rpId).digest();
  const counterBytes = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return {
    id: b64u(credentialId),
    /** The next assertion's counter (0 = an authenticator without a counter; it then stays 0). */
    get counter() {
      return counter;
    },
    set counter(n: number) {
      counter = n;
    },
    attest(challenge: string) {
      const cose = new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        rpHash(RP_ID),
        Buffer.from([0x45]),
        counterBytes(counter),
        options.aaguid ? Buffer.from(options.aaguid.replace(/-/g, ""), "hex") : Buffer.alloc(16),
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
      const clientDataJSON = JSON.stringify({ type: "webauthn.create", challenge, origin: ORIGIN, crossOrigin: false });
      return {
        id: b64u(credentialId),
        rawId: b64u(credentialId),
        type: "public-key",
        response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ["internal"] },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    assert(challenge: string, opts: { origin?: string; rpId?: string; type?: string; bump?: boolean } = {}) {
      if (counter > 0 && opts.bump !== false) counter += 1;
      const authData = Buffer.concat([rpHash(opts.rpId ?? RP_ID), Buffer.from([0x05]), counterBytes(counter)]);
      const clientDataJSON = JSON.stringify({
        type: opts.type ?? "webauthn.get",
        challenge,
        origin: opts.origin ?? ORIGIN,
        crossOrigin: false,
      });
      const signature = sign("sha256", Buffer.concat([authData, createHash("sha256").update(clientDataJSON).digest()]), privateKey);
      return {
        id: b64u(credentialId),
        rawId: b64u(credentialId),
        type: "public-key",
        response: {
          clientDataJSON: b64u(clientDataJSON),
          authenticatorData: b64u(authData),
          signature: b64u(signature),
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
}
