import { createHmac, hkdfSync, randomInt } from "node:crypto";
import * as v from "valibot";
import { useRecoveryCode } from "../store/recovery-codes";
import type { MfaKit, Verifier } from "./method";

/** Ten codes per user, each 12 characters of Crockford's base32: 60 bits from the CSPRNG. */
export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 12;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** When the widget warns that the codes are running out. */
export const RECOVERY_CODES_LOW = 2;

/** `7k2m-q9xd-4hwa`: three groups of four, easy to read aloud and to type. */
export function generateRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.replace(/(.{4})(?=.)/g, "$1-");
}

/** A typed code as stored: case, spaces and dashes ignored; I and L read as 1, O as 0 (as Crockford decodes). */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
}

const hashKeys = new WeakMap<Buffer, Buffer>();

/** The stored form: HMAC-SHA-256 under a key derived from SECRETS_KEY, bound to the user. */
export function hashRecoveryCode(secretsKey: Buffer, userId: string, code: string): string {
  let key = hashKeys.get(secretsKey);
  if (!key) hashKeys.set(secretsKey, (key = Buffer.from(hkdfSync("sha256", secretsKey, Buffer.alloc(0), "profile-widget recovery code hash", 32))));
  return createHmac("sha256", key).update(`${userId}:${normalizeRecoveryCode(code)}`).digest("hex");
}

/** The verify body for a recovery code. */
export const RecoveryCodeProof = v.strictObject({
  recoveryCode: v.pipe(
    v.string("Enter one of your recovery codes."),
    v.trim(),
    v.minLength(1, "Enter one of your recovery codes."),
    v.maxLength(64, "That is not a recovery code."),
  ),
});

/**
 * Recovery codes as a way to verify: not a device, so nothing to enrol or send; a code is used by one
 * conditional UPDATE, so ten parallel uses of one code give one success.
 */
export const recoveryCodeVerifier: Verifier = {
  method: "recovery_code",
  proof: "recoveryCode",
  startVerification: async () => ({}),
  async checkProof(kit: MfaKit, trx, { user }, proof) {
    if (!("recoveryCode" in proof)) return { ok: false, reason: "no recovery code" };
    const hash = hashRecoveryCode(kit.options.secretsKey, user.id, proof.recoveryCode);
    return (await useRecoveryCode(trx, user.id, hash, kit.now().toISOString()))
      ? { ok: true }
      : { ok: false, reason: "unknown or used recovery code" };
  },
};
