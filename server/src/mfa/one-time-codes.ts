import { createHmac, hkdfSync, randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import { errors } from "../errors";
import { DeliveryError, type Notifier, type OtpMessage } from "../notify/types";
import { takeRateLimit } from "../store/rate-limits";
import type { Database } from "../store/schema";

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

/** The keyed code hashes' key, derived once per SECRETS_KEY. */
const hashKeys = new WeakMap<Buffer, Buffer>();
export function codeHashKey(secretsKey: Buffer): Buffer {
  let key = hashKeys.get(secretsKey);
  if (!key) hashKeys.set(secretsKey, (key = otpHashKey(secretsKey)));
  return key;
}

/** The stored form of a code: HMAC-SHA-256 bound to the device, so a code never fits another device. */
export function hashOtp(key: Buffer, deviceId: string, code: string): string {
  return createHmac("sha256", key).update(`${deviceId}:${code}`).digest("hex");
}

/** A verification's life (sign-in, step-up): its code, its passkey request, its recovery-code prompt. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Counts one send against the limits of what it goes to (`scope`, e.g. `otp:device:<id>`: OTP_SEND_LIMITS.perDevice)
 * and of the user (perUser, shared by every kind of code), or throws 429 with the longest wait. In the database, so
 * every server process counts the same sends.
 */
export async function takeSendAllowance(db: Kysely<Database>, scope: string, userId: string, now: Date): Promise<void> {
  const checks = [
    ...OTP_SEND_LIMITS.perDevice.map((l) => ({ ...l, key: `${scope}:${l.windowMs}` })),
    ...OTP_SEND_LIMITS.perUser.map((l) => ({ ...l, key: `otp:user:${userId}:${l.windowMs}` })),
  ];
  for (const check of checks) {
    const decision = await takeRateLimit(db, check.key, check.limit, check.windowMs, now);
    if (!decision.allowed) throw errors.rateLimited(decision.retryAfterSeconds);
  }
}

/** When the next code to the same place may be asked for, after one sent at `now`. */
export const resendAvailableAt = (now: Date) => new Date(now.getTime() + OTP_SEND_LIMITS.perDevice[0].windowMs).toISOString();

/** Hands a message to its channel's notifier; a refused delivery is logged and answered 502 `delivery_failed`. */
export async function sendMessage(
  notifier: Notifier,
  channel: "sms" | "email",
  message: OtpMessage,
  log?: (entry: Record<string, unknown>) => void,
): Promise<void> {
  try {
    await notifier.send(message);
  } catch (err) {
    log?.({ level: "warn", msg: "delivery failed", channel, purpose: message.purpose, error: err instanceof Error ? err.message : String(err) });
    if (err instanceof DeliveryError) throw errors.deliveryFailed(channel);
    throw err;
  }
}

/**
 * What a code is for, as its message says: adding the phone or address it went to, a sign-in, confirming a change,
 * or confirming a new email address or phone number for the profile.
 */
export type CodeReason = "add_device" | "sign_in" | "step_up" | "verify_address";

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
  const minutes = (reason === "add_device" || reason === "verify_address" ? OTP_TTL_MS : CHALLENGE_TTL_MS) / 60_000;
  const expires = `It expires in ${minutes} minutes.`;
  const address = channel === "sms" ? "phone number" : "email address";
  const purpose =
    reason === "add_device"
      ? `to add this ${channel === "sms" ? "phone" : "email address"} to your ${appName} account`
      : reason === "sign_in"
        ? `to sign in to ${appName}`
        : reason === "verify_address"
          ? `to confirm this ${address} for your ${appName} account`
          : `to confirm a change to your ${appName} account`;
  const why =
    reason === "add_device"
      ? `If you did not ask to add this ${channel === "sms" ? "phone" : "email address"} as a sign-in device, ignore this message.`
      : reason === "sign_in"
        ? "If you are not signing in right now, someone may know your password: change it."
        : reason === "verify_address"
          ? `If you did not ask to use this ${address} for an account, ignore this message.`
          : "If you are not changing your account right now, someone may know your password: change it.";
  const smsWhy = reason === "add_device" || reason === "verify_address" ? "If you didn't ask for it, ignore this message." : "Don't share it with anyone.";
  return {
    subject: `Your code ${purpose}`,
    sms: `${code} is your code ${purpose}. ${expires} ${smsWhy}`,
    email: `Your code ${purpose} is ${code}.\n\n${expires} ${why}`,
  };
}

/**
 * The SMS to the old phone number once a new one applied: when, and the new number masked; never a code. `at` is
 * written in UTC, the one time zone the server can be sure of. (An old email address is told by the security notice
 * queued with the change, services/security-notices.ts.)
 */
export function phoneChangedSms(appName: string, maskedNew: string, at: Date): string {
  const when = `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `The phone number of your ${appName} account was changed to ${maskedNew} on ${when}. If you didn't make this change, someone may know your password: change it.`;
}
