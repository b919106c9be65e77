import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, WebauthnChallengesTable } from "./schema";

export type WebauthnChallengeRow = Selectable<WebauthnChallengesTable>;
type Db = Kysely<Database> | Transaction<Database>;

export async function insertWebauthnChallenge(db: Db, challenge: Insertable<WebauthnChallengesTable>): Promise<void> {
  await db.insertInto("webauthn_challenges").values(challenge).execute();
}

/**
 * Takes the device's registration challenge for one use: answers it if it was unused, unexpired and
 * the user's, and marks it used in the same conditional UPDATE; otherwise undefined.
 */
export async function consumeWebauthnChallenge(
  db: Db,
  deviceId: string,
  userId: string,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("webauthn_challenges")
    .select("challenge")
    .where("device_id", "=", deviceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await db
    .updateTable("webauthn_challenges")
    .set({ consumed: 1 })
    .where("device_id", "=", deviceId)
    .where("user_id", "=", userId)
    .where("challenge", "=", row.challenge)
    .where("consumed", "=", 0)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row.challenge : undefined;
}
