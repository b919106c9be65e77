import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Engine } from "./migrations";
import type { DeviceRow } from "./mfa-devices";
import { compiledOnce, nestedRows, parseNested } from "./nested";
import type { Database, MfaChallengesTable } from "./schema";

export type MfaChallengeRow = Selectable<MfaChallengesTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertMfaChallenge(db: Db, challenge: Insertable<MfaChallengesTable>): Promise<void> {
  await db.insertInto("mfa_challenges").values(challenge).execute();
}

/** The challenge if it is this user's; another user's is as good as missing. */
export function findMfaChallenge(db: Db, userId: string, id: string): Promise<MfaChallengeRow | undefined> {
  return db.selectFrom("mfa_challenges").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

const challengeToVerify = compiledOnce(2, (db, engine, userId: string, id: string) =>
  db
    .selectFrom("mfa_challenges")
    .leftJoin("mfa_lockouts", "mfa_lockouts.user_id", "mfa_challenges.user_id")
    .selectAll("mfa_challenges")
    .select("mfa_lockouts.locked_until")
    .select((eb) =>
      nestedRows(
        engine,
        eb
          .selectFrom("mfa_devices")
          .select([
            "mfa_devices.id",
            "mfa_devices.user_id",
            "mfa_devices.type",
            "mfa_devices.nickname",
            "mfa_devices.status",
            "mfa_devices.is_default",
            "mfa_devices.target",
            "mfa_devices.totp_secret",
            "mfa_devices.totp_last_step",
            "mfa_devices.failed_attempts",
            "mfa_devices.credential_id",
            "mfa_devices.credential_public_key",
            "mfa_devices.credential_counter",
            "mfa_devices.credential_transports",
            "mfa_devices.created_at",
            "mfa_devices.activated_at",
            "mfa_devices.last_used_at",
          ])
          .whereRef("mfa_devices.id", "=", "mfa_challenges.device_id")
          .where("mfa_devices.user_id", "=", userId),
      ).as("devices"),
    )
    .where("mfa_challenges.id", "=", id)
    .where("mfa_challenges.user_id", "=", userId),
);

/**
 * The challenge if it is this user's, with when the user's verifications are locked until (null when they never
 * were) and the user's device it was started for (null for a recovery code, or when the device is gone): one
 * statement for what every proof is checked against first.
 */
export async function findMfaChallengeToVerify(
  db: Kysely<Database>,
  engine: Engine,
  userId: string,
  id: string,
): Promise<(MfaChallengeRow & { locked_until: string | null; device: DeviceRow | null }) | undefined> {
  const [row] = (await challengeToVerify(db, engine, userId, id)).rows;
  if (!row) return undefined;
  const { devices, ...challenge } = row;
  const [device] = parseNested(devices);
  return { ...challenge, device: device ?? null };
}

/** Marks the challenge used if it still is usable — one conditional UPDATE, so of parallel proofs one wins. */
export async function consumeMfaChallenge(db: Db, id: string, now: string, maxAttempts: number): Promise<boolean> {
  const result = await db
    .updateTable("mfa_challenges")
    .set({ consumed: 1 })
    .where("id", "=", id)
    .where("consumed", "=", 0)
    .where("expires_at", ">", now)
    .where("attempts", "<", maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong proof, never past `maxAttempts`; answers the attempts now used. */
export async function recordWrongProof(db: Db, id: string, maxAttempts: number): Promise<number> {
  await db
    .updateTable("mfa_challenges")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("consumed", "=", 0)
    .where("attempts", "<", maxAttempts)
    .execute();
  const row = await db.selectFrom("mfa_challenges").select("attempts").where("id", "=", id).executeTakeFirst();
  return row?.attempts ?? maxAttempts;
}

/** Challenges that ended (used or expired) before `before`: they prove nothing any more. */
export async function deleteFinishedChallenges(db: Db, userId: string, before: string): Promise<void> {
  await db.deleteFrom("mfa_challenges").where("user_id", "=", userId).where("expires_at", "<=", before).execute();
}

/** When the user's verifications are locked until, if they are. */
export async function lockedUntil(db: Db, userId: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom("mfa_lockouts").select("locked_until").where("user_id", "=", userId).executeTakeFirst();
  return row?.locked_until && row.locked_until > now ? row.locked_until : undefined;
}

/**
 * Counts one failed verification for the user (callers hold the user's lock): `limit` failures within
 * `windowMs` of the first lock the user's verifications for `lockMs`. Answers the lock, or how many failures are left
 * before it.
 */
export async function recordFailedVerification(
  db: Db,
  userId: string,
  now: Date,
  rule: { limit: number; windowMs: number; lockMs: number },
): Promise<{ lockedUntil?: string; remaining: number }> {
  const nowIso = now.toISOString();
  const row = await db.selectFrom("mfa_lockouts").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const fresh = !row || Date.parse(row.window_start) + rule.windowMs <= now.getTime();
  const failures = fresh ? 1 : row.failures + 1;
  const locked = failures >= rule.limit ? new Date(now.getTime() + rule.lockMs).toISOString() : null;
  const values = {
    window_start: fresh ? nowIso : row.window_start,
    // Once locked, the count starts again: the lock is the penalty for this window.
    failures: locked ? 0 : failures,
    locked_until: locked ?? row?.locked_until ?? null,
  };
  if (row) await db.updateTable("mfa_lockouts").set(values).where("user_id", "=", userId).execute();
  else await db.insertInto("mfa_lockouts").values({ user_id: userId, ...values }).execute();
  return locked ? { lockedUntil: locked, remaining: 0 } : { remaining: rule.limit - failures };
}

/** A step-up: the session counts as recently signed in until `expiresAt`. */
export async function recordStepUp(db: Db, step: { sessionKey: string; userId: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto("mfa_step_ups")
    .values({ session_key: step.sessionKey, user_id: step.userId, expires_at: step.expiresAt })
    .onConflict((oc) => oc.column("session_key").doUpdateSet({ expires_at: step.expiresAt }))
    .execute();
}

export async function hasStepUp(db: Db, sessionKey: string, now: string): Promise<boolean> {
  const row = await db
    .selectFrom("mfa_step_ups")
    .select("expires_at")
    .where("session_key", "=", sessionKey)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}
