import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { errors } from "../errors";
import { DeliveryError, type Notifiers } from "../notify/types";
import type { Store } from "../store/db";
import type { Engine } from "../store/migrations";
import {
  activatePendingDevice,
  countActiveDevices,
  countDevices,
  credentialIdTaken,
  deleteDevice,
  findDefaultDevice,
  findDevice,
  findNextDefaultCandidate,
  insertDevice,
  listCredentialIds,
  listDevices,
  lockUser,
  recordFailedTotpAttempt,
  setDefaultDevice,
  updateDevice,
  type DeviceRow,
} from "../store/mfa-devices";
import {
  consumeOtp,
  findOtpChallenge,
  insertOtpChallenge,
  recordWrongOtp,
  replaceOtpCode,
} from "../store/otp-challenges";
import { deleteRateLimits, takeRateLimit } from "../store/rate-limits";
import type { Database, DeviceStatus, DeviceType } from "../store/schema";
import { findUserBySubject, insertAuditEvent, type UserRow } from "../store/users";
import { consumeWebauthnChallenge, insertWebauthnChallenge } from "../store/webauthn-challenges";
import {
  generateOtp,
  hashOtp,
  OTP_MAX_ATTEMPTS,
  OTP_SEND_LIMITS,
  OTP_TTL_MS,
  otpHashKey,
  otpMessageText,
} from "./otp";
import { isRecentSignIn, type Session } from "./session";
import { userForRead, userForSession } from "./users";
import {
  base32Encode,
  decryptTotpSecret,
  encryptTotpSecret,
  generateTotpSecret,
  otpauthUri,
  totpQrSvg,
  verifyTotp,
} from "./totp";
import {
  passkeyCreationOptions,
  verifyPasskeyRegistration,
  WEBAUTHN_CHALLENGE_TTL_MS,
  type CreationOptions,
  type RelyingParty,
} from "./webauthn";

export const DEVICE_TYPES = ["sms", "email", "totp", "passkey"] as const satisfies readonly DeviceType[];

/** A device as the API shows it: never a code, a secret or a key. */
export interface Device {
  id: string;
  type: DeviceType;
  nickname: string;
  status: DeviceStatus;
  isDefault: boolean;
  /** Masked phone or email; null for authenticator apps and passkeys. */
  target: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface MfaState {
  enabled: boolean;
  devices: Device[];
  canAddDevice: boolean;
  maxDevices: number;
}

export type NewDevice =
  | { type: "sms"; phone: string; nickname?: string }
  | { type: "email"; email: string; nickname?: string }
  | { type: "totp"; nickname?: string }
  | { type: "passkey"; nickname?: string };

export interface AddedDevice {
  device: Device;
  /** Authenticator apps: shown once, during setup. */
  totp?: { secret: string; otpauthUri: string; qrSvg: string };
  /** Passkeys: options for navigator.credentials.create(). */
  webauthn?: CreationOptions;
}

export type ActivationProof = { otp: string } | { credential: RegistrationResponseJSON };

export type MethodAvailability = Record<DeviceType, boolean>;

export interface MfaServiceOptions {
  engine: Engine;
  maxDevices: number;
  /** What configuration enables; a type is offered only if it can also be delivered or stored. */
  methods: MethodAvailability;
  reauthMaxAgeSeconds: number;
  relyingParty: RelyingParty;
  /** 32 bytes (SECRETS_KEY): encrypts TOTP secrets and keys the code hashes. */
  secretsKey: Buffer;
  notifiers: Notifiers;
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

const DEFAULT_NICKNAMES: Record<DeviceType, string> = {
  sms: "Phone",
  email: "Email",
  totp: "Authenticator app",
  passkey: "Passkey",
};

const TOTP_MAX_ATTEMPTS = OTP_MAX_ATTEMPTS;

/** Outcomes decided inside a transaction but answered after it commits, so counted attempts stay counted. */
type Verdict =
  | { ok: true; device: DeviceRow }
  | { ok: false; error: "wrong"; attemptsRemaining: number }
  | { ok: false; error: "locked" | "expired" | "already_active" | "gone" };

export class MfaService {
  private readonly available: MethodAvailability;
  private readonly otpKey: Buffer;

  private readonly db: Kysely<Database>;

  constructor(
    private readonly store: Pick<Store, "db" | "transact">,
    private readonly options: MfaServiceOptions,
  ) {
    this.db = store.db;
    const { methods, notifiers, secretsKey } = options;
    this.available = {
      sms: methods.sms && notifiers.sms !== undefined,
      email: methods.email && notifiers.email !== undefined,
      totp: methods.totp,
      passkey: methods.passkey,
    };
    this.otpKey = otpHashKey(secretsKey);
  }

