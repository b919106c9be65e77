import { sql, type Kysely } from "kysely";
import { currentRequest } from "../request-context";
import { compiledOnce, nestedRows, parseNested } from "./nested";
import { openChangesQuery, type OpenChangeRow } from "./profile-changes";
import type { Database } from "./schema";

const profileUpdate = compiledOnce(
  9,
  (
    db,
    engine,
    id: string,
    version: number,
    next: number,
    profile: string,
    now: string,
    detail: string,
    ip: string | null,
    userAgent: string | null,
    maxAttempts: number,
  ) =>
    db
      .with("updated", (qb) =>
        qb.updateTable("users").set({ profile, updated_at: now, version: next }).where("id", "=", id).where("version", "=", version).returning("id"),
      )
      .with("audited", (qb) =>
        qb
          .insertInto("audit_events")
          .columns(["user_id", "action", "detail", "created_at", "ip", "user_agent"])
          .expression((eb) =>
            eb
              .selectFrom("updated")
              .select([
                "updated.id",
                eb.val("profile.updated").as("action"),
                eb.val(detail).as("detail"),
                eb.val(now).as("created_at"),
                eb.val(ip).as("ip"),
                eb.val(userAgent).as("user_agent"),
              ]),
          ),
      )
      .selectFrom("updated")
      .select(nestedRows(engine, openChangesQuery(db, sql.ref<string>("updated.id"), now, maxAttempts)).as("open_changes"))
);

/**
 * PostgreSQL only (SQLite has no UPDATE inside WITH): in one statement, so one round trip and, in autocommit, one
 * commit, the profile's update if the row is still at `expectedVersion`, its `profile.updated` audit row, and the
 * user's open address changes (as findUserWithOpenChanges lists them). The audit row is inserted only if the update
 * applied, so of any number of writers holding the same version exactly one succeeds and no audit row tells of a
 * lost one. Answers undefined when the row was not at that version (or is gone).
 */
export async function saveProfileIfVersion(
  db: Kysely<Database>,
  change: { id: string; expectedVersion: number; profile: string; fields: string[]; now: string; maxAttempts: number },
): Promise<{ openChanges: OpenChangeRow[] } | undefined> {
  const request = currentRequest();
  const { id, expectedVersion, profile, fields, now, maxAttempts } = change;
  const detail = JSON.stringify({ fields });
  const args = [id, expectedVersion, expectedVersion + 1, profile, now, detail, request?.ip ?? null, request?.userAgent ?? null, maxAttempts] as const;
  const [row] = (await profileUpdate(db, "postgres", ...args)).rows;
  return row && { openChanges: parseNested(row.open_changes) };
}
