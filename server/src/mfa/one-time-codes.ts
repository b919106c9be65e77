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

/** The message a person receives; `appName` is the relying party's name. */
export function otpMessageText(
  appName: string,
  code: string,
  purpose: "mfa_device_activation" | "mfa_verification" = "mfa_device_activation",
): { subject: string; sms: string; email: string } {
  const minutes = (purpose === "mfa_verification" ? CHALLENGE_TTL_MS : OTP_TTL_MS) / 60_000;
  const why =
    purpose === "mfa_verification"
      ? "If you are not signing in or confirming a change right now, someone may know your password: change it."
      : "If you did not ask to add this email address as a sign-in device, ignore this message.";
  return {
    subject: `Your ${appName} verification code`,
    sms: `${code} is your ${appName} verification code. It expires in ${minutes} minutes.`,
    email: `Your ${appName} verification code is ${code}.\n\nIt expires in ${minutes} minutes. ${why}`,
  };
}
