import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { errors } from "../errors";
import { findDevice, recordFailedTotpAttempt, takeTotpStep } from "../store/mfa-devices";
import { Nickname } from "./fields";
import { codeOf, type MfaMethod, type Verdict } from "./method";
import { OTP_MAX_ATTEMPTS } from "./one-time-codes";
import {
  base32Encode,
  decryptTotpSecret,
  encryptTotpSecret,
  generateTotpSecret,
  otpauthUri,
  totpQrSvg,
  verifyTotp,
} from "./totp-codes";

const DEFAULT_NICKNAME = "Authenticator app";
const KIND = "authenticator app";

/** An authenticator app (RFC 6238): a secret shown once at setup, encrypted under SECRETS_KEY at rest. */
export const totpMethod: MfaMethod<"totp"> = {
  type: "totp",
  method: "totp",
  proof: "otp",
  defaultNickname: DEFAULT_NICKNAME,
  kind: KIND,
  schemaName: "AddTotpDevice",
  example: { type: "totp" },
  addBody: v.strictObject({ type: v.literal("totp"), nickname: v.optional(Nickname) }),
  available: (options) => options.methods.totp,
  verifiable: () => true,

  async enrol(kit, session, input) {
    const key = kit.options.secretsKey;
    const id = randomUUID();
    const secret = generateTotpSecret();
    const { user, row } = await kit.inUserTransaction(session, async (trx, user) => ({
      user,
      row: await kit.insertPendingDevice(trx, user, {
        id,
        type: "totp",
        nickname: input.nickname ?? DEFAULT_NICKNAME,
        totpSecret: encryptTotpSecret(key, secret, id),
      }),
    }));
    const uri = otpauthUri({ issuer: kit.options.relyingParty.rpName, account: user.username, secret });
    return { row, extras: { totp: { secret: base32Encode(secret), otpauthUri: uri, qrSvg: await totpQrSvg(uri) } } };
  },

  async activate(kit, session, device, proof) {
    const code = codeOf(proof);
    if (!device.totp_secret) throw errors.methodDisabled(KIND);
    const secret = decryptTotpSecret(kit.options.secretsKey, device.totp_secret, device.id);
    const verdict = await kit.inUserTransaction(session, async (trx): Promise<Verdict> => {
      const current = await findDevice(trx, device.user_id, device.id);
      if (!current) return { ok: false, error: "gone" };
      if (current.status === "ACTIVE") return { ok: false, error: "already_active" };
      if (current.failed_attempts >= OTP_MAX_ATTEMPTS) return { ok: false, error: "locked" };
      const step = verifyTotp(secret, code, kit.now().getTime(), current.totp_last_step);
      if (step !== null) {
        // A time step is never accepted twice: the update only succeeds above the last one used.
        const active = await kit.finishActivation(trx, current, { totp_last_step: step }, { totpStepAbove: step });
        return active ? { ok: true, device: active } : { ok: false, error: "already_active" };
      }
      return kit.codeRejected(trx, device, await recordFailedTotpAttempt(trx, device.id, OTP_MAX_ATTEMPTS), OTP_MAX_ATTEMPTS);
    });
    return kit.answer(verdict);
  },

  /** Nothing to send: the app shows the code. */
  startVerification: async () => ({}),

  async checkProof(kit, trx, { device }, proof) {
    if (!("otp" in proof) || !device?.totp_secret) return { ok: false, reason: "no code" };
    const secret = decryptTotpSecret(kit.options.secretsKey, device.totp_secret, device.id);
    const step = verifyTotp(secret, proof.otp, kit.now().getTime(), device.totp_last_step);
    if (step === null) return { ok: false, reason: "wrong or already used code" };
    // The step is taken only above the last one used, so two parallel uses of one code give one success.
    const taken = await takeTotpStep(trx, device.id, step, kit.now().toISOString());
    return taken ? { ok: true, used: true } : { ok: false, reason: "code already used" };
  },
};