  /** The device types users can actually add here (GET /api/config reports these). */
  availableMethods(): MethodAvailability {
    return { ...this.available };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private recentSignIn(session: Session): boolean {
    return isRecentSignIn(session, this.options.reauthMaxAgeSeconds, this.now().getTime() / 1000);
  }

  private userFor(db: Kysely<Database>, session: Session): Promise<UserRow> {
    return userForSession(db, session, this.now().toISOString());
  }

  /** Runs `work` with the user's row locked, so checks and changes of one user's devices never interleave. */
  private inUserTransaction<T>(session: Session, work: (trx: Transaction<Database>, user: UserRow) => Promise<T>) {
    return this.store.transact(async (trx) => {
      const found = await this.userFor(trx, session);
      // The row as it is once locked: one read before the lock could predate the change that held it (MFA just turned on).
      const user = (await lockUser(trx, this.options.engine, found.id)) ?? found;
      return work(trx, user);
    });
  }

  private async ownedDevice(session: Session, id: string): Promise<DeviceRow> {
    const user = await findUserBySubject(this.db, session.subject);
    const device = user ? await findDevice(this.db, user.id, id) : undefined;
    if (!device) throw errors.notFound();
    return device;
  }

  private async audit(trx: Transaction<Database>, userId: string, action: string, detail: Record<string, unknown>) {
    await insertAuditEvent(trx, { userId, action, detail, now: this.now().toISOString() });
  }

  private stateOf(user: UserRow, devices: DeviceRow[]): MfaState {
    const { maxDevices } = this.options;
    return {
      enabled: user.mfa_enabled === 1,
      devices: devices.map(toDevice),
      canAddDevice: devices.length < maxDevices && Object.values(this.available).some(Boolean),
      maxDevices,
    };
  }

  async getState(session: Session): Promise<MfaState> {
    const user = await userForRead(this.store, session, this.now().toISOString());
    return this.stateOf(user, await listDevices(this.db, user.id));
  }

  /**
   * Turns MFA on or off. Turning it on needs no device yet (the flow adds one next); turning it off
   * needs a recent sign-in and keeps the devices.
   */
  async setEnabled(session: Session, enabled: boolean): Promise<MfaState> {
    return this.inUserTransaction(session, async (trx, user) => {
      if ((user.mfa_enabled === 1) !== enabled) {
        if (!enabled && !this.recentSignIn(session)) throw errors.reauthenticationRequired();
        await trx.updateTable("users").set({ mfa_enabled: enabled ? 1 : 0 }).where("id", "=", user.id).execute();
        await this.audit(trx, user.id, enabled ? "mfa.enabled" : "mfa.disabled", {});
      }
      return this.stateOf({ ...user, mfa_enabled: enabled ? 1 : 0 }, await listDevices(trx, user.id));
    });
  }

  /**
   * Starts adding a device: it is stored ACTIVATION_REQUIRED, and a code is sent or a ceremony prepared.
   * Needs a recent sign-in, as removing one does: otherwise a stolen, long-lived session could bind a
   * second factor of its own.
   */
  async addDevice(session: Session, input: NewDevice): Promise<AddedDevice> {
    if (!this.available[input.type]) throw errors.methodDisabled(input.type);
    if (!this.recentSignIn(session)) throw errors.reauthenticationRequired();
    switch (input.type) {
      case "sms":
        return this.addCodeDevice(session, "sms", input.phone, input.nickname);
      case "email":
        return this.addCodeDevice(session, "email", input.email, input.nickname);
      case "totp":
        return this.addTotpDevice(session, input.nickname);
      case "passkey":
        return this.addPasskeyDevice(session, input.nickname);
    }
  }

  /** Inserts the pending device if the user is below the limit — count and insert under the user lock. */
  private async insertPendingDevice(
    trx: Transaction<Database>,
    user: UserRow,
    device: { id: string; type: DeviceType; nickname?: string; target?: string; totpSecret?: string },
  ): Promise<DeviceRow> {
    if ((await countDevices(trx, user.id)) >= this.options.maxDevices) {
      throw errors.deviceLimitReached(this.options.maxDevices);
    }
    const row: DeviceRow = {
      id: device.id,
      user_id: user.id,
      type: device.type,
      nickname: device.nickname ?? DEFAULT_NICKNAMES[device.type],
      status: "ACTIVATION_REQUIRED",
      is_default: 0,
      target: device.target ?? null,
      totp_secret: device.totpSecret ?? null,
      totp_last_step: null,
      failed_attempts: 0,
      credential_id: null,
      credential_public_key: null,
      credential_counter: null,
      credential_transports: null,
      created_at: this.now().toISOString(),
      activated_at: null,
      last_used_at: null,
    };
    await insertDevice(trx, row);
    await this.audit(trx, user.id, "mfa.device.added", { deviceId: row.id, type: row.type });
    return row;
  }

  /** Counts one send against every per-device and per-user limit, or throws 429 with the longest wait. */
  private async takeSendAllowance(trx: Transaction<Database>, userId: string, deviceId: string): Promise<void> {
    const now = this.now();
    const checks = [
      ...OTP_SEND_LIMITS.perDevice.map((l) => ({ ...l, key: `otp:device:${deviceId}:${l.windowMs}` })),
      ...OTP_SEND_LIMITS.perUser.map((l) => ({ ...l, key: `otp:user:${userId}:${l.windowMs}` })),
    ];
    for (const check of checks) {
      const decision = await takeRateLimit(trx, check.key, check.limit, check.windowMs, now);
      if (!decision.allowed) throw errors.rateLimited(decision.retryAfterSeconds);
    }
  }

  private async deliver(type: "sms" | "email", to: string, code: string): Promise<void> {
    const notifier = this.options.notifiers[type];
    if (!notifier) throw errors.methodDisabled(type);
    const text = otpMessageText(this.options.relyingParty.rpName, code);
    try {
      await notifier.send({
        to,
        code,
        subject: text.subject,
        text: type === "sms" ? text.sms : text.email,
        purpose: "mfa_device_activation",
      });
    } catch (err) {
      this.options.log?.({ level: "warn", msg: "delivery failed", channel: type, error: err instanceof Error ? err.message : String(err) });
      if (err instanceof DeliveryError) throw errors.deliveryFailed(type);
      throw err;
    }
  }

  private async addCodeDevice(
    session: Session,
    type: "sms" | "email",
    target: string,
    nickname: string | undefined,
  ): Promise<AddedDevice> {
    const id = randomUUID();
    const code = generateOtp();
    const { user, row } = await this.inUserTransaction(session, async (trx, user) => {
      const row = await this.insertPendingDevice(trx, user, { id, type, nickname, target });
      await this.takeSendAllowance(trx, user.id, id);
      const now = this.now();
      await insertOtpChallenge(trx, {
        device_id: id,
        code_hash: hashOtp(this.otpKey, id, code),
        expires_at: new Date(now.getTime() + OTP_TTL_MS).toISOString(),
        attempts: 0,
        consumed: 0,
        sent_at: now.toISOString(),
      });
      return { user, row };
    });
    try {
      await this.deliver(type, target, code);
    } catch (err) {
      // Leave no half-made device behind: the person never got a code for it.
      await this.store.transact(async (trx) => {
        await deleteDevice(trx, id);
        await this.audit(trx, user.id, "mfa.device.discarded", { deviceId: id, type, reason: "delivery_failed" });
      });
      throw err;
    }
    return { device: toDevice(row) };
  }

  private async addTotpDevice(session: Session, nickname: string | undefined): Promise<AddedDevice> {
    const key = this.options.secretsKey;
    const id = randomUUID();
    const secret = generateTotpSecret();
    const { user, row } = await this.inUserTransaction(session, async (trx, user) => ({
      user,
      row: await this.insertPendingDevice(trx, user, {
        id,
        type: "totp",
        nickname,
        totpSecret: encryptTotpSecret(key, secret, id),
      }),
    }));
    const uri = otpauthUri({ issuer: this.options.relyingParty.rpName, account: user.username, secret });
    return {
      device: toDevice(row),
      totp: { secret: base32Encode(secret), otpauthUri: uri, qrSvg: await totpQrSvg(uri) },
    };
  }

  private async addPasskeyDevice(session: Session, nickname: string | undefined): Promise<AddedDevice> {
    const id = randomUUID();
    return this.inUserTransaction(session, async (trx, user) => {
      const row = await this.insertPendingDevice(trx, user, { id, type: "passkey", nickname });
      const options = await passkeyCreationOptions(
        this.options.relyingParty,
        { id: user.id, name: user.username },
        await listCredentialIds(trx, user.id),
      );
      await insertWebauthnChallenge(trx, {
        device_id: id,
        user_id: user.id,
        challenge: options.challenge,
        expires_at: new Date(this.now().getTime() + WEBAUTHN_CHALLENGE_TTL_MS).toISOString(),
        consumed: 0,
      });
      return { device: toDevice(row), webauthn: options };
    });
  }

  /** Verifies the code or passkey attestation and makes the device ACTIVE (the first one also default). */
  async activateDevice(session: Session, id: string, proof: ActivationProof): Promise<Device> {
    const device = await this.ownedDevice(session, id);
    if (device.status === "ACTIVE") throw errors.deviceAlreadyActive();
    if (device.type === "passkey") {
      if (!("credential" in proof)) throw errors.validationFailed({ credential: "Send the passkey the browser created." });
      return this.activatePasskey(session, device, proof.credential);
    }
    if (!("otp" in proof)) throw errors.validationFailed({ otp: "Enter the 6-digit code." });
    const verdict =
      device.type === "totp" ? await this.activateTotp(session, device, proof.otp) : await this.activateCode(session, device, proof.otp);
    if (verdict.ok) return toDevice(verdict.device);
    switch (verdict.error) {
      case "wrong":
        throw errors.otpInvalid(verdict.attemptsRemaining);
      case "locked":
        throw errors.tooManyAttempts();
      case "expired":
        throw errors.otpExpired();
      case "already_active":
        throw errors.deviceAlreadyActive();
      case "gone":
        throw errors.notFound();
    }
  }

  /** Marks the device active in the caller's transaction; the user's first active device becomes the default. */
  private async finishActivation(
    trx: Transaction<Database>,
    device: DeviceRow,
    changes: Partial<DeviceRow>,
    guard: { totpStepAbove?: number } = {},
  ): Promise<DeviceRow | null> {
    const now = this.now().toISOString();
    const isDefault = (await findDefaultDevice(trx, device.user_id)) ? 0 : 1;
    const all = { ...changes, activated_at: now, last_used_at: now, is_default: isDefault };
    if (!(await activatePendingDevice(trx, device.id, all, guard))) return null;
    await this.audit(trx, device.user_id, "mfa.device.activated", { deviceId: device.id, type: device.type });
    return { ...device, ...all, status: "ACTIVE" };
  }

  private activateCode(session: Session, device: DeviceRow, code: string): Promise<Verdict> {
    const now = this.now().toISOString();
    const codeHash = hashOtp(this.otpKey, device.id, code);
    return this.inUserTransaction(session, async (trx): Promise<Verdict> => {
      if (await consumeOtp(trx, device.id, codeHash, now, OTP_MAX_ATTEMPTS)) {
        const active = await this.finishActivation(trx, device, {});
        if (!active) throw new Error("device left pending after its code was consumed");
        return { ok: true, device: active };
      }
      const challenge = await findOtpChallenge(trx, device.id);
      if (!challenge) return { ok: false, error: "gone" };
      if (challenge.consumed === 1) return { ok: false, error: "already_active" };
      if (challenge.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, error: "locked" };
      if (challenge.expires_at <= now) return { ok: false, error: "expired" };
      const used = await recordWrongOtp(trx, device.id, OTP_MAX_ATTEMPTS);
      await this.audit(trx, device.user_id, "mfa.device.code_rejected", { deviceId: device.id, attempts: used });
      return used >= OTP_MAX_ATTEMPTS
        ? { ok: false, error: "locked" }
        : { ok: false, error: "wrong", attemptsRemaining: OTP_MAX_ATTEMPTS - used };
    });
  }

  private activateTotp(session: Session, device: DeviceRow, code: string): Promise<Verdict> {
    const key = this.options.secretsKey;
    if (!device.totp_secret) throw errors.methodDisabled("totp");
    const secret = decryptTotpSecret(key, device.totp_secret, device.id);
    return this.inUserTransaction(session, async (trx): Promise<Verdict> => {
      const current = await findDevice(trx, device.user_id, device.id);
      if (!current) return { ok: false, error: "gone" };
      if (current.status === "ACTIVE") return { ok: false, error: "already_active" };
      if (current.failed_attempts >= TOTP_MAX_ATTEMPTS) return { ok: false, error: "locked" };
      const step = verifyTotp(secret, code, this.now().getTime(), current.totp_last_step);
      if (step !== null) {
        const active = await this.finishActivation(trx, current, { totp_last_step: step }, { totpStepAbove: step });
        return active ? { ok: true, device: active } : { ok: false, error: "already_active" };
      }
      const used = await recordFailedTotpAttempt(trx, device.id, TOTP_MAX_ATTEMPTS);
      await this.audit(trx, device.user_id, "mfa.device.code_rejected", { deviceId: device.id, attempts: used });
      return used >= TOTP_MAX_ATTEMPTS
        ? { ok: false, error: "locked" }
        : { ok: false, error: "wrong", attemptsRemaining: TOTP_MAX_ATTEMPTS - used };
    });
  }

  private async activatePasskey(
    session: Session,
    device: DeviceRow,
    credential: RegistrationResponseJSON,
  ): Promise<Device> {
    const challenge = await consumeWebauthnChallenge(this.db, device.id, device.user_id, this.now().toISOString());
    if (!challenge) throw errors.challengeExpired();
    const result = await verifyPasskeyRegistration(this.options.relyingParty, credential, challenge);
    if ("reason" in result) {
      this.options.log?.({ msg: "passkey registration refused", deviceId: device.id, reason: result.reason });
      throw errors.passkeyInvalid();
    }
    const { passkey } = result;
    try {
      return await this.inUserTransaction(session, async (trx) => {
        if (await credentialIdTaken(trx, passkey.credentialId)) throw errors.passkeyAlreadyRegistered();
        const active = await this.finishActivation(trx, device, {
          credential_id: passkey.credentialId,
          credential_public_key: passkey.publicKey,
          credential_counter: passkey.counter,
          credential_transports: passkey.transports.join(",") || null,
        });
        if (!active) throw errors.deviceAlreadyActive();
        return toDevice(active);
      });
    } catch (err) {
      // Two users racing with the same credential: the unique index decides.
      if (isUniqueViolation(err)) throw errors.passkeyAlreadyRegistered();
      throw err;
    }
  }

  /** Sends a new code for a pending SMS or email device; the attempt count carries over. */
  async resendCode(session: Session, id: string): Promise<Device> {
    const device = await this.ownedDevice(session, id);
    if (device.status === "ACTIVE") throw errors.deviceAlreadyActive();
    if ((device.type !== "sms" && device.type !== "email") || !device.target) throw errors.resendNotSupported();
    if (!this.available[device.type]) throw errors.methodDisabled(device.type);
    const code = generateOtp();
    await this.inUserTransaction(session, async (trx, user) => {
      const challenge = await findOtpChallenge(trx, device.id);
      if (!challenge || challenge.consumed === 1) throw errors.deviceAlreadyActive();
      if (challenge.attempts >= OTP_MAX_ATTEMPTS) throw errors.tooManyAttempts();
      await this.takeSendAllowance(trx, user.id, device.id);
      const now = this.now();
      await replaceOtpCode(trx, device.id, {
        codeHash: hashOtp(this.otpKey, device.id, code),
        expiresAt: new Date(now.getTime() + OTP_TTL_MS).toISOString(),
        sentAt: now.toISOString(),
      });
      await this.audit(trx, user.id, "mfa.device.code_sent", { deviceId: device.id });
    });
    await this.deliver(device.type, device.target, code);
    return toDevice(device);
  }

  async renameDevice(session: Session, id: string, nickname: string): Promise<Device> {
    return this.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.nickname !== nickname) {
        await updateDevice(trx, id, { nickname });
        await this.audit(trx, user.id, "mfa.device.renamed", { deviceId: id });
      }
      return toDevice({ ...device, nickname });
    });
  }

