import type { Kysely, Transaction } from "kysely";
import type * as v from "valibot";
import { errors } from "../errors";
import type { Notifiers } from "../notify/types";
import type { Store } from "../store/db";
import { activatePendingDevice, countDevices, findDefaultDevice, insertDevice, lockUser, lockUserBySubject, type DeviceRow } from "../store/mfa-devices";
import type { Engine } from "../store/migrations";
import type { Database } from "../store/schema";
import { findUserBySubject, insertAuditEvent, type UserRow } from "../store/users";
import { hasRecentSignIn } from "../services/recent-sign-in";
import { isRecentSignIn, type Session } from "../services/session";
import { userForSession } from "../services/users";
import type { ActivationProof, DeviceType, EnrolmentExtras, NewDeviceOf } from "./types";
import type { MfaChallengeRow } from "../store/mfa-challenges";
import type { RelyingParty, RequestOptions } from "./webauthn";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { VerificationMethod, VerificationPurpose } from "../../../contract/api";
import type { NoticeItem, SecurityNotices } from "../services/security-notices";

export interface MfaServiceOptions {
  engine: Engine;
  maxDevices: number;
  /** What configuration enables; a type is offered only if it can also be delivered (see each method's `available`). */
  methods: Record<DeviceType, boolean>;
  reauthMaxAgeSeconds: number;
  relyingParty: RelyingParty;
  /** 32 bytes (SECRETS_KEY): encrypts TOTP secrets and keys the code hashes. */
  secretsKey: Buffer;
  notifiers: Notifiers;
  /** Security notices to the account's email (SECURITY_NOTIFICATIONS), queued with the change. */
  notices?: SecurityNotices;
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/** A started enrolment: the pending device, and what the person is shown once to finish it. */
export interface Enrolment {
  row: DeviceRow;
  extras?: EnrolmentExtras;
}

/**
 * One kind of MFA device. The lifecycle every device shares (state, enable/disable, rename, default, remove)
 * is MfaService's; what differs by kind is here, including how an active device is verified (Verifier).
 */
export interface MfaMethod<T extends DeviceType = DeviceType> extends Verifier {
  readonly method: T;
  readonly type: T;
  /** A new device's name until the person renames it (the widget sends one in their language). */
  readonly defaultNickname: string;
  /** How messages name the kind: "SMS", "authenticator app". */
  readonly kind: string;
  /** The body of POST /api/mfa/devices for this kind; the OpenAPI document shows it as `schemaName`, with `example`. */
  readonly addBody: v.StrictObjectSchema<v.ObjectEntries, undefined> & v.GenericSchema<unknown, NewDeviceOf<T>>;
  readonly schemaName: `Add${string}Device`;
  readonly example: NewDeviceOf<T>;
  /** Whether this server can offer it: enabled in configuration and, for codes, deliverable. */
  available(options: MfaServiceOptions): boolean;
  /** The device's target as the API shows it; methods without a target leave this out. */
  mask?(target: string): string;
  /** Starts enrolment: stores the device ACTIVATION_REQUIRED and sends a code or prepares a ceremony. */
  enrol(kit: MfaKit, session: Session, input: NewDeviceOf<T>): Promise<Enrolment>;
  /** Checks the proof of a pending device and makes it ACTIVE (the user's first also the default). */
  activate(kit: MfaKit, session: Session, device: DeviceRow, proof: ActivationProof, client: ActivationClient): Promise<DeviceRow>;
  /** Sends a new code to a pending device (methods that send codes); answers when another may be sent. */
  resend?(kit: MfaKit, session: Session, device: DeviceRow): Promise<{ resendAvailableAt: string }>;
  /** Whether an active device of this kind can be verified here now (codes need their channel). */
  verifiable(options: MfaServiceOptions): boolean;
}

/** The browser that activates a device, as its request's headers show it (a passkey nobody named is named from it). */
export interface ActivationClient {
  userAgent?: string;
  acceptLanguage?: string;
}

/** What a verification is about: the user, the device (none for a recovery code), the challenge's id. */
export interface VerificationTarget {
  user: UserRow;
  device: DeviceRow | null;
  challengeId: string;
  /** Why the person is asked: a sign-in, or confirming a change (a step-up). */
  purpose: VerificationPurpose;
}

/** What starting a verification stores with the challenge and shows the person. */
export interface VerificationStart {
  /** SMS and email: the keyed hash of the code to send. */
  codeHash?: string;
  /** Passkeys: the challenge in the request options, and the options. */
  webauthnChallenge?: string;
  webauthn?: RequestOptions;
  /** SMS and email: sends the code once the challenge is committed. */
  deliver?: () => Promise<void>;
  /** SMS and email: when another code may be sent. */
  resendAvailableAt?: string;
}

export type VerificationProof = { otp: string } | { credential: AuthenticationResponseJSON } | { recoveryCode: string };

/**
 * How one method proves a second factor at sign-in or step-up. Every device method is one; so are recovery
 * codes, which are not devices. The verification lifecycle (challenges, attempts, locks, step-ups, the
 * assertion) is VerificationService's.
 */
export interface Verifier {
  readonly method: VerificationMethod;
  /** The proof's member in the verify body: `otp`, `credential` or `recoveryCode`. */
  readonly proof: "otp" | "credential" | "recoveryCode";
  /** Prepares a challenge in the caller's transaction (the user is locked): a code to send, a ceremony. */
  startVerification(kit: MfaKit, trx: Transaction<Database>, target: VerificationTarget): Promise<VerificationStart>;
  /**
   * Checks a proof in the caller's transaction; true when it proves the target. What must never be accepted
   * twice (a TOTP step, a recovery code, a passkey counter) is taken here, by a conditional UPDATE; `used` says that
   * UPDATE also set the device's `last_used_at` (otherwise the service sets it, with `changes`).
   */
  checkProof(
    kit: MfaKit,
    trx: Transaction<Database>,
    target: VerificationTarget & { challenge: MfaChallengeRow },
    proof: VerificationProof,
  ): Promise<{ ok: true; changes?: Partial<DeviceRow>; used?: true } | { ok: false; reason: string }>;
}

/** Any one of the methods, with its own type's input (what the registry holds). */
export type AnyMfaMethod = { [T in DeviceType]: MfaMethod<T> }[DeviceType];

/** Outcomes decided inside a transaction but answered after it commits, so counted attempts stay counted. */
export type Verdict =
  | { ok: true; device: DeviceRow }
  | { ok: false; error: "wrong"; attemptsRemaining: number }
  | { ok: false; error: "locked" | "expired" | "already_active" | "gone" };

/** What every method and the device lifecycle share: the store, the clock, the user lock, audit and activation. */
export class MfaKit {
  readonly db: Kysely<Database>;

