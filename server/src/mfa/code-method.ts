import { randomUUID, timingSafeEqual } from "node:crypto";
import type { Transaction } from "kysely";
import * as v from "valibot";
import { errors } from "../errors";
import { deleteDevice, type DeviceRow } from "../store/mfa-devices";
import { consumeOtp, findOtpChallenge, insertOtpChallenge, recordWrongOtp, replaceOtpCode } from "../store/otp-challenges";
import type { Database } from "../store/schema";
import { Email, Nickname, Phone } from "./fields";
import { codeOf, type MfaKit, type MfaMethod, type Verdict } from "./method";
import {
  codeHashKey,
  generateOtp,
  hashOtp,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  otpMessageText,
  resendAvailableAt,
  sendMessage,
  takeSendAllowance,
  type CodeReason,
} from "./one-time-codes";

type CodeType = "sms" | "email";

const hashKey = (kit: MfaKit) => codeHashKey(kit.options.secretsKey);

/**
 * Counts one send against the device's and the user's limits. Setup codes and verification codes of a device count
 * apart (`scope`), so signing in right after adding a device isn't refused; the per-user limit counts both.
 */
const takeDeviceSendAllowance = (kit: MfaKit, trx: Transaction<Database>, userId: string, deviceId: string, scope: "device" | "verify" = "device") =>
  takeSendAllowance(trx, `otp:${scope}:${deviceId}`, userId, kit.now());

async function deliver(
  kit: MfaKit,
  type: CodeType,
  kind: string,
  to: string,
  code: string,
  reason: CodeReason = "add_device",
): Promise<void> {
  const notifier = kit.options.notifiers[type];
  if (!notifier) throw errors.methodDisabled(kind);
  const text = otpMessageText(kit.options.relyingParty.rpName, code, type, reason);
  const purpose = reason === "add_device" ? "mfa_device_activation" : "mfa_verification";
  await sendMessage(notifier, type, { to, code, subject: text.subject, text: type === "sms" ? text.sms : text.email, purpose }, kit.options.log);
}

/**
 * A device proven by a 6-digit code sent to it: SMS to a phone number, or email to an address. Both share
 * the code machinery: a keyed hash of the code, a 10-minute life, five tries, send limits in the database.
 */