  async makeDefault(session: Session, id: string): Promise<Device> {
    return this.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.status !== "ACTIVE") throw errors.deviceNotActive();
      if (device.is_default !== 1) {
        await setDefaultDevice(trx, user.id, id);
        await this.audit(trx, user.id, "mfa.device.default_set", { deviceId: id });
      }
      return toDevice({ ...device, is_default: 1 });
    });
  }

  /**
   * Removes a device. An active one needs a recent sign-in, and while MFA is on the last active
   * one stays; a pending one (an abandoned add) can always go. Removing the default promotes the next.
   */
  async removeDevice(session: Session, id: string): Promise<void> {
    await this.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.status === "ACTIVE") {
        if (user.mfa_enabled === 1 && (await countActiveDevices(trx, user.id)) <= 1) throw errors.lastDevice();
        if (!this.recentSignIn(session)) throw errors.reauthenticationRequired();
      }
      await deleteDevice(trx, id);
      await deleteRateLimits(trx, `otp:device:${id}:`);
      let promoted: string | undefined;
      if (device.is_default === 1) {
        const next = await findNextDefaultCandidate(trx, user.id);
        if (next) {
          await setDefaultDevice(trx, user.id, next.id);
          promoted = next.id;
        }
      }
      await this.audit(trx, user.id, "mfa.device.removed", {
        deviceId: id,
        type: device.type,
        ...(promoted ? { newDefaultDeviceId: promoted } : {}),
      });
    });
  }
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    type: row.type,
    nickname: row.nickname,
    status: row.status,
    isDefault: row.is_default === 1,
    target: row.target === null ? null : row.type === "sms" ? maskPhone(row.target) : maskEmail(row.target),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
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

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