  constructor(
    readonly store: Pick<Store, "db" | "transact">,
    readonly options: MfaServiceOptions,
  ) {
    this.db = store.db;
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** A recent sign-in, or a step-up of this session (see services/recent-sign-in.ts). */
  async recentSignIn(db: Kysely<Database>, session: Session, userId?: string): Promise<boolean> {
    if (isRecentSignIn(session, this.options.reauthMaxAgeSeconds, this.now().getTime() / 1000)) return true;
    const id = userId ?? (await findUserBySubject(db, session.subject))?.id;
    return id !== undefined && hasRecentSignIn(db, id, session, this.options.reauthMaxAgeSeconds, this.now());
  }

  /** Runs `work` with the user's row locked, so checks and changes of one user's devices never interleave. */
  inUserTransaction<T>(session: Session, work: (trx: Transaction<Database>, user: UserRow) => Promise<T>): Promise<T> {
    return this.store.transact(async (trx) => {
      // PostgreSQL: a returning user's row is found and locked in one statement, and read as it is once locked.
      const locked = this.options.engine === "postgres" ? await lockUserBySubject(trx, session.subject) : undefined;
      if (locked?.username === session.username) return work(trx, locked);
      const found = await userForSession(trx, session, this.now().toISOString());
      // The row as it is once locked: one read before the lock could predate the change that held it (MFA just turned on).
      const user = (await lockUser(trx, this.options.engine, found.id)) ?? found;
      return work(trx, user);
    });
  }

  async audit(trx: Transaction<Database>, userId: string, action: string, detail: Record<string, unknown>): Promise<void> {
    await insertAuditEvent(trx, { userId, action, detail, now: this.now().toISOString() });
  }

  /** Queues a security notice to the account's email, in the transaction of the change it tells of. */
  async notice(trx: Transaction<Database>, userId: string, item: NoticeItem): Promise<void> {
    await this.options.notices?.queue(trx, userId, item);
  }

  /** Inserts the pending device if the user is below the limit — count and insert under the user lock. */
  async insertPendingDevice(
    trx: Transaction<Database>,
    user: UserRow,
    device: { id: string; type: DeviceType; nickname: string; target?: string; totpSecret?: string },
  ): Promise<DeviceRow> {
    if ((await countDevices(trx, user.id)) >= this.options.maxDevices) {
      throw errors.deviceLimitReached(this.options.maxDevices);
    }
    const row: DeviceRow = {
      id: device.id,
      user_id: user.id,
      type: device.type,
      nickname: device.nickname,
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
    await this.audit(trx, user.id, "mfa.device.added", { deviceId: row.id, type: row.type, nickname: row.nickname });
    return row;
  }

  /** Marks the device active in the caller's transaction; the user's first active device becomes the default. */
  async finishActivation(
    trx: Transaction<Database>,
    device: DeviceRow,
    changes: Partial<DeviceRow>,
    guard: { totpStepAbove?: number } = {},
  ): Promise<DeviceRow | null> {
    const now = this.now().toISOString();
    const isDefault = (await findDefaultDevice(trx, device.user_id)) ? 0 : 1;
    const all = { ...changes, activated_at: now, last_used_at: now, is_default: isDefault };
    if (!(await activatePendingDevice(trx, device.id, all, guard))) return null;
    await this.audit(trx, device.user_id, "mfa.device.activated", { deviceId: device.id, type: device.type, nickname: device.nickname });
    await this.notice(trx, device.user_id, { kind: "device_activated", device: { type: device.type, nickname: device.nickname } });
    return { ...device, ...all, status: "ACTIVE" };
  }

  /** A wrong code, counted (`used` of `max` tries): audited, and the verdict it leads to. */
  async codeRejected(trx: Transaction<Database>, device: DeviceRow, used: number, max: number): Promise<Verdict> {
    await this.audit(trx, device.user_id, "mfa.device.code_rejected", { deviceId: device.id, attempts: used });
    return used >= max ? { ok: false, error: "locked" } : { ok: false, error: "wrong", attemptsRemaining: max - used };
  }

  /** The answer to a verdict reached in a committed transaction: the device, or the error it calls for. */
  answer(verdict: Verdict): DeviceRow {
    if (verdict.ok) return verdict.device;
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
}

/** The one-time code a proof carries, or a 422 asking for it. */
export function codeOf(proof: ActivationProof): string {
  if (!("otp" in proof)) throw errors.validationFailed({ otp: "Enter the 6-digit code." });
  return proof.otp;
}
