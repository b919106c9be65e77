import { createHmac, hkdfSync, randomInt } from "node:crypto";

/** One-time codes sent by SMS or email. */
export const OTP_LENGTH = 6;
export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;

/** How often codes may be sent: per device and per user, counted in the database. */
export const OTP_SEND_LIMITS = {
  perDevice: [
    { limit: 1, windowMs: 30_000 },
    { limit: 5, windowMs: 60 * 60_000 },
  ],
  perUser: [{ limit: 10, windowMs: 60 * 60_000 }],
} as const;

export function generateOtp(): string {
  return randomInt(0, 10 ** OTP_LENGTH).toString().padStart(OTP_LENGTH, "0");
}

/** The key codes are hashed with: derived from SECRETS_KEY, so a leaked table alone can't be brute-forced offline. */
export function otpHashKey(secretsKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secretsKey, Buffer.alloc(0), "profile-widget otp hash", 32));
}

/** The stored form of a code: HMAC-SHA-256 bound to the device, so a code never fits another device. */
export function hashOtp(key: Buffer, deviceId: string, code: string): string {
  return createHmac("sha256", key).update(`${deviceId}:${code}`).digest("hex");
}

/** A verification's life (sign-in, step-up): its code, its passkey request, its recovery-code prompt. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** What a code is for, as its message says: adding the phone or address it went to, a sign-in, or confirming a change. */
export type CodeReason = "add_device" | "sign_in" | "step_up";

/**
 * The message a person receives: `appName` is the operator's product name (WEBAUTHN_RP_NAME), and the message says
 * what the code is for. The code comes first in an SMS (phones offer it to fill in from there).
 */
export function otpMessageText(
  appName: string,
  code: string,
  channel: "sms" | "email",
  reason: CodeReason,
): { subject: string; sms: string; email: string } {
  const minutes = (reason === "add_device" ? OTP_TTL_MS : CHALLENGE_TTL_MS) / 60_000;
  const expires = `It expires in ${minutes} minutes.`;
  const purpose =
    reason === "add_device"
      ? `to add this ${channel === "sms" ? "phone" : "email address"} to your ${appName} account`
      : reason === "sign_in"
        ? `to sign in to ${appName}`
        : `to confirm a change to your ${appName} account`;
  const why =
    reason === "add_device"
      ? `If you did not ask to add this ${channel === "sms" ? "phone" : "email address"} as a sign-in device, ignore this message.`
      : reason === "sign_in"
        ? "If you are not signing in right now, someone may know your password: change it."
        : "If you are not changing your account right now, someone may know your password: change it.";
  return {
    subject: `Your code ${purpose}`,
    sms: `${code} is your code ${purpose}. ${expires} ${reason === "add_device" ? "If you didn't ask for it, ignore this message." : "Don't share it with anyone."}`,
    email: `Your code ${purpose} is ${code}.\n\n${expires} ${why}`,
  };
}
