import type { Kysely, Selectable, Transaction, Updateable } from "kysely";
import { currentRequest } from "../request-context";
import type { Database, UsersTable } from "./schema";

export type UserRow = Selectable<UsersTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** The stored profile document of a row, from either engine's representation. */
export function profileDocumentOf(row: Pick<UserRow, "profile">): Record<string, unknown> {
  return typeof row.profile === "string" ? (JSON.parse(row.profile) as Record<string, unknown>) : { ...row.profile };
}

export function findUserBySubject(db: Db, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("subject", "=", subject).executeTakeFirst();
}

/** Inserts the user unless one with this subject exists (two first visits at once make one row). */
export async function insertUserIfMissing(
  db: Db,
  user: { id: string; subject: string; username: string; now: string },
): Promise<boolean> {
  const result = await db
    .insertInto("users")
    .values({
      id: user.id,
      subject: user.subject,
      username: user.username,
      profile: "{}",
      mfa_enabled: 0,
      version: 1,
      created_at: user.now,
      updated_at: user.now,
    })
    .onConflict((oc) => oc.column("subject").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Applies the change only if the row is still at `expectedVersion`; returns whether it did. */
export async function updateUserIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Updateable<UsersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ ...changes, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUsername(db: Db, id: string, username: string): Promise<void> {
  await db.updateTable("users").set({ username }).where("id", "=", id).execute();
}

/** The user's MFA switch. */
export async function setMfaEnabled(db: Db, id: string, enabled: boolean): Promise<void> {
  await db.updateTable("users").set({ mfa_enabled: enabled ? 1 : 0 }).where("id", "=", id).execute();
}

/** Remembers the language the person's widget speaks (security notices are written in it). */
export async function setUserLocale(db: Db, id: string, locale: string): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", id).execute();
}

/**
 * Records a security event, with the client's address and User-Agent when it happens inside a request (the request
 * context, server/src/request-context.ts); `detail` names fields and devices, never values, codes or secrets.
 */
export async function insertAuditEvent(
  db: Db,
  event: { userId: string; action: string; detail: Record<string, unknown>; now: string },
): Promise<void> {
  const request = currentRequest();
  await db
    .insertInto("audit_events")
    .values({
      user_id: event.userId,
      action: event.action,
      detail: JSON.stringify(event.detail),
      created_at: event.now,
      ip: request?.ip ?? null,
      user_agent: request?.userAgent ?? null,
    })
    .execute();
}
