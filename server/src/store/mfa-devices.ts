import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from "kysely";
import type { Engine } from "./migrations";
import { compiledOnce, nestedRows, parseNested } from "./nested";
import type { Database, MfaDevicesTable } from "./schema";
import type { UserRow } from "./users";

export type DeviceRow = Selectable<MfaDevicesTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** What the device list shows of a device: no secret, key or counter. */
export type DeviceListing = Pick<DeviceRow, "id" | "type" | "nickname" | "status" | "is_default" | "target" | "created_at" | "last_used_at">;

/** The user's unused recovery codes and when they were made; null when the user has none at all. */
export type RecoveryCodesSummary = { remaining: number; createdAt: string } | null;

const userWithDevices = compiledOnce(1, (db, engine, subject: string) =>
  db
    .selectFrom("users")
    .selectAll("users")
    .select((eb) => [
      nestedRows(
        engine,
        eb
          .selectFrom("mfa_devices")
          .select([
            "mfa_devices.id",
            "mfa_devices.type",
            "mfa_devices.nickname",
            "mfa_devices.status",
            "mfa_devices.is_default",
            "mfa_devices.target",
            "mfa_devices.created_at",
            "mfa_devices.last_used_at",
          ])
          .whereRef("mfa_devices.user_id", "=", "users.id")
          .orderBy("mfa_devices.created_at")
          .orderBy("mfa_devices.id"),
      ).as("devices"),
      nestedRows(
        engine,
        eb
          .selectFrom("recovery_codes")
          .select((c) => [
            c.fn.countAll<number | string>().as("total"),
            c.fn.count<number | string>(sql`case when ${sql.ref("recovery_codes.used_at")} is null then 1 end`).as("unused"),
            c.fn.min("recovery_codes.created_at").as("created_at"),
          ])
          .whereRef("recovery_codes.user_id", "=", "users.id"),
      ).as("codes"),
    ])
    .where("users.subject", "=", subject),
);

/**
 * The user with this subject, their devices (oldest first) and their recovery codes' summary, in one statement:
 * GET /api/mfa is one round trip.
 */
export async function findUserWithDevices(
  db: Kysely<Database>,
  engine: Engine,
  subject: string,
): Promise<{ user: UserRow; devices: DeviceListing[]; recoveryCodes: RecoveryCodesSummary } | undefined> {
  const [row] = (await userWithDevices(db, engine, subject)).rows;
  if (!row) return undefined;
  const { devices, codes, ...user } = row;
  const [summary] = parseNested(codes);
  const recoveryCodes = summary && Number(summary.total) > 0 ? { remaining: Number(summary.unused), createdAt: summary.created_at! } : null;
  return { user, devices: parseNested(devices), recoveryCodes };
}

/**
 * Serialises a user's MFA changes: on PostgreSQL the user row is locked until the transaction ends
 * and answered as it is once the lock is held; SQLite already runs one writer at a time (undefined).
 */
export async function lockUser(db: Transaction<Database>, engine: Engine, userId: string): Promise<UserRow | undefined> {
  if (engine !== "postgres") return undefined;
  return db.selectFrom("users").selectAll().where("id", "=", userId).forUpdate().executeTakeFirst();
}

/** PostgreSQL: lockUser by subject, in the statement that finds the row (undefined: no such user yet). */
export async function lockUserBySubject(db: Transaction<Database>, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("subject", "=", subject).forUpdate().executeTakeFirst();
}

