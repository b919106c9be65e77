import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, OtpChallengesTable } from "./schema";

export type OtpChallengeRow = Selectable<OtpChallengesTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertOtpChallenge(db: Db, challenge: Insertable<OtpChallengesTable>): Promise<void> {
  await db.insertInto("otp_challenges").values(challenge).execute();
}

export function findOtpChallenge(db: Db, deviceId: string): Promise<OtpChallengeRow | undefined> {
  return db.selectFrom("otp_challenges").selectAll().where("device_id", "=", deviceId).executeTakeFirst();
}

/**
 * Consumes the device's code if `codeHash` matches and it is unused, unexpired and not locked —
 * one conditional UPDATE, so of any number of parallel submissions exactly one wins.
 */
export async function consumeOtp(
  db: Db,
  deviceId: string,
  codeHash: string,
  now: string,
  maxAttempts: number,
): Promise<boolean> {
  const result = await db
    .updateTable("otp_challenges")
    .set({ consumed: 1 })
    .where("device_id", "=", deviceId)
    .where("code_hash", "=", codeHash)
    .where("consumed", "=", 0)
    .where("expires_at", ">", now)
    .where("attempts", "<", maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong code, never past `maxAttempts`; answers the attempts now used. */
export async function recordWrongOtp(db: Db, deviceId: string, maxAttempts: number): Promise<number> {
  await db
    .updateTable("otp_challenges")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("device_id", "=", deviceId)
    .where("consumed", "=", 0)
    .where("attempts", "<", maxAttempts)
    .execute();
  const row = await findOtpChallenge(db, deviceId);
  return row?.attempts ?? maxAttempts;
}

/** A new code for the same challenge: the attempt count carries over, so resending never unlocks. */
export async function replaceOtpCode(
  db: Db,
  deviceId: string,
  code: { codeHash: string; expiresAt: string; sentAt: string },
): Promise<void> {
  await db
    .updateTable("otp_challenges")
    .set({ code_hash: code.codeHash, expires_at: code.expiresAt, sent_at: code.sentAt })
    .where("device_id", "=", deviceId)
    .where("consumed", "=", 0)
    .execute();
}
