import type { Kysely, Selectable } from "kysely";
import type { Database, SecurityNoticesTable } from "./schema";

export type SecurityNoticeRow = Selectable<SecurityNoticesTable>;

/** Queues a notice in the transaction of the change it tells of: committed together, or not at all. */
export async function insertSecurityNotice(
  db: Kysely<Database>,
  notice: { userId: string; recipient: string; kind: string; detail: Record<string, unknown>; now: string; dueAt: string },
): Promise<void> {
  await db
    .insertInto("security_notices")
    .values({
      user_id: notice.userId,
      recipient: notice.recipient,
      kind: notice.kind,
      detail: JSON.stringify(notice.detail),
      created_at: notice.now,
      state: "pending",
      next_attempt_at: notice.dueAt,
      attempts: 0,
    })
    .execute();
}

/** Recipients (per user) with a notice due by `now` and nobody sending it. */
export function dueRecipients(db: Kysely<Database>, now: string, limit: number): Promise<Array<{ user_id: string; recipient: string }>> {
  return db
    .selectFrom("security_notices")
    .select(["user_id", "recipient"])
    .where("state", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .groupBy(["user_id", "recipient"])
    .limit(limit)
    .execute();
}

/**
 * Takes every pending notice of this user and recipient for the dispatcher run `claim` until `until`: one
 * conditional UPDATE, so of several servers only one sends them. Returns the claimed notices, oldest first.
 */
export async function claimNotices(
  db: Kysely<Database>,
  target: { userId: string; recipient: string },
  claim: { id: string; now: string; until: string },
): Promise<SecurityNoticeRow[]> {
  await db
    .updateTable("security_notices")
    .set({ claim: claim.id, claimed_until: claim.until })
    .where("user_id", "=", target.userId)
    .where("recipient", "=", target.recipient)
    .where("state", "=", "pending")
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", claim.now)]))
    .execute();
  return db.selectFrom("security_notices").selectAll().where("claim", "=", claim.id).where("state", "=", "pending").orderBy("id").execute();
}

export async function markNoticesSent(db: Kysely<Database>, claim: string, now: string): Promise<void> {
  await db
    .updateTable("security_notices")
    .set({ state: "sent", sent_at: now, claim: null, claimed_until: null, last_error: null })
    .where("claim", "=", claim)
    .execute();
}

/** After a failed delivery: tried again at `retryAt`, or given up (`failed`) once the tries are used up. */
export async function markNoticesFailed(
  db: Kysely<Database>,
  claim: string,
  failure: { error: string; retryAt: string | null },
): Promise<void> {
  await db
    .updateTable("security_notices")
    .set((eb) => ({
      state: failure.retryAt ? "pending" : "failed",
      attempts: eb("attempts", "+", 1),
      next_attempt_at: failure.retryAt ?? eb.ref("next_attempt_at"),
      claim: null,
      claimed_until: null,
      last_error: failure.error.slice(0, 500),
    }))
    .where("claim", "=", claim)
    .execute();
}

/** Deletes sent and given-up notices older than `before`; returns how many. */
export async function pruneNotices(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom("security_notices")
    .where("state", "in", ["sent", "failed"])
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
