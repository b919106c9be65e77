import type { Kysely, Transaction } from "kysely";
import type { RecoveryCodesSummary } from "./mfa-devices";
import type { Database } from "./schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], now: string): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
    .execute();
}

export async function deleteRecoveryCodes(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}

/** How many unused codes the user has, and when they were made; null when the user has none at all. */
export async function recoveryCodesSummary(db: Db, userId: string): Promise<RecoveryCodesSummary> {
  const rows = await db
    .selectFrom("recovery_codes")
    .select(["created_at", "used_at"])
    .where("user_id", "=", userId)
    .execute();
  if (rows.length === 0) return null;
  return { remaining: rows.filter((r) => r.used_at === null).length, createdAt: rows[0]!.created_at };
}

/** Uses the code with this hash if it is the user's and unused — one conditional UPDATE, so one use wins. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
