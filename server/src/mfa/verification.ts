import { randomUUID } from "node:crypto";
import type { MfaChallenge, MfaVerified, VerificationMethod, VerificationPurpose } from "../../../contract/api";
import { errors } from "../errors";
import { sessionKey, type Session } from "../services/session";
import type { Store } from "../store/db";
import {
  consumeMfaChallenge,
  deleteFinishedChallenges,
  findMfaChallengeToVerify,
  insertMfaChallenge,
  lockedUntil,
  recordFailedVerification,
  recordStepUp,
  recordWrongProof,
} from "../store/mfa-challenges";
import { findDefaultDevice, findDevice, markDeviceUsed, type DeviceRow } from "../store/mfa-devices";
import { recoveryCodesSummary } from "../store/recovery-codes";
import type { AssertionSigner } from "./assertions";
import { MfaKit, type MfaServiceOptions, type VerificationProof, type Verifier } from "./method";
import { methodOf } from "./methods";
import { CHALLENGE_TTL_MS, OTP_MAX_ATTEMPTS } from "./one-time-codes";
import { recoveryCodeVerifier } from "./recovery-codes";
import { toDevice } from "./service";
import type { RequestOptions } from "./webauthn";

/** Failed verifications per user, across challenges and server processes. */
export const VERIFICATION_LOCKOUT = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;
/** Finished challenges are kept this long (they answer "already used") before they are cleared. */
const CHALLENGE_KEEP_MS = 24 * 60 * 60_000;

export interface ChallengeRequest {
  deviceId?: string;
  method?: "recovery_code";
  purpose: VerificationPurpose;
  nonce?: string;
}

/** POST /api/mfa/challenges as the server answers it (the contract's shape, with the library's request options). */
export type StartedChallenge = MfaChallenge<RequestOptions>;

/** Outcomes decided inside the transaction and answered after it commits, so failures stay counted. */
type Outcome =
  | { ok: true; device: DeviceRow | null; method: VerificationMethod; nonce: string | null; recoveryCodesRemaining?: number }
  | { ok: false; error: "wrong"; proof: Verifier["proof"]; attemptsRemaining: number }
  | { ok: false; error: "challenge_locked" | "expired" | "gone" }
  | { ok: false; error: "user_locked"; retryAfterSeconds: number };

/**
 * Proving a second factor at sign-in or before a sensitive change: a challenge for one active device (or a
 * recovery code), its proof checked by the method's Verifier, and a signed MFA assertion for the host.
 * Challenges are single use, expire after 5 minutes and lock after 5 wrong proofs; 10 failures of one user
 * within 15 minutes lock that user's verifications for 15 minutes, counted in the database.
 */
export class VerificationService {
  private readonly kit: MfaKit;

  constructor(
    store: Pick<Store, "db" | "transact">,
    options: MfaServiceOptions,
    private readonly signer: AssertionSigner,
  ) {
    this.kit = new MfaKit(store, options);
  }

  async startChallenge(session: Session, request: ChallengeRequest): Promise<StartedChallenge> {
    const kit = this.kit;
    const id = randomUUID();
    const now = kit.now();
    const { answer, deliver } = await kit.inUserTransaction(session, async (trx, user) => {
      if (user.mfa_enabled !== 1) throw errors.mfaNotEnabled();
      const locked = await lockedUntil(trx, user.id, now.toISOString());
      if (locked) throw errors.verificationsLocked(secondsUntil(locked, now));

      let device: DeviceRow | null = null;
      let verifier: Verifier;
      if (request.method === "recovery_code") {
        const summary = await recoveryCodesSummary(trx, user.id);
        if (!summary || summary.remaining === 0) throw errors.noRecoveryCodes();
        verifier = recoveryCodeVerifier;
      } else {
        const found = request.deviceId ? await findDevice(trx, user.id, request.deviceId) : await findDefaultDevice(trx, user.id);
        if (!found && !request.deviceId) throw errors.mfaNotEnabled();
        if (!found || found.status !== "ACTIVE") throw errors.notFound();
        device = found;
        const method = methodOf(found.type);
        if (!method.verifiable(kit.options)) throw errors.methodDisabled(method.kind);
        verifier = method;
      }

      await deleteFinishedChallenges(trx, user.id, new Date(now.getTime() - CHALLENGE_KEEP_MS).toISOString());
      const start = await verifier.startVerification(kit, trx, { user, device, challengeId: id, purpose: request.purpose });
      const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString();
      await insertMfaChallenge(trx, {
        id,
        user_id: user.id,
        device_id: device?.id ?? null,
        method: verifier.method,
        purpose: request.purpose,
        nonce: request.nonce ?? null,
        code_hash: start.codeHash ?? null,
        webauthn_challenge: start.webauthnChallenge ?? null,
        attempts: 0,
        consumed: 0,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      });
      await kit.audit(trx, user.id, "mfa.challenge.created", {
        challengeId: id,
        method: verifier.method,
        purpose: request.purpose,
        ...(device ? { deviceId: device.id } : {}),
      });
      const answer: StartedChallenge = {
        challenge: {
          id,
          deviceId: device?.id ?? null,
          type: verifier.method,
          target: device ? toDevice(device).target : null,
          purpose: request.purpose,
          expiresAt,
          ...(start.resendAvailableAt ? { resendAvailableAt: start.resendAvailableAt } : {}),
        },
        ...(start.webauthn ? { webauthn: start.webauthn } : {}),
      };
      return { answer, deliver: start.deliver };
    });
    // Sent once the challenge is stored: a code never arrives for a challenge that does not exist.
    await deliver?.();
    return answer;
  }

