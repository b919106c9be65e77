import { hkdfSync } from "node:crypto";
import { decryptTotpSecret, encryptTotpSecret } from "./totp-codes";

/**
 * Secrets kept in the database under SECRETS_KEY, each under a key of its own: HKDF-SHA256 of SECRETS_KEY
 * with `purpose` and `binding` as the info, so one purpose's ciphertext never decrypts as another's. The
 * sealing itself is the AES-256-GCM of TOTP secrets (totp-codes.ts), with `binding` as associated data too.
 */
export function derivedKey(secretsKey: Buffer, purpose: string, binding: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretsKey, Buffer.alloc(0), `profile-widget/${purpose}/${binding}`, 32));
}

export function sealSecret(secretsKey: Buffer, purpose: string, binding: string, plaintext: Uint8Array): string {
  return encryptTotpSecret(derivedKey(secretsKey, purpose, binding), plaintext, binding);
}

export function openSecret(secretsKey: Buffer, purpose: string, binding: string, sealed: string): Buffer {
  return decryptTotpSecret(derivedKey(secretsKey, purpose, binding), sealed, binding);
}
