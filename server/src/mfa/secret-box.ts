import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets kept in the database under SECRETS_KEY: AES-256-GCM, stored as `v1.<iv>.<ciphertext>.<tag>`
 * (base64url), with `binding` (the row the secret belongs to) as associated data, so a ciphertext
 * can't move rows.
 */
export function seal(key: Buffer, plaintext: Uint8Array, binding: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function unseal(key: Buffer, sealed: string, binding: string): Buffer {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || ciphertext === undefined || !tag) throw new Error("unknown sealed secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
}

/**
 * A key of its own for each kind of secret: HKDF-SHA256 of SECRETS_KEY with `purpose` and `binding` as
 * the info, so one purpose's ciphertext never decrypts as another's.
 */
export function derivedKey(secretsKey: Buffer, purpose: string, binding: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretsKey, Buffer.alloc(0), `profile-widget/${purpose}/${binding}`, 32));
}

export function sealSecret(secretsKey: Buffer, purpose: string, binding: string, plaintext: Uint8Array): string {
  return seal(derivedKey(secretsKey, purpose, binding), plaintext, binding);
}

export function openSecret(secretsKey: Buffer, purpose: string, binding: string, sealed: string): Buffer {
  return unseal(derivedKey(secretsKey, purpose, binding), sealed, binding);
}