  async verify(session: Session, challengeId: string, proof: VerificationProof): Promise<MfaVerified> {
    const kit = this.kit;
    const now = kit.now();
    const nowIso = now.toISOString();
    const outcome = await kit.inUserTransaction(session, async (trx, user): Promise<Outcome> => {
      const challenge = await findMfaChallengeToVerify(trx, kit.options.engine, user.id, challengeId);
      if (!challenge) return { ok: false, error: "gone" };
      const refuse = async (reason: string, result: Outcome): Promise<Outcome> => {
        await kit.audit(trx, user.id, "mfa.verification.failed", { challengeId, method: challenge.method, reason });
        return result;
      };
      const locked = challenge.locked_until && challenge.locked_until > nowIso ? challenge.locked_until : undefined;
      if (locked) return refuse("user_locked", { ok: false, error: "user_locked", retryAfterSeconds: secondsUntil(locked, now) });
      if (challenge.consumed === 1 || challenge.expires_at <= nowIso) return refuse("expired", { ok: false, error: "expired" });
      if (challenge.attempts >= OTP_MAX_ATTEMPTS) return refuse("challenge_locked", { ok: false, error: "challenge_locked" });

      const device = challenge.device;
      if (challenge.device_id && device?.status !== "ACTIVE") return refuse("device_gone", { ok: false, error: "gone" });
      const verifier: Verifier = device ? methodOf(device.type) : recoveryCodeVerifier;
      if (!(verifier.proof in proof)) throw errors.validationFailed({ [verifier.proof]: proofMessage(verifier.proof) });

      const detail = { challengeId, method: challenge.method, purpose: challenge.purpose, ...(device ? { deviceId: device.id } : {}) };
      const checked = await verifier.checkProof(kit, trx, { user, device, challengeId, purpose: challenge.purpose, challenge }, proof);
      if (checked.ok && (await consumeMfaChallenge(trx, challengeId, nowIso, OTP_MAX_ATTEMPTS))) {
        if (device && !checked.used) await markDeviceUsed(trx, device.id, nowIso, checked.changes);
        if (challenge.purpose === "step_up") {
          await recordStepUp(trx, {
            sessionKey: sessionKey(user.id, session),
            userId: user.id,
            expiresAt: new Date(now.getTime() + kit.options.reauthMaxAgeSeconds * 1000).toISOString(),
          });
        }
        await kit.audit(trx, user.id, "mfa.verification.succeeded", detail);
        const remaining = device ? undefined : (await recoveryCodesSummary(trx, user.id))?.remaining ?? 0;
        if (remaining !== undefined) await kit.notice(trx, user.id, { kind: "recovery_code_used", remaining });
        return {
          ok: true,
          device: device ? { ...device, last_used_at: nowIso } : null,
          method: verifier.method,
          nonce: challenge.nonce,
          ...(remaining !== undefined ? { recoveryCodesRemaining: remaining } : {}),
        };
      }
      const used = await recordWrongProof(trx, challengeId, OTP_MAX_ATTEMPTS);
      const lock = await recordFailedVerification(trx, user.id, now, VERIFICATION_LOCKOUT);
      await kit.audit(trx, user.id, "mfa.verification.failed", {
        ...detail,
        reason: checked.ok ? "expired" : "wrong_proof",
        attempts: used,
        ...(lock.lockedUntil ? { lockedUntil: lock.lockedUntil } : {}),
      });
      if (lock.lockedUntil) return { ok: false, error: "user_locked", retryAfterSeconds: secondsUntil(lock.lockedUntil, now) };
      if (used >= OTP_MAX_ATTEMPTS) return { ok: false, error: "challenge_locked" };
      // The tries left are this challenge's, or the user's before the lock when fewer: a new challenge doesn't reset those.
      const attemptsRemaining = Math.min(OTP_MAX_ATTEMPTS - used, lock.remaining);
      return { ok: false, error: "wrong", proof: verifier.proof, attemptsRemaining };
    });

    if (!outcome.ok) {
      switch (outcome.error) {
        case "gone":
          throw errors.notFound();
        case "expired":
          throw errors.verificationExpired();
        case "challenge_locked":
          throw errors.verificationLocked();
        case "user_locked":
          throw errors.verificationsLocked(outcome.retryAfterSeconds);
        case "wrong":
          throw outcome.proof === "credential" ? errors.passkeyInvalid() : errors.otpInvalid(outcome.attemptsRemaining);
      }
    }
    const signed = await this.signer.sign({ session, method: outcome.method, nonce: outcome.nonce ?? undefined, now });
    return {
      ...signed,
      method: outcome.method,
      ...(outcome.device ? { device: toDevice(outcome.device) } : {}),
      ...(outcome.recoveryCodesRemaining !== undefined ? { recoveryCodesRemaining: outcome.recoveryCodesRemaining } : {}),
    };
  }
}

function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));
}

function proofMessage(proof: Verifier["proof"]): string {
  switch (proof) {
    case "otp":
      return "Enter the 6-digit code.";
    case "credential":
      return "Send the passkey's answer (navigator.credentials.get()).";
    case "recoveryCode":
      return "Enter one of your recovery codes.";
  }
}
