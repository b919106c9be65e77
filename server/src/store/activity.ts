import type { Kysely, Selectable } from "kysely";
import type { AuditEventsTable, Database } from "./schema";

export type AuditEventRow = Selectable<AuditEventsTable>;

/**
 * The user's events of `actions`, newest first: at most `limit`, below the id `before` when given, none older than
 * `since`. Ids only grow, so a page ends where the next begins: no event is shown twice or skipped.
 */
export function listUserEvents(
  db: Kysely<Database>,
  userId: string,
  options: { actions: readonly string[]; limit: number; before?: number; since: string },
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom("audit_events")
    .selectAll()
    .where("user_id", "=", userId)
    .where("action", "in", options.actions)
    .where("created_at", ">=", options.since);
  if (options.before !== undefined) query = query.where("id", "<", options.before);
  return query.orderBy("id", "desc").limit(options.limit).execute();
}

/**
 * Deletes up to `batch` events older than `before`, oldest first; returns how many. Small batches keep each
 * delete's transaction short, so requests writing beside it hardly wait.
 */
export async function pruneEventsBefore(db: Kysely<Database>, before: string, batch: number): Promise<number> {
  const old = db.selectFrom("audit_events").select("id").where("created_at", "<", before).orderBy("created_at").limit(batch);
  const result = await db.deleteFrom("audit_events").where("id", "in", old).executeTakeFirst();
  return Number(result.numDeletedRows);
}