export function listDevices(db: Db, userId: string): Promise<DeviceRow[]> {
  return db
    .selectFrom("mfa_devices")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The device if it belongs to this user; another user's device is as good as missing. */
export function findDevice(db: Db, userId: string, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom("mfa_devices").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

export async function countDevices(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("mfa_devices")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveDevices(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("mfa_devices")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .where("status", "=", "ACTIVE")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDevice(db: Db, device: Insertable<MfaDevicesTable>): Promise<void> {
  await db.insertInto("mfa_devices").values(device).execute();
}

export async function updateDevice(db: Db, id: string, changes: Updateable<MfaDevicesTable>): Promise<void> {
  await db.updateTable("mfa_devices").set(changes).where("id", "=", id).execute();
}

/** Turns a pending device ACTIVE; false when it no longer is pending (someone else activated it first). */
export async function activatePendingDevice(
  db: Db,
  id: string,
  changes: Updateable<MfaDevicesTable>,
  guard: { totpStepAbove?: number } = {},
): Promise<boolean> {
  let query = db
    .updateTable("mfa_devices")
    .set({ ...changes, status: "ACTIVE" })
    .where("id", "=", id)
    .where("status", "=", "ACTIVATION_REQUIRED");
  const step = guard.totpStepAbove;
  if (step !== undefined) {
    query = query.where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong TOTP setup code, never past `max`; answers the attempts now used. */
export async function recordFailedTotpAttempt(db: Db, id: string, max: number): Promise<number> {
  await db
    .updateTable("mfa_devices")
    .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
    .where("id", "=", id)
    .where("failed_attempts", "<", max)
    .execute();
  const row = await db.selectFrom("mfa_devices").select("failed_attempts").where("id", "=", id).executeTakeFirst();
  return row?.failed_attempts ?? max;
}

export function findDefaultDevice(db: Db, userId: string): Promise<DeviceRow | undefined> {
  return db
    .selectFrom("mfa_devices")
    .selectAll()
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .executeTakeFirst();
}

/** Makes `id` the user's only default: the old default is cleared first so the partial unique index holds. */
export async function setDefaultDevice(db: Db, userId: string, id: string): Promise<void> {
  await db
    .updateTable("mfa_devices")
    .set({ is_default: 0 })
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .where("id", "!=", id)
    .execute();
  await db.updateTable("mfa_devices").set({ is_default: 1 }).where("id", "=", id).execute();
}

/** The device that takes over as default: the oldest remaining active one. */
export function findNextDefaultCandidate(db: Db, userId: string): Promise<DeviceRow | undefined> {
  return db
    .selectFrom("mfa_devices")
    .selectAll()
    .where("user_id", "=", userId)
    .where("status", "=", "ACTIVE")
    .orderBy("activated_at")
    .orderBy("created_at")
    .orderBy("id")
    .executeTakeFirst();
}

export function credentialIdTaken(db: Db, credentialId: string): Promise<boolean> {
  return db
    .selectFrom("mfa_devices")
    .select("id")
    .where("credential_id", "=", credentialId)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

/** The user's registered passkeys, to exclude from a new registration. */
export async function listCredentialIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("mfa_devices")
    .select("credential_id")
    .where("user_id", "=", userId)
    .where("credential_id", "is not", null)
    .execute();
  return rows.map((r) => r.credential_id).filter((id): id is string => id !== null);
}

/** Removes the device and everything hanging off it. */
export async function deleteDevice(db: Db, id: string): Promise<void> {
  await db.deleteFrom("otp_challenges").where("device_id", "=", id).execute();
  await db.deleteFrom("webauthn_challenges").where("device_id", "=", id).execute();
  await db.deleteFrom("mfa_challenges").where("device_id", "=", id).execute();
  await db.deleteFrom("mfa_devices").where("id", "=", id).execute();
}

/** Records a successful verification: when the device was last used, and what its method changes (counter, step). */
export async function markDeviceUsed(db: Db, id: string, now: string, changes: Updateable<MfaDevicesTable> = {}): Promise<void> {
  await db.updateTable("mfa_devices").set({ ...changes, last_used_at: now }).where("id", "=", id).execute();
}

/**
 * Takes TOTP time step `step` for an active device: succeeds only above the last step used, so a code is
 * never accepted twice (by a verification or by the activation before it). With `now`, it is also when the device
 * was last used.
 */
export async function takeTotpStep(db: Db, id: string, step: number, now?: string): Promise<boolean> {
  const result = await db
    .updateTable("mfa_devices")
    .set({ totp_last_step: step, ...(now ? { last_used_at: now } : {}) })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Moves a passkey's signature counter forward; false when another verification already moved it to or
 * past `counter` (a replayed or cloned authenticator's assertion).
 */
export async function advancePasskeyCounter(db: Db, id: string, previous: number, counter: number): Promise<boolean> {
  if (counter === 0 && previous === 0) return true; // Authenticators without a counter (most synced passkeys) report 0.
  const result = await db
    .updateTable("mfa_devices")
    .set({ credential_counter: counter })
    .where("id", "=", id)
    .where("credential_counter", "=", previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
