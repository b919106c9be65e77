import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, OutboxTable } from "./schema";

export type OutboxRow = Selectable<OutboxTable>;

export async function insertOutboxMessage(db: Kysely<Database>, message: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto("outbox").values(message).execute();
}

/** The newest messages that `owner`'s requests sent (everyone's without `owner`), newest first. */
export function listOutboxMessages(db: Kysely<Database>, owner?: string, limit = 50): Promise<OutboxRow[]> {
  let query = db.selectFrom("outbox").selectAll();
  if (owner !== undefined) query = query.where("owner", "=", owner);
  return query.orderBy("id", "desc").limit(limit).execute();
}