function codeMethod<T extends CodeType>(spec: {
  type: T;
  defaultNickname: string;
  kind: string;
  schemaName: MfaMethod<T>["schemaName"];
  example: MfaMethod<T>["example"];
  addBody: MfaMethod<T>["addBody"];
  targetOf: (input: Parameters<MfaMethod<T>["enrol"]>[2]) => string;
  mask: (target: string) => string;
}): MfaMethod<T> {
  const { type } = spec;
  return {
    type,
    method: type,
    proof: "otp",
    defaultNickname: spec.defaultNickname,
    kind: spec.kind,
    schemaName: spec.schemaName,
    example: spec.example,
    addBody: spec.addBody,
    available: (options) => options.methods[type] && options.notifiers[type] !== undefined,
    verifiable: (options) => options.notifiers[type] !== undefined,
    mask: spec.mask,

    async enrol(kit, session, input) {
      const target = spec.targetOf(input);
      const id = randomUUID();
      const code = generateOtp();
      const { user, row } = await kit.inUserTransaction(session, async (trx, user) => {
        const row = await kit.insertPendingDevice(trx, user, { id, type, nickname: (input as { nickname?: string }).nickname ?? spec.defaultNickname, target });
        await takeDeviceSendAllowance(kit, trx, user.id, id);
        const now = kit.now();
        await insertOtpChallenge(trx, {
          device_id: id,
          code_hash: hashOtp(hashKey(kit), id, code),
          expires_at: new Date(now.getTime() + OTP_TTL_MS).toISOString(),
          attempts: 0,
          consumed: 0,
          sent_at: now.toISOString(),
        });
        return { user, row };
      });
      try {
        await deliver(kit, type, spec.kind, target, code);
      } catch (err) {
        // Leave no half-made device behind: the person never got a code for it.
        await kit.store.transact(async (trx) => {
          await deleteDevice(trx, id);
          await kit.audit(trx, user.id, "mfa.device.discarded", { deviceId: id, type, reason: "delivery_failed" });
        });
        throw err;
      }
      return { row, extras: { resendAvailableAt: resendAvailableAt(kit.now()) } };
    },

    async activate(kit, session, device, proof) {
      const now = kit.now().toISOString();
      const codeHash = hashOtp(hashKey(kit), device.id, codeOf(proof));
      const verdict = await kit.inUserTransaction(session, async (trx): Promise<Verdict> => {
        if (await consumeOtp(trx, device.id, codeHash, now, OTP_MAX_ATTEMPTS)) {
          const active = await kit.finishActivation(trx, device, {});
          if (!active) throw new Error("device left pending after its code was consumed");
          return { ok: true, device: active };
        }
        const challenge = await findOtpChallenge(trx, device.id);
        if (!challenge) return { ok: false, error: "gone" };
        if (challenge.consumed === 1) return { ok: false, error: "already_active" };
        if (challenge.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, error: "locked" };
        if (challenge.expires_at <= now) return { ok: false, error: "expired" };
        return kit.codeRejected(trx, device, await recordWrongOtp(trx, device.id, OTP_MAX_ATTEMPTS), OTP_MAX_ATTEMPTS);
      });
      return kit.answer(verdict);
    },

    /** A new code for the pending device; the attempt count carries over. */
    async resend(kit, session, device: DeviceRow) {
      if (!device.target) throw errors.resendNotSupported();
      const code = generateOtp();
      await kit.inUserTransaction(session, async (trx, user) => {
        const challenge = await findOtpChallenge(trx, device.id);
        if (!challenge || challenge.consumed === 1) throw errors.deviceAlreadyActive();
        if (challenge.attempts >= OTP_MAX_ATTEMPTS) throw errors.tooManyAttempts();
        await takeDeviceSendAllowance(kit, trx, user.id, device.id);
        const now = kit.now();
        await replaceOtpCode(trx, device.id, {
          codeHash: hashOtp(hashKey(kit), device.id, code),
          expiresAt: new Date(now.getTime() + OTP_TTL_MS).toISOString(),
          sentAt: now.toISOString(),
        });
        await kit.audit(trx, user.id, "mfa.device.code_sent", { deviceId: device.id });
      });
      await deliver(kit, type, spec.kind, device.target, code);
      return { resendAvailableAt: resendAvailableAt(kit.now()) };
    },

    /** A new code for this verification, counted against the same send limits as setup codes. */
    async startVerification(kit, trx, { user, device, challengeId, purpose }) {
      if (!device?.target) throw new Error(`${type} device without a target`);
      await takeDeviceSendAllowance(kit, trx, user.id, device.id, "verify");
      const code = generateOtp();
      const target = device.target;
      const resendAt = resendAvailableAt(kit.now());
      return {
        codeHash: hashOtp(hashKey(kit), challengeId, code),
        deliver: () => deliver(kit, type, spec.kind, target, code, purpose),
        resendAvailableAt: resendAt,
      };
    },

    async checkProof(kit, _trx, { challenge }, proof) {
      if (!("otp" in proof) || !challenge.code_hash) return { ok: false, reason: "no code" };
      const given = Buffer.from(hashOtp(hashKey(kit), challenge.id, proof.otp), "hex");
      const stored = Buffer.from(challenge.code_hash, "hex");
      return given.length === stored.length && timingSafeEqual(given, stored) ? { ok: true } : { ok: false, reason: "wrong code" };
    },
  };
}

// ITU country calling codes of one and two digits; every other code has three.
const ONE_DIGIT_CODES = new Set(["1", "7"]);
const TWO_DIGIT_CODES = new Set(
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split(" "),
);

/** `+14155550123` → `+1•••••0123`: the country code and last four digits, a fixed run of dots hiding the length. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, "");
  const ccLength = ONE_DIGIT_CODES.has(digits.slice(0, 1)) ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return `+${digits.slice(0, ccLength)}•••••${digits.slice(-4)}`;
}

/** `jane@example.com` → `j•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

export const smsMethod = codeMethod({
  type: "sms",
  defaultNickname: "Phone",
  kind: "SMS",
  schemaName: "AddSmsDevice",
  example: { type: "sms", phone: "+14155550123", nickname: "Work phone" },
  addBody: v.strictObject({ type: v.literal("sms"), phone: Phone, nickname: v.optional(Nickname) }),
  targetOf: (input) => input.phone,
  mask: maskPhone,
});

export const emailMethod = codeMethod({
  type: "email",
  defaultNickname: "Email",
  kind: "email",
  schemaName: "AddEmailDevice",
  example: { type: "email", email: "ada@example.com" },
  addBody: v.strictObject({ type: v.literal("email"), email: Email, nickname: v.optional(Nickname) }),
  targetOf: (input) => input.email,
  mask: maskEmail,
});
