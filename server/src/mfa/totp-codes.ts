import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { seal, unseal } from "./secret-box";

/** RFC 6238 as authenticator apps implement it: HMAC-SHA1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of clock drift accepted either side of now. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as otpauth URIs carry secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 HOTP of one time step (RFC 6238's T). */
export function totpCode(
  secret: Uint8Array,
  step: number,
  options: { digits?: number; algorithm?: "sha1" | "sha256" | "sha512" } = {},
): string {
  const digits = options.digits ?? TOTP_DIGITS;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac(options.algorithm ?? "sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, "0");
}

/**
 * The time step `code` belongs to, within the drift window, if it is later than `lastUsedStep` —
 * so a code (or an older one) is never accepted twice; otherwise null.
 */
export function verifyTotp(secret: Uint8Array, code: string, atMs: number, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(atMs);
  const given = Buffer.from(code);
  let matched: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    // Every candidate is compared, in constant time, so timing tells nothing about which step matched.
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), given) && matched === null) matched = step;
  }
  if (matched === null || (lastUsedStep !== null && matched <= lastUsedStep)) return null;
  return matched;
}

/** The provisioning URI authenticator apps read from the QR code (Key Uri Format). */
export function otpauthUri(options: { issuer: string; account: string; secret: Uint8Array }): string {
  const issuer = encodeURIComponent(options.issuer);
  const label = `${issuer}:${encodeURIComponent(options.account)}`;
  const params = `secret=${base32Encode(options.secret)}&issuer=${issuer}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
  return `otpauth://totp/${label}?${params}`;
}

/** AES-256-GCM with SECRETS_KEY; the device id is the associated data, so a ciphertext can't move rows. */
export function encryptTotpSecret(key: Buffer, secret: Uint8Array, deviceId: string): string {
  return seal(key, secret, deviceId);
}

export function decryptTotpSecret(key: Buffer, stored: string, deviceId: string): Buffer {
  return unseal(key, stored, deviceId);
}

/** The provisioning URI as an SVG QR code (attributes only, no inline style, so strict-CSP hosts can show it). */
export async function totpQrSvg(uri: string): Promise<string> {
  // Loaded when the first authenticator app is added.
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
