import type { Kysely, Transaction } from "kysely";
import type { RecoveryCodes, ResentCode } from "../../../contract/api";
import { errors } from "../errors";
import type { Store } from "../store/db";
import {
  countActiveDevices,
  deleteDevice,
  findDevice,
  findNextDefaultCandidate,
  findUserWithDevices,
  listDevices,
  setDefaultDevice,
  updateDevice,
  type DeviceListing,
  type DeviceRow,
  type RecoveryCodesSummary,
} from "../store/mfa-devices";
import { deleteRateLimits } from "../store/rate-limits";
import { deleteRecoveryCodes, recoveryCodesSummary, replaceRecoveryCodes } from "../store/recovery-codes";
import type { Database } from "../store/schema";
import { generateRecoveryCode, hashRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { findUserBySubject, setMfaEnabled, type UserRow } from "../store/users";
import type { Session } from "../services/session";
import { readForSession } from "../services/users";
import { MfaKit, type ActivationClient, type MfaServiceOptions } from "./method";
import { METHODS, methodOf } from "./methods";
import type { ActivationProof, AddedDevice, Device, MethodAvailability, MfaState, NewDevice } from "./types";

export type { MfaServiceOptions } from "./method";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The device lifecycle every kind of device shares: the MFA state, the switch, adding and activating (each
 * kind's own steps are its method's), resending, renaming, the default, removal.
 */
export class MfaService {
  private readonly kit: MfaKit;
  private readonly available: MethodAvailability;

  constructor(store: Pick<Store, "db" | "transact">, options: MfaServiceOptions) {
    this.kit = new MfaKit(store, options);
    this.available = Object.fromEntries(METHODS.map((m) => [m.type, m.available(options)])) as MethodAvailability;
  }

  /** The device types users can actually add here (GET /api/config reports these). */
  availableMethods(): MethodAvailability {
    return { ...this.available };
  }

  private async ownedDevice(session: Session, id: string): Promise<DeviceRow> {
    const user = await findUserBySubject(this.kit.db, session.subject);
    const device = user ? await findDevice(this.kit.db, user.id, id) : undefined;
    if (!device) throw errors.notFound();
    return device;
  }

  private async stateOf(db: Db, user: UserRow): Promise<MfaState> {
    const [devices, recoveryCodes] = await Promise.all([listDevices(db, user.id), recoveryCodesSummary(db, user.id)]);
    return this.present(user, devices, recoveryCodes);
  }

  private present(user: UserRow, devices: DeviceListing[], recoveryCodes: RecoveryCodesSummary): MfaState {
    const { maxDevices } = this.kit.options;
    return {
      enabled: user.mfa_enabled === 1,
      devices: devices.map(toDevice),
      canAddDevice: devices.length < maxDevices && Object.values(this.available).some(Boolean),
      maxDevices,
      recoveryCodes,
    };
  }

  /** One statement for a returning user: the row, the devices and the recovery codes' summary together. */
  async getState(session: Session): Promise<MfaState> {
    const { user, devices, recoveryCodes } = await readForSession(this.kit.store, session, this.kit.now().toISOString(), (db) =>
      findUserWithDevices(db, this.kit.options.engine, session.subject),
    );
    return this.present(user, devices, recoveryCodes);
  }

  /**
   * Turns MFA on or off. Turning it on needs no device yet (the flow adds one next); turning it off
   * needs a recent sign-in and keeps the devices.
   */
  async setEnabled(session: Session, enabled: boolean): Promise<MfaState> {
    return this.kit.inUserTransaction(session, async (trx, user) => {
      if ((user.mfa_enabled === 1) !== enabled) {
        if (!enabled && !(await this.kit.recentSignIn(trx, session, user.id))) throw errors.reauthenticationRequired();
        await setMfaEnabled(trx, user.id, enabled);
        // Recovery codes recover MFA; with it off they would only be a way in.
        if (!enabled) await deleteRecoveryCodes(trx, user.id);
        await this.kit.audit(trx, user.id, enabled ? "mfa.enabled" : "mfa.disabled", {});
        if (!enabled) await this.kit.notice(trx, user.id, { kind: "mfa_disabled" });
      }
      return this.stateOf(trx, { ...user, mfa_enabled: enabled ? 1 : 0 });
    });
  }

  /**
   * Starts adding a device: it is stored ACTIVATION_REQUIRED, and a code is sent or a ceremony prepared.
   * Needs a recent sign-in, as removing one does: otherwise a stolen, long-lived session could bind a
   * second factor of its own.
   */
  async addDevice(session: Session, input: NewDevice): Promise<AddedDevice> {
    if (!this.available[input.type]) throw errors.methodDisabled(methodOf(input.type).kind);
    if (!(await this.kit.recentSignIn(this.kit.db, session))) throw errors.reauthenticationRequired();
    const { row, extras } = await methodOf(input.type).enrol(this.kit, session, input as never);
    return { device: toDevice(row), ...extras };
  }

  /** Checks the code or passkey of a pending device and makes it ACTIVE (the first one also the default). */
  async activateDevice(session: Session, id: string, proof: ActivationProof, client: ActivationClient = {}): Promise<Device> {
    const device = await this.ownedDevice(session, id);
    if (device.status === "ACTIVE") throw errors.deviceAlreadyActive();
    return toDevice(await methodOf(device.type).activate(this.kit, session, device, proof, client));
  }

  /** Sends a new code for a pending device of a kind that sends codes; the attempt count carries over. */
  async resendCode(session: Session, id: string): Promise<ResentCode> {
    const device = await this.ownedDevice(session, id);
    if (device.status === "ACTIVE") throw errors.deviceAlreadyActive();
    const method = methodOf(device.type);
    if (!method.resend) throw errors.resendNotSupported();
    if (!this.available[device.type]) throw errors.methodDisabled(method.kind);
    const { resendAvailableAt } = await method.resend(this.kit, session, device);
    return { device: toDevice(device), resendAvailableAt };
  }

  /**
   * Makes the user's ten recovery codes, answered this once (only their hashes are kept). Replacing codes
   * that exist needs a recent sign-in or a step-up: otherwise a borrowed session could take them over.
   */
  async createRecoveryCodes(session: Session): Promise<RecoveryCodes> {
    return this.kit.inUserTransaction(session, async (trx, user) => {
      if (user.mfa_enabled !== 1) throw errors.mfaNotEnabled();
      const existing = await recoveryCodesSummary(trx, user.id);
      if (existing && !(await this.kit.recentSignIn(trx, session, user.id))) throw errors.reauthenticationRequired();
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
      const createdAt = this.kit.now().toISOString();
      const key = this.kit.options.secretsKey;
      await replaceRecoveryCodes(trx, user.id, codes.map((code) => hashRecoveryCode(key, user.id, code)), createdAt);
      await this.kit.audit(trx, user.id, existing ? "mfa.recovery_codes.replaced" : "mfa.recovery_codes.created", {});
      if (existing) await this.kit.notice(trx, user.id, { kind: "recovery_codes_replaced" });
      return { codes, createdAt };
    });
  }

  async renameDevice(session: Session, id: string, nickname: string): Promise<Device> {
    return this.kit.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.nickname !== nickname) {
        await updateDevice(trx, id, { nickname });
        await this.kit.audit(trx, user.id, "mfa.device.renamed", { deviceId: id });
      }
      return toDevice({ ...device, nickname });
    });
  }

  async makeDefault(session: Session, id: string): Promise<Device> {
    return this.kit.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.status !== "ACTIVE") throw errors.deviceNotActive();
      if (device.is_default !== 1) {
        await setDefaultDevice(trx, user.id, id);
        await this.kit.audit(trx, user.id, "mfa.device.default_set", { deviceId: id });
      }
      return toDevice({ ...device, is_default: 1 });
    });
  }

  /**
   * Removes a device. An active one needs a recent sign-in, and while MFA is on the last active
   * one stays; a pending one (an abandoned add) can always go. Removing the default promotes the next.
   */
  async removeDevice(session: Session, id: string): Promise<void> {
    await this.kit.inUserTransaction(session, async (trx, user) => {
      const device = await findDevice(trx, user.id, id);
      if (!device) throw errors.notFound();
      if (device.status === "ACTIVE") {
        if (user.mfa_enabled === 1 && (await countActiveDevices(trx, user.id)) <= 1) throw errors.lastDevice();
        if (!(await this.kit.recentSignIn(trx, session, user.id))) throw errors.reauthenticationRequired();
      }
      await deleteDevice(trx, id);
      await deleteRateLimits(trx, `otp:device:${id}:`);
      await deleteRateLimits(trx, `otp:verify:${id}:`);
      let promoted: string | undefined;
      if (device.is_default === 1) {
        const next = await findNextDefaultCandidate(trx, user.id);
        if (next) {
          await setDefaultDevice(trx, user.id, next.id);
          promoted = next.id;
        }
      }
      await this.kit.audit(trx, user.id, "mfa.device.removed", {
        deviceId: id,
        type: device.type,
        // The activity names a removed device by the nickname it had.
        nickname: device.nickname,
        ...(promoted ? { newDefaultDeviceId: promoted } : {}),
      });
    });
  }
}

/** A stored device as the API shows it: its target masked by its method. */
export function toDevice(row: DeviceListing): Device {
  const { mask } = methodOf(row.type);
  return {
    id: row.id,
    type: row.type,
    nickname: row.nickname,
    status: row.status,
    isDefault: row.is_default === 1,
    target: row.target === null ? null : mask ? mask(row.target) : "•••",
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
